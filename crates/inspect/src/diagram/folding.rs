//! Which resources are drawn inside another one instead of as boxes of
//! their own: IAM roles and policies, log groups, route tables, scaling
//! targets and the like are how a service runs, not what the system is.
//! A folded resource shows as a line in its host's box (`role: TaskRole`),
//! and its relations become the host's, so a task role's access to a
//! bucket is drawn from the task definition. `--detail full` folds nothing.

use constructs::aws::type_names as types;
use std::collections::BTreeMap;

use super::source::Source;
use crate::references::Reference;

/// Where a folded type goes.
enum Into {
    /// Into the resources that refer to it (a role into the task
    /// definitions that run as it).
    Referrers,
    /// Into what these properties refer to (a bucket policy into its
    /// bucket).
    Properties(&'static [&'static str]),
}

/// How a type folds, and the word its host's box uses for it (`None`:
/// folded without a line, as for route table associations).
fn rule(type_name: &str) -> Option<(Into, Option<&'static str>)> {
    use Into::*;
    Some(match type_name {
        types::iam::ROLE => (Referrers, Some("role")),
        types::iam::INSTANCE_PROFILE => (Referrers, Some("instance profile")),
        types::iam::MANAGED_POLICY => (Properties(&["Roles", "Users", "Groups"]), Some("policy")),
        types::iam::POLICY => (Properties(&["Roles", "Users", "Groups"]), Some("policy")),
        types::iam::ACCESS_KEY => (Properties(&["UserName"]), Some("access key")),
        types::iam::USER_TO_GROUP_ADDITION => (Properties(&["GroupName"]), None),
        types::logs::LOG_GROUP => (Referrers, Some("logs")),
        types::sqs::QUEUE_POLICY => (Properties(&["Queues"]), Some("policy")),
        types::s3::BUCKET_POLICY => (Properties(&["Bucket"]), Some("policy")),
        types::sns::TOPIC_POLICY => (Properties(&["Topics"]), Some("policy")),
        types::lambda::PERMISSION => (Properties(&["FunctionName"]), Some("permission")),
        types::ec2::ROUTE_TABLE => (Referrers, Some("route table")),
        types::ec2::ROUTE => (Properties(&["RouteTableId"]), Some("route")),
        types::ec2::SUBNET_ROUTE_TABLE_ASSOCIATION => (Properties(&["SubnetId"]), None),
        types::ec2::VPC_GATEWAY_ATTACHMENT => (Properties(&["InternetGatewayId"]), None),
        types::ec2::SECURITY_GROUP_INGRESS | types::ec2::SECURITY_GROUP_EGRESS => {
            (Properties(&["GroupId"]), None)
        }
        types::ec2::EIP => (Referrers, Some("elastic IP")),
        types::ec2::LAUNCH_TEMPLATE => (Referrers, Some("launch template")),
        types::rds::DB_SUBNET_GROUP | types::elasticache::SUBNET_GROUP => {
            (Referrers, Some("subnet group"))
        }
        types::servicediscovery::SERVICE => (Referrers, Some("discovery")),
        types::applicationautoscaling::SCALABLE_TARGET => {
            (Properties(&["ResourceId"]), Some("scaling"))
        }
        types::applicationautoscaling::SCALING_POLICY => {
            (Properties(&["ScalingTargetId"]), Some("scaling policy"))
        }
        types::ecs::CAPACITY_PROVIDER => (
            Properties(&["AutoScalingGroupProvider"]),
            Some("capacity provider"),
        ),
        types::ecs::CLUSTER_CAPACITY_PROVIDER_ASSOCIATIONS => (Properties(&["Cluster"]), None),
        _ => return None,
    })
}

/// A reference made from inside an IAM or resource policy document.
pub fn in_policy(reference: &Reference) -> bool {
    reference.path.iter().any(|key| {
        matches!(
            key.as_str(),
            "PolicyDocument"
                | "AssumeRolePolicyDocument"
                | "Policies"
                | "AccessPolicies"
                | "KeyPolicy"
        )
    })
}

/// The hosts of every folded resource.
#[derive(Debug, Default)]
pub struct Folding {
    hosts: BTreeMap<String, Vec<String>>,
    words: BTreeMap<String, &'static str>,
}

impl Folding {
    /// Folds what the rules fold; with `full`, nothing.
    pub fn of(source: &Source, full: bool) -> Self {
        let mut folding = Folding::default();
        if full {
            return folding;
        }
        let mut memo = BTreeMap::new();
        for resource in &source.resources {
            let hosts = resolve(source, resource.id, &mut memo, &mut Vec::new());
            if hosts != [resource.id] {
                folding.hosts.insert(resource.id.to_string(), hosts);
                if let Some((_, Some(word))) = rule(resource.type_name) {
                    folding.words.insert(resource.id.to_string(), word);
                }
            }
        }
        folding
    }

    /// The nodes or groups `id` is drawn in: itself when not folded.
    pub fn hosts_of<'s>(&'s self, id: &'s str) -> Vec<&'s str> {
        match self.hosts.get(id) {
            Some(hosts) => hosts.iter().map(String::as_str).collect(),
            None => vec![id],
        }
    }

    pub fn is_folded(&self, id: &str) -> bool {
        self.hosts.contains_key(id)
    }

    /// The word the host's box names it with, when it shows a line.
    pub fn word(&self, id: &str) -> Option<&'static str> {
        self.words.get(id).copied()
    }
}

