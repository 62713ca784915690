//! The seed's three containers as ECS services on the container instances:
//! the API and the workers in bridge network mode (many tasks share an
//! instance; the API's containers get dynamic host ports the load balancer
//! learns), the WebSocket server with a network interface of its own
//! (`awsvpc`), so workers reach it by name in Cloud Map at
//! `websocket.<name>.internal` and its security group can admit exactly
//! them and the load balancer.
//!
//! | service | reads | may |
//! | --- | --- | --- |
//! | `api` | `QUEUE_URL`, `BUCKET_NAME`, `DB_*`, `MONGODB_URI`, `HTTP_KEEP_ALIVE_SECONDS` | send to the queue; read and write the bucket |
//! | `worker` | the same but the keep-alive, and `WEBSOCKET_NOTIFY_URL` | receive and delete from the queue; read and write the bucket |
//! | `websocket` | `PORT`, `HTTP_KEEP_ALIVE_SECONDS` | nothing |
//!
//! Workers post each status to every address `websocket.<name>.internal`
//! resolves to (one per WebSocket task, at most eight), so every task can
//! push it to the browsers connected to it; a single post would reach one
//! task's browsers only.
//!
//! `DB_USERNAME`, `DB_PASSWORD` and `MONGODB_URI` are ECS secrets from
//! Secrets Manager. The services exist once there is an image
//! (`ImageTag`, condition `HasImage`); autoscaling owns their task counts
//! ([`super::scaling`]).

use std::collections::BTreeMap;

use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{ContainerDefinition, NetworkMode, PortMapping};
use constructs::aws::{ec2, ecs, iam, logs, s3, secretsmanager, servicediscovery};
use constructs::iam::Statement;
use constructs::{
    fns, pseudo, ConditionHandle, Handle, List, ParameterHandle, Resource, Template, Value,
};

use super::capacity::Capacity;
use super::config::AdologyConfig;
use super::load_balancer::Entry;
use super::names::{Names, API, WEB_SOCKET, WORKER};
use super::queue::Queues;
use super::roles::role;
use super::sizes::{self, Kind, Size};
use super::storage::Storage;
use crate::shared::discovery;
use framework::error::StackError;
use patterns::access::{ecs_tasks_trust, registry_token, write_logs, ECR_PULL};
use patterns::container as container_parts;
use patterns::logs::add_log_group;
use patterns::postgres::{Postgres, PORT as POSTGRES_PORT};
use patterns::secrets::read_secrets;
use patterns::service::{ecs_service, private_network, registered_in};
use patterns::Scope;
use patterns::{BucketGrants, QueueGrants};

/// The variables the stack gives the services and the overflow function;
/// a config's extra environment cannot replace them.
pub const SET_BY_STACK: [&str; 14] = [
    "AWS_REGION",
    "BUCKET_NAME",
    "DB_HOST",
    "DB_NAME",
    "DB_PASSWORD",
    "DB_PORT",
    "DB_SECRET_ARN",
    "DB_USERNAME",
    "HTTP_KEEP_ALIVE_SECONDS",
    "MONGODB_URI",
    "MONGODB_URI_SECRET_ARN",
    "PORT",
    "QUEUE_URL",
    "WEBSOCKET_NOTIFY_URL",
];
/// How much longer than the load balancer's idle timeout the servers keep
/// idle connections open: the load balancer must close them first, or it
/// reuses one the server closed and answers 502.
const KEEP_ALIVE_MARGIN_SECONDS: u32 = 5;
/// How long a new task may fail its load balancer health checks.
const HEALTH_CHECK_GRACE_SECONDS: i64 = 60;
/// Cloud Map answers' time to live.
const DISCOVERY_TTL_SECONDS: f64 = 10.0;

/// What every service of the platform refers to.
pub struct Shared<'a> {
    pub names: &'a Names,
    pub scope: &'a Scope,
    pub config: &'a AdologyConfig,
    pub capacity: &'a Capacity,
    pub entry: &'a Entry,
    pub queues: &'a Queues,
    pub storage: &'a Storage,
    pub database: &'a Postgres,
    pub atlas: &'a Handle<secretsmanager::Secret>,
    pub image_tag: &'a ParameterHandle<String>,
    pub has_image: &'a ConditionHandle,
    pub private_subnets: &'a Value<List<String>>,
    pub web_socket_group: &'a Handle<ec2::SecurityGroup>,
    pub namespace: &'a Handle<servicediscovery::PrivateDnsNamespace>,
}

