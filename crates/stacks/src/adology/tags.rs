//! The tag every resource of the platform carries: `adology:system`.

use constructs::Tags;

use super::names::Names;

const SYSTEM_TAG_KEY: &str = "adology:system";

/// `adology:system: <name>`: the scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new().with(SYSTEM_TAG_KEY, names.system())
}
