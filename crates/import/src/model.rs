//! The generated model as data: which Rust name and type codegen gave
//! each resource type, property, attribute and enum value, read from
//! `model.jsonl` (written by `cargo xtask codegen`, beside the generated
//! code and checked fresh with it; its module doc in
//! `xtask/src/codegen/import_model.rs` describes the format).
//!
//! The file holds one line per resource type, sorted by type name; a line
//! is parsed only when a template uses its type.

use std::collections::BTreeMap;

use serde::Deserialize;

const MODEL: &str = include_str!("../model.jsonl");

/// The Rust type of a property value, as the generated code declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    Policy,
    Tag,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// A struct, enum or union of the resource's module.
    Named(String),
    /// The same, behind a `Box`.
    Boxed(String),
}

impl Ty {
    /// Decodes a type code (`s`, `[KeySchema`, `!Rule`).
    fn parse(code: &str) -> Ty {
        match code {
            "s" => Ty::String,
            "i" => Ty::Integer,
            "n" => Ty::Number,
            "b" => Ty::Boolean,
            "j" => Ty::Json,
            "p" => Ty::Policy,
            "t" => Ty::Tag,
            _ => match code.split_at(1) {
                ("[", item) => Ty::List(Box::new(Ty::parse(item))),
                ("{", item) => Ty::Map(Box::new(Ty::parse(item))),
                ("!", name) => Ty::Boxed(name.to_string()),
                _ => Ty::Named(code.to_string()),
            },
        }
    }
}

/// One property of a resource or property type.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field and setter name (`key_schema`, `r#type`).
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub deprecated: bool,
}

/// A resource type's or property type's properties, by CloudFormation name.
#[derive(Debug, Clone)]
pub struct Struct {
    /// `<Name>Required`, which `new` takes when two or more properties are
    /// required.
    pub required: Option<String>,
    pub fields: BTreeMap<String, Field>,
}

/// Everything the generated code has for one resource type.
#[derive(Debug, Clone)]
pub struct ResourceModel {
    /// The cargo feature, and the module under `constructs::aws`.
    pub feature: String,
    /// The resource struct: `Bucket`.
    pub name: String,
    /// The module of its property types: `bucket`.
    pub module: String,
    pub resource: Struct,
    /// Property types by Rust name.
    pub structs: BTreeMap<String, Struct>,
    /// Enums by Rust name: CloudFormation value to variant.
    pub enums: BTreeMap<String, BTreeMap<String, String>>,
    /// Unions by Rust name: (variant, the type it holds).
    pub unions: BTreeMap<String, Vec<(String, Ty)>>,
    /// `Fn::GetAtt` attributes: name to (method, type).
    pub attributes: BTreeMap<String, (String, Ty)>,
}

#[derive(Deserialize)]
struct RawStruct {
    required: Option<String>,
    fields: BTreeMap<String, (String, String, String)>,
}

#[derive(Deserialize)]
struct RawResource {
    feature: String,
    name: String,
    module: String,
    resource: RawStruct,
    structs: BTreeMap<String, RawStruct>,
    enums: BTreeMap<String, BTreeMap<String, String>>,
    unions: BTreeMap<String, Vec<(String, String)>>,
    attributes: BTreeMap<String, (String, String)>,
}

impl From<RawStruct> for Struct {
    fn from(raw: RawStruct) -> Self {
        Struct {
            required: raw.required,
            fields: raw
                .fields
                .into_iter()
                .map(|(name, (rust, ty, flags))| {
                    let field = Field {
                        rust,
                        ty: Ty::parse(&ty),
                        required: flags.contains('r'),
                        deprecated: flags.contains('d'),
                    };
                    (name, field)
                })
                .collect(),
        }
    }
}

/// The model of `type_name` (`AWS::S3::Bucket`), or `None` for a type the
/// spec does not have (`Custom::Seed`, a registry extension).
pub fn resource(type_name: &str) -> Option<ResourceModel> {
    let line = line_of(type_name)?;
    let raw: RawResource = serde_json::from_str(line).expect("model.jsonl is codegen's JSON");
    Some(ResourceModel {
        feature: raw.feature,
        name: raw.name,
        module: raw.module,
        resource: raw.resource.into(),
        structs: raw
            .structs
            .into_iter()
            .map(|(name, s)| (name, s.into()))
            .collect(),
        enums: raw.enums,
        unions: raw
            .unions
            .into_iter()
            .map(|(name, variants)| {
                let variants = variants
                    .into_iter()
                    .map(|(variant, ty)| (variant, Ty::parse(&ty)))
                    .collect();
                (name, variants)
            })
            .collect(),
        attributes: raw
            .attributes
            .into_iter()
            .map(|(name, (method, ty))| (name, (method, Ty::parse(&ty))))
            .collect(),
    })
}

/// The line of `type_name`, found by binary search over the sorted lines
/// (each starts `{"type":"<name>"`), so the other 1,800 are not parsed.
/// The lines are split once per process: splitting the 4 MB for every
/// type a template used was a third of an import's time.
fn line_of(type_name: &str) -> Option<&'static str> {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| MODEL.lines().collect());
    fn key(line: &str) -> Option<&str> {
        let rest = line.strip_prefix("{\"type\":\"")?;
        rest.split('"').next()
    }
    lines
        .binary_search_by(|line| key(line).unwrap_or("").cmp(type_name))
        .ok()
        .map(|at| lines[at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_type_with_its_names() {
        let table = resource("AWS::DynamoDB::Table").unwrap();
        assert_eq!(
            (table.feature.as_str(), table.name.as_str()),
            ("dynamodb", "Table")
        );
        let key_schema = &table.resource.fields["KeySchema"];
        assert_eq!(key_schema.rust, "key_schema");
        assert!(key_schema.required);
        assert_eq!(
            table.enums["AttributeType"].get("S").map(String::as_str),
            Some("S")
        );
        assert_eq!(table.attributes["Arn"].0, "arn");
    }

    #[test]
    fn a_type_outside_the_spec_has_no_model() {
        assert!(resource("Custom::Seed").is_none());
        assert!(resource("AWS::S3::Bucke").is_none());
    }

    #[test]
    fn type_codes_nest() {
        assert_eq!(
            Ty::parse("[{!Rule"),
            Ty::List(Box::new(Ty::Map(Box::new(Ty::Boxed("Rule".into())))))
        );
    }
}
