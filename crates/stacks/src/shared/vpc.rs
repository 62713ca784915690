//! A new VPC's shape as a stack config gives it, and its layout: the
//! ranges of a VPC spread over two or more availability zones, one public
//! and one private subnet per zone (`patterns::vpc` builds it).
//!
//! The layout is worked out here, not with `Fn::Cidr` at deploy time, so
//! the template shows every range and a config that cannot fit is refused
//! before anything is deployed. The VPC's range (a /16 to a /22) is cut
//! into 16 equal blocks; zone *n* (counting from 0) gets block *n* as its
//! public subnet and block *8 + n* as its private one. With the default
//! 10.0.0.0/16 that is 10.0.0.0/20, 10.0.16.0/20, ... public and
//! 10.0.128.0/20, 10.0.144.0/20, ... private.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use constructs::Template;
use patterns::vpc::{add_vpc, NewVpc, VpcLayout, ZoneSubnets};
use patterns::Scope;

use super::cidr::Ipv4Cidr;
use framework::config::{problem, Problem};
use framework::error::StackError;

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
    pub fn problems(&self, at: &str) -> Vec<Problem> {
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

/// The layout of the VPC `config` describes, its resources named
/// `<name>-<what>`.
pub fn layout(name: &str, config: &NewVpcConfig) -> Result<VpcLayout, StackError> {
    let cidr = config.parsed_cidr()?;
    // The config's rules keep the prefix in PREFIX_RANGE and the zones at
    // most 6, so every block exists; a miss is a bug, reported.
    let block = |index: u32| {
        cidr.subnet(cidr.prefix() + BLOCK_BITS, index)
            .map(|block| block.to_string())
            .ok_or_else(|| StackError::Internal(format!("{cidr} has no block {index} of 16")))
    };
    let zones = (0..config.availability_zones)
        .map(|index| {
            Ok(ZoneSubnets {
                public: block(index)?,
                private: block(FIRST_PRIVATE_BLOCK + index)?,
            })
        })
        .collect::<Result<_, StackError>>()?;
    Ok(VpcLayout {
        prefix: String::new(),
        name: name.to_string(),
        cidr: cidr.to_string(),
        zones,
        nat_gateway_per_zone: config.nat_gateways == NatGateways::PerZone,
    })
}

/// Adds the VPC `config` describes, tagged in `scope`.
pub fn add(
    template: &mut Template,
    scope: &Scope,
    name: &str,
    config: &NewVpcConfig,
) -> Result<NewVpc, StackError> {
    Ok(add_vpc(template, scope, &layout(name, config)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::Tags;
    use patterns::Removal;

    fn scope() -> Scope {
        Scope::new(Tags::new(), Removal::Retain, 30)
    }

    #[test]
    fn the_range_must_be_a_network_of_a_size_the_layout_fits() {
        let config = |cidr: &str| NewVpcConfig {
            cidr: cidr.to_string(),
            ..NewVpcConfig::default()
        };
        assert!(config("10.0.0.0/16").problems("/network").is_empty());
        assert!(config("10.1.4.0/22").problems("/network").is_empty());
        assert_eq!(
            config("10.0.0.0/24").problems("/network")[0].to_string(),
            "/network/cidr: \"10.0.0.0/24\" is a /24; a new VPC takes a /16 to a /22, cut into 16 subnets"
        );
        assert!(config("10.0.0.1/16").problems("/network")[0]
            .to_string()
            .contains("host bits set"));
    }

    #[test]
    fn zones_get_their_own_blocks_and_nat_gateways() {
        let mut template = Template::new("vpc");
        let config = NewVpcConfig {
            availability_zones: 3,
            ..NewVpcConfig::default()
        };
        let vpc = add(&mut template, &scope(), "demo", &config).unwrap();
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
        add(&mut template, &scope(), "demo", &single).unwrap();
        let nat_gateways = template
            .resource_types()
            .filter(|(_, kind)| *kind == "AWS::EC2::NatGateway")
            .count();
        assert_eq!(nat_gateways, 1);
        template.synthesize(constructs::Format::Yaml).unwrap();
    }
}
