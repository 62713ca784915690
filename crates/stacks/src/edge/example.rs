//! The edge stacks `cargo xtask deploy-test` deploys: the annotated example
//! config (`examples/edge.yaml`: two long-running servers, a serverless
//! one and a coordinator) and the minimal one (`examples/edge-minimal.yaml`:
//! one server, an existing hosted zone), each created, updated and deleted.
//!
//! One thing moto cannot do changes how they deploy, not what they are:
//! delete a VPC it made (it leaves route tables behind). So both go into
//! the region's default VPC (`existingVpc`). Its default subnets stand in
//! for the public and the private subnets alike: they are all public,
//! which moto does not mind and a real deployment would. The certificate
//! is created, by a stand-in (`xtask/src/moto_stand_ins.py`) that asks
//! moto's ACM for it.
//!
//! The new-VPC form is what the snapshots show and cfn-lint checks. The
//! minimal example's existing hosted zone comes from a prerequisites
//! stack.

use indexmap::IndexMap;

use constructs::aws::route53;
use constructs::{Output, Resource, Template};

use super::build;
use super::config::EdgeConfig;
use crate::shared::network::{ExistingVpcConfig, NetworkConfig};
use framework::config::{self, Validated};
use framework::error::StackError;
use framework::examples::{parameters, prerequisite_output, Example, Lookup, ParameterValue};

/// `examples/edge.yaml`, the config a new user starts from.
pub const EXAMPLE_CONFIG: &str = include_str!("../../../../examples/edge.yaml");
/// `examples/edge-minimal.yaml`.
pub const MINIMAL_CONFIG: &str = include_str!("../../../../examples/edge-minimal.yaml");

/// Where errors in the examples' configs, changed for moto, say they came
/// from.
const SOURCE: &str = "the edge examples";

/// The example config, parsed and checked as `synth edge --config` does.
pub fn example_config() -> Result<Validated<EdgeConfig>, StackError> {
    config::parse(EXAMPLE_CONFIG, "examples/edge.yaml")
}

/// The minimal config, parsed and checked.
pub fn minimal_config() -> Result<Validated<EdgeConfig>, StackError> {
    config::parse(MINIMAL_CONFIG, "examples/edge-minimal.yaml")
}

/// `config` as moto can deploy it (see the module docs).
fn on_moto(config: Validated<EdgeConfig>) -> EdgeConfig {
    let mut config = config.into_inner();
    config.network = NetworkConfig {
        new_vpc: None,
        existing_vpc: Some(ExistingVpcConfig::default()),
    };
    config.allow_delete_resources = true;
    config
}

/// A parameter value of the examples' secrets: moto stores them, nothing
/// reads them.
fn test_secret(name: &str) -> ParameterValue {
    ParameterValue::Literal(format!(
        "deploy-test-{name}-0123456789abcdef0123456789abcdef"
    ))
}

fn network() -> IndexMap<String, ParameterValue> {
    parameters([
        ("VpcId", ParameterValue::Lookup(Lookup::DefaultVpcId)),
        (
            "PublicSubnetIds",
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ),
        (
            "PrivateSubnetIds",
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ),
    ])
}

/// The annotated example config, created and then updated as a release
/// would: one server to a new tag, another scaled out.
pub fn example() -> Result<Example, StackError> {
    let config = on_moto(example_config()?);
    let mut update = config.clone();
    // A release: the first server moves to a new tag, the second scales out.
    update.edge_servers.long_running[0].image_tag = "1.0.1".to_string();
    update.edge_servers.long_running[1].desired_count = 3;
    let mut parameters = network();
    for parameter in [
        "EdgeServerEsKey",
        "EdgeServerEsUpdateApiKey",
        "EdgeServerEsAnalyticsKey",
        "EdgeServerEsAnalyticsUpdateApiKey",
        "EdgeServerEsBurstKey",
        "JwtJwks",
        "RegistryUsername",
        "RegistryPassword",
        "CoordinatorKeyval",
        "CoordinatorJwtKid",
        "CoordinatorJwtKey",
    ] {
        parameters.insert(parameter.to_string(), test_secret(parameter));
    }
    Ok(Example {
        name: "edge".to_string(),
        stack_name: "datafi-edge".to_string(),
        template: build(&config::validate(config, SOURCE)?)?,
        update_template: Some(build(&config::validate(update, SOURCE)?)?),
        prerequisites: None,
        create_parameters: parameters.clone(),
        update_parameters: parameters,
    })
}

/// The minimal config, one server in an existing hosted zone from a
/// prerequisites stack.
pub fn minimal_example() -> Result<Example, StackError> {
    let config = config::validate(on_moto(minimal_config()?), SOURCE)?;
    let mut create_parameters = network();
    create_parameters.insert(
        "HostedZoneId".to_string(),
        prerequisite_output("HostedZoneId"),
    );
    create_parameters.insert("EdgeServerEsKey".to_string(), test_secret("key"));
    create_parameters.insert(
        "EdgeServerEsUpdateApiKey".to_string(),
        test_secret("update"),
    );
    // A new edge server key: the update rewrites its secret.
    let mut update_parameters = create_parameters.clone();
    update_parameters.insert("EdgeServerEsKey".to_string(), test_secret("rotated-key"));
    Ok(Example {
        name: "edge-minimal".to_string(),
        stack_name: "datafi-edge-minimal".to_string(),
        template: build(&config)?,
        update_template: None,
        prerequisites: Some(prerequisites(&config.dns.domain)?),
        create_parameters,
        update_parameters,
    })
}

/// The existing hosted zone of the minimal example.
fn prerequisites(domain: &str) -> Result<Template, StackError> {
    let mut t = Template::new("A stand-in for the hosted zone of a Datafi edge deployment");
    let zone = t.add(Resource::new(
        "HostedZone",
        route53::HostedZone::default().name(domain.to_string()),
    ))?;
    t.add_output(Output::new("HostedZoneId", zone.reference()))?;
    Ok(t)
}
