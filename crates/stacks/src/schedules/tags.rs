//! Tags: every taggable resource carries `schedules:system`, so cost
//! reports, access reviews and clean-ups can find one system's resources;
//! network resources also get the `Name` the EC2 console lists them by
//! (`Scope::named_list`).

use constructs::Tags;

use super::names::Names;

/// The tag key naming the system a resource belongs to.
const SYSTEM_TAG_KEY: &str = "schedules:system";

/// `schedules:system: <system>`: the system's scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new().with(SYSTEM_TAG_KEY, names.system())
}
