//! The example stacks `cargo xtask deploy-test` deploys, updates and
//! deletes against moto, each with the parameters for both deploys.

use indexmap::IndexMap;

use constructs::Template;

use crate::error::StackError;

/// One stack to deploy in CI.
pub struct Example {
    /// File-name-safe label, e.g. `tenant-acme`.
    pub name: String,
    pub stack_name: String,
    pub template: Template,
    /// What must exist before the stack can deploy (a VPC, security groups
    /// the stack only references): deployed first, deleted last. moto, like
    /// CloudFormation, rejects IDs of things that do not exist.
    pub prerequisites: Option<Template>,
    /// Parameter overrides for the create.
    pub create_parameters: IndexMap<String, ParameterValue>,
    /// Overrides for the update; at least one must differ from the create's.
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
}

/// How each example is built, in a fixed order; benchmarks time them one
/// at a time.
pub const BUILDERS: &[fn() -> Result<Example, StackError>] = &[crate::tenant::example];

/// Every example stack, in a fixed order.
pub fn all() -> Result<Vec<Example>, StackError> {
    BUILDERS.iter().map(|build| build()).collect()
}
