//! The tags every resource of a deployment carries, so its resources can
//! be found and costed together: `datafi:deployment: <name>`, plus `Name`
//! where the console shows it.

use constructs::{List, Value};

use crate::shared::tags::list;

/// The tag key that names the deployment.
pub const DEPLOYMENT_TAG_KEY: &str = "datafi:deployment";

/// `datafi:deployment: <deployment>`.
pub fn deployment<T>(
    deployment: &str,
    tag: impl Fn(String, String) -> T,
) -> Option<Value<List<T>>> {
    list([(DEPLOYMENT_TAG_KEY, deployment.to_string())], tag)
}

/// `Name: <name>` and the deployment tag.
pub fn named<T>(
    deployment: &str,
    name: String,
    tag: impl Fn(String, String) -> T,
) -> Option<Value<List<T>>> {
    list(
        [("Name", name), (DEPLOYMENT_TAG_KEY, deployment.to_string())],
        tag,
    )
}
