//! The example stacks `cargo xtask deploy-test` deploys, updates and
//! deletes against moto, each with the parameters for both deploys and,
//! when the update changes the stack's shape (say a config adds a
//! process), the template to update to.

use indexmap::IndexMap;

use constructs::Template;

use crate::error::StackError;

/// One stack to deploy in CI.
pub struct Example {
    /// File-name-safe label, e.g. `tenant-acme`.
    pub name: String,
    pub stack_name: String,
    pub template: Template,
    /// The template of the update, when it differs from [`Self::template`]
    /// (a config change); `None` updates the same template with other
    /// parameters.
    pub update_template: Option<Template>,
    /// What must exist before the stack can deploy (a VPC, security groups
    /// the stack only references): deployed first, deleted last. moto, like
    /// CloudFormation, rejects IDs of things that do not exist.
    pub prerequisites: Option<Template>,
    /// Parameter overrides for the create.
    pub create_parameters: IndexMap<String, ParameterValue>,
    /// Overrides for the update; unless there is an update template, at
    /// least one must differ from the create's (moto fails on an update
    /// that changes nothing).
    pub update_parameters: IndexMap<String, ParameterValue>,
}

/// A parameter value for a deploy-test deploy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterValue {
    Literal(String),
    /// The value of this output of the example's prerequisites stack.
    PrerequisiteOutput(&'static str),
    /// The ID of the region's default VPC, which a template cannot look up.
    DefaultVpcId,
    /// The ID of a default subnet of the default VPC (the first by
    /// availability zone): a public subnet, as its route table sends
    /// 0.0.0.0/0 to the internet gateway.
    DefaultSubnetId,
    /// Two default subnets of the default VPC, in two availability zones,
    /// comma-separated as a `List<AWS::EC2::Subnet::Id>` parameter takes
    /// them.
    DefaultSubnetIds,
}

/// Overrides by parameter name, in the order given.
pub fn parameters(
    pairs: impl IntoIterator<Item = (&'static str, ParameterValue)>,
) -> IndexMap<String, ParameterValue> {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

/// The image tag the update of an example that runs images deploys, as a
/// pipeline's second deploy would after pushing it.
pub const UPDATE_IMAGE_TAG: &str = "0a1b2c3";

/// How each example is built, in a fixed order; benchmarks time them one
/// at a time.
pub const BUILDERS: &[fn() -> Result<Example, StackError>] = &[
    crate::tenant::example,
    crate::schedules::example,
    crate::edge::example,
    crate::edge::minimal_example,
    crate::dataspace::example,
    crate::adology::example,
];

/// Every example stack, in a fixed order.
pub fn all() -> Result<Vec<Example>, StackError> {
    BUILDERS.iter().map(|build| build()).collect()
}
