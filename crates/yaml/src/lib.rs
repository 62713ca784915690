#![warn(missing_docs)]
//! The one place the project names a YAML parser.
//!
//! Everything else reads YAML (and JSON, which YAML 1.2 contains) through
//! these two functions and works on `serde_json::Value`, so swapping the
//! parser is a change to this crate alone. A JSON document is read by
//! `serde_json` first (libyaml refuses JSON's surrogate-pair escapes), and
//! by the YAML parser when that fails, so every mistake is reported in one
//! set of words. Both refuse a key given twice:
//! `serde_json` would silently keep the last one, and a second
//! `coordinator:` in a config, or a second `Bucket:` in a template, is a
//! mistake to report, not an override.
//!
//! - [`parse_document`] reads config documents: plain data, no tags.
//! - [`parse_template`] reads CloudFormation templates and turns the
//!   short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) into the
//!   long form (`{"Ref": "X"}`), the one form the rest of the project
//!   compares and walks.
//!
//! [`input`] is where those documents come from: [`read_file`] and
//! [`read_bounded`] are the one way any command reads a file or standard
//! input, refusing what is not a regular file and anything over
//! [`MAX_INPUT_BYTES`].
//!
//! ```
//! let template = yaml::parse_template("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${AWS::StackName}-jobs'\n").unwrap();
//! assert_eq!(
//!     template["Resources"]["Q"]["Properties"]["QueueName"],
//!     serde_json::json!({"Fn::Sub": "${AWS::StackName}-jobs"})
//! );
//! assert!(yaml::parse_document("a: 1\na: 2\n").is_err()); // a key given twice
//! ```

pub mod input;

pub use input::{excerpt, file_kind, read_bounded, read_file, InputError, MAX_INPUT_BYTES};

use std::fmt;

use serde_json::{Map, Value};
use serde_yaml_ng::Value as Yaml;

/// Why a text is not a document this crate returns: a YAML syntax error
/// (with its line and column), a key given twice, or a value JSON cannot
/// hold, each said with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Reads a config document (YAML or JSON) into a JSON value.
///
/// An empty document is `Null`, so callers decide what "nothing given"
/// means. A YAML tag is refused: configs are plain data, and a tag there is
/// a template pasted into the wrong place.
pub fn parse_document(text: &str) -> Result<Value, Error> {
    match parse_json(text) {
        Some(value) => Ok(value),
        None => convert(&parse_yaml(text)?, &mut Path::root(), Tags::Refuse),
    }
}

/// Reads a CloudFormation template (YAML with short-form tags, or JSON) into
/// its long-form JSON value: `!Ref X` becomes `{"Ref": "X"}`, `!GetAtt A.B`
/// becomes `{"Fn::GetAtt": ["A", "B"]}`, `!Condition C` becomes
/// `{"Condition": "C"}`, and every other intrinsic `!Name v` becomes
/// `{"Fn::Name": v}`. A tag CloudFormation does not define is an error.
pub fn parse_template(text: &str) -> Result<Value, Error> {
    match parse_json(text) {
        Some(value) => Ok(value),
        None => convert(&parse_yaml(text)?, &mut Path::root(), Tags::Intrinsics),
    }
}

/// A JSON object document as `serde_json` reads it, or `None` for
/// anything else: YAML, or JSON with a mistake (a syntax error, a key
/// given twice, nesting past `serde_json`'s limit), which the YAML parser
/// then reads or reports in the same words as for YAML.
///
/// JSON is YAML but for one thing libyaml refuses: the UTF-16 surrogate
/// pair JSON escapes a character beyond the Basic Multilingual Plane with
/// (`"\ud83d\ude00"` for 😀), which Python's `json.dumps` writes for
/// every such character, troposphere's templates included.
fn parse_json(text: &str) -> Option<Value> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<UniqueKeys>(text)
        .ok()
        .map(|document| document.0)
}

/// A JSON value whose mappings each give a key once (`serde_json` alone
/// keeps the last of two).
struct UniqueKeys(Value);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(UniqueKeysVisitor)
            .map(UniqueKeys)
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(n)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a JSON number"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(UniqueKeys(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom("a key given twice"));
            }
            let UniqueKeys(item) = map.next_value()?;
            object.insert(key, item);
        }
        Ok(Value::Object(object))
    }
}

