//! The seed's ECS section: the cluster, and one Fargate task definition
//! (with its log group) per process.
//!
//! Each task definition is the seed's form: family
//! `IntervalProcessing-<Process>`, Linux/X86_64, awsvpc, 1 vCPU and 3 GB
//! unless the config says otherwise, one essential container
//! `intervalprocessing-<process>` running the repository's image, port
//! mappings 80 and 27017 over TCP, `processToRun=<Process>Processes`
//! (the key the application's `switch` selects its services by), awslogs
//! to `/ecs/IntervalProcessing-<Process>` and 21 GiB of ephemeral storage.
//!
//! Deviations from the seed: the seed's console creates each log group on
//! first use (`awslogs-create-group`) and keeps logs forever; here each
//! log group is a resource with a retention period, so the execution role
//! needs no `logs:CreateLogGroup`. The execution role is this system's own
//! (module `iam`) rather than the account-wide `ecsTaskExecutionRole`.
//! Like the seed, the tasks get no task role: the processes use the
//! credentials they are configured with.

use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{
    ContainerDefinition, EphemeralStorage, KeyValuePair, PortMapping, Protocol,
};
use constructs::aws::{ecs, iam, logs};
use constructs::{Expr, Handle, List, Resource, Template, Value};

use super::config::{ProcessConfig, SchedulesConfig};
use super::names::{self, Names};
use super::rules::PROCESS_TO_RUN;
use framework::error::StackError;
use patterns::container::{self as container_parts, awslogs};
use patterns::fargate::{self, FargateTask};
use patterns::logs::add_log_group;
use patterns::Scope;

/// The capacity provider the tasks run on, in the cluster and in the
/// schedules' strategy.
pub const FARGATE: &str = "FARGATE";
/// The seed's container ports: 80 (the console's default mapping) and
/// 27017 (MongoDB).
pub const CONTAINER_PORTS: [i64; 2] = [80, 27017];
/// The console's default awslogs stream prefix.
const LOG_STREAM_PREFIX: &str = "ecs";

/// The cluster, with Fargate as its capacity provider: the schedules run
/// tasks through a capacity provider strategy, which only names providers
/// associated with the cluster.
pub fn add_cluster(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<Handle<ecs::Cluster>, StackError> {
    Ok(template.add(Resource::new(
        "Cluster",
        ecs::Cluster {
            tags: scope.tag_list(),
            ..ecs::Cluster::default()
                .cluster_name(names.cluster())
                .capacity_providers([FARGATE])
                .default_capacity_provider_strategy(vec![
                    ecs::cluster::CapacityProviderStrategyItem::default()
                        .capacity_provider(FARGATE)
                        .weight(1),
                ])
        },
    ))?)
}

/// One log group per process, in the config's order.
pub fn add_log_groups(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &SchedulesConfig,
) -> Result<Vec<Handle<logs::LogGroup>>, StackError> {
    config
        .processes
        .iter()
        .map(|process| {
            Ok(add_log_group(
                template,
                scope,
                &names::log_group_id(&process.name),
                names.log_group(&process.name),
            )?)
        })
        .collect()
}

/// What the task definitions refer to.
pub struct Dependencies<'a> {
    pub names: &'a Names,
    pub config: &'a SchedulesConfig,
    /// One per process, in the config's order.
    pub log_groups: &'a [Handle<logs::LogGroup>],
    pub execution_role: &'a Handle<iam::Role>,
    pub image: Expr<String>,
    /// The stack's tags.
    pub scope: &'a Scope,
}

/// One task definition per process, in the config's order.
pub fn add_task_definitions(
    template: &mut Template,
    deps: &Dependencies,
) -> Result<Vec<Handle<ecs::TaskDefinition>>, StackError> {
    deps.config
        .processes
        .iter()
        .zip(deps.log_groups)
        .map(|(process, log_group)| {
            Ok(template.add(Resource::new(
                &names::task_definition_id(&process.name),
                task_definition(deps, process, log_group),
            ))?)
        })
        .collect()
}

fn task_definition(
    deps: &Dependencies,
    process: &ProcessConfig,
    log_group: &Handle<logs::LogGroup>,
) -> ecs::TaskDefinition {
    let names = deps.names;
    let container = ContainerDefinition::new(ContainerDefinitionRequired {
        image: deps.image.clone().into(),
        name: names.container(&process.name).into(),
    })
    .essential(true)
    .port_mappings(
        CONTAINER_PORTS
            .iter()
            .map(|&port| {
                PortMapping::default()
                    .container_port(port)
                    .protocol(Protocol::Tcp)
            })
            .collect::<Vec<_>>(),
    )
    .environment(environment(process))
    .log_configuration(awslogs(log_group, LOG_STREAM_PREFIX));
    fargate::task_definition(
        deps.scope,
        FargateTask {
            family: names.family(&process.name),
            cpu: process.cpu,
            memory: process.memory,
            execution_role: deps.execution_role,
            task_role: None,
            container,
        },
    )
    .ephemeral_storage(
        EphemeralStorage::default().size_in_gi_b(i64::from(process.ephemeral_storage_gib)),
    )
}

/// `processToRun` first, then the config's extra variables by name.
fn environment(process: &ProcessConfig) -> Value<List<KeyValuePair>> {
    let process_to_run = (
        PROCESS_TO_RUN.to_string(),
        names::process_to_run(&process.name),
    );
    container_parts::environment(
        std::iter::once(process_to_run)
            .chain(process.environment.clone())
            .map(|(name, value)| (name, value.into())),
    )
}
