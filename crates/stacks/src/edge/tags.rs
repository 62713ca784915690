//! The tags every resource of a deployment carries, so its resources can
//! be found and costed together: `datafi:deployment: <name>`, plus `Name`
//! where the console shows it.

use constructs::{KeyValueTag, List, Tags, Value};

/// The tag key that names the deployment.
pub const DEPLOYMENT_TAG_KEY: &str = "datafi:deployment";

/// `datafi:deployment: <deployment>`: the deployment's scope's tags.
pub fn tags(deployment: &str) -> Tags {
    Tags::new().with(DEPLOYMENT_TAG_KEY, deployment)
}

/// [`tags`] as the tag list of any resource type.
pub fn deployment<T: KeyValueTag>(deployment: &str) -> Option<Value<List<T>>> {
    Some(tags(deployment).to_list())
}

/// `Name: <name>` and the deployment tag.
pub fn named<T: KeyValueTag>(deployment: &str, name: String) -> Option<Value<List<T>>> {
    Some(tags(deployment).before("Name", name).to_list())
}
