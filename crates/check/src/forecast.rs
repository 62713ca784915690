//! What CloudFormation (or the AWS CLI) will refuse, known offline from
//! the template alone: its quotas, its size, inline IAM policies over
//! IAM's size limits, one physical name given twice, a dependency cycle,
//! an import of an export the same template makes. Each is a [`Control`]
//! with an ID of its own (`CFN.*`, `IAM.*`), excepted like a Control Tower
//! control.
//!
//! Sources: the CloudFormation quotas (resources, parameters, outputs,
//! mappings, template body sizes), "Template anatomy" for `DependsOn` and
//! `Fn::ImportValue` (an export cannot be imported by the stack that
//! exports it), and the IAM quotas (policy sizes, counted in characters
//! without whitespace), and the registry schemas' length and pattern of
//! each type's naming property (from cfn-lint's copy, vendored as
//! `schemas/cfn-lint/names.json`; the spec carries none), checked on
//! literal names. What needs the account (a name taken by another stack,
//! a service quota) is not forecast.

use std::collections::{BTreeMap, BTreeSet};

use constructs::aws::type_names::iam;
use serde_json::Value;

use crate::controls::Control;
use crate::evaluate::Finding;

/// What names forecast findings in reports, where a rule file would.
pub const SOURCE: &str = "forecast";

const RESOURCES: Control = Control {
    id: "CFN.QUOTA.RESOURCES",
    title: "A template declares at most 500 resources",
    fix: "Split the stack: move a part into a nested stack or a stack of its own.",
};
const NO_RESOURCES: Control = Control {
    id: "CFN.QUOTA.NO_RESOURCES",
    title: "A template declares at least one resource",
    fix: "Add the stack's resources; a stack that should hold none is one to delete.",
};
const PARAMETERS: Control = Control {
    id: "CFN.QUOTA.PARAMETERS",
    title: "A template declares at most 200 parameters",
    fix: "Group values into fewer parameters (a comma-delimited list, a config file read at synthesis).",
};
const OUTPUTS: Control = Control {
    id: "CFN.QUOTA.OUTPUTS",
    title: "A template declares at most 200 outputs",
    fix: "Output fewer values, or split the stack.",
};
const MAPPINGS: Control = Control {
    id: "CFN.QUOTA.MAPPINGS",
    title: "A template declares at most 200 mappings",
    fix: "Merge mappings, or resolve the values at synthesis.",
};
const BODY: Control = Control {
    id: "CFN.SIZE.BODY",
    title: "A template body is at most 1 MB, even uploaded to S3",
    fix: "Split the stack: move a part into a nested stack or a stack of its own.",
};
const INLINE_BODY: Control = Control {
    id: "CFN.SIZE.INLINE",
    title: "A template passed inline is at most 51,200 bytes",
    fix: "Deploy it through S3: `aws cloudformation deploy --s3-bucket BUCKET ...`.",
};
const POLICY_SIZE: Control = Control {
    id: "IAM.POLICY.SIZE",
    title: "Inline policies stay within IAM's size limits (a role's 10,240 characters, a user's 2,048, a group's 5,120, a managed policy's 6,144)",
    fix: "Use wildcards or fewer statements, or move statements to a managed policy.",
};
const DUPLICATE_NAME: Control = Control {
    id: "CFN.NAME.DUPLICATE",
    title: "No two resources of a type are given the same physical name",
    fix: "Give each its own name, or leave the name out and let CloudFormation name it.",
};
const NAME_LENGTH: Control = Control {
    id: "CFN.NAME.LENGTH",
    title: "A physical name is as long as its resource type allows",
    fix: "Shorten the name (or lengthen it), or leave it out and let CloudFormation name the resource.",
};
const NAME_PATTERN: Control = Control {
    id: "CFN.NAME.PATTERN",
    title: "A physical name has only the characters and shape its resource type allows",
    fix: "Rename the resource with the allowed characters, or leave the name out and let CloudFormation name it.",
};
const CYCLE: Control = Control {
    id: "CFN.DEPENDS.CYCLE",
    title: "Resources do not depend on each other in a cycle",
    fix: "Break the cycle: drop a DependsOn, or move the reference into a separate resource (a policy, an ingress rule) that depends on both.",
};
const SELF_IMPORT: Control = Control {
    id: "CFN.IMPORT.SELF",
    title: "A stack does not import an export it makes itself",
    fix: "Reference the resource or output directly (Ref, Fn::GetAtt) instead of Fn::ImportValue.",
};

