//! What a reference means as an edge: its direction (the way requests or
//! events flow, not always the way the reference points) and its label.
//! A load balancer's listener names the load balancer, yet traffic goes
//! from the load balancer to the listener, so that edge is reversed.

use constructs::aws::type_names as types;
use serde_json::Value;

use super::model::EdgeKind;
use super::source::Resource;
use crate::references::Reference;

/// How one reference is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub label: Option<String>,
    /// Drawn from the referenced resource to the referring one.
    pub reversed: bool,
    pub kind: EdgeKind,
}

impl Relation {
    fn flow(label: impl Into<String>) -> Self {
        Relation {
            label: Some(label.into()),
            reversed: false,
            kind: EdgeKind::Flow,
        }
    }

    fn reversed(self) -> Self {
        Relation {
            reversed: true,
            ..self
        }
    }

    /// A reference without a name: drawn thin and dashed.
    pub fn plain() -> Self {
        Relation {
            label: None,
            reversed: false,
            kind: EdgeKind::Reference,
        }
    }
}

/// The relation of a reference made by a resource of `source_type`, or
/// `None` when it draws no edge (a dashboard's metrics, security group
/// rules drawn by [`security_group_rules`]).
pub fn of(source_type: &str, reference: &Reference) -> Option<Relation> {
    let at = |prefix: &[&str]| reference.under(prefix);
    let named = |fallback: &str| {
        reference
            .name
            .clone()
            .unwrap_or_else(|| fallback.to_string())
    };
    if at(&["DependsOn"]) {
        return Some(Relation::plain());
    }
    // Access a policy grants is drawn light: what the template wires
    // (a variable, a secret, a notification) says more.
    if super::folding::in_policy(reference) {
        return Some(Relation {
            label: Some("IAM".to_string()),
            reversed: false,
            kind: EdgeKind::Reference,
        });
    }
    let relation = match source_type {
        types::cloudwatch::DASHBOARD => return None,
        types::ec2::SECURITY_GROUP_INGRESS | types::ec2::SECURITY_GROUP_EGRESS => return None,
        types::ec2::SECURITY_GROUP
            if at(&["SecurityGroupIngress"]) || at(&["SecurityGroupEgress"]) =>
        {
            return None
        }
        types::s3::BUCKET if at(&["NotificationConfiguration", "LambdaConfigurations"]) => {
            Relation::flow("invokes")
        }
        types::s3::BUCKET if at(&["NotificationConfiguration"]) => Relation::flow("notifies"),
        types::sqs::QUEUE if at(&["RedrivePolicy"]) => Relation::flow("dead letters"),
        types::elasticloadbalancingv2::LISTENER if at(&["LoadBalancerArn"]) => {
            Relation::flow("listener").reversed()
        }
        types::elasticloadbalancingv2::LISTENER if at(&["DefaultActions"]) => {
            Relation::flow("forwards")
        }
        types::elasticloadbalancingv2::LISTENER if at(&["Certificates"]) => Relation::flow("TLS"),
        types::elasticloadbalancingv2::LISTENER_RULE if at(&["ListenerArn"]) => {
            Relation::flow("rule").reversed()
        }
        types::elasticloadbalancingv2::LISTENER_RULE if at(&["Actions"]) => {
            Relation::flow("forwards")
        }
        types::elasticloadbalancingv2::TARGET_GROUP if at(&["Targets"]) => {
            Relation::flow("targets")
        }
        types::ecs::SERVICE if at(&["LoadBalancers"]) => Relation::flow("targets").reversed(),
        types::ecs::SERVICE if at(&["TaskDefinition"]) => Relation::flow("runs"),
        types::ecs::SERVICE if at(&["CapacityProviderStrategy"]) => Relation::flow("capacity"),
        types::scheduler::SCHEDULE if at(&["Target", "EcsParameters", "TaskDefinitionArn"]) => {
            Relation::flow("runs")
        }
        types::scheduler::SCHEDULE if at(&["Target", "Arn"]) => Relation::flow("targets"),
        types::events::RULE if at(&["Targets"]) => Relation::flow("triggers"),
        types::lambda::EVENT_SOURCE_MAPPING if at(&["EventSourceArn"]) => {
            Relation::flow("events").reversed()
        }
        types::lambda::EVENT_SOURCE_MAPPING if at(&["FunctionName"]) => Relation::flow("invokes"),
        types::ecs::TASK_DEFINITION if at(&["ContainerDefinitions", "Secrets"]) => {
            Relation::flow(format!("secret {}", named("")).trim_end().to_string())
        }
        types::ecs::TASK_DEFINITION if at(&["ContainerDefinitions", "Environment"]) => {
            Relation::flow(named("environment"))
        }
        types::ecs::TASK_DEFINITION if at(&["ContainerDefinitions", "RepositoryCredentials"]) => {
            Relation::flow("registry login")
        }
        types::ecs::TASK_DEFINITION if at(&["ContainerDefinitions", "Image"]) => {
            Relation::flow("image")
        }
        types::ecs::TASK_DEFINITION if at(&["Volumes"]) => Relation::flow("mounts"),
        types::lambda::FUNCTION if at(&["Environment", "Variables"]) => {
            Relation::flow(named("environment"))
        }
        types::lambda::FUNCTION if at(&["Code"]) => Relation::flow("image"),
        types::route53::RECORD_SET if at(&["AliasTarget"]) => Relation::flow("alias"),
        types::cloudwatch::ALARM if at(&["Dimensions"]) => Relation::flow("watches"),
        types::cloudwatch::ALARM if at(&["AlarmActions"]) || at(&["OKActions"]) => {
            Relation::flow("triggers")
        }
        types::ssm::PARAMETER if at(&["Value"]) => Relation::flow("stores"),
        types::secretsmanager::SECRET if at(&["SecretString"]) => Relation::flow("stores"),
        types::rds::DB_INSTANCE if at(&["MasterUsername"]) || at(&["MasterUserPassword"]) => {
            Relation::flow("credentials")
        }
        _ => Relation::plain(),
    };
    Some(relation)
}

