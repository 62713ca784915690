//! Helpers the stack tests share: snapshots, rendering, and looking into a
//! rendered template.

// Each test crate compiles this module and uses only part of it.
#![allow(dead_code)]

use serde_json::Value;

use constructs::{resource_facts, Format, Template};

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
pub fn checked<T: framework::config::Validate>(config: T) -> framework::config::Validated<T> {
    framework::config::validate(config, "the test's config").unwrap()
}

/// A checked tenant name.
pub fn tenant_name(name: &str) -> stacks::tenant::TenantName {
    stacks::tenant::TenantName::parse(name).unwrap()
}

/// Policies that keep a resource's data when it leaves the stack.
const KEEPING_DELETION: [&str; 3] = ["RetainExceptOnCreate", "Retain", "Snapshot"];
/// Policies that keep a resource's data when an update replaces it.
const KEEPING_REPLACE: [&str; 2] = ["Retain", "Snapshot"];

/// A secret whose value is made of template parameters only (a `Ref` to
/// one, or a `Sub` of nothing else): deleting it loses nothing the next
/// deploy does not put back.
pub fn rebuilt_from_a_parameter(template: &Value, resource: &Value) -> bool {
    let is_parameter = |name: &str| template["Parameters"].get(name).is_some();
    let value = &resource["Properties"]["SecretString"];
    let from_parameters = match (value["Ref"].as_str(), value["Fn::Sub"].as_str()) {
        (Some(name), _) => is_parameter(name),
        (None, Some(text)) => text.split("${").skip(1).all(|rest| {
            rest.split_once('}')
                .is_some_and(|(name, _)| is_parameter(name))
        }),
        (None, None) => false,
    };
    resource["Type"] == "AWS::SecretsManager::Secret" && from_parameters
}

/// What is wrong with one template's stateful resources, by the retention
/// rule of ARCHITECTURE.md: every resource of a stateful type (cfn-lint's
/// `StatefulResources.json`, in `constructs::resource_facts`) states both
/// policies; they keep its data (`RetainExceptOnCreate`/`Retain`, or
/// `Snapshot`) unless `deletable` (`allowDeleteResources`), when both are
/// `Delete`; a secret made of template parameters may be either.
pub fn retention_violations(template: &Value, deletable: bool) -> Vec<String> {
    let resources = template["Resources"].as_object().unwrap();
    let stateful: Vec<(&String, &Value)> = resources
        .iter()
        .filter(|(_, resource)| {
            let kind = resource["Type"].as_str().unwrap();
            resource_facts(kind).is_some_and(|facts| facts.stateful)
        })
        .collect();
    let policies = |resource: &Value| {
        (
            resource["DeletionPolicy"].as_str().map(str::to_string),
            resource["UpdateReplacePolicy"].as_str().map(str::to_string),
        )
    };
    let mut problems = Vec::new();
    for (id, resource) in stateful {
        let kind = resource["Type"].as_str().unwrap();
        let (deletion, replace) = policies(resource);
        let (Some(deletion), Some(replace)) = (deletion, replace) else {
            problems.push(format!(
                "{id} ({kind}) lacks an explicit DeletionPolicy or UpdateReplacePolicy"
            ));
            continue;
        };
        let fine = if rebuilt_from_a_parameter(template, resource) {
            true
        } else if deletable {
            deletion == "Delete" && replace == "Delete"
        } else {
            KEEPING_DELETION.contains(&deletion.as_str())
                && KEEPING_REPLACE.contains(&replace.as_str())
        };
        if !fine {
            problems.push(format!(
                "{id} ({kind}): DeletionPolicy {deletion}, UpdateReplacePolicy {replace} in a \
                 template where deletion is {}allowed",
                if deletable { "" } else { "not " }
            ));
        }
    }
    problems
}
