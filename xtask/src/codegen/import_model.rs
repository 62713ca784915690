//! The model as data, for `synth import`: which Rust name and type each
//! CloudFormation property, attribute and enum value became.
//!
//! `synth import` writes code against the generated types, so it needs the
//! names this codegen decided (`model.rs` decides them once; nothing else
//! may guess them). One JSON object per line, one line per resource type
//! sorted by type name, so the importer parses only the lines of the types
//! a template uses:
//!
//! ```text
//! {"type":"AWS::SQS::Queue","feature":"sqs","name":"Queue","module":"queue",
//!  "resource":{"required":null,"fields":{"QueueName":["queue_name","s",""]}},
//!  "structs":{...},"enums":{"Name":{"CfnValue":"Variant"}},
//!  "unions":{"Name":[["Variant","ty"]]},"attributes":{"Arn":["arn","s"]}}
//! ```
//!
//! A type is `s` string, `i` integer, `n` number, `b` boolean, `j` JSON,
//! `p` policy document, `t` the standard tag, `[x` a list of `x`, `{x` a
//! map of `x`, `Name` a struct, enum or union of the resource's module,
//! `!Name` the same boxed. A field's flags: `r` required, `d` deprecated.

use serde_json::{json, Map, Value};

use super::model::{Service, Struct, Ty};

/// The model file's contents.
pub fn lines(services: &[Service]) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    for service in services {
        for resource in &service.resources {
            let structs: Map<String, Value> = resource
                .structs
                .iter()
                .map(|item| (item.name.clone(), structure(item)))
                .collect();
            let enums: Map<String, Value> = resource
                .enums
                .iter()
                .map(|item| {
                    let values: Map<String, Value> = item
                        .variants
                        .iter()
                        .map(|(variant, value)| (value.clone(), json!(variant)))
                        .collect();
                    (item.name.clone(), Value::Object(values))
                })
                .collect();
            let unions: Map<String, Value> = resource
                .unions
                .iter()
                .map(|item| {
                    let variants: Vec<Value> = item
                        .variants
                        .iter()
                        .map(|(variant, ty)| json!([variant, code(ty)]))
                        .collect();
                    (item.name.clone(), Value::Array(variants))
                })
                .collect();
            let attributes: Map<String, Value> = resource
                .attributes
                .iter()
                .map(|a| (a.name.clone(), json!([a.method, code(&a.ty)])))
                .collect();
            let row = json!({
                "type": resource.type_name,
                "feature": service.module,
                "name": resource.rust_name,
                "module": resource.module_name,
                "resource": structure(&resource.resource),
                "structs": structs,
                "enums": enums,
                "unions": unions,
                "attributes": attributes,
            });
            rows.push((resource.type_name.clone(), row.to_string()));
        }
    }
    rows.sort();
    let mut out = String::new();
    for (_, row) in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out
}

fn structure(item: &Struct) -> Value {
    let fields: Map<String, Value> = item
        .fields
        .iter()
        .map(|field| {
            let mut flags = String::new();
            if field.required {
                flags.push('r');
            }
            if field.deprecated {
                flags.push('d');
            }
            (
                field.cfn_name.clone(),
                json!([field.rust_name, code(&field.ty), flags]),
            )
        })
        .collect();
    json!({ "required": item.required_struct, "fields": fields })
}

/// A type's code, as the module doc describes.
fn code(ty: &Ty) -> String {
    match ty {
        Ty::String => "s".into(),
        Ty::Integer => "i".into(),
        Ty::Number => "n".into(),
        Ty::Boolean => "b".into(),
        Ty::Json => "j".into(),
        Ty::Policy => "p".into(),
        Ty::Tag => "t".into(),
        Ty::List(item) => format!("[{}", code(item)),
        Ty::Map(item) => format!("{{{}", code(item)),
        Ty::Named(name) => name.clone(),
        Ty::Boxed(name) => format!("!{name}"),
    }
}
