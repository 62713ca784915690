//! The config rule for a PostgreSQL size (`patterns::postgres` builds the
//! database): storage autoscaling needs room above the allocated storage.

use patterns::postgres::PostgresSize;

use framework::config::{problem, Problem};

/// What is wrong with `size`, given at `at` (the JSON pointer of its
/// config section).
pub fn size_problems(size: &PostgresSize, at: &str) -> Vec<Problem> {
    if size.max_allocated_storage_gib > size.allocated_storage_gib {
        return Vec::new();
    }
    vec![problem(
        &format!("{at}/maxAllocatedStorageGiB"),
        size.max_allocated_storage_gib,
        format!(
            "must be more than allocatedStorageGiB ({} GiB), or storage autoscaling cannot \
             grow the database",
            size.allocated_storage_gib
        ),
    )]
}
