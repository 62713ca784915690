//! The tag every resource of the platform carries: `adology:system`.

use constructs::{KeyValueTag, List, Tags, Value};

use super::names::Names;

pub const SYSTEM_TAG_KEY: &str = "adology:system";

/// `adology:system: <name>`.
pub fn pairs(names: &Names) -> [(&'static str, String); 1] {
    [(SYSTEM_TAG_KEY, names.system().to_string())]
}

/// [`pairs`] as [`Tags`]: the scope's tags.
pub fn tags(names: &Names) -> Tags {
    pairs(names).into_iter().collect()
}

/// [`pairs`] as the tag list of any resource type.
pub fn standard<T: KeyValueTag>(names: &Names) -> Option<Value<List<T>>> {
    Some(tags(names).to_list())
}
