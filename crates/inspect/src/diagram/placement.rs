//! Where each box goes: the VPC (made by the stack or given as a
//! parameter) holds its availability zones, which hold the subnets, which
//! hold what is placed in them; what runs in no VPC stands beside it in
//! the regional group.

use constructs::aws::type_names as types;
use serde_json::Value;

use super::folding::Folding;
use super::model::{group_path, Group, GroupKind};
use super::names;
use super::source::Source;

/// Properties that put a resource in subnets.
const SUBNET_KEYS: &[&str] = &["SubnetId", "SubnetIds", "Subnets", "VPCZoneIdentifier"];
/// Properties that put a resource in a VPC without naming subnets.
const VPC_KEYS: &[&str] = &["VpcId", "Vpc", "VPCId"];
/// Properties through which a resource runs where another one is placed:
/// a database in its subnet group's subnets, a service on its capacity
/// provider's instances.
const VIA_KEYS: &[&str] = &[
    "DBSubnetGroupName",
    "CacheSubnetGroupName",
    "CapacityProviderStrategy",
    "AutoScalingGroupProvider",
];

/// Properties naming what a resource is part of, so it is drawn beside
/// it: a listener by its load balancer, a rule by its listener, a
/// security group rule (with `--detail full`) by its group.
const BESIDE_KEYS: &[&str] = &["LoadBalancerArn", "ListenerArn", "GroupId"];

/// The groups and which group each VPC, subnet and parameter belongs to.
pub struct Placement {
    pub groups: Vec<Group>,
    /// The regional group, when the template has a VPC to stand beside.
    regional: Option<usize>,
    /// VPCs and subnets by ID: drawn as groups, never as nodes.
    by_id: Vec<(String, usize)>,
}

impl Placement {
    /// Builds the VPC, zone and subnet groups of the template.
    pub fn of(source: &Source) -> Self {
        let mut placement = Placement {
            groups: Vec::new(),
            regional: None,
            by_id: Vec::new(),
        };
        for vpc in vpcs(source) {
            let external = source.resource(&vpc).is_none();
            let lines = if external {
                vec!["parameter · VPC".to_string()]
            } else {
                let cidr = source
                    .resource(&vpc)
                    .and_then(|r| r.property("CidrBlock"))
                    .and_then(Value::as_str);
                vec![match cidr {
                    Some(cidr) => format!("VPC · {cidr}"),
                    None => "VPC".to_string(),
                }]
            };
            placement.add(&vpc, vpc.clone(), lines, GroupKind::Vpc, external, None);
        }
        let sole_vpc = placement.sole_vpc();
        for subnet in source
            .resources
            .iter()
            .filter(|r| r.type_name == types::ec2::SUBNET)
        {
            let vpc = subnet
                .references
                .iter()
                .find(|r| r.key() == "VpcId")
                .and_then(|r| placement.index(&r.target))
                .or(sole_vpc);
            let parent = match (
                vpc,
                subnet.property("AvailabilityZone").and_then(zone_title),
            ) {
                (Some(vpc), Some(zone)) => Some(placement.zone(vpc, zone)),
                (vpc, _) => vpc,
            };
            let public = subnet.property("MapPublicIpOnLaunch") == Some(&Value::Bool(true));
            let mut line = if public { "public subnet" } else { "subnet" }.to_string();
            if let Some(cidr) = subnet.property("CidrBlock").and_then(Value::as_str) {
                line = format!("{line} · {cidr}");
            }
            placement.add(
                subnet.id,
                subnet.id.to_string(),
                vec![line],
                GroupKind::Subnet { public },
                false,
                parent,
            );
        }
        for name in parameters_of_kind(source, "subnet") {
            placement.add(
                &name,
                name.clone(),
                vec!["parameter · subnets".to_string()],
                GroupKind::Subnet { public: false },
                true,
                sole_vpc,
            );
        }
        if !placement.groups.is_empty() {
            let index = placement.groups.len();
            placement.groups.push(Group {
                id: "Regional".to_string(),
                title: "Regional services".to_string(),
                lines: vec!["outside any VPC".to_string()],
                kind: GroupKind::Regional,
                external: false,
                parent: None,
            });
            placement.regional = Some(index);
        }
        placement
    }

