//! Rules: assertions CloudFormation checks on the parameters and pseudo
//! parameters before it creates or changes anything, e.g. that a template
//! written for one account and region is deployed there.
//!
//! A rule's assertions are [`Condition`]s over parameters and pseudo
//! parameters only; resources do not exist yet when rules run, and
//! synthesis refuses a rule that names one.

use crate::condition::Condition;
use crate::node::{Node, ToNode};

/// A named rule: when `when` holds (always, without one), every assertion
/// must hold, or the deploy fails with the assertion's description.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    when: Option<Condition>,
    assertions: Vec<(Condition, String)>,
}

impl Rule {
    /// A rule that always applies.
    pub fn new() -> Self {
        Rule {
            when: None,
            assertions: Vec::new(),
        }
    }

    /// Apply the rule only when `condition` holds (`RuleCondition`).
    pub fn when(mut self, condition: Condition) -> Self {
        self.when = Some(condition);
        self
    }

    /// Require `condition`; `description` is what the failed deploy says.
    pub fn assert(mut self, condition: Condition, description: &str) -> Self {
        self.assertions.push((condition, description.to_string()));
        self
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.assertions.is_empty()
    }

    /// The rule condition and every assertion, for operand-count checks.
    pub(crate) fn conditions(&self) -> impl Iterator<Item = &Condition> {
        self.when
            .iter()
            .chain(self.assertions.iter().map(|(condition, _)| condition))
    }
}

impl Default for Rule {
    fn default() -> Self {
        Self::new()
    }
}

impl ToNode for Rule {
    fn to_node(&self) -> Node {
        let mut fields = Vec::new();
        if let Some(condition) = &self.when {
            fields.push(("RuleCondition".into(), condition.to_node()));
        }
        let assertions = self
            .assertions
            .iter()
            .map(|(condition, description)| {
                Node::Map(vec![
                    ("Assert".into(), condition.to_node()),
                    (
                        "AssertDescription".into(),
                        Node::Str(description.clone().into()),
                    ),
                ])
            })
            .collect();
        fields.push(("Assertions".into(), Node::List(assertions)));
        Node::Map(fields)
    }
}
