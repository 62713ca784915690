//! Security changes as tables, like `cdk diff`'s: IAM statements and
//! security group rules that the change adds or removes.
//!
//! Statements are gathered wherever a template grants access: identity
//! policies (inline on roles, users and groups, `AWS::IAM::Policy`,
//! `AWS::IAM::ManagedPolicy`), managed policy attachments, trust policies,
//! resource policies (bucket, queue, key, repository, domain) and Lambda
//! permissions. Each row is compared whole, so a statement that gains an
//! action shows as one removed row and one added row, the way a reviewer
//! reads a grant.

use constructs::aws::type_names as types;
use serde_json::Value;

use super::show::{show, show_list};

/// One IAM statement, every cell already shown as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Statement {
    /// Logical ID and where in it: `TaskRole (trust policy)`.
    pub owner: String,
    /// `Allow` or `Deny`.
    pub effect: String,
    /// Who the statement is for, when it says (resource policies, trust policies).
    pub principal: String,
    /// The actions, joined with `, `.
    pub actions: String,
    /// The resources, joined with `, `.
    pub resources: String,
    /// The condition, on one line, or empty.
    pub condition: String,
}

/// One security group rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rule {
    /// The group's logical ID, or the `GroupId` a standalone rule names.
    pub group: String,
    /// `ingress` or `egress`.
    pub direction: String,
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    /// The port or range, or `all`.
    pub ports: String,
    /// The CIDR, prefix list or security group on the other side.
    pub peer: String,
    /// The rule's description, when it has one.
    pub description: String,
}

/// Rows the change adds and rows it removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<T> {
    /// Rows only the new template has.
    pub added: Vec<T>,
    /// Rows only the old template has.
    pub removed: Vec<T>,
}

impl<T> Table<T> {
    /// Whether the change adds and removes nothing here, so the report leaves the table out.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

fn table<T: Ord + Clone>(mut old: Vec<T>, mut new: Vec<T>) -> Table<T> {
    // Equal rows are interchangeable: no need for a stable sort's buffer.
    old.sort_unstable();
    new.sort_unstable();
    let removed = multiset_minus(&old, &new);
    let added = multiset_minus(&new, &old);
    Table { added, removed }
}

/// Items of `a` (sorted) not matched one-for-one in `b` (sorted).
fn multiset_minus<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::new();
    let mut j = 0;
    for item in a {
        while j < b.len() && b[j] < *item {
            j += 1;
        }
        if j < b.len() && b[j] == *item {
            j += 1;
        } else {
            out.push(item.clone());
        }
    }
    out
}

/// The IAM statements `new` adds to and removes from `old`.
pub fn iam_changes(old: &Value, new: &Value) -> Table<Statement> {
    table(
        statements(&changed(old, new)),
        statements(&changed(new, old)),
    )
}

/// The security group rules `new` adds to and removes from `old`.
pub fn security_group_changes(old: &Value, new: &Value) -> Table<Rule> {
    table(rules(&changed(old, new)), rules(&changed(new, old)))
}

/// A template's resources, by logical ID.
type Resources<'t> = Vec<(&'t String, &'t Value)>;

/// The resources of `template` not written the same in `other`: the rows
/// of those that are would cancel out, and most of a real template is
/// unchanged.
fn changed<'t>(template: &'t Value, other: &Value) -> Resources<'t> {
    let others = other["Resources"].as_object();
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(id, resource)| others.and_then(|o| o.get(*id)) != Some(*resource))
        .collect()
}

/// Properties that hold a whole policy document, on any resource type.
const DOCUMENT_PROPERTIES: &[(&str, &str)] = &[
    ("AccessPolicies", "access policy"),
    ("AssumeRolePolicyDocument", "trust policy"),
    ("KeyPolicy", "key policy"),
    ("PolicyDocument", "policy"),
    ("RepositoryPolicyText", "repository policy"),
    ("ResourcePolicy", "resource policy"),
];

