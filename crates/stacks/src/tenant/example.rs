//! The tenant stack `cargo xtask deploy-test` deploys: tenant `acme` with
//! the default config, created and then updated to a new image tag.
//!
//! The stack only references the VPC, the Elasticsearch, RDS and EFS
//! security groups and the EFS file system the tenant shares with OvalEdge,
//! and CloudFormation (moto too) rejects IDs of things that do not exist.
//! So the example brings a small prerequisites stack that creates them and
//! hands their IDs over as outputs. It uses the region's default VPC
//! (172.31.0.0/16, whose default subnets end at 172.31.95.255) rather than
//! creating one: moto leaves route tables behind when it deletes a stack,
//! and a VPC with route tables left in it cannot be deleted.

use constructs::aws::{ec2, efs};
use constructs::{Output, Policy, Resource, Template};

use super::{build, TenantConfig, TenantName};
use framework::config;
use framework::error::StackError;
use framework::examples::{parameters, prerequisite_output, Example, Lookup, ParameterValue};

/// The image the example first deploys; the update moves it to `8.1.1`.
const IMAGE: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com/askedgi/edgi-data-service";
/// The default VPC's range.
const VPC_CIDR: &str = "172.31.0.0/16";

/// Security groups the tenant stack opens paths to, by parameter name.
const PEER_GROUPS: [(&str, &str); 3] = [
    ("ElasticsearchSecurityGroupId", "Elasticsearch"),
    ("RdsSecurityGroupId", "RDS"),
    ("EfsSecurityGroupId", "EFS"),
];

/// Tenant `acme` with the default config and its prerequisites stack,
/// updated to a new image tag.
pub fn example() -> Result<Example, StackError> {
    let literal = |value: &str| ParameterValue::Literal(value.to_string());
    let mut create_parameters = parameters([
        ("VpcId", ParameterValue::Lookup(Lookup::DefaultVpcId)),
        ("VpcCidr", literal(VPC_CIDR)),
        ("PrivateSubnetACidr", literal("172.31.96.0/24")),
        ("PrivateSubnetBCidr", literal("172.31.97.0/24")),
        ("EfsFileSystemId", prerequisite_output("EfsFileSystemId")),
        ("DatabaseSecretName", literal("ovaledge/acme/database")),
        ("OvalEdgeUrl", literal("https://acme.ovaledge.example.com")),
        ("ContainerImage", literal(&format!("{IMAGE}:8.1.0"))),
    ]);
    for (parameter, _) in PEER_GROUPS {
        create_parameters.insert(parameter.to_string(), prerequisite_output(parameter));
    }
    let mut update_parameters = create_parameters.clone();
    update_parameters.insert(
        "ContainerImage".to_string(),
        literal(&format!("{IMAGE}:8.1.1")),
    );
    Ok(Example {
        name: "tenant-acme".to_string(),
        stack_name: "askedgi-acme".to_string(),
        template: build(
            &TenantName::parse("acme")?,
            &config::validate(TenantConfig::default(), "the tenant example")?,
        )?,
        update_template: None,
        prerequisites: Some(prerequisites()?),
        create_parameters,
        update_parameters,
    })
}

/// What an OvalEdge account already has before a tenant is onboarded.
pub fn prerequisites() -> Result<Template, StackError> {
    let mut t = Template::new(
        "Stand-ins for the OvalEdge security groups and EFS file system an AskEdgi tenant uses, in the default VPC",
    );
    for (parameter, service) in PEER_GROUPS {
        let id = parameter.trim_end_matches("Id");
        // No VpcId: the group goes into the default VPC.
        let group = t.add(Resource::new(
            id,
            ec2::SecurityGroup::new(format!("Stand-in for the {service} security group")),
        ))?;
        t.add_output(Output::new(parameter, group.group_id()))?;
    }
    // A deploy-test fixture standing in for the tenant's own file system:
    // nothing to keep, so it goes with the prerequisites stack.
    let file_system = t.add(
        Resource::new("EfsFileSystem", efs::FileSystem::default().encrypted(true))
            .deletion_policy(Policy::Delete)
            .update_replace_policy(Policy::Delete),
    )?;
    t.add_output(Output::new("EfsFileSystemId", file_system.reference()))?;
    Ok(t)
}
