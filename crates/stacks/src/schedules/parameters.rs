//! The values only the person deploying knows, as CloudFormation
//! parameters: an existing VPC and its public subnet (or the new VPC's
//! address ranges, which have defaults), the image tag to run, and for an
//! ECR Public repository the registry's alias.
//!
//! AWS-specific types (`AWS::EC2::VPC::Id`, `AWS::EC2::Subnet::Id`) make
//! CloudFormation check the values exist before it creates anything; the
//! others carry a pattern so a typo fails the deploy up front.

use constructs::{AwsType, Parameter, ParameterHandle, Template};

use super::config::{NetworkMode, SchedulesConfig};
use crate::shared::parameters::cidr_block;
use framework::error::StackError;

/// The new VPC's default ranges: the private subnet right after the public one.
const DEFAULT_VPC_CIDR: &str = "10.0.0.0/16";
const DEFAULT_PUBLIC_SUBNET_CIDR: &str = "10.0.0.0/24";
const DEFAULT_PRIVATE_SUBNET_CIDR: &str = "10.0.1.0/24";

/// Docker's tag rule.
const IMAGE_TAG_PATTERN: &str = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
/// ECR Public registry aliases.
const REGISTRY_ALIAS_PATTERN: &str = "^[a-z][a-z0-9]+(?:[._-][a-z0-9]+)*$";

/// Handles to every parameter of the stack.
pub struct Parameters {
    pub vpc: VpcParameters,
    /// The private subnet's range, inside the VPC's.
    pub private_subnet_cidr: ParameterHandle<String>,
    /// The tag of the image every task runs (`latest`, as the seed pushes).
    pub image_tag: ParameterHandle<String>,
    /// Only with an ECR Public repository: the `<alias>` of
    /// `public.ecr.aws/<alias>/<repository>`, which a template cannot look up.
    pub public_registry_alias: Option<ParameterHandle<String>>,
}

/// The VPC parameters of each [`NetworkMode`].
pub enum VpcParameters {
    Create {
        vpc_cidr: ParameterHandle<String>,
        public_subnet_cidr: ParameterHandle<String>,
    },
    Existing {
        vpc_id: ParameterHandle<String>,
        /// Where the NAT gateway goes: a subnet whose route table sends
        /// 0.0.0.0/0 to an internet gateway.
        public_subnet_id: ParameterHandle<String>,
    },
}

impl Parameters {
    pub fn add(template: &mut Template, config: &SchedulesConfig) -> Result<Self, StackError> {
        let (vpc, private_subnet_cidr) = match config.network {
            NetworkMode::CreateVpc => {
                let vpc_cidr = template.add_parameter(
                    cidr_block("VpcCidr")
                        .description("The new VPC's IPv4 range.")
                        .default(DEFAULT_VPC_CIDR),
                )?;
                let public_subnet_cidr = template.add_parameter(
                    cidr_block("PublicSubnetCidr")
                        .description(
                            "The public subnet's range, inside VpcCidr; it only holds the NAT \
                             gateway.",
                        )
                        .default(DEFAULT_PUBLIC_SUBNET_CIDR),
                )?;
                let private_subnet_cidr = template.add_parameter(
                    cidr_block("PrivateSubnetCidr")
                        .description(
                            "The private subnet's range, inside VpcCidr; the tasks run there.",
                        )
                        .default(DEFAULT_PRIVATE_SUBNET_CIDR),
                )?;
                let vpc = VpcParameters::Create {
                    vpc_cidr,
                    public_subnet_cidr,
                };
                (vpc, private_subnet_cidr)
            }
            NetworkMode::ExistingVpc => {
                let vpc_id = template.add_parameter(
                    Parameter::aws("VpcId", AwsType::VpcId)
                        .description("The existing VPC the tasks run in, e.g. the default VPC."),
                )?;
                let public_subnet_id = template.add_parameter(
                    Parameter::aws("PublicSubnetId", AwsType::SubnetId).description(
                        "A public subnet of that VPC (its route table sends 0.0.0.0/0 to an \
                         internet gateway, as the default VPC's default subnets do); the NAT \
                         gateway goes there.",
                    ),
                )?;
                let private_subnet_cidr =
                    template.add_parameter(cidr_block("PrivateSubnetCidr").description(
                        "A free range of the VPC for the tasks' new private subnet, e.g. \
                         172.31.96.0/24 in a default VPC (whose default subnets end at \
                         172.31.95.255).",
                    ))?;
                let vpc = VpcParameters::Existing {
                    vpc_id,
                    public_subnet_id,
                };
                (vpc, private_subnet_cidr)
            }
        };
        let image_tag = template.add_parameter(
            Parameter::string("ImageTag")
                .description("The tag of the image every task runs; the seed pushes latest.")
                .allowed_pattern(IMAGE_TAG_PATTERN)
                .constraint_description("a Docker image tag: letters, digits, _ . -")
                .default("latest"),
        )?;
        let public_registry_alias = if config.public_repository {
            Some(
                template.add_parameter(
                    Parameter::string("PublicRegistryAlias")
                        .description(
                            "Your ECR Public registry's alias (ECR console, Public registry, \
                             Settings), the <alias> of public.ecr.aws/<alias>/<repository>.",
                        )
                        .allowed_pattern(REGISTRY_ALIAS_PATTERN)
                        .min_length(2)
                        .max_length(50)
                        .constraint_description(
                            "an ECR Public alias: lowercase letters and digits, separated by . _ -",
                        ),
                )?,
            )
        } else {
            None
        };
        Ok(Parameters {
            vpc,
            private_subnet_cidr,
            image_tag,
            public_registry_alias,
        })
    }
}
