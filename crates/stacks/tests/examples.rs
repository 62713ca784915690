//! Every registered stack's examples, the templates `cargo xtask
//! deploy-test` deploys, as snapshots: a stack added to the registry gets
//! its snapshots here, and so cfn-lint through `cargo xtask lint`, with no
//! other edit. The retention rule of ARCHITECTURE.md is checked over the
//! same templates by resource type, so a new resource of a stateful type
//! is checked without anyone adding its logical ID to a list.

mod common;

use common::{of_type, rebuilt_from_a_parameter, render, retention_violations, snapshot};
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

/// `Fn::GetAtt: [<instance>, MasterUserSecret.SecretArn]` anywhere in
/// `value`: the RDS-managed master secrets it names.
fn managed_secrets_in(value: &Value, found: &mut Vec<Value>) {
    match value {
        Value::Object(fields) => {
            if let Some(Value::Array(att)) = fields.get("Fn::GetAtt") {
                if att.get(1).and_then(Value::as_str) == Some("MasterUserSecret.SecretArn") {
                    found.push(value.clone());
                }
            }
            fields.values().for_each(|v| managed_secrets_in(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| managed_secrets_in(v, found)),
        _ => {}
    }
}

/// ECS copies secrets into a task only when it starts: a service whose
/// containers read a secret RDS rotates must be rolled when it rotates, by
/// a rule that matches that very secret and starts a state machine that
/// updates that very service.
#[test]
fn every_service_reading_a_rotated_secret_is_rolled_when_it_rotates() {
    let mut rolled = 0;
    for stack in stacks::registry::ALL {
        for example in stack.examples().unwrap() {
            for (file, template) in example.templates() {
                let t = render(template);
                let resources = t["Resources"].as_object().unwrap();
                let rules = of_type(&t, "AWS::Events::Rule");
                for (service, definition) in of_type(&t, "AWS::ECS::Service") {
                    let task = definition["Properties"]["TaskDefinition"]["Ref"]
                        .as_str()
                        .unwrap();
                    let mut secrets = Vec::new();
                    managed_secrets_in(
                        &resources[task]["Properties"]["ContainerDefinitions"],
                        &mut secrets,
                    );
                    for secret in secrets {
                        let rule = rules.iter().find(|(_, rule)| {
                            rule["Properties"]["EventPattern"]["detail"]["additionalEventData"]
                                ["SecretId"][0]
                                == secret
                        });
                        let (rule_id, rule) = rule.unwrap_or_else(|| {
                            panic!("{file}: {service} reads {secret}, which no rule watches")
                        });
                        assert_eq!(
                            rule["Properties"]["EventPattern"]["detail"]["eventName"][0],
                            "RotationSucceeded",
                            "{file}: {rule_id}"
                        );
                        let machine = rule["Properties"]["Targets"][0]["Arn"]["Ref"]
                            .as_str()
                            .unwrap();
                        let definition = resources[machine]["Properties"]["DefinitionString"]
                            ["Fn::Sub"]
                            .as_str()
                            .unwrap();
                        assert!(
                            definition.contains(&format!("\"Service\":\"${{{service}}}\"")),
                            "{file}: {machine} does not roll {service}"
                        );
                        rolled += 1;
                    }
                }
            }
        }
    }
    // DataSpace's app, Adology's API and workers, in each example.
    assert!(rolled >= 3, "only {rolled} services read a rotated secret");
}
