//! CloudWatch Logs groups as every stack makes them: named, so the
//! console and runbooks can point at them, with a retention period, so
//! logs do not pile up forever.

use constructs::aws::logs;
use constructs::{List, Value};

use super::RetentionDays;

/// A log group `name` keeping its events `retention` long.
pub fn log_group(
    name: String,
    retention: RetentionDays,
    tags: Option<Value<List<logs::log_group::Tag>>>,
) -> logs::LogGroup {
    logs::LogGroup {
        tags,
        ..logs::LogGroup::default()
            .log_group_name(name)
            .retention_in_days(i64::from(retention.days()))
    }
}
