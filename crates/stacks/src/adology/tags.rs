//! The tag every resource of the platform carries: `adology:system`.

use constructs::{List, Value};

use super::names::Names;
use crate::shared::tags::list;

pub const SYSTEM_TAG_KEY: &str = "adology:system";

/// `adology:system: <name>`.
pub fn pairs(names: &Names) -> [(&'static str, String); 1] {
    [(SYSTEM_TAG_KEY, names.system().to_string())]
}

/// [`pairs`] as the tag list of the type `tag` builds.
pub fn standard<T>(names: &Names, tag: impl Fn(String, String) -> T) -> Option<Value<List<T>>> {
    list(pairs(names), tag)
}
