//! Tags: every taggable resource carries `schedules:system`, so cost
//! reports, access reviews and clean-ups can find one system's resources;
//! network resources also get the `Name` the EC2 console lists them by.

use constructs::{KeyValueTag, List, Tags, Value};

use super::names::Names;

/// The tag key naming the system a resource belongs to.
pub const SYSTEM_TAG_KEY: &str = "schedules:system";

/// `schedules:system: <system>`: the system's scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new().with(SYSTEM_TAG_KEY, names.system())
}

/// [`tags`] as the tag list of any resource type.
pub fn system<T: KeyValueTag>(names: &Names) -> Option<Value<List<T>>> {
    Some(tags(names).to_list())
}
