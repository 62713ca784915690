//! Where a stack's load balancer and tasks live: a VPC the stack creates
//! ([`super::vpc`]), or an existing one whose IDs are CloudFormation
//! parameters (so the deployer's account is checked for them before
//! anything is created), with the config's IDs as their defaults.
//!
//! ```yaml
//! network:
//!   newVpc: {cidr: 10.0.0.0/16, availabilityZones: 2, natGateways: perZone}
//! # or
//! network:
//!   existingVpc:
//!     vpcId: vpc-0123456789abcdef0            # default of the VpcId parameter
//!     publicSubnetIds: [subnet-..., subnet-...]
//!     privateSubnetIds: [subnet-..., subnet-...]
//! ```
//!
//! Leaving both out is a new VPC with the defaults. A stack with nothing
//! internet-facing asks for private subnets only ([`Subnets`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use constructs::aws::ec2;
use constructs::{AwsType, Handle, List, Parameter, Template, Value};

use super::vpc::{self, NewVpcConfig};
use framework::config::{problem, Problem};
use framework::error::StackError;
use patterns::Scope;

/// An existing VPC's ID.
pub const VPC_ID_PATTERN: &str = "^vpc-[0-9a-f]{8,17}$";
/// An existing subnet's ID.
pub const SUBNET_ID_PATTERN: &str = "^subnet-[0-9a-f]{8,17}$";

/// A new VPC or an existing one; at most one of the two.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkConfig {
    /// Create a VPC (the default when neither is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_vpc: Option<NewVpcConfig>,
    /// Use an existing VPC: the parameters `VpcId`, `PublicSubnetIds` and
    /// `PrivateSubnetIds` take its IDs at deploy time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_vpc: Option<ExistingVpcConfig>,
}

/// An existing VPC. Each ID given here is its parameter's default; leave
/// them out to give every ID at deploy time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExistingVpcConfig {
    /// The VPC, `vpc-...`: the `VpcId` parameter's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex = "VPC_ID_PATTERN")]
    pub vpc_id: Option<String>,
    /// Subnets in at least two availability zones, routing 0.0.0.0/0 to an
    /// internet gateway: the internet-facing load balancer goes there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex = "SUBNET_ID_PATTERN"))]
    pub public_subnet_ids: Vec<String>,
    /// Subnets whose outbound traffic leaves through a NAT gateway: the
    /// tasks and functions go there, without public addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex = "SUBNET_ID_PATTERN"))]
    pub private_subnet_ids: Vec<String>,
}

/// Which subnets of an existing VPC a stack runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subnets {
    /// Public subnets for an internet-facing load balancer, private ones
    /// for the tasks.
    PublicAndPrivate,
    /// Private subnets only: nothing in the stack faces the internet.
    PrivateOnly,
}

impl NetworkConfig {
    /// What is wrong with the network section at `at` (its JSON pointer),
    /// for a stack that uses `subnets`.
    pub fn problems(&self, at: &str, subnets: Subnets) -> Vec<Problem> {
        match (&self.new_vpc, &self.existing_vpc) {
            (Some(_), Some(_)) => vec![problem(
                at,
                "newVpc and existingVpc",
                "are both given; give one: newVpc creates a VPC, existingVpc uses one",
            )],
            (Some(new_vpc), None) => new_vpc.problems(&format!("{at}/newVpc")),
            (None, Some(existing)) => {
                let mut problems: Vec<Problem> = [
                    ("publicSubnetIds", &existing.public_subnet_ids),
                    ("privateSubnetIds", &existing.private_subnet_ids),
                ]
                .into_iter()
                .filter(|(_, ids)| ids.len() == 1)
                .map(|(field, ids)| {
                    problem(
                        &format!("{at}/existingVpc/{field}"),
                        format!("{ids:?}"),
                        "names one subnet; give subnets in at least two availability zones \
                         (or none, to give them at deploy time)",
                    )
                })
                .collect();
                if subnets == Subnets::PrivateOnly && !existing.public_subnet_ids.is_empty() {
                    problems.push(problem(
                        &format!("{at}/existingVpc/publicSubnetIds"),
                        format!("{:?}", existing.public_subnet_ids),
                        "are not used: nothing in this stack faces the internet; leave them out",
                    ));
                }
                problems
            }
            (None, None) => Vec::new(),
        }
    }
}

/// The network as the rest of a stack refers to it. `Public` is what the
/// stack has of public subnets: their IDs for a stack that asked for
/// [`PublicAndPrivate`], nothing for [`PrivateOnly`], so a load balancer
/// cannot be placed in subnets the stack never asked for.
pub struct Network<Public = ()> {
    /// The VPC: the one the stack created, or the `VpcId` parameter.
    pub vpc_id: Value<String>,
    /// The public subnets, for an internet-facing load balancer; `()` for a
    /// stack without one.
    pub public_subnet_ids: Public,
    /// The private subnets the tasks and functions run in.
    pub private_subnet_ids: Value<List<String>>,
    /// What a private workload must wait for when the stack creates the
    /// VPC: the private subnets' routes through NAT (made after their
    /// route table associations). Without them a task starts before it can
    /// reach its image registry.
    pub private_egress_ready: Vec<Handle<ec2::Route>>,
    /// The private subnets' route tables when the stack creates the VPC
    /// (empty for an existing VPC, whose routes its owner keeps).
    pub private_route_tables: Vec<Handle<ec2::RouteTable>>,
}