/// Every forecast finding on `template` (long-form JSON) whose text, as
/// given, is `body_bytes` long. A finding about the whole template has an
/// empty `resource`.
pub fn forecast(template: &Value, body_bytes: usize) -> Vec<Finding> {
    let resources = template["Resources"].as_object();
    let mut found = Vec::new();
    let count = |section: &str| template[section].as_object().map_or(0, |map| map.len());
    for (section, control, limit) in [
        ("Resources", RESOURCES, constructs::MAX_RESOURCES),
        ("Parameters", PARAMETERS, constructs::MAX_PARAMETERS),
        ("Outputs", OUTPUTS, constructs::MAX_OUTPUTS),
        ("Mappings", MAPPINGS, constructs::MAX_MAPPINGS),
    ] {
        let actual = count(section);
        if actual > limit {
            found.push(finding(
                "",
                control,
                format!("{actual} {}", section.to_lowercase()),
            ));
        }
    }
    if resources.is_some_and(|r| r.is_empty()) {
        found.push(finding("", NO_RESOURCES, "0 resources".to_string()));
    }
    if body_bytes > constructs::MAX_BODY_BYTES {
        found.push(finding("", BODY, format!("{body_bytes} bytes")));
    } else if body_bytes > constructs::MAX_INLINE_BODY_BYTES {
        found.push(finding("", INLINE_BODY, format!("{body_bytes} bytes")));
    }
    if let Some(resources) = resources {
        found.extend(policy_sizes(resources));
        found.extend(duplicate_names(resources));
        found.extend(name_rules(resources));
        found.extend(cycles(resources));
        found.extend(self_imports(template));
    }
    found
}

fn finding(resource: &str, control: Control, detail: String) -> Finding {
    Finding {
        resource: resource.to_string(),
        control,
        rule_file: SOURCE,
        detail,
    }
}

/// IAM's limit on the inline policies of a principal type, and on a
/// managed policy.
fn policy_limit(kind: &str) -> Option<usize> {
    match kind {
        iam::ROLE => Some(10_240),
        iam::USER => Some(2_048),
        iam::GROUP => Some(5_120),
        iam::MANAGED_POLICY => Some(6_144),
        _ => None,
    }
}

/// A policy document's size as IAM counts it: its JSON without whitespace
/// (as written: an intrinsic counts as its JSON, close to what it
/// resolves to for ARNs and names).
fn policy_chars(document: &Value) -> usize {
    document.to_string().chars().count()
}