/// The unfolded resources (or parameters) `id` ends up in, following
/// folds through folds (a route into its route table into the subnets
/// associated with it). A resource with nowhere to go stays itself.
fn resolve(
    source: &Source,
    id: &str,
    memo: &mut BTreeMap<String, Vec<String>>,
    visiting: &mut Vec<String>,
) -> Vec<String> {
    if let Some(done) = memo.get(id) {
        return done.clone();
    }
    let Some(resource) = source.resource(id) else {
        return vec![id.to_string()];
    };
    let Some((into, _)) = rule(resource.type_name) else {
        return vec![id.to_string()];
    };
    if visiting.iter().any(|v| v == id) {
        return Vec::new();
    }
    visiting.push(id.to_string());
    let candidates = match into {
        Into::Properties(keys) => {
            let mut found: Vec<&str> = Vec::new();
            for reference in &resource.references {
                if keys.iter().any(|key| reference.under(&[key]))
                    && !found.contains(&reference.target.as_str())
                {
                    found.push(&reference.target);
                }
            }
            // `service/${Cluster}/${Service.Name}` scales the service, not
            // its cluster.
            if found.len() > 1 {
                found.retain(|t| source.type_of(t) != Some(types::ecs::CLUSTER));
            }
            found.into_iter().map(str::to_string).collect()
        }
        Into::Referrers => referrers(source, id),
    };
    let mut hosts: Vec<String> = Vec::new();
    for candidate in candidates {
        for host in resolve(source, &candidate, memo, visiting) {
            if host != id && !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    visiting.pop();
    let hosts = if hosts.is_empty() {
        vec![id.to_string()]
    } else {
        hosts
    };
    memo.insert(id.to_string(), hosts.clone());
    hosts
}

/// Resources referring to `id`, best evidence first: by a property (a
/// task definition's `TaskRoleArn`); failing that, from a policy document
/// (a function's role granting its log group); failing that, by
/// `DependsOn`. Resources that fold into `id` (a policy attached to a
/// role) and dashboards (which show everything) are not referrers.
fn referrers(source: &Source, id: &str) -> Vec<String> {
    let mut tiers: [Vec<String>; 3] = Default::default();
    for resource in &source.resources {
        if resource.type_name == types::cloudwatch::DASHBOARD {
            continue;
        }
        let attaches_to_id = match rule(resource.type_name) {
            Some((Into::Properties(keys), _)) => resource
                .references
                .iter()
                .any(|r| r.target == id && keys.iter().any(|key| r.under(&[key]))),
            _ => false,
        };
        if attaches_to_id {
            continue;
        }
        for reference in resource.references.iter().filter(|r| r.target == id) {
            let tier = if reference.under(&["DependsOn"]) {
                2
            } else if in_policy(reference) {
                1
            } else {
                0
            };
            if !tiers[tier].iter().any(|r| r == resource.id) {
                tiers[tier].push(resource.id.to_string());
            }
        }
    }
    tiers
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn folding(template: serde_json::Value) -> Vec<(String, Vec<String>)> {
        let source = Source::read(&template).unwrap();
        let folding = Folding::of(&source, false);
        source
            .resources
            .iter()
            .filter(|r| folding.is_folded(r.id))
            .map(|r| {
                (
                    r.id.to_string(),
                    folding
                        .hosts_of(r.id)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn roles_fold_into_their_users_and_policies_into_roles() {
        let template = json!({"Resources": {
            "Role": {"Type": types::iam::ROLE},
            "Policy": {"Type": types::iam::POLICY, "Properties": {"Roles": [{"Ref": "Role"}]}},
            "Task": {"Type": types::ecs::TASK_DEFINITION, "Properties": {"TaskRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}},
            "Other": {"Type": types::ecs::TASK_DEFINITION, "Properties": {"ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}},
            "Lonely": {"Type": types::iam::ROLE}
        }});
        assert_eq!(
            folding(template),
            vec![
                (
                    "Role".to_string(),
                    vec!["Task".to_string(), "Other".to_string()]
                ),
                (
                    "Policy".to_string(),
                    vec!["Task".to_string(), "Other".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn routes_fold_through_route_tables_into_subnets() {
        let template = json!({"Resources": {
            "Subnet": {"Type": types::ec2::SUBNET},
            "Table": {"Type": types::ec2::ROUTE_TABLE},
            "Association": {"Type": types::ec2::SUBNET_ROUTE_TABLE_ASSOCIATION, "Properties": {"SubnetId": {"Ref": "Subnet"}, "RouteTableId": {"Ref": "Table"}}},
            "Route": {"Type": types::ec2::ROUTE, "Properties": {"RouteTableId": {"Ref": "Table"}}}
        }});
        let subnet = vec!["Subnet".to_string()];
        assert_eq!(
            folding(template),
            vec![
                ("Table".to_string(), subnet.clone()),
                ("Association".to_string(), subnet.clone()),
                ("Route".to_string(), subnet),
            ]
        );
    }

    #[test]
    fn a_log_group_granted_only_by_a_policy_folds_into_the_role_user() {
        let template = json!({"Resources": {
            "Logs": {"Type": types::logs::LOG_GROUP},
            "Role": {"Type": types::iam::ROLE, "Properties": {"Policies": [{"PolicyDocument": {"Statement": [{"Resource": {"Fn::GetAtt": ["Logs", "Arn"]}}]}}]}},
            "Function": {"Type": types::lambda::FUNCTION, "DependsOn": "Logs", "Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}}}
        }});
        let function = vec!["Function".to_string()];
        assert_eq!(
            folding(template),
            vec![
                ("Logs".to_string(), function.clone()),
                ("Role".to_string(), function)
            ]
        );
    }
}
