//! Step 1 of the seed: two private subnets for the data service in the
//! existing VPC, and the data service's security group.
//!
//! The seed's rules, as resources:
//!
//! | direction | protocol | port | peer |
//! | --- | --- | --- | --- |
//! | in | TCP | 8000 | the VPC's CIDR block |
//! | out | TCP | 9200 | the Elasticsearch security group |
//! | out | TCP | 3306 | the RDS security group |
//! | out | all | all | the EFS security group |
//!
//! Traffic only flows when the other side admits it, so each outbound rule
//! has a matching inbound rule on the destination group (for EFS only NFS,
//! TCP 2049, the one port EFS listens on). Rules that name another group
//! are separate `SecurityGroupEgress`/`SecurityGroupIngress` resources:
//! they change groups this stack does not own and leave with the stack.
//!
//! Deviation from the seed: declaring any egress rule inline replaces the
//! allow-all egress rule AWS adds to new groups, so outbound traffic is
//! limited to the rules above plus HTTPS (TCP 443) to anywhere, which the
//! tasks need for ECR, S3, SQS, Secrets Manager, CloudWatch Logs, Cloud Map
//! and the OvalEdge URL.

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::{Egress, Ingress};
use constructs::{fns, Handle, ParameterHandle, Resource, Template, Value};

use super::config::TenantConfig;
use super::names::{Names, NETWORK};
use super::parameters::Parameters;
use framework::error::StackError;
use patterns::Scope;

/// The data service's port: the VPC reaches it there.
pub const DATA_SERVICE_PORT: i64 = 8000;
/// NFS, the only port EFS mount targets listen on.
const NFS_PORT: i64 = 2049;
/// Every protocol, in security group rules.
const ALL_PROTOCOLS: &str = "-1";

/// The resources that exist once per availability zone, with their
/// logical IDs spelled out.
pub struct Zone {
    /// Which of the region's availability zones (`!Select [n, !GetAZs '']`).
    pub az_index: u32,
    /// Appended to the network name in the `Name` tags.
    pub label: &'static str,
    pub cidr_parameter: &'static str,
    pub subnet: &'static str,
    pub route_table: &'static str,
    pub route_table_association: &'static str,
    pub mount_target: &'static str,
}

/// The two availability zones the data service runs in.
pub const ZONES: [Zone; 2] = [
    Zone {
        az_index: 0,
        label: "a",
        cidr_parameter: "PrivateSubnetACidr",
        subnet: "PrivateSubnetA",
        route_table: "PrivateRouteTableA",
        route_table_association: "PrivateSubnetARouteTableAssociation",
        mount_target: "AssetsMountTargetA",
    },
    Zone {
        az_index: 1,
        label: "b",
        cidr_parameter: "PrivateSubnetBCidr",
        subnet: "PrivateSubnetB",
        route_table: "PrivateRouteTableB",
        route_table_association: "PrivateSubnetBRouteTableAssociation",
        mount_target: "AssetsMountTargetB",
    },
];

/// The parameters giving each zone's subnet its CIDR block, which a fleet
/// checks for overlaps between tenants sharing a VPC.
pub const SUBNET_CIDR_PARAMETERS: [&str; 2] = [ZONES[0].cidr_parameter, ZONES[1].cidr_parameter];

/// What the rest of the stack needs from the network.
pub struct Network {
    /// One per entry of [`ZONES`], in the same order.
    pub subnets: Vec<Handle<ec2::Subnet>>,
    pub security_group: Handle<ec2::SecurityGroup>,
}

/// One peer group the data service talks to: an egress rule on the data
/// service's group and the matching ingress rule on the peer's.
struct PeerRule {
    egress_id: &'static str,
    ingress_id: &'static str,
    peer: fn(&Parameters) -> &ParameterHandle<String>,
    egress_protocol: &'static str,
    /// `None` for every port.
    egress_port: Option<i64>,
    ingress_port: i64,
    what: &'static str,
}

