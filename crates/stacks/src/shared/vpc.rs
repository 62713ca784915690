//! A new VPC spread over two or more availability zones: one public and
//! one private subnet per zone, an internet gateway, and NAT gateways so
//! the private subnets reach the internet without being reachable from it.
//!
//! The layout is worked out here, not with `Fn::Cidr` at deploy time, so
//! the template shows every range and a config that cannot fit is refused
//! before anything is deployed. The VPC's range (a /16 to a /22) is cut
//! into 16 equal blocks; zone *n* (counting from 0) gets block *n* as its
//! public subnet and block *8 + n* as its private one. With the default
//! 10.0.0.0/16 that is 10.0.0.0/20, 10.0.16.0/20, ... public and
//! 10.0.128.0/20, 10.0.144.0/20, ... private.
//!
//! | logical ID | per | what |
//! | --- | --- | --- |
//! | `Vpc`, `InternetGateway`, `InternetGatewayAttachment` | VPC | the VPC and its way out |
//! | `PublicRouteTable`, `PublicDefaultRoute` | VPC | 0.0.0.0/0 to the internet gateway |
//! | `PublicSubnetA`, `PublicSubnetARouteTableAssociation` | zone | load balancers, NAT gateways |
//! | `NatElasticIpA`, `NatGatewayA` | zone (`perZone`) or zone A only (`single`) | outbound traffic of the private subnets |
//! | `PrivateSubnetA`, `PrivateRouteTableA`, `PrivateDefaultRouteA`, `PrivateSubnetARouteTableAssociation` | zone | tasks, functions, databases |
//!
//! Zones are lettered in order (`A`, `B`, ...), so adding a zone adds
//! resources and changes none; switching between one NAT gateway and one
//! per zone changes only the NAT gateways and the private default routes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use constructs::aws::ec2;
use constructs::{fns, Handle, Resource, Template, Value};

use super::cidr::Ipv4Cidr;
use super::tags;
use crate::config::problem;
use crate::error::StackError;

/// Every IPv4 address, as routes write it.
pub const ANYWHERE: &str = "0.0.0.0/0";
/// How many equal blocks the VPC's range is cut into (a prefix 4 bits longer).
const BLOCK_BITS: u8 = 4;
/// The block index of zone A's private subnet; zone A's public one is 0.
const FIRST_PRIVATE_BLOCK: u32 = 8;
/// The VPC prefix lengths the layout fits: /16 gives /20 subnets of 4,096
/// addresses, /22 gives /26 subnets of 64.
const PREFIX_RANGE: std::ops::RangeInclusive<u8> = 16..=22;

/// A new VPC's shape, as a stack config gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct NewVpcConfig {
    /// The VPC's IPv4 range, a /16 to a /22; each subnet gets a sixteenth.
    #[schemars(regex = "CIDR_SHAPE")]
    pub cidr: String,
    /// How many availability zones the subnets span (the region's first
    /// ones). Two is what a load balancer needs; check the region has as
    /// many before asking for more.
    #[schemars(range(min = 2, max = 6))]
    pub availability_zones: u32,
    /// One NAT gateway per zone (a zone's outage does not cut the others
    /// off), or a single one in the first zone (cheaper: each NAT gateway
    /// is billed by the hour).
    pub nat_gateways: NatGateways,
}

/// Roughly an IPv4 CIDR block; [`NewVpcConfig::problems`] checks the rest.
pub const CIDR_SHAPE: &str = r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$";

/// How many NAT gateways a new VPC gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NatGateways {
    /// One per availability zone, each private subnet using its own zone's.
    #[default]
    PerZone,
    /// One, in the first zone, for every private subnet.
    Single,
}

impl Default for NewVpcConfig {
    fn default() -> Self {
        NewVpcConfig {
            cidr: "10.0.0.0/16".to_string(),
            availability_zones: 2,
            nat_gateways: NatGateways::PerZone,
        }
    }
}

