//! Property values: a literal or an intrinsic function, at every level.
//!
//! CloudFormation lets any property be computed (`!Ref`, `!GetAtt`, `!If`,
//! ...). Peers either type properties as plain Rust values (so an integer
//! field cannot hold `!Ref Port`) or give up types where an intrinsic may
//! appear. [`Value<T>`] keeps both: a property typed `Value<i64>` takes `30`
//! or an [`Expr<i64>`], never a string.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;

use crate::node::{Node, ToNode};

/// A list property: the list itself may be an intrinsic (`!GetAZs`,
/// `!Split`, a `List<...>` parameter) and so may each element.
pub type List<T> = Vec<Value<T>>;

/// A map property with free-form keys (tags as a map, log driver options).
pub type Map<T> = IndexMap<String, Value<T>>;

/// An intrinsic function call that CloudFormation evaluates to a `T`.
///
/// Only this crate creates expressions (through [`fns`](crate::fns),
/// [`pseudo`](crate::pseudo) and handles), so the type parameter is a promise
/// about what the function returns, checked where the expression is used.
pub struct Expr<T> {
    node: Node,
    returns: PhantomData<fn() -> T>,
}

impl<T> Expr<T> {
    pub(crate) fn new(node: Node) -> Self {
        Expr {
            node,
            returns: PhantomData,
        }
    }

    pub(crate) fn node(&self) -> &Node {
        &self.node
    }

    pub(crate) fn into_node(self) -> Node {
        self.node
    }
}

impl<T> Clone for Expr<T> {
    fn clone(&self) -> Self {
        Expr::new(self.node.clone())
    }
}

impl<T> fmt::Debug for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expr").field(&self.node).finish()
    }
}

impl<T> PartialEq for Expr<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T> ToNode for Expr<T> {
    fn to_node(&self) -> Node {
        self.node.clone()
    }
}

/// A property value: a literal `T` or an expression evaluating to a `T`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T> {
    /// A value written out in the template, e.g. `30` or `"gp3"`.
    Literal(T),
    /// An intrinsic function CloudFormation evaluates at deploy time.
    Expr(Expr<T>),
}

impl<T> Value<T> {
    /// The literal, when this value is one; tests use it to assert on the
    /// model without rendering.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Value::Literal(value) => Some(value),
            Value::Expr(_) => None,
        }
    }
}

impl<T: ToNode> ToNode for Value<T> {
    fn to_node(&self) -> Node {
        match self {
            Value::Literal(value) => value.to_node(),
            Value::Expr(expr) => expr.node().clone(),
        }
    }
}

/// A type that can stand in a template as a literal: primitives, lists,
/// maps, JSON, policy documents and the generated property types and enums.
///
/// Only literals convert into a [`Value`] directly. An [`Expr`] is not one,
/// which keeps `Expr<String>` from also looking like a `Value<Expr<String>>`
/// and lets generic functions such as [`fns::if_`](crate::fns::if_) infer
/// their type from their arguments.
///
/// A property type is a literal, so it converts into its `Value`:
///
/// ```
/// use constructs::{aws::s3::bucket, Value};
/// let versioning = bucket::VersioningConfiguration::new(bucket::VersioningConfigurationStatus::Enabled);
/// let _: Value<bucket::VersioningConfiguration> = versioning.into();
/// ```
///
/// A resource type is not: a resource is never a property value, and its
/// properties are reached through a handle.
///
/// ```compile_fail
/// use constructs::{aws::s3, Value};
/// let _: Value<s3::Bucket> = s3::Bucket::default().into();
/// ```
pub trait Literal {}

impl Literal for String {}
impl Literal for i64 {}
impl Literal for f64 {}
impl Literal for bool {}
impl<T> Literal for Vec<Value<T>> {}
impl<T> Literal for IndexMap<String, Value<T>> {}
impl Literal for crate::json::Json {}
impl Literal for crate::iam::PolicyDocument {}
/// A property type that holds itself (through another) sits behind a box.
impl<T: Literal> Literal for Box<T> {}

impl<T: Literal> From<T> for Value<T> {
    fn from(value: T) -> Self {
        Value::Literal(value)
    }
}

impl<T> From<Expr<T>> for Value<T> {
    fn from(expr: Expr<T>) -> Self {
        Value::Expr(expr)
    }
}

impl<T> From<&Expr<T>> for Value<T> {
    fn from(expr: &Expr<T>) -> Self {
        Value::Expr(expr.clone())
    }
}

impl From<&str> for Value<String> {
    fn from(value: &str) -> Self {
        Value::Literal(value.to_string())
    }
}

impl From<&String> for Value<String> {
    fn from(value: &String) -> Self {
        Value::Literal(value.clone())
    }
}

impl<T> From<Vec<T>> for Value<List<T>> {
    fn from(items: Vec<T>) -> Self {
        Value::Literal(items.into_iter().map(Value::Literal).collect())
    }
}

impl From<Vec<&str>> for Value<List<String>> {
    fn from(items: Vec<&str>) -> Self {
        Value::Literal(items.into_iter().map(Value::from).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Value<List<String>> {
    fn from(items: [&str; N]) -> Self {
        Value::Literal(items.into_iter().map(Value::from).collect())
    }
}

impl<T> From<Vec<Expr<T>>> for Value<List<T>> {
    fn from(items: Vec<Expr<T>>) -> Self {
        Value::Literal(items.into_iter().map(Value::Expr).collect())
    }
}

/// Builds a [`Map`] from string pairs, e.g. log driver options.
pub fn map<K: Into<String>, V: Into<Value<String>>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Value<Map<String>> {
    Value::Literal(
        pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect(),
    )
}
