//! The example stacks `cargo xtask deploy-test` deploys, updates and
//! deletes against moto, each with the parameters for both deploys and,
//! when the update changes the stack's shape (say a config adds a
//! process), the template to update to.

use indexmap::IndexMap;

use constructs::Template;

use crate::error::StackError;
use crate::stack::AnyStack;

/// One stack to deploy in CI.
pub struct Example {
    /// File-name-safe label, e.g. `tenant-acme`.
    pub name: String,
    /// The CloudFormation stack name it is deployed under, as
    /// [`crate::Stack::stack_name`] gives it.
    pub stack_name: String,
    /// The template the create deploys.
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

pub use deploy_manifest::{Lookup, ParameterValue};

/// Overrides by parameter name, in the order given.
pub fn parameters(
    pairs: impl IntoIterator<Item = (&'static str, ParameterValue)>,
) -> IndexMap<String, ParameterValue> {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

/// The value of the prerequisites stack's output `name`.
pub fn prerequisite_output(name: &str) -> ParameterValue {
    ParameterValue::PrerequisiteOutput(name.to_string())
}

impl Example {
    /// Every template of the example with its file name in the examples
    /// directory: the stack's, then the update's and the prerequisites'
    /// when there are.
    pub fn templates(&self) -> Vec<(String, &Template)> {
        let mut templates = vec![(format!("{}.yaml", self.name), &self.template)];
        if let Some(update) = &self.update_template {
            templates.push((format!("{}-update.yaml", self.name), update));
        }
        if let Some(prerequisites) = &self.prerequisites {
            templates.push((format!("{}-prerequisites.yaml", self.name), prerequisites));
        }
        templates
    }

    /// The example's manifest entry, naming the files of [`Self::templates`].
    pub fn manifest_entry(&self) -> deploy_manifest::Entry {
        deploy_manifest::Entry {
            name: self.name.clone(),
            template: format!("{}.yaml", self.name),
            stack_name: self.stack_name.clone(),
            create_parameters: self.create_parameters.clone(),
            update_parameters: self.update_parameters.clone(),
            update_template: self
                .update_template
                .as_ref()
                .map(|_| format!("{}-update.yaml", self.name)),
            prerequisites: self
                .prerequisites
                .as_ref()
                .map(|_| format!("{}-prerequisites.yaml", self.name)),
        }
    }
}

/// Every example of every stack in `stacks`, in registry order.
pub fn all(stacks: &[&dyn AnyStack]) -> Result<Vec<Example>, StackError> {
    let mut examples = Vec::new();
    for stack in stacks {
        examples.extend(stack.examples()?);
    }
    Ok(examples)
}
