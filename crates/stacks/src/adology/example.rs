//! The Adology stack `cargo xtask deploy-test` deploys: the default config
//! in the region's default VPC (moto leaves route tables behind when it
//! deletes a VPC it made), its default subnets standing in for public and
//! private ones, with a certificate from a prerequisites stack. The create
//! has no image yet (no services, function or scaling); the update deploys
//! one and changes sizes, as a team's second deploy would.

use constructs::aws::certificatemanager;
use constructs::{Output, Resource, Template};

use super::build;
use super::capacity::AMI_PARAMETER;
use super::config::{AdologyConfig, InstancesConfig, ServiceConfig};
use crate::shared::image_tag::UPDATE_IMAGE_TAG;
use crate::shared::network::{ExistingVpcConfig, NetworkConfig};
use framework::config;
use framework::error::StackError;
use framework::examples::{parameters, prerequisite_output, Example, Lookup, ParameterValue};

/// Where errors in the example's configs say they came from.
const SOURCE: &str = "the adology example";
/// The domain of the stand-in certificate.
const DOMAIN: &str = "app.adology.example";

/// The default config in the default VPC, created without an image and
/// updated with one and larger sizes.
pub fn example() -> Result<Example, StackError> {
    let config = AdologyConfig {
        network: NetworkConfig {
            new_vpc: None,
            existing_vpc: Some(ExistingVpcConfig::default()),
        },
        allow_delete_resources: true,
        ..AdologyConfig::default()
    };
    let update = AdologyConfig {
        instances: InstancesConfig {
            instance_type: "t3.large".to_string(),
            min_instances: 2,
            max_instances: 8,
        },
        worker: ServiceConfig {
            memory: Some(2048),
            max_count: Some(16),
            ..ServiceConfig::default()
        },
        ..config.clone()
    };
    let create_parameters = parameters([
        ("VpcId", ParameterValue::Lookup(Lookup::DefaultVpcId)),
        (
            "PublicSubnetIds",
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ),
        (
            "PrivateSubnetIds",
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ),
        ("CertificateArn", prerequisite_output("CertificateArn")),
        (
            "MongoDbAtlasUri",
            ParameterValue::Literal(
                "mongodb+srv://deploy-test:not-a-password@cluster0.example.mongodb.net/adology"
                    .to_string(),
            ),
        ),
        ("ImageTag", ParameterValue::Literal(String::new())),
        // Given, not defaulted: on an update the CLI keeps the previous
        // value, which moto holds resolved (an AMI ID) and then looks up
        // as a parameter name.
        (
            "EcsAmiId",
            ParameterValue::Literal(AMI_PARAMETER.to_string()),
        ),
    ]);
    let mut update_parameters = create_parameters.clone();
    update_parameters.insert(
        "ImageTag".to_string(),
        ParameterValue::Literal(UPDATE_IMAGE_TAG.to_string()),
    );
    Ok(Example {
        name: "adology".to_string(),
        stack_name: "adology".to_string(),
        template: build(&config::validate(config, SOURCE)?)?,
        update_template: Some(build(&config::validate(update, SOURCE)?)?),
        prerequisites: Some(prerequisites()?),
        create_parameters,
        update_parameters,
    })
}

/// A certificate for the load balancer's HTTPS listener.
fn prerequisites() -> Result<Template, StackError> {
    let mut template = Template::new("A stand-in for the certificate of an Adology deployment");
    let certificate = template.add(Resource::new(
        "Certificate",
        certificatemanager::Certificate::new(DOMAIN).validation_method("DNS"),
    ))?;
    template.add_output(Output::new("CertificateArn", certificate.reference()))?;
    Ok(template)
}
