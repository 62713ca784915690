//! The tags every resource of the system carries, so each environment's
//! resources can be found and costed together.

use constructs::{List, Value};

use super::names::Names;
use crate::shared::tags::list;

/// `system: <name>-<env>` and `environment: <env>`.
pub fn standard<T>(names: &Names, tag: impl Fn(String, String) -> T) -> Option<Value<List<T>>> {
    list(
        [
            ("dataspace:stack", names.prefix()),
            (
                "dataspace:environment",
                names.environment().as_str().to_string(),
            ),
        ],
        tag,
    )
}