/// The network of a stack with an internet-facing load balancer.
pub type PublicFacingNetwork = Network<Value<List<String>>>;

/// Which subnets a stack runs in, as a type: [`add`] returns a
/// [`Network`] with exactly those.
pub trait SubnetChoice {
    /// The same choice as a value, for the config's rules.
    const SUBNETS: Subnets;
    /// What the stack gets of public subnets.
    type Public;
    /// From a new VPC's public subnets.
    fn from_new(ids: Value<List<String>>) -> Self::Public;
    /// From an existing VPC: the `PublicSubnetIds` parameter, if asked for.
    fn from_existing(
        template: &mut Template,
        existing: &ExistingVpcConfig,
    ) -> Result<Self::Public, StackError>;
}

/// Public subnets for an internet-facing load balancer, private ones for
/// the tasks ([`Subnets::PublicAndPrivate`]).
pub struct PublicAndPrivate;

/// Private subnets only ([`Subnets::PrivateOnly`]).
pub struct PrivateOnly;

impl SubnetChoice for PublicAndPrivate {
    const SUBNETS: Subnets = Subnets::PublicAndPrivate;
    type Public = Value<List<String>>;

    fn from_new(ids: Value<List<String>>) -> Self::Public {
        ids
    }

    fn from_existing(
        template: &mut Template,
        existing: &ExistingVpcConfig,
    ) -> Result<Self::Public, StackError> {
        Ok(template
            .add_parameter(subnet_ids_parameter(
                "PublicSubnetIds",
                "Public subnets of the VPC in at least two availability zones \
                 (0.0.0.0/0 to an internet gateway), for the load balancer.",
                &existing.public_subnet_ids,
            ))?
            .reference()
            .into())
    }
}

impl SubnetChoice for PrivateOnly {
    const SUBNETS: Subnets = Subnets::PrivateOnly;
    type Public = ();

    fn from_new(_: Value<List<String>>) -> Self::Public {}

    fn from_existing(_: &mut Template, _: &ExistingVpcConfig) -> Result<(), StackError> {
        Ok(())
    }
}

/// A `List<AWS::EC2::Subnet::Id>` parameter, defaulting to the config's IDs.
fn subnet_ids_parameter(
    id: &str,
    description: &str,
    defaults: &[String],
) -> Parameter<List<String>> {
    let parameter = Parameter::aws_list(id, AwsType::SubnetId).description(description);
    if defaults.is_empty() {
        parameter
    } else {
        parameter.default(defaults.to_vec())
    }
}

/// Adds the network `config` asks for, with the subnets `S` names. What a
/// new VPC creates is named `<name>-<what>` and tagged in `scope`.
pub fn add<S: SubnetChoice>(
    template: &mut Template,
    scope: &Scope,
    name: &str,
    config: &NetworkConfig,
    _subnets: S,
) -> Result<Network<S::Public>, StackError> {
    match &config.existing_vpc {
        None => {
            let new_vpc = config.new_vpc.clone().unwrap_or_default();
            let created = vpc::add(template, scope, name, &new_vpc)?;
            let ids = |subnets: &[Handle<ec2::Subnet>]| {
                Value::from(subnets.iter().map(|s| s.reference()).collect::<Vec<_>>())
            };
            Ok(Network {
                vpc_id: created.vpc.reference().into(),
                public_subnet_ids: S::from_new(ids(&created.public_subnets)),
                private_subnet_ids: ids(&created.private_subnets),
                private_egress_ready: created.private_routes,
                private_route_tables: created.private_route_tables,
            })
        }
        Some(existing) => {
            let mut vpc_id = Parameter::aws("VpcId", AwsType::VpcId)
                .description("The existing VPC the stack goes into.");
            if let Some(id) = &existing.vpc_id {
                vpc_id = vpc_id.default(id.clone());
            }
            let vpc_id = template.add_parameter(vpc_id)?;
            let public = S::from_existing(template, existing)?;
            let private = template.add_parameter(subnet_ids_parameter(
                "PrivateSubnetIds",
                "Private subnets of the VPC (0.0.0.0/0 to a NAT gateway), for the tasks and \
                 functions.",
                &existing.private_subnet_ids,
            ))?;
            Ok(Network {
                vpc_id: vpc_id.reference().into(),
                public_subnet_ids: public,
                private_subnet_ids: private.reference().into(),
                private_egress_ready: Vec::new(),
                private_route_tables: Vec::new(),
            })
        }
    }
}
