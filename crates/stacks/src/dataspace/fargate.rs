//! What the app and the collector have in common: a Fargate task
//! definition shape and a service in the private subnets, without a public
//! address, registered in Cloud Map, rolled back when a deployment never
//! gets healthy, running on the cluster's default capacity provider.

use constructs::aws::ecs::task_definition::ContainerDefinition;
use constructs::aws::{ec2, ecs, iam, servicediscovery};
use constructs::{Handle, List, Value};

use super::names::Names;
use super::tags;
use crate::shared::ecs as ecs_parts;
use crate::shared::fargate;

/// A task definition of one container.
pub fn task_definition(
    names: &Names,
    family: String,
    cpu: u32,
    memory: u32,
    execution_role: &Handle<iam::Role>,
    task_role: &Handle<iam::Role>,
    container: ContainerDefinition,
) -> ecs::TaskDefinition {
    ecs::TaskDefinition {
        tags: tags::standard(names),
        ..fargate::task_definition(
            family,
            cpu,
            memory,
            execution_role,
            Some(task_role),
            container,
        )
    }
}

/// What a service runs and where.
pub struct Placement<'a> {
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
    names: &Names,
    name: &str,
    task_definition: &Handle<ecs::TaskDefinition>,
    desired_count: Option<u32>,
    placement: &Placement,
) -> ecs::Service {
    ecs::Service {
        desired_count: desired_count.map(|count| i64::from(count).into()),
        tags: tags::standard(names),
        ..ecs::Service::default()
            .cluster(placement.cluster.reference())
            .service_name(name)
            .task_definition(task_definition.reference())
            .network_configuration(ecs_parts::private_network(
                placement.security_group,
                placement.subnets,
            ))
            .deployment_configuration(ecs_parts::rolling_back_deployments())
            .service_registries(ecs_parts::registered_in(placement.registry))
            .propagate_tags(ecs::service::PropagateTags::Service)
            .enable_ecs_managed_tags(true)
    }
}
