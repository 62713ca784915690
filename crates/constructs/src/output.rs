//! Outputs: the values a stack hands to people and to other stacks.

use crate::condition::ConditionHandle;
use crate::logical_id::LogicalId;
use crate::node::{Node, ToNode};
use crate::value::Value;

/// A stack output, optionally exported for `Fn::ImportValue` in other stacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub(crate) id: String,
    value: Node,
    description: Option<String>,
    export_name: Option<Node>,
    condition: Option<LogicalId>,
}

impl Output {
    /// An output under the logical ID `id`; the ID is validated when the
    /// output is added to a template. CloudFormation outputs are strings.
    pub fn new(id: &str, value: impl Into<Value<String>>) -> Self {
        Output {
            id: id.to_string(),
            value: value.into().to_node(),
            description: None,
            export_name: None,
            condition: None,
        }
    }

    /// What the value is, shown beside it in the console and
    /// `describe-stacks`.
    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_string());
        self
    }

    /// Export the value under a region-unique name, usually derived from the
    /// stack name: `fns::sub("${AWS::StackName}-BucketName")`.
    pub fn export(mut self, name: impl Into<Value<String>>) -> Self {
        self.export_name = Some(name.into().to_node());
        self
    }

    /// Declare the output only when `condition` holds, e.g. when the
    /// resource it reads is conditional too.
    pub fn condition(mut self, condition: &ConditionHandle) -> Self {
        self.condition = Some(condition.id().clone());
        self
    }

    pub(crate) fn condition_id(&self) -> Option<&LogicalId> {
        self.condition.as_ref()
    }
}

impl ToNode for Output {
    fn to_node(&self) -> Node {
        let mut fields = Vec::new();
        if let Some(text) = &self.description {
            fields.push(("Description".into(), Node::Str(text.clone().into())));
        }
        if let Some(id) = &self.condition {
            fields.push(("Condition".into(), Node::Str(id.to_string().into())));
        }
        fields.push(("Value".into(), self.value.clone()));
        if let Some(name) = &self.export_name {
            fields.push((
                "Export".into(),
                Node::Map(vec![("Name".into(), name.clone())]),
            ));
        }
        Node::Map(fields)
    }
}