/// Roles, users and groups whose inline policies (their own `Policies`
/// and every `AWS::IAM::Policy` attached to them by `Ref`) add up to more
/// than IAM allows, and managed policies over theirs.
fn policy_sizes(resources: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, resource) in resources {
        let properties = &resource["Properties"];
        match resource["Type"].as_str().unwrap_or_default() {
            iam::ROLE | iam::USER | iam::GROUP => {
                let own: usize = properties["Policies"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|policy| policy_chars(&policy["PolicyDocument"]))
                    .sum();
                *sizes.entry(id).or_default() += own;
            }
            iam::MANAGED_POLICY => {
                sizes.insert(id, policy_chars(&properties["PolicyDocument"]));
            }
            iam::POLICY => {
                let chars = policy_chars(&properties["PolicyDocument"]);
                for key in ["Roles", "Users", "Groups"] {
                    for principal in properties[key].as_array().into_iter().flatten() {
                        if let Some(target) = principal["Ref"].as_str() {
                            if resources.contains_key(target) {
                                *sizes.entry(target).or_default() += chars;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    sizes
        .into_iter()
        .filter_map(|(id, chars)| {
            let kind = resources[id]["Type"].as_str().unwrap_or_default();
            let limit = policy_limit(kind)?;
            (chars > limit).then(|| {
                finding(
                    id,
                    POLICY_SIZE,
                    format!("{chars} characters of policy, over {limit}"),
                )
            })
        })
        .collect()
}

/// Resources of one type whose naming property (`BucketName`,
/// `QueueName`) holds the same value, literal or the same expression: the
/// second create fails, the name being taken.
fn duplicate_names(resources: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let mut by_name: BTreeMap<(&str, String), Vec<&str>> = BTreeMap::new();
    for (id, resource) in resources {
        let kind = resource["Type"].as_str().unwrap_or_default();
        let Some(property) = constructs::resource_facts(kind).and_then(|facts| facts.name_property)
        else {
            continue;
        };
        if let Some(name) = resource["Properties"].get(property) {
            by_name
                .entry((kind, name.to_string()))
                .or_default()
                .push(id);
        }
    }
    let mut found = Vec::new();
    for ((_, name), ids) in by_name {
        if ids.len() > 1 {
            for id in &ids {
                let others: Vec<&str> = ids.iter().copied().filter(|other| other != id).collect();
                found.push(finding(
                    id,
                    DUPLICATE_NAME,
                    format!("{name}, also given to {}", others.join(", ")),
                ));
            }
        }
    }
    found
}

/// Literal names outside the length or pattern their type's registry
/// schema allows: CloudFormation's handler refuses them at create time.
/// Patterns are compiled with `fancy-regex`, which has the look-around
/// many of them use; one it cannot compile is not checked.
fn name_rules(resources: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let mut patterns: BTreeMap<&str, Option<fancy_regex::Regex>> = BTreeMap::new();
    let mut found = Vec::new();
    for (id, resource) in resources {
        let kind = resource["Type"].as_str().unwrap_or_default();
        let Some(facts) = constructs::resource_facts(kind) else {
            continue;
        };
        let (Some(property), Some(rule)) = (facts.name_property, facts.name_rule) else {
            continue;
        };
        let Some(name) = resource["Properties"].get(property).and_then(Value::as_str) else {
            continue;
        };
        let length = name.chars().count();
        let too_short = rule.min_length.is_some_and(|min| length < min as usize);
        let too_long = rule.max_length.is_some_and(|max| length > max as usize);
        if too_short || too_long {
            let bound = match (too_short, rule.min_length, rule.max_length) {
                (true, Some(min), _) => format!("at least {min}"),
                (_, _, Some(max)) => format!("at most {max}"),
                _ => unreachable!("a bound was broken"),
            };
            found.push(finding(
                id,
                NAME_LENGTH,
                format!("{property} {name:?} has {length} characters; {kind} allows {bound}"),
            ));
        }
        if let Some(pattern) = rule.pattern {
            let compiled = patterns
                .entry(pattern)
                .or_insert_with(|| fancy_regex::Regex::new(pattern).ok());
            // A pattern that backtracks too long counts as matching: no finding.
            if compiled
                .as_ref()
                .is_some_and(|re| matches!(re.is_match(name), Ok(false)))
            {
                found.push(finding(
                    id,
                    NAME_PATTERN,
                    format!("{property} {name:?} does not match {pattern} ({kind})"),
                ));
            }
        }
    }
    found
}

/// Resources in a cycle of references and `DependsOn`: CloudFormation
/// refuses the template ("Circular dependency between resources").
fn cycles(resources: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let ids: Vec<&str> = resources.keys().map(String::as_str).collect();
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<BTreeSet<usize>> = ids
        .iter()
        .map(|id| {
            inspect::references::of_resource(&resources[*id])
                .into_iter()
                .filter_map(|reference| index.get(reference.target.as_str()).copied())
                .collect()
        })
        .collect();
    let mut found = Vec::new();
    for component in strongly_connected(&edges) {
        let cyclic = component.len() > 1 || edges[component[0]].contains(&component[0]);
        if cyclic {
            let mut names: Vec<&str> = component.iter().map(|&i| ids[i]).collect();
            names.sort_unstable();
            let cycle = format!("{} → {}", names.join(" → "), names[0]);
            for name in &names {
                found.push(finding(name, CYCLE, cycle.clone()));
            }
        }
    }
    found
}

/// Tarjan's strongly connected components of the graph `edges` (node →
/// the nodes it depends on), iteratively, so a long chain cannot overflow
/// the stack.
fn strongly_connected(edges: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    let mut search = Tarjan {
        edges,
        order: vec![usize::MAX; edges.len()],
        low: vec![0; edges.len()],
        on_stack: vec![false; edges.len()],
        stack: Vec::new(),
        next: 0,
        work: Vec::new(),
    };
    let mut components = Vec::new();
    for root in 0..edges.len() {
        if search.order[root] != usize::MAX {
            continue;
        }
        search.enter(root);
        while let Some((node, pending)) = search.work.last_mut() {
            let node = *node;
            match pending.pop() {
                Some(successor) if search.order[successor] == usize::MAX => search.enter(successor),
                Some(successor) => {
                    if search.on_stack[successor] {
                        search.low[node] = search.low[node].min(search.order[successor]);
                    }
                }
                None => {
                    search.work.pop();
                    if let Some((parent, _)) = search.work.last() {
                        search.low[*parent] = search.low[*parent].min(search.low[node]);
                    }
                    if search.low[node] == search.order[node] {
                        let mut component = Vec::new();
                        while let Some(member) = search.stack.pop() {
                            search.on_stack[member] = false;
                            component.push(member);
                            if member == node {
                                break;
                            }
                        }
                        components.push(component);
                    }
                }
            }
        }
    }
    components
}

/// The state of [`strongly_connected`]'s search.
struct Tarjan<'e> {
    edges: &'e [BTreeSet<usize>],
    /// Visit order; `usize::MAX` for a node not reached yet.
    order: Vec<usize>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    /// (node, the successors still to visit)
    work: Vec<(usize, Vec<usize>)>,
}

impl Tarjan<'_> {
    /// Reaches `node`: numbers it and queues its successors.
    fn enter(&mut self, node: usize) {
        self.order[node] = self.next;
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        self.work
            .push((node, self.edges[node].iter().copied().collect()));
    }
}

/// `Fn::ImportValue` of a name one of the template's own outputs exports
/// (the same literal or expression): the export does not exist before the
/// stack does, so the create fails.
fn self_imports(template: &Value) -> Vec<Finding> {
    let exports: BTreeSet<String> = template["Outputs"]
        .as_object()
        .into_iter()
        .flat_map(|outputs| outputs.values())
        .filter_map(|output| output["Export"].get("Name"))
        .map(Value::to_string)
        .collect();
    if exports.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (id, resource) in template["Resources"].as_object().into_iter().flatten() {
        let mut imports = Vec::new();
        collect_imports(resource, &mut imports);
        for name in imports {
            if exports.contains(&name.to_string()) {
                found.push(finding(id, SELF_IMPORT, format!("imports {name}")));
            }
        }
    }
    found
}

fn collect_imports<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                if key == "Fn::ImportValue" {
                    found.push(field);
                } else {
                    collect_imports(field, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_imports(item, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|finding| (finding.resource.as_str(), finding.control.id))
            .collect()
    }

    #[test]
    fn quotas_and_sizes_are_counted() {
        let resources: serde_json::Map<String, Value> = (0..501)
            .map(|i| (format!("Topic{i}"), json!({"Type": "AWS::SNS::Topic"})))
            .collect();
        let template = json!({"Resources": resources});
        let found = forecast(&template, 60_000);
        assert_eq!(
            ids(&found),
            [("", "CFN.QUOTA.RESOURCES"), ("", "CFN.SIZE.INLINE")]
        );
        assert_eq!(found[0].detail, "501 resources");
        let found = forecast(&json!({"Resources": {}}), 1_000_001);
        assert_eq!(
            ids(&found),
            [("", "CFN.QUOTA.NO_RESOURCES"), ("", "CFN.SIZE.BODY")]
        );
    }

    #[test]
    fn a_role_over_its_policy_size_counts_attached_policies_too() {
        let statement = json!({"Effect": "Allow", "Action": "s3:GetObject",
            "Resource": format!("arn:aws:s3:::{}/*", "b".repeat(80))});
        let document =
            |n: usize| json!({"Version": "2012-10-17", "Statement": vec![statement.clone(); n]});
        let template = json!({"Resources": {
            "Role": {"Type": "AWS::IAM::Role", "Properties": {
                "Policies": [{"PolicyName": "own", "PolicyDocument": document(40)}]}},
            "Extra": {"Type": "AWS::IAM::Policy", "Properties": {
                "PolicyDocument": document(40), "Roles": [{"Ref": "Role"}]}},
            "Small": {"Type": "AWS::IAM::Role", "Properties": {
                "Policies": [{"PolicyName": "own", "PolicyDocument": document(1)}]}},
        }});
        let found = forecast(&template, 100);
        assert_eq!(ids(&found), [("Role", "IAM.POLICY.SIZE")]);
        assert!(
            found[0]
                .detail
                .ends_with("characters of policy, over 10240"),
            "{}",
            found[0].detail
        );
    }

    #[test]
    fn one_name_twice_cycles_and_self_imports_are_found() {
        let template = json!({
            "Resources": {
                "A": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs"}},
                "B": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs"}},
                "C": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "other"}},
                "X": {"Type": "AWS::SNS::Topic", "DependsOn": "Y"},
                "Y": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["X", "TopicName"]}}},
                "Z": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::ImportValue": "shared-topic"}}},
            },
            "Outputs": {"Topic": {"Value": {"Ref": "X"}, "Export": {"Name": "shared-topic"}}},
        });
        let found = forecast(&template, 100);
        assert_eq!(
            ids(&found),
            [
                ("A", "CFN.NAME.DUPLICATE"),
                ("B", "CFN.NAME.DUPLICATE"),
                ("X", "CFN.DEPENDS.CYCLE"),
                ("Y", "CFN.DEPENDS.CYCLE"),
                ("Z", "CFN.IMPORT.SELF"),
            ]
        );
        assert_eq!(found[0].detail, "\"jobs\", also given to B");
        assert_eq!(found[2].detail, "X → Y → X");
    }

    #[test]
    fn names_outside_their_types_length_and_pattern_are_found() {
        let template = json!({"Resources": {
            "Long": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a".repeat(64)}},
            "Upper": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "Data_Bucket"}},
            "Fine": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "data-bucket"}},
            "Computed": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${AWS::StackName}-DATA"}}},
        }});
        let found = forecast(&template, 10);
        assert_eq!(
            ids(&found),
            [("Long", "CFN.NAME.LENGTH"), ("Upper", "CFN.NAME.PATTERN"),]
        );
        assert_eq!(
            found[0].detail,
            format!(
                "BucketName {:?} has 64 characters; AWS::S3::Bucket allows at most 63",
                "a".repeat(64)
            )
        );
    }

    #[test]
    fn a_long_chain_is_no_cycle_and_no_stack_overflow() {
        let resources: serde_json::Map<String, Value> = (0..100_000)
            .map(|i| {
                let mut resource = json!({"Type": "AWS::SNS::Topic"});
                if i > 0 {
                    resource["DependsOn"] = json!(format!("T{}", i - 1));
                }
                (format!("T{i}"), resource)
            })
            .collect();
        assert!(cycles(&resources).is_empty());
    }
}

#[cfg(test)]
mod name_patterns {
    /// Of the 434 naming patterns the vendored registry schemas give,
    /// these are the ones `fancy-regex` cannot compile (UTF-16 surrogate
    /// ranges, `\p{Z}` with a class range, a `-` range Python reads
    /// loosely), so `CFN.NAME.PATTERN` skips them; a vendor upgrade that
    /// changes the list shows here.
    #[test]
    fn all_but_five_naming_patterns_compile() {
        let mut skipped: Vec<&str> = constructs::aws::RESOURCE_FACTS
            .iter()
            .filter_map(|facts| {
                let pattern = facts.name_rule?.pattern?;
                fancy_regex::Regex::new(pattern)
                    .is_err()
                    .then_some(facts.type_name)
            })
            .collect();
        skipped.sort();
        assert_eq!(
            skipped,
            [
                "AWS::CleanRoomsML::ConfiguredModelAlgorithm",
                "AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation",
                "AWS::CleanRoomsML::TrainingDataset",
                "AWS::Invoicing::InvoiceUnit",
                "AWS::NotificationsContacts::EmailContact",
            ]
        );
    }
}