impl NewVpcConfig {
    /// What is wrong with the range, reported at `at` (the JSON pointer of
    /// this config).
    pub fn problems(&self, at: &str) -> Vec<String> {
        match self.cidr.parse::<Ipv4Cidr>() {
            Err(rule) => vec![problem(
                &format!("{at}/cidr"),
                format!("{:?}", self.cidr),
                rule,
            )],
            Ok(cidr) if !PREFIX_RANGE.contains(&cidr.prefix()) => vec![problem(
                &format!("{at}/cidr"),
                format!("{:?}", self.cidr),
                format!(
                    "is a /{}; a new VPC takes a /{} to a /{}, cut into 16 subnets",
                    cidr.prefix(),
                    PREFIX_RANGE.start(),
                    PREFIX_RANGE.end()
                ),
            )],
            Ok(_) => Vec::new(),
        }
    }

    fn parsed_cidr(&self) -> Result<Ipv4Cidr, StackError> {
        let cidr: Ipv4Cidr = self.cidr.parse().map_err(|rule| StackError::InvalidInput {
            field: "VPC cidr".to_string(),
            rule,
            given: self.cidr.clone(),
        })?;
        Ok(cidr)
    }
}

/// The subnets of a new VPC, by zone in order.
pub struct NewVpc {
    pub vpc: Handle<ec2::VPC>,
    pub public_subnets: Vec<Handle<ec2::Subnet>>,
    pub private_subnets: Vec<Handle<ec2::Subnet>>,
    /// The private subnets' default routes, through the NAT gateways;
    /// each is made after its subnet's route table association.
    pub private_routes: Vec<Handle<ec2::Route>>,
    /// The private subnets' route tables, for routes a stack adds (VPC
    /// peering).
    pub private_route_tables: Vec<Handle<ec2::RouteTable>>,
}

/// A VPC and its internet gateway: the VPC's way out.
pub struct Internet {
    pub vpc: Handle<ec2::VPC>,
    pub gateway: Handle<ec2::InternetGateway>,
    /// An Elastic IP or a route to the gateway must wait for it.
    pub attachment: Handle<ec2::VPCGatewayAttachment>,
}

