//! Tags: every taggable resource carries `askedgi:tenant`, so cost reports,
//! access reviews and clean-ups can find one tenant's resources; network
//! resources also get the `Name` the EC2 console lists them by
//! (`Scope::named_list`).

use constructs::Tags;

use super::names::Names;

/// The tag key naming the tenant a resource belongs to.
const TENANT_TAG_KEY: &str = "askedgi:tenant";

/// `askedgi:tenant: <tenant>`: the tenant's scope's tags.
pub fn tags(names: &Names) -> Tags {
    Tags::new().with(TENANT_TAG_KEY, names.tenant())
}