/// The services, for scaling, alarms and the dashboard.
pub struct Services {
    pub api: Handle<ecs::Service>,
    pub worker: Handle<ecs::Service>,
    pub web_socket: Handle<ecs::Service>,
}

struct LogGroups {
    api: Handle<logs::LogGroup>,
    worker: Handle<logs::LogGroup>,
    web_socket: Handle<logs::LogGroup>,
}

/// `http://websocket.<namespace>:<port>/notify`, where workers post status.
pub fn notify_url(names: &Names, config: &AdologyConfig) -> String {
    let port = sizes::web_socket_port(config);
    format!("http://{WEB_SOCKET}.{}:{port}/notify", names.namespace())
}

/// The variables the API, the workers and the overflow functions share.
pub fn common_environment(shared: &Shared) -> Vec<(String, Value<String>)> {
    vec![
        ("AWS_REGION".into(), pseudo::region().into()),
        (
            "BUCKET_NAME".into(),
            shared.storage.bucket.reference().into(),
        ),
        (
            "DB_HOST".into(),
            shared.database.instance.endpoint_address().into(),
        ),
        ("DB_NAME".into(), shared.names.database().into()),
        ("DB_PORT".into(), POSTGRES_PORT.to_string().into()),
        ("QUEUE_URL".into(), shared.queues.tasks.reference().into()),
    ]
}

pub fn add(template: &mut Template, shared: &Shared) -> Result<Services, StackError> {
    let names = shared.names;
    let config = shared.config;
    let group = |template: &mut Template, id: &str, service: &str| {
        add_log_group(template, shared.scope, id, names.log_group(service))
    };
    let log_groups = LogGroups {
        api: group(template, "ApiLogGroup", API)?,
        worker: group(template, "WorkerLogGroup", WORKER)?,
        web_socket: group(template, "WebSocketLogGroup", WEB_SOCKET)?,
    };
    let storage = shared.storage;
    let execution_role = template.add(Resource::new(
        "TaskExecutionRole",
        role(
            names,
            shared.scope,
            ecs_tasks_trust(),
            "Lets ECS start the tasks: images, logs and secrets",
            "start-tasks",
            vec![
                registry_token(),
                Statement::allow()
                    .sid("PullImages")
                    .actions(ECR_PULL)
                    .resources([
                        storage.api_repository.arn(),
                        storage.worker_repository.arn(),
                        storage.web_socket_repository.arn(),
                    ]),
                write_logs([
                    log_groups.api.arn(),
                    log_groups.worker.arn(),
                    log_groups.web_socket.arn(),
                ]),
                read_secrets(&[shared.database, shared.atlas]),
            ],
        ),
    ))?;
    let bucket = |statements: &mut Vec<Statement>, bucket: &Handle<s3::Bucket>| {
        statements.extend(bucket.grant_read_write());
    };
    let mut api_grants = vec![shared.queues.tasks.grant_send().sid("SendTasks")];
    bucket(&mut api_grants, &storage.bucket);
    let api_role = template.add(Resource::new(
        "ApiTaskRole",
        role(
            names,
            shared.scope,
            ecs_tasks_trust(),
            "What the API may do: queue tasks, use the bucket",
            "api",
            api_grants,
        ),
    ))?;
    let mut worker_grants = vec![shared.queues.tasks.grant_consume().sid("ConsumeTasks")];
    bucket(&mut worker_grants, &storage.bucket);
    let worker_role = template.add(Resource::new(
        "WorkerTaskRole",
        role(
            names,
            shared.scope,
            ecs_tasks_trust(),
            "What the workers may do: take tasks off the queue, use the bucket",
            "worker",
            worker_grants,
        ),
    ))?;

    let api_size = sizes::of(config, Kind::Api);
    let api = add_service(
        template,
        shared,
        &Spec {
            kind: Kind::Api,
            size: &api_size,
            repository: &storage.api_repository,
            log_group: &log_groups.api,
            execution_role: &execution_role,
            task_role: Some(&api_role),
            environment: with_extra(
                [common_environment(shared), vec![keep_alive(config)]].concat(),
                &config.api.environment,
            ),
            secrets: data_secrets(shared),
            network: Network::Bridge,
            target_group: Some(&shared.entry.api_group),
            provider: &shared.capacity.shared,
        },
    )?;
    let mut worker_environment = common_environment(shared);
    worker_environment.push((
        "WEBSOCKET_NOTIFY_URL".into(),
        notify_url(names, config).into(),
    ));
    let worker_size = sizes::of(config, Kind::Worker);
    let worker = add_service(
        template,
        shared,
        &Spec {
            kind: Kind::Worker,
            size: &worker_size,
            repository: &storage.worker_repository,
            log_group: &log_groups.worker,
            execution_role: &execution_role,
            task_role: Some(&worker_role),
            environment: with_extra(worker_environment, &config.worker.environment),
            secrets: data_secrets(shared),
            network: Network::Bridge,
            target_group: None,
            provider: &shared.capacity.shared,
        },
    )?;
    let web_socket_size = sizes::of(config, Kind::WebSocket);
    let port = sizes::web_socket_port(config);
    let web_socket = add_service(
        template,
        shared,
        &Spec {
            kind: Kind::WebSocket,
            size: &web_socket_size,
            repository: &storage.web_socket_repository,
            log_group: &log_groups.web_socket,
            execution_role: &execution_role,
            task_role: None,
            environment: with_extra(
                vec![keep_alive(config), ("PORT".into(), port.to_string().into())],
                &config.web_socket.environment,
            ),
            secrets: Vec::new(),
            network: Network::Own,
            target_group: Some(&shared.entry.web_socket_group),
            provider: shared
                .capacity
                .web_socket
                .as_ref()
                .unwrap_or(&shared.capacity.shared),
        },
    )?;
    Ok(Services {
        api,
        worker,
        web_socket,
    })
}