    /// The VPC, when the template has exactly one: where subnets and
    /// security groups given as parameters belong.
    fn sole_vpc(&self) -> Option<usize> {
        let mut vpcs = self
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.kind == GroupKind::Vpc);
        match (vpcs.next(), vpcs.next()) {
            (Some((index, _)), None) => Some(index),
            _ => None,
        }
    }

    /// The group drawn for this VPC or subnet ID.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.by_id.iter().find(|(i, _)| i == id).map(|(_, g)| *g)
    }

    /// Marks a subnet as public (its routes reach an internet gateway).
    pub fn set_public(&mut self, subnet: usize) {
        let group = &mut self.groups[subnet];
        if let GroupKind::Subnet { public: false } = group.kind {
            group.kind = GroupKind::Subnet { public: true };
            if let Some(line) = group.lines.first_mut() {
                *line = line.replacen("subnet", "public subnet", 1);
            }
        }
    }

    /// The group of a node, and a note when it spans several subnets.
    pub fn of_node(
        &self,
        source: &Source,
        folding: &Folding,
        id: &str,
    ) -> (Option<usize>, Option<String>) {
        self.of_node_within(source, folding, id, 0)
    }

    /// [`Self::of_node`], following at most a few "part of" links, so a
    /// template whose listeners name each other still draws.
    fn of_node_within(
        &self,
        source: &Source,
        folding: &Folding,
        id: &str,
        depth: usize,
    ) -> (Option<usize>, Option<String>) {
        let Some(resource) = source.resource(id) else {
            // A parameter: security groups live in a VPC, the rest beside it.
            let vpc = self
                .sole_vpc()
                .filter(|_| external_kind(source, id) == Some("security group"));
            return (vpc.or(self.regional), None);
        };
        let mut subnets = Vec::new();
        self.subnets_of(source, resource.id, 0, &mut subnets);
        if !subnets.is_empty() {
            let group = self.common_ancestor(&subnets);
            let note = (subnets.len() > 1).then(|| {
                let titles: Vec<&str> = subnets
                    .iter()
                    .map(|s| self.groups[*s].title.as_str())
                    .collect();
                format!("in {}", titles.join(", "))
            });
            return (group.or(self.regional), note);
        }
        if let Some(whole) = resource
            .references
            .iter()
            .find(|r| BESIDE_KEYS.contains(&r.key()))
            .filter(|_| depth < 3)
        {
            return (
                self.of_node_within(source, folding, &whole.target, depth + 1)
                    .0,
                None,
            );
        }
        // Its own VpcId, or one of what folds into it (an internet
        // gateway's attachment).
        let vpc = source
            .resources
            .iter()
            .filter(|r| {
                r.id == id || folding.hosts_of(r.id).contains(&id) && folding.is_folded(r.id)
            })
            .flat_map(|r| r.references.iter())
            .filter(|r| VPC_KEYS.contains(&r.key()))
            .find_map(|r| self.index(&r.target));
        (vpc.or(self.regional), None)
    }

    fn subnets_of(&self, source: &Source, id: &str, depth: usize, found: &mut Vec<usize>) {
        let Some(resource) = source.resource(id) else {
            return;
        };
        for reference in &resource.references {
            if SUBNET_KEYS.contains(&reference.key()) {
                if let Some(subnet) = self.index(&reference.target) {
                    if !found.contains(&subnet) {
                        found.push(subnet);
                    }
                }
            } else if depth < 3 && VIA_KEYS.iter().any(|key| reference.under(&[key])) {
                self.subnets_of(source, &reference.target, depth + 1, found);
            }
        }
    }

    fn common_ancestor(&self, groups: &[usize]) -> Option<usize> {
        let paths: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| group_path(&self.groups, *g))
            .collect();
        let mut common = None;
        for (depth, group) in paths[0].iter().enumerate() {
            if paths.iter().all(|p| p.get(depth) == Some(group)) {
                common = Some(*group);
            } else {
                break;
            }
        }
        common
    }

    fn zone(&mut self, vpc: usize, title: String) -> usize {
        if let Some(existing) = self
            .groups
            .iter()
            .position(|g| g.kind == GroupKind::Zone && g.parent == Some(vpc) && g.title == title)
        {
            return existing;
        }
        let ordinal = self
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::Zone && g.parent == Some(vpc))
            .count()
            + 1;
        let id = format!("{}Zone{ordinal}", self.groups[vpc].id);
        self.groups.push(Group {
            id,
            title,
            lines: vec!["availability zone".to_string()],
            kind: GroupKind::Zone,
            external: false,
            parent: Some(vpc),
        });
        self.groups.len() - 1
    }

    fn add(
        &mut self,
        id: &str,
        title: String,
        lines: Vec<String>,
        kind: GroupKind,
        external: bool,
        parent: Option<usize>,
    ) {
        self.by_id.push((id.to_string(), self.groups.len()));
        self.groups.push(Group {
            id: id.to_string(),
            title,
            lines,
            kind,
            external,
            parent,
        });
    }
}

