//! The values only the person deploying a tenant knows: the existing VPC
//! and its security groups, the shared EFS file system, the database
//! secret, the OvalEdge URL and the image to run.
//!
//! AWS-specific parameter types (`AWS::EC2::VPC::Id`,
//! `AWS::EC2::SecurityGroup::Id`) make CloudFormation check the values
//! exist before it creates anything; the others carry a pattern so a typo
//! fails the deploy up front instead of halfway through.

use constructs::{AwsType, Parameter, ParameterHandle, Template};

use super::config::{LogLevel, TenantConfig};
use super::network::ZONES;
use crate::shared::parameters::cidr_block;
use framework::error::StackError;

/// Handles to every parameter of the tenant stack.
pub struct Parameters {
    pub vpc_id: ParameterHandle<String>,
    pub vpc_cidr: ParameterHandle<String>,
    /// One per entry of [`ZONES`], in the same order.
    pub subnet_cidrs: Vec<ParameterHandle<String>>,
    pub elasticsearch_security_group_id: ParameterHandle<String>,
    pub rds_security_group_id: ParameterHandle<String>,
    pub efs_security_group_id: ParameterHandle<String>,
    pub efs_file_system_id: ParameterHandle<String>,
    pub database_secret_name: ParameterHandle<String>,
    pub ovaledge_url: ParameterHandle<String>,
    pub container_image: ParameterHandle<String>,
    pub log_level: ParameterHandle<String>,
}

/// The parameter naming the existing VPC the tenant's subnets go into.
pub const VPC_ID: &str = "VpcId";

impl Parameters {
    pub fn add(template: &mut Template, config: &TenantConfig) -> Result<Self, StackError> {
        let vpc_id = template.add_parameter(
            Parameter::aws(VPC_ID, AwsType::VpcId)
                .description("The existing VPC of the OvalEdge deployment."),
        )?;
        let vpc_cidr = template.add_parameter(cidr_block("VpcCidr").description(
            "The VPC's IPv4 CIDR block; the data service accepts TCP 8000 from it.",
        ))?;
        let subnet_cidrs = ZONES
            .iter()
            .map(|zone| {
                template.add_parameter(cidr_block(zone.cidr_parameter).description(&format!(
                    "A free CIDR block of the VPC for the data service's private subnet \
                     in the region's availability zone number {}.",
                    zone.az_index + 1
                )))
            })
            .collect::<Result<_, _>>()?;
        let security_group = |id: &str, description: &str| {
            Parameter::aws(id, AwsType::SecurityGroupId).description(description)
        };
        let elasticsearch_security_group_id = template.add_parameter(security_group(
            "ElasticsearchSecurityGroupId",
            "The Elasticsearch domain's security group; it gets an ingress rule for TCP 9200 from the data service.",
        ))?;
        let rds_security_group_id = template.add_parameter(security_group(
            "RdsSecurityGroupId",
            "The RDS database's security group; it gets an ingress rule for TCP 3306 from the data service.",
        ))?;
        let efs_security_group_id = template.add_parameter(security_group(
            "EfsSecurityGroupId",
            "The EFS file system's security group; it gets an ingress rule for NFS (TCP 2049) from the data service.",
        ))?;
        let efs_file_system_id = template.add_parameter(
            Parameter::string("EfsFileSystemId")
                .description("The EFS file system shared with the OvalEdge UI and Job tasks.")
                .allowed_pattern("^fs-[0-9a-f]{8,40}$")
                .constraint_description("an EFS file system ID such as fs-0123456789abcdef0"),
        )?;
        let database_secret_name = template.add_parameter(
            Parameter::string("DatabaseSecretName")
                .description(
                    "Name (not ARN) of the Secrets Manager secret holding the database details \
                     (AWS_SCTNAME); the data service reads it and stores its \
                     apiaccesskeyforedgi key in it.",
                )
                .allowed_pattern("^[A-Za-z0-9/_+=.@-]{1,512}$")
                .constraint_description("a secret name: letters, digits and /_+=.@- (not an ARN)"),
        )?;
        let ovaledge_url = template.add_parameter(
            Parameter::string("OvalEdgeUrl")
                .description("The OvalEdge application URL (OVALEDGE_URL).")
                .allowed_pattern(r"^https?://[^\s]+$")
                .constraint_description("an http:// or https:// URL"),
        )?;
        let container_image = template.add_parameter(
            Parameter::string("ContainerImage")
                .description("The edgi-data-service image, e.g. <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>.")
                .allowed_pattern(r"^[^\s]+$")
                .constraint_description("an image reference without spaces"),
        )?;
        let log_level = template.add_parameter(
            Parameter::string("LogLevel")
                .description("The data service's LOG_LEVEL.")
                .allowed_values(LogLevel::ALL.map(LogLevel::as_str))
                .default(config.log_level.as_str()),
        )?;
        Ok(Parameters {
            vpc_id,
            vpc_cidr,
            subnet_cidrs,
            elasticsearch_security_group_id,
            rds_security_group_id,
            efs_security_group_id,
            efs_file_system_id,
            database_secret_name,
            ovaledge_url,
            container_image,
            log_level,
        })
    }
}
