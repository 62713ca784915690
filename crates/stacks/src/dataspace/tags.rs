//! The tags every resource of the system carries, so each environment's
//! resources can be found and costed together.

use constructs::Tags;

use super::names::Names;

/// `dataspace:stack: <name>-<env>` and `dataspace:environment: <env>`: the
/// scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new()
        .with("dataspace:stack", names.prefix())
        .with("dataspace:environment", names.environment().as_str())
}