fn statements(resources: &[(&String, &Value)]) -> Vec<Statement> {
    let mut out = Vec::new();
    for (id, resource) in resources.iter().copied() {
        let properties = &resource["Properties"];
        for (property, label) in DOCUMENT_PROPERTIES {
            if let Some(document) = properties.get(*property) {
                document_statements(document, &format!("{id} ({label})"), &mut out);
            }
        }
        for policy in properties["Policies"].as_array().into_iter().flatten() {
            let owner = format!("{id} (policy {})", show(&policy["PolicyName"]));
            document_statements(&policy["PolicyDocument"], &owner, &mut out);
        }
        for arn in show_list(properties.get("ManagedPolicyArns")) {
            out.push(Statement {
                owner: format!("{id} (managed policy)"),
                effect: "Allow".into(),
                principal: String::new(),
                actions: "(the managed policy's)".into(),
                resources: arn,
                condition: String::new(),
            });
        }
        if resource["Type"] == types::lambda::PERMISSION {
            let mut condition = Vec::new();
            for key in ["SourceArn", "SourceAccount", "PrincipalOrgID"] {
                if let Some(value) = properties.get(key) {
                    condition.push(format!("{key}={}", show(value)));
                }
            }
            out.push(Statement {
                owner: format!("{id} (Lambda permission)"),
                effect: "Allow".into(),
                principal: show(&properties["Principal"]),
                actions: show(&properties["Action"]),
                resources: show(&properties["FunctionName"]),
                condition: condition.join(", "),
            });
        }
    }
    out
}

fn document_statements(document: &Value, owner: &str, out: &mut Vec<Statement>) {
    let list = match &document["Statement"] {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        single => vec![single.clone()],
    };
    for statement in &list {
        let either = |key: &str, not: &str| -> String {
            match (statement.get(key), statement.get(not)) {
                (Some(v), _) => show_list(Some(v)).join(", "),
                (None, Some(v)) => format!("NOT {}", show_list(Some(v)).join(", ")),
                (None, None) => String::new(),
            }
        };
        let principal = match (statement.get("Principal"), statement.get("NotPrincipal")) {
            (Some(p), _) => principal(p),
            (None, Some(p)) => format!("NOT {}", principal(p)),
            (None, None) => String::new(),
        };
        out.push(Statement {
            owner: owner.to_string(),
            effect: show(&statement["Effect"]),
            principal,
            actions: either("Action", "NotAction"),
            resources: either("Resource", "NotResource"),
            condition: statement.get("Condition").map(show).unwrap_or_default(),
        });
    }
}

