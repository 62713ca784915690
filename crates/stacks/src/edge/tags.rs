//! The tags every resource of a deployment carries, so its resources can
//! be found and costed together: `datafi:deployment: <name>`, plus `Name`
//! where the console shows it (`Scope::named_list`).

use constructs::Tags;

/// The tag key that names the deployment.
const DEPLOYMENT_TAG_KEY: &str = "datafi:deployment";

/// `datafi:deployment: <deployment>`: the deployment's scope's tags.
pub fn tags(deployment: &str) -> Tags {
    Tags::new().with(DEPLOYMENT_TAG_KEY, deployment)
}