/// `HTTP_KEEP_ALIVE_SECONDS`: how long a server behind the load balancer
/// must keep idle connections open (Node's `server.keepAliveTimeout`, in
/// milliseconds there).
fn keep_alive(config: &AdologyConfig) -> (String, Value<String>) {
    (
        "HTTP_KEEP_ALIVE_SECONDS".into(),
        (config.load_balancer.idle_timeout_seconds + KEEP_ALIVE_MARGIN_SECONDS)
            .to_string()
            .into(),
    )
}

/// The database's and MongoDB Atlas's credentials, as ECS secrets.
fn data_secrets(shared: &Shared) -> Vec<(String, Value<String>)> {
    vec![
        ("DB_USERNAME".into(), shared.database.credential("username")),
        ("DB_PASSWORD".into(), shared.database.credential("password")),
        ("MONGODB_URI".into(), shared.atlas.reference().into()),
    ]
}

fn with_extra(
    mut environment: Vec<(String, Value<String>)>,
    extra: &BTreeMap<String, String>,
) -> Vec<(String, Value<String>)> {
    environment.extend(
        extra
            .iter()
            .map(|(name, value)| (name.clone(), value.clone().into())),
    );
    environment
}

/// How a service's tasks reach the network.
enum Network {
    /// The instance's network, dynamic host ports.
    Bridge,
    /// A network interface of its own in the private subnets (`awsvpc`).
    Own,
}

struct Spec<'a> {
    kind: Kind,
    size: &'a Size,
    repository: &'a Handle<constructs::aws::ecr::Repository>,
    log_group: &'a Handle<logs::LogGroup>,
    execution_role: &'a Handle<iam::Role>,
    task_role: Option<&'a Handle<iam::Role>>,
    environment: Vec<(String, Value<String>)>,
    secrets: Vec<(String, Value<String>)>,
    network: Network,
    target_group: Option<&'a Handle<constructs::aws::elasticloadbalancingv2::TargetGroup>>,
    provider: &'a Handle<ecs::CapacityProvider>,
}

