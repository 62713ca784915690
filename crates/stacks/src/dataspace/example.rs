//! The DataSpace stack `cargo xtask deploy-test` deploys: dev with the
//! default config, in the region's default VPC (moto leaves route tables
//! behind when it deletes a VPC it made, so the VPC could not go with the
//! stack), its default subnets standing in for private ones. The create has
//! no image yet (`ImageTag` empty: no app service); the update deploys one,
//! as the workflow's second deploy does.

use super::build;
use super::config::{DataspaceConfig, Environment};
use crate::shared::image_tag::UPDATE_IMAGE_TAG;
use crate::shared::network::{ExistingVpcConfig, NetworkConfig};
use framework::config;
use framework::error::StackError;
use framework::examples::{parameters, Example, Lookup, ParameterValue};

/// Dev with the default config in the default VPC, created without an image
/// and updated with one.
pub fn example() -> Result<Example, StackError> {
    let config = DataspaceConfig {
        network: NetworkConfig {
            new_vpc: None,
            existing_vpc: Some(ExistingVpcConfig::default()),
        },
        allow_delete_resources: true,
        ..DataspaceConfig::default()
    };
    let create_parameters = parameters([
        ("VpcId", ParameterValue::Lookup(Lookup::DefaultVpcId)),
        (
            "PrivateSubnetIds",
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ),
        ("ImageTag", ParameterValue::Literal(String::new())),
    ]);
    let mut update_parameters = create_parameters.clone();
    update_parameters.insert(
        "ImageTag".to_string(),
        ParameterValue::Literal(UPDATE_IMAGE_TAG.to_string()),
    );
    Ok(Example {
        name: "dataspace-dev".to_string(),
        stack_name: "dataspace-dev".to_string(),
        template: build(
            &config::validate(config, "the dataspace example")?,
            Environment::Dev,
        )?,
        update_template: None,
        prerequisites: None,
        create_parameters,
        update_parameters,
    })
}