/// Security group rules, as edges between the groups they connect:
/// (from, to, `tcp 5432`). Inline rules of `AWS::EC2::SecurityGroup` and
/// the separate ingress and egress resources alike; rules to CIDRs draw
/// nothing.
pub fn security_group_rules(resource: &Resource) -> Vec<(String, String, String)> {
    let target = |value: Option<&Value>| value.and_then(referenced_name);
    let mut rules = Vec::new();
    match resource.type_name {
        types::ec2::SECURITY_GROUP_INGRESS | types::ec2::SECURITY_GROUP_EGRESS => {
            let Some(rule) = resource.value.get("Properties") else {
                return rules;
            };
            let group = target(rule.get("GroupId"));
            let ingress = resource.type_name == types::ec2::SECURITY_GROUP_INGRESS;
            let other = if ingress {
                target(rule.get("SourceSecurityGroupId"))
            } else {
                target(rule.get("DestinationSecurityGroupId"))
            };
            if let (Some(group), Some(other)) = (group, other) {
                let (from, to) = if ingress {
                    (other, group)
                } else {
                    (group, other)
                };
                rules.push((from, to, ports(rule)));
            }
        }
        types::ec2::SECURITY_GROUP => {
            for (key, ingress) in [
                ("SecurityGroupIngress", true),
                ("SecurityGroupEgress", false),
            ] {
                let Some(Value::Array(list)) = resource.property(key) else {
                    continue;
                };
                for rule in list {
                    let other = if ingress {
                        target(rule.get("SourceSecurityGroupId"))
                    } else {
                        target(rule.get("DestinationSecurityGroupId"))
                    };
                    if let Some(other) = other {
                        let own = resource.id.to_string();
                        let (from, to) = if ingress { (other, own) } else { (own, other) };
                        rules.push((from, to, ports(rule)));
                    }
                }
            }
        }
        _ => {}
    }
    rules
}

/// The logical ID or parameter a `Ref` or `Fn::GetAtt` names.
fn referenced_name(value: &Value) -> Option<String> {
    if let Some(name) = value.get("Ref").and_then(Value::as_str) {
        return Some(name.to_string());
    }
    match value.get("Fn::GetAtt")? {
        Value::Array(parts) => parts.first()?.as_str().map(str::to_string),
        Value::String(dotted) => dotted.split('.').next().map(str::to_string),
        _ => None,
    }
}

/// `tcp 5432`, `tcp 1024-2048`, `all traffic`.
fn ports(rule: &Value) -> String {
    let text = |key: &str| match rule.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let protocol = text("IpProtocol").unwrap_or_else(|| "-1".to_string());
    if protocol == "-1" {
        return "all traffic".to_string();
    }
    match (text("FromPort"), text("ToPort")) {
        (Some(from), Some(to)) if from == to => format!("{protocol} {from}"),
        (Some(from), Some(to)) => format!("{protocol} {from}-{to}"),
        _ => protocol,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reference(path: &[&str], name: Option<&str>) -> Reference {
        Reference {
            target: "X".to_string(),
            path: path.iter().map(|s| s.to_string()).collect(),
            name: name.map(str::to_string),
        }
    }

    #[test]
    fn named_relations_point_the_way_things_flow() {
        let listener = of(
            types::elasticloadbalancingv2::LISTENER,
            &reference(&["LoadBalancerArn"], None),
        )
        .unwrap();
        assert_eq!(listener.label.as_deref(), Some("listener"));
        assert!(listener.reversed);
        let secret = of(
            types::ecs::TASK_DEFINITION,
            &reference(
                &["ContainerDefinitions", "Secrets", "ValueFrom"],
                Some("DB_PASSWORD"),
            ),
        )
        .unwrap();
        assert_eq!(secret.label.as_deref(), Some("secret DB_PASSWORD"));
        assert!(!secret.reversed);
        let plain = of(types::ecs::SERVICE, &reference(&["Cluster"], None)).unwrap();
        assert_eq!(plain.kind, EdgeKind::Reference);
        assert_eq!(
            of(
                types::cloudwatch::DASHBOARD,
                &reference(&["DashboardBody"], None)
            ),
            None
        );
    }

    #[test]
    fn security_group_rules_connect_groups_with_their_ports() {
        let value = json!({"Type": types::ec2::SECURITY_GROUP_INGRESS, "Properties": {
            "GroupId": {"Ref": "Database"}, "SourceSecurityGroupId": {"Fn::GetAtt": ["App", "GroupId"]},
            "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432}});
        let resource = Resource {
            id: "Ingress",
            type_name: types::ec2::SECURITY_GROUP_INGRESS,
            value: &value,
            references: Vec::new(),
        };
        assert_eq!(
            security_group_rules(&resource),
            vec![(
                "App".to_string(),
                "Database".to_string(),
                "tcp 5432".to_string()
            )]
        );
    }
}