fn principal(value: &Value) -> String {
    match value {
        Value::Object(kinds) if !kinds.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) => kinds
            .iter()
            .flat_map(|(kind, ids)| {
                show_list(Some(ids))
                    .into_iter()
                    .map(move |id| format!("{kind}:{id}"))
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => show(other),
    }
}

fn rules(resources: &[(&String, &Value)]) -> Vec<Rule> {
    let mut out = Vec::new();
    for (id, resource) in resources.iter().copied() {
        let properties = &resource["Properties"];
        match resource["Type"].as_str() {
            Some(types::ec2::SECURITY_GROUP) => {
                for (key, direction) in [
                    ("SecurityGroupIngress", "ingress"),
                    ("SecurityGroupEgress", "egress"),
                ] {
                    for rule in properties[key].as_array().into_iter().flatten() {
                        out.push(self::rule(id.clone(), direction, rule));
                    }
                }
            }
            Some(types::ec2::SECURITY_GROUP_INGRESS) => {
                out.push(rule(show(&properties["GroupId"]), "ingress", properties));
            }
            Some(types::ec2::SECURITY_GROUP_EGRESS) => {
                out.push(rule(show(&properties["GroupId"]), "egress", properties));
            }
            _ => {}
        }
    }
    out
}

fn rule(group: String, direction: &str, rule: &Value) -> Rule {
    let protocol = match show(&rule["IpProtocol"]).as_str() {
        "-1" => "all".to_string(),
        other => other.to_string(),
    };
    let ports = match (rule.get("FromPort"), rule.get("ToPort")) {
        (Some(from), Some(to)) if show(from) == show(to) => show(from),
        (Some(from), Some(to)) => format!("{}-{}", show(from), show(to)),
        (Some(port), None) | (None, Some(port)) => show(port),
        (None, None) => "all".into(),
    };
    let peer = [
        "CidrIp",
        "CidrIpv6",
        "SourceSecurityGroupId",
        "DestinationSecurityGroupId",
        "SourcePrefixListId",
        "DestinationPrefixListId",
        "SourceSecurityGroupName",
    ]
    .iter()
    .find_map(|key| rule.get(*key).map(show))
    .unwrap_or_default();
    Rule {
        group,
        direction: direction.into(),
        protocol,
        ports,
        peer,
        description: rule.get("Description").map(show).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn role(actions: Value) -> Value {
        json!({"Resources": {"TaskRole": {"Type": types::iam::ROLE, "Properties": {
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "app", "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": actions, "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}}
            ]}}]
        }}}})
    }

    #[test]
    fn a_widened_statement_is_one_removed_and_one_added_row() {
        let table = iam_changes(
            &role(json!("s3:GetObject")),
            &role(json!(["s3:GetObject", "s3:PutObject"])),
        );
        assert_eq!(table.removed.len(), 1);
        assert_eq!(table.added.len(), 1);
        let added = &table.added[0];
        assert_eq!(added.owner, "TaskRole (policy app)");
        assert_eq!(added.actions, "s3:GetObject, s3:PutObject");
        assert_eq!(added.resources, "${Bucket.Arn}/*");
        assert_eq!(table.removed[0].actions, "s3:GetObject");
    }

    #[test]
    fn trust_policies_and_permissions_are_statements() {
        let template = role(json!("s3:GetObject"));
        let rows = statements(&changed(&template, &serde_json::Value::Null));
        assert!(rows.iter().any(|r| r.owner == "TaskRole (trust policy)"
            && r.principal == "Service:ecs-tasks.amazonaws.com"
            && r.actions == "sts:AssumeRole"));
        let permission = json!({"Resources": {"Invoke": {"Type": types::lambda::PERMISSION, "Properties": {
            "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "elasticloadbalancing.amazonaws.com", "SourceArn": {"Ref": "Tg"}}}}});
        let table = iam_changes(&json!({"Resources": {}}), &permission);
        assert_eq!(
            table.added,
            vec![Statement {
                owner: "Invoke (Lambda permission)".into(),
                effect: "Allow".into(),
                principal: "elasticloadbalancing.amazonaws.com".into(),
                actions: "lambda:InvokeFunction".into(),
                resources: "${Fn}".into(),
                condition: "SourceArn=${Tg}".into(),
            }]
        );
    }

    #[test]
    fn unchanged_statements_are_not_listed() {
        assert!(iam_changes(&role(json!("s3:GetObject")), &role(json!("s3:GetObject"))).is_empty());
    }

    #[test]
    fn security_group_rules_inline_and_standalone() {
        let old = json!({"Resources": {"Web": {"Type": types::ec2::SECURITY_GROUP, "Properties": {
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}}}});
        let new = json!({"Resources": {
            "Web": {"Type": types::ec2::SECURITY_GROUP, "Properties": {
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}},
            "FromApp": {"Type": types::ec2::SECURITY_GROUP_INGRESS, "Properties": {
                "GroupId": {"Ref": "Db"}, "IpProtocol": "-1", "SourceSecurityGroupId": {"Fn::GetAtt": ["App", "GroupId"]}}}}});
        let table = security_group_changes(&old, &new);
        assert_eq!(table.removed.len(), 1);
        assert_eq!(table.removed[0].ports, "443");
        assert_eq!(table.added.len(), 2);
        assert!(table.added.iter().any(|r| r.group == "${Db}"
            && r.protocol == "all"
            && r.ports == "all"
            && r.peer == "${App.GroupId}"));
        assert!(table
            .added
            .iter()
            .any(|r| r.group == "Web" && r.ports == "80-443"));
    }
}
