//! Probable renames: a resource removed and one of the same type added that
//! is, by its identifying properties, the same resource under a new logical
//! ID.
//!
//! CloudFormation would create the new one and delete the old; a stack
//! refactor (`aws cloudformation create-stack-refactor`) moves it instead,
//! and [`refactor_mappings`] writes the `ResourceMappings` that takes.

use constructs::resource_facts;
use serde_json::{json, Value};

use super::value::{compare, scalar_text, Context, Verdict};

/// One removed logical ID matched to one added one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The logical ID the old template has.
    pub from: String,
    /// The logical ID the new template has instead.
    pub to: String,
    /// The resource type, the same on both sides.
    pub type_name: String,
    /// What matched: `the same QueueName "jobs"` or `identical properties`.
    pub evidence: String,
}

/// Pairs removed and added resources (logical ID, definition), each used at
/// most once, first by an equal name property, then by equal properties.
pub fn probable_renames(
    removed: &[(&str, &Value)],
    added: &[(&str, &Value)],
    context: &Context,
) -> Vec<Rename> {
    let mut taken = vec![false; added.len()];
    let mut renames = Vec::new();
    for (from, old) in removed {
        let type_name = old["Type"].as_str().unwrap_or_default();
        let name_property = resource_facts(type_name).and_then(|f| f.name_property);
        let candidate = added.iter().enumerate().find_map(|(i, (to, new))| {
            if taken[i] || new["Type"] != old["Type"] {
                return None;
            }
            let evidence = identity(old, new, name_property, context)?;
            Some((i, *to, evidence))
        });
        if let Some((i, to, evidence)) = candidate {
            taken[i] = true;
            renames.push(Rename {
                from: from.to_string(),
                to: to.to_string(),
                type_name: type_name.to_string(),
                evidence,
            });
        }
    }
    renames
}

fn identity(
    old: &Value,
    new: &Value,
    name_property: Option<&str>,
    context: &Context,
) -> Option<String> {
    let empty = json!({});
    let (a, b) = (
        old.get("Properties").unwrap_or(&empty),
        new.get("Properties").unwrap_or(&empty),
    );
    if let Some(property) = name_property {
        if let (Some(x), Some(y)) = (a.get(property), b.get(property)) {
            return (compare(x, y, context) == Verdict::Same)
                .then(|| format!("the same {property} {}", shown(y)));
        }
    }
    (compare(a, b, context) == Verdict::Same).then(|| "identical properties".to_string())
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Number(_) | Value::Bool(_) => scalar_text(value),
        other => other.to_string(),
    }
}

/// The `ResourceMappings` of `aws cloudformation create-stack-refactor`
/// that renames each resource within `stack_name`.
pub fn refactor_mappings(renames: &[Rename], stack_name: &str) -> Value {
    Value::Array(
        renames
            .iter()
            .map(|r| {
                json!({
                    "Source": {"StackName": stack_name, "LogicalResourceId": r.from},
                    "Destination": {"StackName": stack_name, "LogicalResourceId": r.to},
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::aws::type_names as types;

    #[test]
    fn same_name_or_same_properties_is_a_rename() {
        let queue = json!({"Type": types::sqs::QUEUE, "Properties": {"QueueName": "jobs", "DelaySeconds": 1}});
        let queue_changed = json!({"Type": types::sqs::QUEUE, "Properties": {"QueueName": "jobs", "DelaySeconds": 5}});
        let log = json!({"Type": types::kms::KEY, "Properties": {"Description": "k"}});
        let other = json!({"Type": types::kms::KEY, "Properties": {"Description": "other"}});
        let removed = [("Jobs", &queue), ("Key", &log)];
        let added = [
            ("Other", &other),
            ("JobsQueue", &queue_changed),
            ("DataKey", &log),
        ];
        let renames = probable_renames(&removed, &added, &Context::default());
        assert_eq!(
            renames,
            vec![
                Rename {
                    from: "Jobs".into(),
                    to: "JobsQueue".into(),
                    type_name: types::sqs::QUEUE.into(),
                    evidence: "the same QueueName \"jobs\"".into(),
                },
                Rename {
                    from: "Key".into(),
                    to: "DataKey".into(),
                    type_name: types::kms::KEY.into(),
                    evidence: "identical properties".into(),
                },
            ]
        );
    }

    #[test]
    fn different_types_or_names_are_not_renames() {
        let a = json!({"Type": types::sqs::QUEUE, "Properties": {"QueueName": "a"}});
        let b = json!({"Type": types::sqs::QUEUE, "Properties": {"QueueName": "b"}});
        let c = json!({"Type": types::sns::TOPIC, "Properties": {"QueueName": "a"}});
        let renames = probable_renames(&[("A", &a)], &[("B", &b), ("C", &c)], &Context::default());
        assert!(renames.is_empty());
    }

    #[test]
    fn mappings_are_what_create_stack_refactor_takes() {
        let renames = [Rename {
            from: "Jobs".into(),
            to: "JobsQueue".into(),
            type_name: types::sqs::QUEUE.into(),
            evidence: String::new(),
        }];
        assert_eq!(
            refactor_mappings(&renames, "askedgi-acme"),
            json!([{
                "Source": {"StackName": "askedgi-acme", "LogicalResourceId": "Jobs"},
                "Destination": {"StackName": "askedgi-acme", "LogicalResourceId": "JobsQueue"}
            }])
        );
    }
}
