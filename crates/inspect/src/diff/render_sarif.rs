//! The report as SARIF, for GitHub code scanning: each change that loses
//! data or will fail, each possible replacement of a resource holding data,
//! and each security broadening (an IAM statement allowing a `*` action or
//! resource, ingress from anywhere) is an alert on the resource's line in
//! NEW.

use super::grade::DataFate;
use super::{Report, ResourceChange, ResourceReport};
use crate::read::{Template, STDIN};
use crate::sarif::{self, Finding, Level, Rule};

/// The rules `synth diff` reports, with IDs that never change.
pub const RULES: [Rule; 5] = [
    Rule {
        id: "synth-diff/data-loss",
        short: "A resource holding data is replaced or removed",
        help: "CloudFormation deletes, snapshots or orphans the old resource's data when it replaces or \
               removes it, as its UpdateReplacePolicy or DeletionPolicy says. Keep the logical ID and the \
               create-only properties, or move the data first.",
    },
    Rule {
        id: "synth-diff/update-fails",
        short: "The update will fail: a custom-named resource is replaced under the same name",
        help: "CloudFormation creates the replacement before deleting the old resource, and the name is \
               still taken. Change the name along with the create-only property, or leave the name out.",
    },
    Rule {
        id: "synth-diff/may-lose-data",
        short: "A resource holding data may be replaced",
        help: "A conditionally create-only property, or a create-only value known only at deploy time, \
               changed: CloudFormation may replace the resource, and its data goes as its \
               UpdateReplacePolicy says.",
    },
    Rule {
        id: "synth-diff/iam-wildcard",
        short: "An IAM statement allowing a wildcard action or every resource is added",
        help: "Least privilege: name the actions and the resources the principal needs.",
    },
    Rule {
        id: "synth-diff/open-ingress",
        short: "Ingress from anywhere (0.0.0.0/0 or ::/0) is added",
        help: "Open the port to the addresses that need it, or put a load balancer in front.",
    },
];

/// The report on `old` and `new` as a SARIF 2.1.0 log.
pub fn render_sarif(report: &Report, old: &Template, new: &Template) -> String {
    let file = |template: &Template| {
        (template.label != STDIN_LABEL && template.label != STDIN).then(|| template.label.clone())
    };
    let locate = |id: &str| -> (Option<String>, Option<usize>) {
        // A removed resource is found in OLD, everything else in NEW.
        let template = if new.resources().contains_key(id) {
            new
        } else {
            old
        };
        let line = sarif::resource_line(&template.text, id);
        (file(template), line)
    };
    let mut findings = Vec::new();
    for r in &report.resources {
        if let Some(finding) = resource_finding(r) {
            let (file, line) = locate(&r.logical_id);
            findings.push(Finding {
                file,
                line,
                ..finding
            });
        }
    }
    for statement in &report.iam.added {
        let wildcard_action = statement.actions.split(", ").any(|a| a.contains('*'));
        let every_resource = statement.resources.split(", ").any(|r| r == "*");
        if statement.effect == "Allow" && (wildcard_action || every_resource) {
            let id = statement
                .owner
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let (file, line) = locate(&id);
            findings.push(Finding {
                rule: RULES[3].id,
                level: Level::Warning,
                message: format!(
                    "{} now allows {} on {}",
                    statement.owner, statement.actions, statement.resources
                ),
                logical_id: id,
                file,
                line,
            });
        }
    }
    for rule in &report.security_groups.added {
        let anywhere = rule.peer.contains("0.0.0.0/0") || rule.peer.contains("::/0");
        if rule.direction == "ingress" && anywhere {
            let (file, line) = locate(&rule.group);
            findings.push(Finding {
                rule: RULES[4].id,
                level: Level::Warning,
                message: format!(
                    "{} now admits {} {} from {}",
                    rule.group, rule.protocol, rule.ports, rule.peer
                ),
                logical_id: rule.group.clone(),
                file,
                line,
            });
        }
    }
    let log = sarif::log(
        "synth diff",
        env!("CARGO_PKG_VERSION"),
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html",
        &RULES,
        &findings,
    );
    serde_json::to_string_pretty(&log).expect("a JSON value prints") + "\n"
}

/// How `read` labels standard input.
const STDIN_LABEL: &str = "standard input";

