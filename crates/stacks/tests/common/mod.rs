//! Helpers the stack tests share: snapshots, rendering, and looking into a
//! rendered template.

// Each test crate compiles this module and uses only part of it.
#![allow(dead_code)]

use serde_json::Value;

use constructs::{Format, Template};

/// Asserts an insta snapshot of the template's YAML body under
/// `snapshots/`, where `cargo xtask lint` runs cfn-lint on it. A macro, so
/// the snapshot's path and recorded source are the calling test file's.
macro_rules! snapshot {
    ($name:expr, $template:expr $(,)?) => {{
        let body = $template
            .synthesize(constructs::Format::Yaml)
            .unwrap()
            .body;
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, body);
        });
    }};
}
pub(crate) use snapshot;

/// The template as CloudFormation's JSON form.
pub fn render(template: &Template) -> Value {
    serde_json::from_str(&template.synthesize(Format::Json).unwrap().body).unwrap()
}

/// Every resource of `type_name`, with its logical ID, in template order.
pub fn of_type<'a>(template: &'a Value, type_name: &str) -> Vec<(&'a str, &'a Value)> {
    template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, resource)| resource["Type"] == type_name)
        .map(|(id, resource)| (id.as_str(), resource))
        .collect()
}

pub fn ids_of_type<'a>(template: &'a Value, type_name: &str) -> Vec<&'a str> {
    of_type(template, type_name)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Every statement of every policy document anywhere in `value`.
pub fn statements(value: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    fn walk<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(items)) = map.get("Statement") {
                    found.extend(items);
                }
                map.values().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    walk(value, &mut found);
    found
}

pub fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// `config` through its rules, as `synth` checks a config file: the only
/// kind a stack builds from.
pub fn checked<T: stacks::config::Validate>(config: T) -> stacks::config::Validated<T> {
    stacks::config::validate(config, "the test's config").unwrap()
}

/// A checked tenant name.
pub fn tenant_name(name: &str) -> stacks::tenant::TenantName {
    stacks::tenant::TenantName::parse(name).unwrap()
}
