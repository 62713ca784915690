//! Conditions: named boolean expressions over parameters that switch
//! resources, properties and outputs on and off.

use crate::logical_id::LogicalId;
use crate::node::{Function, Node, ToNode};
use crate::value::{List, Value};

/// A condition function: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, or a
/// reference to another named condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `Fn::Equals`: the two values compared, already lowered.
    Equals(Node, Node),
    /// `Fn::And`: 2 to 10 conditions that must all hold.
    And(Vec<Condition>),
    /// `Fn::Or`: 2 to 10 conditions of which one must hold.
    Or(Vec<Condition>),
    /// `Fn::Not`: the condition must not hold.
    Not(Box<Condition>),
    /// `Condition`: the named condition of the template, by its logical ID.
    Named(LogicalId),
    /// `Fn::Contains`, `Fn::EachMemberEquals` or `Fn::EachMemberIn`: the
    /// assertions only [`Rule`](crate::Rule)s may make, with their two
    /// operands lowered.
    RuleFunction(Function, Node, Node),
}

/// CloudFormation's bounds on the operands of `Fn::And` and `Fn::Or`.
pub(crate) const MIN_OPERANDS: usize = 2;
pub(crate) const MAX_OPERANDS: usize = 10;

impl Condition {
    /// True when both sides are equal (typically a parameter and a literal).
    pub fn equals<T: ToNode>(left: impl Into<Value<T>>, right: impl Into<Value<T>>) -> Self {
        Condition::Equals(left.into().to_node(), right.into().to_node())
    }

    /// True when all of 2 to 10 conditions hold.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::And(conditions.into_iter().collect())
    }

    /// True when any of 2 to 10 conditions holds.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::Or(conditions.into_iter().collect())
    }

    /// True when `condition` does not hold.
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Self {
        Condition::Not(Box::new(condition))
    }

    /// Operand-count errors of this condition or any nested one.
    pub(crate) fn arity_error(&self) -> Option<String> {
        match self {
            Condition::And(items) | Condition::Or(items) => {
                let name = if matches!(self, Condition::And(_)) {
                    "Fn::And"
                } else {
                    "Fn::Or"
                };
                if !(MIN_OPERANDS..=MAX_OPERANDS).contains(&items.len()) {
                    return Some(format!(
                        "{name} takes {MIN_OPERANDS} to {MAX_OPERANDS} conditions, got {}",
                        items.len()
                    ));
                }
                items.iter().find_map(Condition::arity_error)
            }
            Condition::Not(inner) => inner.arity_error(),
            Condition::Equals(..) | Condition::Named(_) | Condition::RuleFunction(..) => None,
        }
    }
}

impl Condition {
    /// Rules only: whether `list` holds `value` (`Fn::Contains`).
    pub fn contains(list: impl Into<Value<List<String>>>, value: impl Into<Value<String>>) -> Self {
        Condition::RuleFunction(
            Function::Contains,
            list.into().to_node(),
            value.into().to_node(),
        )
    }

    /// Rules only: whether every item of `list` equals `value`
    /// (`Fn::EachMemberEquals`).
    pub fn each_member_equals(
        list: impl Into<Value<List<String>>>,
        value: impl Into<Value<String>>,
    ) -> Self {
        Condition::RuleFunction(
            Function::EachMemberEquals,
            list.into().to_node(),
            value.into().to_node(),
        )
    }

    /// Rules only: whether every item of `list` is one of `allowed`
    /// (`Fn::EachMemberIn`).
    pub fn each_member_in(
        list: impl Into<Value<List<String>>>,
        allowed: impl Into<Value<List<String>>>,
    ) -> Self {
        Condition::RuleFunction(
            Function::EachMemberIn,
            list.into().to_node(),
            allowed.into().to_node(),
        )
    }
}

impl From<&ConditionHandle> for Condition {
    fn from(handle: &ConditionHandle) -> Self {
        Condition::Named(handle.id.clone())
    }
}

impl ToNode for Condition {
    fn to_node(&self) -> Node {
        let call = |function, arg| Node::Fn(function, Box::new(arg));
        match self {
            Condition::Equals(left, right) => call(
                Function::Equals,
                Node::List(vec![left.clone(), right.clone()]),
            ),
            Condition::And(items) => call(Function::And, items.to_node()),
            Condition::Or(items) => call(Function::Or, items.to_node()),
            Condition::Not(inner) => call(Function::Not, Node::List(vec![inner.to_node()])),
            Condition::Named(id) => call(Function::Condition, Node::Str(id.to_string().into())),
            Condition::RuleFunction(function, left, right) => {
                call(*function, Node::List(vec![left.clone(), right.clone()]))
            }
        }
    }
}

/// A condition that was added to a template; resources, outputs and
/// `Fn::If` take it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionHandle {
    id: LogicalId,
}

impl ConditionHandle {
    pub(crate) fn new(id: LogicalId) -> Self {
        ConditionHandle { id }
    }

    /// The condition's logical ID, as resources and outputs name it.
    pub fn id(&self) -> &LogicalId {
        &self.id
    }
}