fn add_service(
    template: &mut Template,
    shared: &Shared,
    spec: &Spec,
) -> Result<Handle<ecs::Service>, StackError> {
    let names = shared.names;
    let id = |what: &str| format!("{}{what}", spec.kind.logical_prefix());
    let name = spec.kind.service_name();
    let own_network = matches!(spec.network, Network::Own);
    let container = ContainerDefinition {
        port_mappings: spec.size.port.map(|port| {
            vec![PortMapping {
                // 0: a free host port, which the load balancer is told.
                host_port: (!own_network).then(|| 0.into()),
                ..PortMapping::default()
                    .container_port(i64::from(port))
                    .protocol(ecs::task_definition::Protocol::Tcp)
            }]
            .into()
        }),
        secrets: container_parts::secrets(spec.secrets.clone()),
        ..ContainerDefinition::new(ContainerDefinitionRequired {
            image: fns::sub(format!(
                "${{{}.RepositoryUri}}:${{{}}}",
                spec.repository.logical_id(),
                shared.image_tag.logical_id()
            ))
            .into(),
            name: name.into(),
        })
        .essential(true)
        .environment(container_parts::environment(spec.environment.clone()))
        .log_configuration(container_parts::awslogs(spec.log_group, name))
    };
    let task_definition = template.add(
        Resource::new(
            &id("TaskDefinition"),
            ecs::TaskDefinition {
                task_role_arn: spec.task_role.map(|role| role.arn().into()),
                tags: shared.scope.tag_list(),
                ..ecs::TaskDefinition::default()
                    .family(names.of(name))
                    .cpu(spec.size.cpu.to_string())
                    .memory(spec.size.memory.to_string())
                    .network_mode(if own_network {
                        NetworkMode::Awsvpc
                    } else {
                        NetworkMode::Bridge
                    })
                    .requires_compatibilities(vec![
                        ecs::task_definition::RequiresCompatibility::Ec2,
                    ])
                    .execution_role_arn(spec.execution_role.arn())
                    .container_definitions(vec![container])
            },
        )
        .condition(shared.has_image),
    )?;
    let registry = if own_network {
        Some(
            template.add(
                Resource::new(
                    &id("DiscoveryService"),
                    discovery::service_entry(
                        shared.namespace,
                        name,
                        format!("{} {}", names.system(), name),
                        DISCOVERY_TTL_SECONDS,
                        shared.scope.tag_list(),
                    ),
                )
                .condition(shared.has_image),
            )?,
        )
    } else {
        None
    };
    let mut service = Resource::new(
        &id("Service"),
        ecs::Service {
            network_configuration: own_network
                .then(|| private_network(shared.web_socket_group, shared.private_subnets)),
            placement_strategies: (!own_network).then(|| {
                vec![
                    ecs::service::PlacementStrategy::new(
                        ecs::service::PlacementStrategyType::Spread,
                    )
                    .field("attribute:ecs.availability-zone"),
                    ecs::service::PlacementStrategy::new(
                        ecs::service::PlacementStrategyType::Binpack,
                    )
                    .field("memory"),
                ]
                .into()
            }),
            load_balancers: spec.target_group.map(|group| {
                vec![ecs::service::LoadBalancer {
                    container_port: spec.size.port.map(|port| i64::from(port).into()),
                    ..ecs::service::LoadBalancer::default()
                        .container_name(name)
                        .target_group_arn(group.reference())
                }]
                .into()
            }),
            health_check_grace_period_seconds: spec
                .target_group
                .map(|_| HEALTH_CHECK_GRACE_SECONDS.into()),
            service_registries: registry.as_ref().map(registered_in),
            ..ecs_service(
                shared.scope,
                &shared.capacity.cluster,
                name,
                &task_definition,
            )
            .capacity_provider_strategy(vec![
                ecs::service::CapacityProviderStrategyItem::default()
                    .capacity_provider(spec.provider.reference())
                    .weight(1),
            ])
        },
    )
    .condition(shared.has_image)
    // A service naming a capacity provider waits for its association; a
    // target group must be a listener's before a service may use it.
    .depends_on(&shared.capacity.associations)
    .depends_on(&shared.entry.load_balancer.https_listener);
    if own_network {
        service = service.depends_on(&shared.entry.web_socket_rule);
    }
    Ok(template.add(service)?)
}
