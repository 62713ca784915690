//! What the app and the collector have in common: a service in the private
//! subnets, without a public address, registered in Cloud Map, on the
//! cluster's default capacity provider (the rest is `patterns::service`).

use constructs::aws::{ec2, ecs, servicediscovery};
use constructs::{Handle, List, Value};
use patterns::service::{ecs_service, private_network, registered_in};
use patterns::Scope;

/// What a service runs and where.
pub struct Placement<'a> {
    pub scope: &'a Scope,
    pub cluster: &'a Handle<ecs::Cluster>,
    pub subnets: &'a Value<List<String>>,
    pub security_group: &'a Handle<ec2::SecurityGroup>,
    pub registry: &'a Handle<servicediscovery::Service>,
}

/// A service of `task_definition`'s tasks: `desired_count` of them, or,
/// for a service autoscaling sizes (`None`), as many as its scalable target
/// says. A desired count in the template would reset the service to it on
/// every stack update, however far autoscaling had taken it.
pub fn service(
    name: &str,
    task_definition: &Handle<ecs::TaskDefinition>,
    desired_count: Option<u32>,
    placement: &Placement,
) -> ecs::Service {
    ecs::Service {
        desired_count: desired_count.map(|count| i64::from(count).into()),
        ..ecs_service(placement.scope, placement.cluster, name, task_definition)
            .network_configuration(private_network(placement.security_group, placement.subnets))
            .service_registries(registered_in(placement.registry))
    }
}
