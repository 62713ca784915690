//! Tags: every taggable resource carries `askedgi:tenant`, so cost reports,
//! access reviews and clean-ups can find one tenant's resources; network
//! resources also get the `Name` the EC2 console lists them by.

use constructs::{KeyValueTag, List, Tags, Value};

use super::names::Names;

/// The tag key naming the tenant a resource belongs to.
pub const TENANT_TAG_KEY: &str = "askedgi:tenant";

/// `askedgi:tenant: <tenant>`: the tenant's scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new().with(TENANT_TAG_KEY, names.tenant())
}

/// [`tags`] as the tag list of any resource type.
pub fn tenant<T: KeyValueTag>(names: &Names) -> Option<Value<List<T>>> {
    Some(tags(names).to_list())
}

/// `Name: <name>` and `askedgi:tenant: <tenant>`.
pub fn named<T: KeyValueTag>(names: &Names, name: String) -> Option<Value<List<T>>> {
    Some(tags(names).before("Name", name).to_list())
}
