//! Tags: every taggable resource carries `askedgi:tenant`, so cost reports,
//! access reviews and clean-ups can find one tenant's resources; network
//! resources also get the `Name` the EC2 console lists them by.
//!
//! Each generated resource type has its own tag struct, so the helpers take
//! the type's constructor.

use constructs::{List, Value};

use super::names::Names;
use crate::shared::tags::list;

/// The tag key naming the tenant a resource belongs to.
pub const TENANT_TAG_KEY: &str = "askedgi:tenant";

/// `askedgi:tenant: <tenant>`.
pub fn tenant<T>(names: &Names, tag: impl Fn(String, String) -> T) -> Option<Value<List<T>>> {
    list([(TENANT_TAG_KEY, names.tenant().to_string())], tag)
}

/// `Name: <name>` and `askedgi:tenant: <tenant>`.
pub fn named<T>(
    names: &Names,
    name: String,
    tag: impl Fn(String, String) -> T,
) -> Option<Value<List<T>>> {
    list(
        [("Name", name), (TENANT_TAG_KEY, names.tenant().to_string())],
        tag,
    )
}
