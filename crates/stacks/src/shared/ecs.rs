//! Task and service parts every ECS stack writes the same way: logs
//! shipped to the service's own log group, plain environment variables,
//! secrets resolved by ECS when a task starts, private networking,
//! deployments that roll back, Cloud Map registration.

use constructs::aws::ecs::service::{
    AssignPublicIp, AwsVpcConfiguration, DeploymentCircuitBreaker, DeploymentConfiguration,
    NetworkConfiguration, ServiceRegistry,
};
use constructs::aws::ecs::task_definition::{KeyValuePair, LogConfiguration, Secret};
use constructs::aws::{ec2, logs, servicediscovery};
use constructs::{map, pseudo, Handle, List, Value};

/// The `awslogs` driver writing to `log_group`, streams named
/// `<prefix>/<container>/<task id>`.
pub fn awslogs(log_group: &Handle<logs::LogGroup>, stream_prefix: &str) -> LogConfiguration {
    LogConfiguration::new("awslogs").options(map([
        ("awslogs-group", Value::from(log_group.reference())),
        ("awslogs-region", pseudo::region().into()),
        ("awslogs-stream-prefix", stream_prefix.into()),
    ]))
}

/// Plain environment variables, in the order given.
pub fn environment(
    pairs: impl IntoIterator<Item = (String, Value<String>)>,
) -> Value<List<KeyValuePair>> {
    pairs
        .into_iter()
        .map(|(name, value)| KeyValuePair::default().name(name).value(value))
        .collect::<Vec<_>>()
        .into()
}

/// Variables ECS fills from Secrets Manager secrets or SSM parameters
/// (`value_from` is an ARN, or `<secret ARN>:<json key>::`); `None` when
/// there are none, so the property is left out.
pub fn secrets(
    pairs: impl IntoIterator<Item = (String, Value<String>)>,
) -> Option<Value<List<Secret>>> {
    let secrets: Vec<Secret> = pairs
        .into_iter()
        .map(|(name, value_from)| Secret::new(name, value_from))
        .collect();
    (!secrets.is_empty()).then(|| secrets.into())
}

/// A service's tasks in `subnets` with `security_group` and no public
/// address (`awsvpc`): private subnets reach out through NAT only.
pub fn private_network(
    security_group: &Handle<ec2::SecurityGroup>,
    subnets: &Value<List<String>>,
) -> Value<NetworkConfiguration> {
    NetworkConfiguration::default()
        .awsvpc_configuration(
            AwsVpcConfiguration::default()
                .assign_public_ip(AssignPublicIp::Disabled)
                .security_groups(vec![security_group.group_id()])
                .subnets(subnets.clone()),
        )
        .into()
}

/// Deployments whose tasks keep failing stop and roll back to the last
/// working revision (the deployment circuit breaker), instead of retrying
/// until CloudFormation times out.
pub fn rolling_back_deployments() -> Value<DeploymentConfiguration> {
    DeploymentConfiguration::default()
        .deployment_circuit_breaker(DeploymentCircuitBreaker::new(true, true))
        .into()
}

/// The service's tasks registered in the Cloud Map `entry`.
pub fn registered_in(entry: &Handle<servicediscovery::Service>) -> Value<List<ServiceRegistry>> {
    vec![ServiceRegistry::default().registry_arn(entry.arn())].into()
}