/// `Vpc`, `InternetGateway` and `InternetGatewayAttachment`, tagged
/// `Name: <vpc_name>` and `<gateway_name>` plus `extra_tags`.
pub fn add_internet(
    template: &mut Template,
    cidr: Value<String>,
    (vpc_name, gateway_name): (String, String),
    extra_tags: &[(&'static str, String)],
) -> Result<Internet, StackError> {
    let vpc = template.add(Resource::new(
        "Vpc",
        ec2::VPC {
            tags: tags::list(named(vpc_name, extra_tags)),
            ..ec2::VPC::default()
                .cidr_block(cidr)
                .enable_dns_hostnames(true)
                .enable_dns_support(true)
        },
    ))?;
    let gateway = template.add(Resource::new(
        "InternetGateway",
        ec2::InternetGateway {
            tags: tags::list(named(gateway_name, extra_tags)),
        },
    ))?;
    let attachment = template.add(Resource::new(
        "InternetGatewayAttachment",
        ec2::VPCGatewayAttachment::new(vpc.reference()).internet_gateway_id(gateway.reference()),
    ))?;
    Ok(Internet {
        vpc,
        gateway,
        attachment,
    })
}

/// `PublicDefaultRoute`: 0.0.0.0/0 from `routes` to the internet gateway,
/// once it is attached (a route to a detached gateway fails).
pub fn add_public_default_route(
    template: &mut Template,
    internet: &Internet,
    routes: &Handle<ec2::RouteTable>,
) -> Result<(), StackError> {
    template.add(
        Resource::new(
            "PublicDefaultRoute",
            ec2::Route::new(routes.reference())
                .destination_cidr_block(ANYWHERE)
                .gateway_id(internet.gateway.reference()),
        )
        .depends_on(&internet.attachment),
    )?;
    Ok(())
}

/// `NatElasticIp<suffix>` and `NatGateway<suffix>` in the public subnet
/// `subnet_id`, both tagged `Name: <name>` plus `extra_tags`. The Elastic
/// IP waits for `attachment` when this stack attaches the gateway.
pub fn add_nat_gateway(
    template: &mut Template,
    suffix: &str,
    subnet_id: Value<String>,
    attachment: Option<&Handle<ec2::VPCGatewayAttachment>>,
    name: String,
    extra_tags: &[(&'static str, String)],
) -> Result<(Handle<ec2::EIP>, Handle<ec2::NatGateway>), StackError> {
    let mut ip = Resource::new(
        &format!("NatElasticIp{suffix}"),
        ec2::EIP {
            tags: tags::list(named(name.clone(), extra_tags)),
            ..ec2::EIP::default().domain("vpc")
        },
    );
    if let Some(attachment) = attachment {
        ip = ip.depends_on(attachment);
    }
    let ip = template.add(ip)?;
    let gateway = template.add(Resource::new(
        &format!("NatGateway{suffix}"),
        ec2::NatGateway {
            tags: tags::list(named(name, extra_tags)),
            ..ec2::NatGateway::default()
                .allocation_id(ip.allocation_id())
                .subnet_id(subnet_id)
        },
    ))?;
    Ok((ip, gateway))
}

/// `PrivateSubnet<suffix>RouteTableAssociation` and
/// `PrivateDefaultRoute<suffix>`: the private subnet uses `routes`, which
/// send 0.0.0.0/0 through `nat_gateway`. The route waits for the
/// association, so whatever waits for the route finds its subnet routed
/// through NAT.
pub fn add_private_default_route(
    template: &mut Template,
    suffix: &str,
    subnet: &Handle<ec2::Subnet>,
    routes: &Handle<ec2::RouteTable>,
    nat_gateway: &Handle<ec2::NatGateway>,
) -> Result<Handle<ec2::Route>, StackError> {
    let association = template.add(Resource::new(
        &format!("PrivateSubnet{suffix}RouteTableAssociation"),
        ec2::SubnetRouteTableAssociation::new(routes.reference(), subnet.reference()),
    ))?;
    Ok(template.add(
        Resource::new(
            &format!("PrivateDefaultRoute{suffix}"),
            ec2::Route::new(routes.reference())
                .destination_cidr_block(ANYWHERE)
                .nat_gateway_id(nat_gateway.reference()),
        )
        .depends_on(&association),
    )?)
}

/// `Name: <name>` first, then `extra_tags`.
fn named(name: String, extra_tags: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("Name", name)];
    pairs.extend(extra_tags.iter().cloned());
    pairs
}

/// Adds the VPC `config` describes. Each resource is tagged `Name:
/// <name>-<what>` plus `extra_tags`.
pub fn add(
    template: &mut Template,
    name: &str,
    extra_tags: &[(&'static str, String)],
    config: &NewVpcConfig,
) -> Result<NewVpc, StackError> {
    let cidr = config.parsed_cidr()?;
    // The config's rules keep the prefix in PREFIX_RANGE and the zones at
    // most 6, so every block exists; a miss is a bug, reported.
    let block = |index: u32| {
        cidr.subnet(cidr.prefix() + BLOCK_BITS, index)
            .map(|block| block.to_string())
            .ok_or_else(|| StackError::Internal(format!("{cidr} has no block {index} of 16")))
    };
    let tagged = |what: &str| named(format!("{name}-{what}"), extra_tags);
    let internet = add_internet(
        template,
        cidr.to_string().into(),
        (format!("{name}-vpc"), format!("{name}-internet-gateway")),
        extra_tags,
    )?;
    let vpc = internet.vpc.clone();
    let public_routes = template.add(Resource::new(
        "PublicRouteTable",
        ec2::RouteTable {
            tags: tags::list(tagged("public")),
            ..ec2::RouteTable::new(vpc.reference())
        },
    ))?;
    add_public_default_route(template, &internet, &public_routes)?;
    let zones: Vec<(u32, char)> = (0..config.availability_zones).zip('A'..='Z').collect();
    let mut public_subnets = Vec::new();
    let mut nat_gateways = Vec::new();
    for &(index, letter) in &zones {
        let lower = letter.to_ascii_lowercase();
        let subnet = template.add(Resource::new(
            &format!("PublicSubnet{letter}"),
            ec2::Subnet {
                tags: tags::list(tagged(&format!("public-{lower}"))),
                ..ec2::Subnet::new(vpc.reference())
                    .availability_zone(fns::select(index, fns::get_azs("")))
                    .cidr_block(block(index)?)
                    .map_public_ip_on_launch(false)
            },
        ))?;
        template.add(Resource::new(
            &format!("PublicSubnet{letter}RouteTableAssociation"),
            ec2::SubnetRouteTableAssociation::new(public_routes.reference(), subnet.reference()),
        ))?;
        if index == 0 || config.nat_gateways == NatGateways::PerZone {
            let (_, gateway) = add_nat_gateway(
                template,
                &letter.to_string(),
                subnet.reference().into(),
                Some(&internet.attachment),
                format!("{name}-nat-{lower}"),
                extra_tags,
            )?;
            nat_gateways.push(gateway);
        }
        public_subnets.push(subnet);
    }
    let mut private_subnets = Vec::new();
    let mut private_routes = Vec::new();
    let mut private_route_tables = Vec::new();
    for &(index, letter) in &zones {
        let lower = letter.to_ascii_lowercase();
        let subnet = template.add(Resource::new(
            &format!("PrivateSubnet{letter}"),
            ec2::Subnet {
                tags: tags::list(tagged(&format!("private-{lower}"))),
                ..ec2::Subnet::new(vpc.reference())
                    .availability_zone(fns::select(index, fns::get_azs("")))
                    .cidr_block(block(FIRST_PRIVATE_BLOCK + index)?)
                    .map_public_ip_on_launch(false)
            },
        ))?;
        let routes = template.add(Resource::new(
            &format!("PrivateRouteTable{letter}"),
            ec2::RouteTable {
                tags: tags::list(tagged(&format!("private-{lower}"))),
                ..ec2::RouteTable::new(vpc.reference())
            },
        ))?;
        let nat_gateway = nat_gateways.get(index as usize).unwrap_or(&nat_gateways[0]);
        private_routes.push(add_private_default_route(
            template,
            &letter.to_string(),
            &subnet,
            &routes,
            nat_gateway,
        )?);
        private_subnets.push(subnet);
        private_route_tables.push(routes);
    }
    Ok(NewVpc {
        vpc,
        public_subnets,
        private_subnets,
        private_routes,
        private_route_tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_must_be_a_network_of_a_size_the_layout_fits() {
        let config = |cidr: &str| NewVpcConfig {
            cidr: cidr.to_string(),
            ..NewVpcConfig::default()
        };
        assert!(config("10.0.0.0/16").problems("/network").is_empty());
        assert!(config("10.1.4.0/22").problems("/network").is_empty());
        assert_eq!(
            config("10.0.0.0/24").problems("/network"),
            ["/network/cidr: \"10.0.0.0/24\" is a /24; a new VPC takes a /16 to a /22, cut into 16 subnets"]
        );
        assert!(config("10.0.0.1/16").problems("/network")[0].contains("host bits set"));
    }

    #[test]
    fn zones_get_their_own_blocks_and_nat_gateways() {
        let mut template = Template::new("vpc");
        let config = NewVpcConfig {
            availability_zones: 3,
            ..NewVpcConfig::default()
        };
        let vpc = add(&mut template, "demo", &[], &config).unwrap();
        assert_eq!(vpc.public_subnets.len(), 3);
        assert_eq!(vpc.private_subnets.len(), 3);
        let subnet = template.get(&vpc.private_subnets[2]).unwrap();
        assert_eq!(
            subnet.cidr_block.as_ref().unwrap().literal().unwrap(),
            "10.0.160.0/20"
        );
        let ids: Vec<String> = template
            .resource_types()
            .filter(|(_, kind)| *kind == "AWS::EC2::NatGateway")
            .map(|(id, _)| id.to_string())
            .collect();
        assert_eq!(ids, ["NatGatewayA", "NatGatewayB", "NatGatewayC"]);

        let mut template = Template::new("vpc");
        let single = NewVpcConfig {
            nat_gateways: NatGateways::Single,
            ..config
        };
        add(&mut template, "demo", &[], &single).unwrap();
        let nat_gateways = template
            .resource_types()
            .filter(|(_, kind)| *kind == "AWS::EC2::NatGateway")
            .count();
        assert_eq!(nat_gateways, 1);
        template.synthesize(constructs::Format::Yaml).unwrap();
    }
}
