//! Property: whatever tree the model lowers to, the YAML renderer's output
//! reads back (through the project's YAML reader, short-form tags to long
//! form) as exactly what the JSON renderer printed. Strings a YAML 1.1
//! reader would turn into something else (`no`, `on`, `0x1f`, `1e3`, a
//! date, `:`, `#`, leading spaces, several lines) are drawn on purpose.

use constructs::node::{Function, Node};
use constructs::{render, Format};
use proptest::prelude::*;

/// Strings YAML 1.1 or the YAML syntax would misread if printed bare.
const HOSTILE: &[&str] = &[
    "no",
    "No",
    "NO",
    "on",
    "off",
    "yes",
    "y",
    "n",
    "true",
    "False",
    "null",
    "~",
    "",
    "0x1f",
    "0o17",
    "017",
    "1e3",
    "1_000",
    ".inf",
    "-.inf",
    ".nan",
    "+1",
    "-0",
    "3.0",
    "2012-10-17",
    "12:30:00",
    "1:20",
    ":",
    "a: b",
    "#",
    "a #b",
    "- x",
    "? x",
    "[x]",
    "{x}",
    "&anchor",
    "*alias",
    "!Ref x",
    "%x",
    "@x",
    "`x",
    "|",
    ">",
    "'",
    "\"",
    " leading",
    "trailing ",
    "two\nlines",
    "tab\there",
    "\n",
    "=",
    "<<",
    "---",
    "...",
    "${AWS::Region}",
];

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(HOSTILE).prop_map(str::to_string),
        "[ -~]{0,12}",
        "[a-z0-9 :#\n-]{0,12}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z][A-Za-z0-9]{0,8}", string()]
}

fn leaf() -> impl Strategy<Value = Node> {
    prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        // Thousandths: serde_json's default reader rounds the last digit of
        // 17-digit floats, which would be a difference of the readers.
        (-1_000_000_000i64..1_000_000_000).prop_map(|n| Node::Float(n as f64 / 1000.0)),
        string().prop_map(|text| Node::Str(text.into())),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Node::List),
            prop::collection::vec((key(), inner.clone()), 0..5).prop_map(|pairs| {
                // A mapping holds each key once, as the model's maps do.
                let mut seen = std::collections::BTreeSet::new();
                Node::Map(
                    pairs
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .map(|(k, v)| (k.into(), v))
                        .collect(),
                )
            }),
            "[A-Za-z][A-Za-z0-9]{0,8}"
                .prop_map(|id| Node::Fn(Function::Ref, Box::new(Node::Str(id.into())))),
            string().prop_map(|text| Node::Fn(Function::Sub, Box::new(Node::Str(text.into())))),
            ("[A-Za-z][A-Za-z0-9]{0,8}", "[A-Za-z][A-Za-z0-9.]{0,8}").prop_map(|(id, at)| {
                Node::Fn(
                    Function::GetAtt,
                    Box::new(Node::List(vec![Node::Str(id.into()), Node::Str(at.into())])),
                )
            }),
            (string(), prop::collection::vec(inner, 0..4)).prop_map(|(separator, parts)| {
                Node::Fn(
                    Function::Join,
                    Box::new(Node::List(vec![
                        Node::Str(separator.into()),
                        Node::List(parts),
                    ])),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn yaml_reads_back_as_the_json_renderer_prints(
        body in prop::collection::vec((key(), node()), 0..6)
    ) {
        let mut seen = std::collections::BTreeSet::new();
        let tree = Node::Map(
            body.into_iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .map(|(k, v)| (k.into(), v))
                .collect(),
        );
        let yaml = render(&tree, Format::Yaml);
        let json = render(&tree, Format::Json);
        let from_json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let from_yaml = yaml::parse_template(&yaml)
            .unwrap_or_else(|e| panic!("the YAML does not read back: {e}\n{yaml}"));
        prop_assert_eq!(from_yaml, from_json, "YAML:\n{}\nJSON:\n{}", yaml, json);
    }
}
