//! Every registered stack's examples, the templates `cargo xtask
//! deploy-test` deploys, as snapshots: a stack added to the registry gets
//! its snapshots here, and so cfn-lint through `cargo xtask lint`, with no
//! other edit. The retention rule of ARCHITECTURE.md is checked over the
//! same templates by resource type, so a new resource of a stateful type
//! is checked without anyone adding its logical ID to a list.

mod common;

use common::{rebuilt_from_a_parameter, render, retention_violations, snapshot};
use serde_json::Value;

#[test]
fn every_example_template_has_a_reviewed_snapshot() {
    for stack in stacks::registry::ALL {
        let examples = stack.examples().unwrap();
        // Without one, nothing of the stack would be deployed, linted or
        // guarded.
        assert!(!examples.is_empty(), "{} has no example", stack.verb());
        for example in examples {
            for (file, template) in example.templates() {
                // The stack first: `cargo xtask guard` files a snapshot's
                // accepted failures under the name before its first `-`.
                let name = format!(
                    "{}-deploy-test-{}",
                    stack.verb(),
                    file.trim_end_matches(".yaml")
                );
                snapshot!(name, template);
            }
        }
    }
}

#[test]
fn example_stack_names_are_the_stacks_own() {
    let names: Vec<(String, String)> = stacks::registry::ALL
        .iter()
        .flat_map(|stack| stack.examples().unwrap())
        .map(|example| (example.name, example.stack_name))
        .collect();
    let mut unique: Vec<&String> = names.iter().map(|(_, stack_name)| stack_name).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        names.len(),
        "two examples share a stack: {names:?}"
    );
}

/// Whether the template was built with `allowDeleteResources`: any
/// resource of a stateful type that is not rebuilt from parameters is
/// `Delete`. The rule then wants every one `Delete`.
fn deletable(template: &Value) -> bool {
    template["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|resource| {
            constructs::resource_facts(resource["Type"].as_str().unwrap())
                .is_some_and(|facts| facts.stateful)
        })
        .filter(|resource| !rebuilt_from_a_parameter(template, resource))
        .any(|resource| resource["DeletionPolicy"] == "Delete")
}

fn violations(template: &Value) -> Vec<String> {
    retention_violations(template, deletable(template))
}

#[test]
fn every_stateful_resource_of_every_example_follows_the_retention_rule() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for stack in stacks::registry::ALL {
        let examples = stack.examples().unwrap();
        // Without one, nothing of the stack would be deployed, linted or
        // guarded.
        assert!(!examples.is_empty(), "{} has no example", stack.verb());
        for example in examples {
            for (file, template) in example.templates() {
                checked += 1;
                problems.extend(
                    violations(&render(template))
                        .into_iter()
                        .map(|problem| format!("{file}: {problem}")),
                );
            }
        }
    }
    assert!(checked >= 5, "only {checked} example templates");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rule_catches_a_resource_without_policies_and_a_lone_delete() {
    let template = serde_json::json!({
        "Parameters": {"Token": {"Type": "String", "NoEcho": true}},
        "Resources": {
            "Queue": {"Type": "AWS::SQS::Queue"},
            "Bucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete"},
            "Logs": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "RetainExceptOnCreate", "UpdateReplacePolicy": "Retain"},
            "TokenSecret": {"Type": "AWS::SecretsManager::Secret", "DeletionPolicy": "Delete",
                "UpdateReplacePolicy": "Delete", "Properties": {"SecretString": {"Ref": "Token"}}},
            "Topic": {"Type": "AWS::SNS::Subscription"}
        }
    });
    let problems = violations(&template);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("Queue (AWS::SQS::Queue) lacks"));
    assert!(problems[1].starts_with("Logs (AWS::Logs::LogGroup)"));
}