const PEER_RULES: [PeerRule; 3] = [
    PeerRule {
        egress_id: "EdgiDataToElasticsearchEgress",
        ingress_id: "ElasticsearchFromEdgiDataIngress",
        peer: |p| &p.elasticsearch_security_group_id,
        egress_protocol: "tcp",
        egress_port: Some(9200),
        ingress_port: 9200,
        what: "Elasticsearch",
    },
    PeerRule {
        egress_id: "EdgiDataToRdsEgress",
        ingress_id: "RdsFromEdgiDataIngress",
        peer: |p| &p.rds_security_group_id,
        egress_protocol: "tcp",
        egress_port: Some(3306),
        ingress_port: 3306,
        what: "RDS (MySQL)",
    },
    PeerRule {
        egress_id: "EdgiDataToEfsEgress",
        ingress_id: "EfsFromEdgiDataIngress",
        peer: |p| &p.efs_security_group_id,
        egress_protocol: ALL_PROTOCOLS,
        egress_port: None,
        ingress_port: NFS_PORT,
        what: "EFS (NFS)",
    },
];

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    params: &Parameters,
    config: &TenantConfig,
) -> Result<Network, StackError> {
    let network_name = names.literal(NETWORK);
    let mut subnets = Vec::new();
    for (zone, cidr) in ZONES.iter().zip(&params.subnet_cidrs) {
        let subnet = template.add(Resource::new(
            zone.subnet,
            ec2::Subnet {
                tags: scope.named_list(format!("{network_name}-{}", zone.label)),
                ..ec2::Subnet::new(params.vpc_id.reference())
                    .availability_zone(fns::select(zone.az_index, fns::get_azs("")))
                    .cidr_block(cidr.reference())
                    .map_public_ip_on_launch(false)
            },
        ))?;
        let route_table_id: Value<String> = match &config.existing_route_table_id {
            Some(id) => id.into(),
            None => template
                .add(Resource::new(
                    zone.route_table,
                    ec2::RouteTable {
                        tags: scope.named_list(format!("{network_name}-{}", zone.label)),
                        ..ec2::RouteTable::new(params.vpc_id.reference())
                    },
                ))?
                .reference()
                .into(),
        };
        template.add(Resource::new(
            zone.route_table_association,
            ec2::SubnetRouteTableAssociation::new(ec2::SubnetRouteTableAssociationRequired {
                route_table_id,
                subnet_id: subnet.reference().into(),
            }),
        ))?;
        subnets.push(subnet);
    }

    let security_group = template.add(Resource::new(
        "EdgiDataSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.named_list(network_name.clone()),
            ..ec2::SecurityGroup::new(format!("AskEdgi data service of tenant {}", names.tenant()))
                .group_name(network_name)
                .vpc_id(params.vpc_id.reference())
                .security_group_ingress(vec![Ingress::new("tcp")
                    .cidr_ip(params.vpc_cidr.reference())
                    .from_port(DATA_SERVICE_PORT)
                    .to_port(DATA_SERVICE_PORT)
                    .description("Data service API from the VPC")])
                .security_group_egress(vec![Egress::new("tcp")
                    .cidr_ip("0.0.0.0/0")
                    .from_port(443)
                    .to_port(443)
                    .description(
                        "HTTPS to AWS APIs (ECR, S3, SQS, Secrets Manager, Logs, Cloud Map) \
     and OvalEdge",
                    )])
        },
    ))?;

    for rule in &PEER_RULES {
        let peer = (rule.peer)(params);
        template.add(Resource::new(
            rule.egress_id,
            ec2::SecurityGroupEgress {
                from_port: rule.egress_port.map(Into::into),
                to_port: rule.egress_port.map(Into::into),
                ..ec2::SecurityGroupEgress::new(ec2::SecurityGroupEgressRequired {
                    group_id: security_group.group_id().into(),
                    ip_protocol: rule.egress_protocol.into(),
                })
                .destination_security_group_id(peer.reference())
                .description(format!("To {}", rule.what))
            },
        ))?;
        template.add(Resource::new(
            rule.ingress_id,
            ec2::SecurityGroupIngress::new("tcp")
                .group_id(peer.reference())
                .source_security_group_id(security_group.group_id())
                .from_port(rule.ingress_port)
                .to_port(rule.ingress_port)
                .description(format!(
                    "{} from the AskEdgi data service of tenant {}",
                    rule.what,
                    names.tenant()
                )),
        ))?;
    }

    Ok(Network {
        subnets,
        security_group,
    })
}
