//! The ECS service as every stack writes it: on its cluster under its
//! name, deployments that stop and roll back when tasks keep failing,
//! tags propagated from the service to its tasks (and ECS's own tags
//! added), tagged with the scope's tags. A stack adds what is its own
//! (a desired count, a launch type or capacity provider, load balancers,
//! placement) with setters or `..`.
//!
//! Beside it, the parts several services share: private networking and
//! Cloud Map registration.

use constructs::aws::ecs::service::DeploymentCircuitBreakerRequired;
use constructs::aws::ecs::service::{
    AssignPublicIp, AwsVpcConfiguration, DeploymentCircuitBreaker, DeploymentConfiguration,
    NetworkConfiguration, PropagateTags, ServiceRegistry,
};
use constructs::aws::{ec2, ecs, servicediscovery};
use constructs::{Handle, List, Value};

use crate::scope::Scope;

/// The service `name` of `task_definition`'s tasks on `cluster`.
pub fn ecs_service(
    scope: &Scope,
    cluster: &Handle<ecs::Cluster>,
    name: impl Into<Value<String>>,
    task_definition: &Handle<ecs::TaskDefinition>,
) -> ecs::Service {
    ecs::Service {
        tags: scope.tag_list(),
        ..ecs::Service::default()
            .cluster(cluster.reference())
            .service_name(name)
            .task_definition(task_definition.reference())
            .deployment_configuration(rolling_back_deployments())
            .propagate_tags(PropagateTags::Service)
            .enable_ecs_managed_tags(true)
    }
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
fn rolling_back_deployments() -> Value<DeploymentConfiguration> {
    DeploymentConfiguration::default()
        .deployment_circuit_breaker(DeploymentCircuitBreaker::new(
            DeploymentCircuitBreakerRequired {
                enable: true.into(),
                rollback: true.into(),
            },
        ))
        .into()
}

/// The service's tasks registered in the Cloud Map `entry`.
pub fn registered_in(entry: &Handle<servicediscovery::Service>) -> Value<List<ServiceRegistry>> {
    vec![ServiceRegistry::default().registry_arn(entry.arn())].into()
}
