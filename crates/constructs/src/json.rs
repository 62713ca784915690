//! Free-form JSON properties (`EventPattern`, `RedrivePolicy`, dashboards'
//! bodies), which may still embed intrinsics anywhere inside.
//!
//! The schemas type these as `object` with no declared shape. Peers expose
//! them as `serde_json::Value`, which cannot hold `!Ref`; [`Json`] can, and
//! converts from `serde_json::Value` for the literal parts.

use crate::node::{Node, ToNode};
use crate::value::Expr;

/// A JSON document whose leaves may be intrinsic functions.
#[derive(Debug, Clone, PartialEq)]
pub struct Json(Node);

impl Json {
    /// An object from key/value pairs, in the given order.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Json)>) -> Self {
        Json(Node::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into().into(), v.0))
                .collect(),
        ))
    }

    /// An array of JSON values.
    pub fn array(items: impl IntoIterator<Item = Json>) -> Self {
        Json(Node::List(items.into_iter().map(|item| item.0).collect()))
    }
}

impl ToNode for Json {
    fn to_node(&self) -> Node {
        self.0.clone()
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        Json(from_serde(value))
    }
}

impl From<&str> for Json {
    fn from(value: &str) -> Self {
        Json(Node::Str(value.to_string().into()))
    }
}

impl From<String> for Json {
    fn from(value: String) -> Self {
        Json(Node::Str(value.into()))
    }
}

impl From<i64> for Json {
    fn from(value: i64) -> Self {
        Json(Node::Int(value))
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Self {
        Json(Node::Bool(value))
    }
}

impl<T> From<Expr<T>> for Json {
    fn from(expr: Expr<T>) -> Self {
        Json(expr.into_node())
    }
}

fn from_serde(value: serde_json::Value) -> Node {
    use serde_json::Value as J;
    match value {
        J::Null => Node::Null,
        J::Bool(b) => Node::Bool(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Node::Int(i),
            None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Node::Str(s.into()),
        J::Array(items) => Node::List(items.into_iter().map(from_serde).collect()),
        J::Object(fields) => Node::Map(
            fields
                .into_iter()
                .map(|(k, v)| (k.into(), from_serde(v)))
                .collect(),
        ),
    }
}
