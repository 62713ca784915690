//! The schedules stack `cargo xtask deploy-test` deploys: the seed's five
//! processes in the region's default VPC (as the seed does), then an update
//! whose config adds a sixth process, as a user adds a job.
//!
//! The example uses the existing-VPC mode: moto leaves route tables behind
//! when it deletes a stack, so a VPC the stack created could not be deleted
//! with it. The default VPC's default subnets are public, so one of them
//! takes the NAT gateway; the private subnet gets a range above them
//! (they end at 172.31.95.255). The new-VPC mode, the default, is what the
//! `schedules-default` snapshot shows and cfn-lint checks.

use super::build;
use super::config::{NetworkMode, ProcessConfig, SchedulesConfig};
use framework::config;
use framework::error::StackError;
use framework::examples::{parameters, Example, Lookup, ParameterValue};

/// The config of the first deploy: the seed in the default VPC, deletable.
fn create_config() -> SchedulesConfig {
    SchedulesConfig {
        network: NetworkMode::ExistingVpc,
        allow_delete_resources: true,
        ..SchedulesConfig::default()
    }
}

/// Where errors in the example's configs say they came from.
const SOURCE: &str = "the schedules example";

/// The config of the update: one more process.
fn update_config() -> SchedulesConfig {
    let mut config = create_config();
    config
        .processes
        .push(ProcessConfig::new("WeeklyReport", "cron(0 6 ? * MON *)"));
    config
}

/// The seed's five processes in the default VPC, updated with a sixth.
pub fn example() -> Result<Example, StackError> {
    let overrides = parameters([
        ("VpcId", ParameterValue::Lookup(Lookup::DefaultVpcId)),
        (
            "PublicSubnetId",
            ParameterValue::Lookup(Lookup::DefaultSubnetId),
        ),
        (
            "PrivateSubnetCidr",
            ParameterValue::Literal("172.31.98.0/24".to_string()),
        ),
    ]);
    Ok(Example {
        name: "schedules".to_string(),
        stack_name: "interval-processing".to_string(),
        template: build(&config::validate(create_config(), SOURCE)?)?.template,
        update_template: Some(build(&config::validate(update_config(), SOURCE)?)?.template),
        prerequisites: None,
        create_parameters: overrides.clone(),
        update_parameters: overrides,
    })
}
