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
/// must hold, or the deploy fails with the assertion's description, if it
/// has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    when: Option<Condition>,
    assertions: Vec<(Condition, Option<String>)>,
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
        self.assertions
            .push((condition, Some(description.to_string())));
        self
    }

    /// Require `condition` with no `AssertDescription`: a failed deploy then
    /// says only that an assertion failed. For templates that were written
    /// that way (`synth import` keeps them as they are); new rules should
    /// say what went wrong with [`Rule::assert`].
    pub fn assert_without_description(mut self, condition: Condition) -> Self {
        self.assertions.push((condition, None));
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
                let mut assertion = vec![("Assert".into(), condition.to_node())];
                if let Some(description) = description {
                    assertion.push((
                        "AssertDescription".into(),
                        Node::Str(description.clone().into()),
                    ));
                }
                Node::Map(assertion)
            })
            .collect();
        fields.push(("Assertions".into(), Node::List(assertions)));
        Node::Map(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pseudo;

    fn keys(assertion: &Node) -> Vec<&str> {
        let Node::Map(fields) = assertion else {
            panic!("{assertion:?}")
        };
        fields.iter().map(|(key, _)| key.as_ref()).collect()
    }

    #[test]
    fn an_assertion_without_description_writes_none() {
        let in_us_east_1 = Condition::equals(pseudo::region(), "us-east-1");
        let rule = Rule::new()
            .assert(in_us_east_1.clone(), "deploy to us-east-1")
            .assert_without_description(in_us_east_1);
        let Node::Map(fields) = rule.to_node() else {
            panic!()
        };
        let Node::List(assertions) = &fields[0].1 else {
            panic!("{fields:?}")
        };
        assert_eq!(keys(&assertions[0]), ["Assert", "AssertDescription"]);
        assert_eq!(keys(&assertions[1]), ["Assert"]);
    }
}
