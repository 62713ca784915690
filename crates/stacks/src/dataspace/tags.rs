//! The tags every resource of the system carries, so each environment's
//! resources can be found and costed together.

use constructs::{KeyValueTag, List, Tags, Value};

use super::names::Names;

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

/// [`pairs`] as [`Tags`]: the scope's tags.
pub fn tags(names: &Names) -> Tags {
    pairs(names).into_iter().collect()
}

/// [`pairs`] as the tag list of any resource type.
pub fn standard<T: KeyValueTag>(names: &Names) -> Option<Value<List<T>>> {
    Some(tags(names).to_list())
}
