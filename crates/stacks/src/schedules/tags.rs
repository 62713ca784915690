//! Tags: every taggable resource carries `schedules:system`, so cost
//! reports, access reviews and clean-ups can find one system's resources;
//! network resources also get the `Name` the EC2 console lists them by.

use constructs::{List, Value};

use super::names::Names;
use crate::shared::tags::list;

/// The tag key naming the system a resource belongs to.
pub const SYSTEM_TAG_KEY: &str = "schedules:system";

/// `schedules:system: <system>`.
pub fn system<T>(names: &Names, tag: impl Fn(String, String) -> T) -> Option<Value<List<T>>> {
    list([(SYSTEM_TAG_KEY, names.system().to_string())], tag)
}

/// `Name: <name>` and `schedules:system: <system>`.
pub fn named<T>(
    names: &Names,
    name: String,
    tag: impl Fn(String, String) -> T,
) -> Option<Value<List<T>>> {
    list(
        [("Name", name), (SYSTEM_TAG_KEY, names.system().to_string())],
        tag,
    )
}