/// The short-form tags CloudFormation defines, besides `!Ref`, `!GetAtt`
/// and `!Condition`, which have their own long forms; `Contains`,
/// `EachMember*`, `RefAll` and `ValueOf*` are the rule functions.
const FN_TAGS: &[&str] = &[
    "And",
    "Base64",
    "Cidr",
    "Contains",
    "EachMemberEquals",
    "EachMemberIn",
    "Equals",
    "FindInMap",
    "ForEach",
    "GetAZs",
    "GetStackOutput",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Not",
    "Or",
    "RefAll",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
    "ValueOf",
    "ValueOfAll",
];

#[derive(Clone, Copy)]
enum Tags {
    Refuse,
    Intrinsics,
}

fn parse_yaml(text: &str) -> Result<Yaml, Error> {
    serde_yaml_ng::from_str(text).map_err(|e| Error {
        message: match e.location() {
            Some(at) => {
                // The parser's message often ends with its own "at line N
                // column M"; say the place once, first.
                let text = e.to_string();
                let text = text.split(" at line ").next().unwrap_or(&text);
                match text.split_once("duplicate entry with key ") {
                    Some((inside, key)) => format!(
                        "line {} column {}: the mapping {}that starts here gives the key {key} twice",
                        at.line(),
                        at.column(),
                        match inside.trim_end_matches(": ") {
                            "" => String::new(),
                            path => format!("at {path} "),
                        }
                    ),
                    None => format!("line {} column {}: {text}", at.line(), at.column()),
                }
            }
            None => e.to_string(),
        },
    })
}

/// Where a value sits, as a JSON pointer, for messages.
struct Path(Vec<String>);

impl Path {
    fn root() -> Self {
        Path(Vec::new())
    }

    fn error(&self, what: String) -> Error {
        let at = if self.0.is_empty() {
            "the document".to_string()
        } else {
            format!("/{}", self.0.join("/"))
        };
        Error {
            message: format!("at {at}: {what}"),
        }
    }
}

fn convert(value: &Yaml, path: &mut Path, tags: Tags) -> Result<Value, Error> {
    Ok(match value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Number(n) => {
            number(n).ok_or_else(|| path.error(format!("{n} is not a JSON number")))?
        }
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Sequence(items) => {
            let mut list = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                path.0.push(i.to_string());
                list.push(convert(item, path, tags)?);
                path.0.pop();
            }
            Value::Array(list)
        }
        Yaml::Mapping(mapping) => {
            let mut object = Map::with_capacity(mapping.len());
            for (key, item) in mapping {
                let key = match key {
                    Yaml::String(s) => s.clone(),
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    other => {
                        let what = match other {
                            Yaml::Sequence(_) => "a list".to_string(),
                            Yaml::Mapping(_) => "a mapping".to_string(),
                            Yaml::Tagged(tagged) => {
                                let tag = tagged.tag.to_string();
                                // The non-specific tag `!` displays doubled.
                                let tag = if tag == "!!" { "!" } else { &tag };
                                format!("a value tagged {}", excerpt(tag, 40))
                            }
                            _ => "null".to_string(),
                        };
                        return Err(path.error(format!(
                            "a mapping key must be a plain string, number or boolean, not {what}"
                        )));
                    }
                };
                path.0.push(key.clone());
                // serde_yaml_ng refuses equal keys; `80` and `"80"` only
                // collide once both are strings.
                if object.contains_key(&key) {
                    return Err(path.error(format!("the key {key:?} is given twice")));
                }
                let item = convert(item, path, tags)?;
                path.0.pop();
                object.insert(key, item);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            if let Tags::Refuse = tags {
                return Err(path.error(format!("unexpected YAML tag {tag} in a plain document")));
            }
            path.0.push(tag.clone());
            let inner = convert(&tagged.value, path, tags)?;
            path.0.pop();
            intrinsic(name, inner).map_err(|what| path.error(what))?
        }
    })
}

fn number(n: &serde_yaml_ng::Number) -> Option<Value> {
    if let Some(i) = n.as_i64() {
        Some(Value::from(i))
    } else if let Some(u) = n.as_u64() {
        Some(Value::from(u))
    } else {
        n.as_f64()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
    }
}

