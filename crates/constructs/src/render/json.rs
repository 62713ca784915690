//! JSON output: intrinsics in their long form, `{"Fn::GetAtt": [id, attr]}`.

use crate::node::Node;

pub(super) fn render(node: &Node) -> String {
    let mut out = serde_json::to_string_pretty(&to_json(node))
        .expect("a tree of strings, numbers and maps always serializes");
    out.push('\n');
    out
}

fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match node {
        Node::Null => J::Null,
        Node::Bool(b) => J::Bool(*b),
        Node::Int(i) => J::from(*i),
        Node::Float(f) => match super::integral(*f) {
            Some(i) => J::from(i),
            None => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        },
        Node::Str(s) => J::String(s.to_string()),
        Node::List(items) => J::Array(items.iter().map(to_json).collect()),
        Node::Map(fields) => J::Object(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), to_json(v)))
                .collect(),
        ),
        Node::Fn(function, arg) => {
            let mut object = serde_json::Map::new();
            object.insert(function.long_name().to_string(), to_json(arg));
            J::Object(object)
        }
    }
}
