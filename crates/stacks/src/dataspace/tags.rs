//! The tags every resource of the system carries, so each environment's
//! resources can be found and costed together.

use constructs::{List, Value};

use super::names::Names;
use crate::shared::tags::list;

/// `dataspace:stack: <name>-<env>` and `dataspace:environment: <env>`.
pub fn pairs(names: &Names) -> [(&'static str, String); 2] {
    [
        ("dataspace:stack", names.prefix()),
        (
            "dataspace:environment",
            names.environment().as_str().to_string(),
        ),
    ]
}

/// [`pairs`] as the tag list of the type `tag` builds.
pub fn standard<T>(names: &Names, tag: impl Fn(String, String) -> T) -> Option<Value<List<T>>> {
    list(pairs(names), tag)
}