/// The long form of the short-form tag `!name` holding `inner`.
fn intrinsic(name: &str, inner: Value) -> Result<Value, String> {
    let (key, value) = match name {
        "Ref" | "Condition" => (name.to_string(), inner),
        "GetAtt" => {
            let value = match inner {
                Value::String(dotted) => match dotted.split_once('.') {
                    Some((resource, attribute)) => Value::Array(vec![
                        Value::String(resource.to_string()),
                        Value::String(attribute.to_string()),
                    ]),
                    None => {
                        return Err(format!(
                        "!GetAtt {dotted:?} names no attribute (write !GetAtt Resource.Attribute)"
                    ))
                    }
                },
                other => other,
            };
            ("Fn::GetAtt".to_string(), value)
        }
        _ if FN_TAGS.contains(&name) => (format!("Fn::{name}"), inner),
        _ => {
            return Err(format!(
                "!{name} is not a CloudFormation intrinsic function tag"
            ))
        }
    };
    let mut object = Map::with_capacity(1);
    object.insert(key, value);
    Ok(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn documents_are_plain_json_values() {
        let value =
            parse_document("name: acme\ncount: 3\nratio: 0.5\non: true\nlist: [a, 1]\n").unwrap();
        assert_eq!(
            value,
            json!({"name": "acme", "count": 3, "ratio": 0.5, "on": true, "list": ["a", 1]})
        );
        assert_eq!(
            parse_document("{\"a\": [1, null]}").unwrap(),
            json!({"a": [1, null]})
        );
    }

    #[test]
    fn an_empty_document_is_null() {
        assert_eq!(parse_document("").unwrap(), Value::Null);
        assert_eq!(parse_document("# only a comment\n").unwrap(), Value::Null);
    }

    #[test]
    fn a_key_given_twice_is_an_error() {
        let error = parse_document("a: 1\nb: 2\na: 3\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "line 1 column 1: the mapping that starts here gives the key \"a\" twice"
        );
        let error = parse_document("x:\n  y: {\"a\": 1, \"a\": 2}")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "line 2 column 6: the mapping at x.y that starts here gives the key \"a\" twice"
        );
    }

    #[test]
    fn json_reads_as_json_with_its_surrogate_pairs() {
        // libyaml refuses the pair; JSON spells 😀 so.
        let json = r#"{"Description": "a\ud83d\ude00b", "n": [1, 2.5, -3, true, null]}"#;
        assert_eq!(
            parse_template(json).unwrap(),
            json!({"Description": "a😀b", "n": [1, 2.5, -3, true, null]})
        );
        assert_eq!(parse_document(json).unwrap()["Description"], "a😀b");
        // In YAML outside double quotes a backslash is text.
        assert_eq!(
            parse_template("Description: a\\ud83d\\ude00b\n").unwrap(),
            json!({"Description": "a\\ud83d\\ude00b"})
        );
        // A number reads the same either way, to the last bit: serde_json's
        // default parsing is off by one ulp here, its `float_roundtrip` not.
        assert_eq!(
            parse_template(r#"{"n": 512.8534153485358512e-10}"#).unwrap(),
            parse_template("n: 512.8534153485358512e-10").unwrap()
        );
        // JSON's mistakes are the YAML parser's to report, in its words.
        let error = parse_template(r#"{"a": 1, "a": 2}"#)
            .unwrap_err()
            .to_string();
        assert!(error.ends_with("gives the key \"a\" twice"), "{error}");
        assert!(parse_template(r#"{"a": 1,"#)
            .unwrap_err()
            .to_string()
            .starts_with("line "));
        // A YAML flow mapping is still YAML, tags and all.
        assert_eq!(
            parse_template("{a: !Ref B}").unwrap(),
            json!({"a": {"Ref": "B"}})
        );
    }

    #[test]
    fn a_number_key_and_its_string_collide() {
        let error = parse_document("80: a\n\"80\": b\n")
            .unwrap_err()
            .to_string();
        assert_eq!(error, "at /80: the key \"80\" is given twice");
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = parse_document("a: [1, 2\n").unwrap_err().to_string();
        assert!(error.starts_with("line "), "{error}");
    }

    #[test]
    fn documents_refuse_tags() {
        let error = parse_document("a:\n  b: !Ref X\n").unwrap_err().to_string();
        assert_eq!(
            error,
            "at /a/b: unexpected YAML tag !Ref in a plain document"
        );
    }

    #[test]
    fn templates_get_long_form_intrinsics() {
        let text = "\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '${AWS::StackName}-data'
      Tags:
        - Key: Arn
          Value: !GetAtt Key.Arn
        - Key: Ref
          Value: !Ref Key
        - Key: Joined
          Value: !Join [',', !Split [' ', !Select [0, !GetAZs '']]]
        - Key: Mapped
          Value: !If [IsProd, !FindInMap [M, !Ref 'AWS::Region', K], !ImportValue Other]
    Condition: IsProd
Conditions:
  IsProd: !And [!Equals [!Ref Env, prod], !Not [!Condition Other], !Or [!Condition A, !Condition B]]
Outputs:
  Data:
    Value: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]
  Encoded:
    Value: !Base64 text
  Nested:
    Value: !GetAtt [Database, Endpoint.Address]
  Dotted:
    Value: !GetAtt Database.Endpoint.Address
";
        let value = parse_template(text).unwrap();
        let tags = &value["Resources"]["Bucket"]["Properties"]["Tags"];
        assert_eq!(
            value["Resources"]["Bucket"]["Properties"]["BucketName"],
            json!({"Fn::Sub": "${AWS::StackName}-data"})
        );
        assert_eq!(tags[0]["Value"], json!({"Fn::GetAtt": ["Key", "Arn"]}));
        assert_eq!(tags[1]["Value"], json!({"Ref": "Key"}));
        assert_eq!(
            tags[2]["Value"],
            json!({"Fn::Join": [",", {"Fn::Split": [" ", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]}]})
        );
        assert_eq!(
            tags[3]["Value"],
            json!({"Fn::If": ["IsProd", {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "K"]}, {"Fn::ImportValue": "Other"}]})
        );
        assert_eq!(
            value["Conditions"]["IsProd"],
            json!({"Fn::And": [
                {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                {"Fn::Not": [{"Condition": "Other"}]},
                {"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}
            ]})
        );
        assert_eq!(
            value["Outputs"]["Data"]["Value"],
            json!({"Fn::Select": [0, {"Fn::Cidr": ["10.0.0.0/16", 2, 8]}]})
        );
        assert_eq!(
            value["Outputs"]["Encoded"]["Value"],
            json!({"Fn::Base64": "text"})
        );
        let nested = json!({"Fn::GetAtt": ["Database", "Endpoint.Address"]});
        assert_eq!(value["Outputs"]["Nested"]["Value"], nested);
        assert_eq!(value["Outputs"]["Dotted"]["Value"], nested);
    }

    #[test]
    fn get_stack_output_short_form_holds_a_mapping() {
        let text = "Outputs:\n  Topic:\n    Value: !GetStackOutput\n      StackName: producer\n      OutputName: TopicName\n";
        assert_eq!(
            parse_template(text).unwrap()["Outputs"]["Topic"]["Value"],
            json!({"Fn::GetStackOutput": {"StackName": "producer", "OutputName": "TopicName"}})
        );
    }

    #[test]
    fn a_mapping_key_that_is_no_plain_scalar_is_named_by_its_kind() {
        for (text, kind) in [
            ("Resources: {? [a]: x}", "a list"),
            ("Resources: {? {a: b}: x}", "a mapping"),
            ("Resources: {! Ref: x}", "a value tagged !"),
            ("Resources: {!Sub a: x}", "a value tagged !Sub"),
            ("Resources: {~: x}", "null"),
        ] {
            let error = parse_template(text).unwrap_err().to_string();
            assert_eq!(
                error,
                format!("at /Resources: a mapping key must be a plain string, number or boolean, not {kind}")
            );
        }
    }

    #[test]
    fn templates_refuse_unknown_tags_with_their_place() {
        let error = parse_template("Resources:\n  A:\n    Type: !Reference X\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "at /Resources/A/Type: !Reference is not a CloudFormation intrinsic function tag"
        );
        let error = parse_template("Outputs:\n  A:\n    Value: !GetAtt Bucket\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("at /Outputs/A/Value: !GetAtt \"Bucket\" names no attribute"));
    }

    #[test]
    fn json_templates_read_as_they_are() {
        let value = parse_template("{\"Resources\": {\"A\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"DelaySeconds\": \"10\"}}}}").unwrap();
        assert_eq!(
            value["Resources"]["A"]["Properties"]["DelaySeconds"],
            json!("10")
        );
    }
}