/// VPC resources, then parameters that stand for a VPC.
fn vpcs(source: &Source) -> Vec<String> {
    let mut found: Vec<String> = source
        .resources
        .iter()
        .filter(|r| r.type_name == types::ec2::VPC)
        .map(|r| r.id.to_string())
        .collect();
    found.extend(parameters_of_kind(source, "VPC"));
    found
}

/// Parameters that stand for a resource of this kind (see
/// [`names::external_kind`]), in template order.
pub fn parameters_of_kind(source: &Source, kind: &str) -> Vec<String> {
    source
        .parameters
        .keys()
        .filter(|name| external_kind(source, name) == Some(kind))
        .cloned()
        .collect()
}

/// What a parameter stands for, from its type or the properties that
/// reference it.
pub fn external_kind(source: &Source, name: &str) -> Option<&'static str> {
    let parameter_type = source.parameter_type(name)?;
    let keys: Vec<&str> = source
        .resources
        .iter()
        .flat_map(|r| r.references.iter())
        .filter(|r| r.target == name)
        .map(|r| r.key())
        .collect();
    names::external_kind(parameter_type, &keys)
}

/// The zone a subnet's `AvailabilityZone` names: a literal zone, or the
/// n-th of `Fn::GetAZs` (or of a parameter's list).
fn zone_title(value: &Value) -> Option<String> {
    if let Some(zone) = value.as_str() {
        return Some(zone.to_string());
    }
    let select = value.get("Fn::Select")?.as_array()?;
    let index = match select.first()? {
        Value::Number(n) => n.as_u64()?,
        Value::String(s) => s.parse().ok()?,
        _ => return None,
    };
    let list = select.get(1)?;
    if list.get("Fn::GetAZs").is_some() {
        return Some(format!("zone {}", index + 1));
    }
    let parameter = list.get("Ref")?.as_str()?;
    Some(format!("zone {} of {parameter}", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn zones_are_named_from_get_azs_literals_and_parameters() {
        assert_eq!(
            zone_title(&json!({"Fn::Select": [1, {"Fn::GetAZs": ""}]})).as_deref(),
            Some("zone 2")
        );
        assert_eq!(
            zone_title(&json!("eu-west-1a")).as_deref(),
            Some("eu-west-1a")
        );
        assert_eq!(
            zone_title(&json!({"Fn::Select": ["0", {"Ref": "Zones"}]})).as_deref(),
            Some("zone 1 of Zones")
        );
        assert_eq!(zone_title(&json!({"Ref": "Zone"})), None);
    }

    #[test]
    fn subnets_nest_in_zones_in_their_vpc_and_parameters_are_external() {
        let template = json!({
            "Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id"}, "Sg": {"Type": "String"}},
            "Resources": {
                "A": {"Type": types::ec2::SUBNET, "Properties": {"VpcId": {"Ref": "VpcId"}, "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}},
                "B": {"Type": types::ec2::SUBNET, "Properties": {"VpcId": {"Ref": "VpcId"}, "AvailabilityZone": {"Fn::Select": [1, {"Fn::GetAZs": ""}]}}},
                "Db": {"Type": types::rds::DB_INSTANCE, "Properties": {"DBSubnetGroupName": {"Ref": "Group"}, "VPCSecurityGroups": [{"Ref": "Sg"}]}},
                "Group": {"Type": types::rds::DB_SUBNET_GROUP, "Properties": {"SubnetIds": [{"Ref": "A"}, {"Ref": "B"}]}},
                "Target": {"Type": types::efs::MOUNT_TARGET, "Properties": {"SubnetId": {"Ref": "B"}}},
                "Bucket": {"Type": types::s3::BUCKET}
            }
        });
        let source = Source::read(&template).unwrap();
        let folding = Folding::of(&source, false);
        let placement = Placement::of(&source);
        let titles: Vec<(&str, bool, Option<&str>)> = placement
            .groups
            .iter()
            .map(|g| {
                (
                    g.title.as_str(),
                    g.external,
                    g.parent.map(|p| placement.groups[p].title.as_str()),
                )
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                ("VpcId", true, None),
                ("zone 1", false, Some("VpcId")),
                ("A", false, Some("zone 1")),
                ("zone 2", false, Some("VpcId")),
                ("B", false, Some("zone 2")),
                ("Regional services", false, None),
            ]
        );
        let place = |id| placement.of_node(&source, &folding, id);
        assert_eq!(place("Db"), (Some(0), Some("in A, B".to_string())));
        assert_eq!(place("Target"), (Some(4), None));
        assert_eq!(place("Bucket"), (Some(5), None));
        assert_eq!(place("Sg"), (Some(0), None));
    }
}