/// The finding a resource's change makes, if any (without its location).
fn resource_finding(r: &ResourceReport) -> Option<Finding> {
    let grade = r.grade.as_ref()?;
    let base = |rule: &'static str, level: Level, message: String| Finding {
        rule,
        level,
        message,
        logical_id: r.logical_id.clone(),
        file: None,
        line: None,
    };
    if let Some((property, value)) = &grade.fails {
        return Some(base(
            RULES[1].id,
            Level::Error,
            format!(
                "{} ({}) is replaced but {property} stays {value:?}: the update will fail",
                r.logical_id, r.type_name
            ),
        ));
    }
    let (fate, policy) = grade.data.as_ref()?;
    let fate = match fate {
        DataFate::Lost => "its data is deleted",
        DataFate::Snapshot => "its data is snapshotted, then deleted",
        DataFate::Kept => {
            "the old one is kept, orphaned from the stack, and the new one starts empty"
        }
        DataFate::DependsOn(_) => "what happens to its data is known only at deploy time",
    };
    let done = match r.kind {
        ResourceChange::Removed | ResourceChange::RenamedTo(_) => "removed",
        ResourceChange::MayBeReplaced => "may be replaced",
        _ => "replaced",
    };
    let message = format!(
        "{} ({}) holds data and is {done}: {fate} ({} {})",
        r.logical_id, r.type_name, policy.attribute, policy.value
    );
    Some(if r.kind == ResourceChange::MayBeReplaced {
        base(RULES[2].id, Level::Warning, message)
    } else {
        base(RULES[0].id, Level::Error, message)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::diff::diff;
    use crate::read::parse;

    fn validator() -> jsonschema::Validator {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/sarif/sarif-schema-2.1.0.json"
        );
        let mut schema: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        // The published schema's `language` patterns (of a run and of a
        // tool component) have a stray `]`, which the draft-04
        // meta-schema's `format: regex` refuses; they constrain a field
        // synth does not write.
        for owner in ["run", "toolComponent"] {
            let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
            assert_eq!(*language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
            *language = json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
        }
        jsonschema::validator_for(&schema).unwrap()
    }

    const OLD: &str = "Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
";

    #[test]
    fn each_kind_of_finding_is_an_alert_on_its_resource_line_and_the_log_is_valid_sarif() {
        let new_text = OLD
            .replace("AttributeName: id", "AttributeName: orderId")
            .replace(
                "      GroupDescription: web\n",
                "      GroupDescription: web\n      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]\n",
            )
            .replace(
                "      AssumeRolePolicyDocument: {}\n",
                "      AssumeRolePolicyDocument: {}\n      Policies: [{PolicyName: all, PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}}]\n",
            );
        let old = parse(OLD, "old.yaml").unwrap();
        let new = parse(&new_text, "templates/new.yaml").unwrap();
        let report = diff(&old, &new);
        let text = render_sarif(&report, &old, &new);
        let log: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator()
            .iter_errors(&log)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let results = log["runs"][0]["results"].as_array().unwrap();
        let rule_ids: Vec<&str> = results
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap())
            .collect();
        assert_eq!(
            rule_ids,
            [
                "synth-diff/update-fails",
                "synth-diff/iam-wildcard",
                "synth-diff/open-ingress"
            ],
            "{text}"
        );
        let table = &results[0];
        assert_eq!(table["level"], "error");
        let location = &table["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "templates/new.yaml");
        assert_eq!(location["region"]["startLine"], 2);
        assert_eq!(
            results[2]["locations"][0]["physicalLocation"]["region"]["startLine"],
            7
        );
        assert_eq!(
            table["partialFingerprints"]["synthResource/v1"],
            json!("synth-diff/update-fails:Table")
        );
    }

    #[test]
    fn a_replaced_table_with_its_data_is_an_error() {
        let old = parse(&OLD.replace("      TableName: orders\n", ""), "old.yaml").unwrap();
        let new_text = OLD
            .replace("      TableName: orders\n", "")
            .replace("AttributeName: id", "AttributeName: orderId");
        let new = parse(&new_text, "new.yaml").unwrap();
        let report = diff(&old, &new);
        let log: Value = serde_json::from_str(&render_sarif(&report, &old, &new)).unwrap();
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "synth-diff/data-loss");
        assert!(
            result["message"]["text"]
                .as_str()
                .unwrap()
                .contains("holds data and is replaced: its data is deleted"),
            "{result}"
        );
    }
}
