//! One Fargate service behind the shared load balancer, as both the
//! long-running edge servers and the coordinator run: its task definition,
//! roles, log group, security group, HTTP and gRPC target groups and rules,
//! DNS record and (optionally) Cloud Map registration.
//!
//! Per service, with logical IDs starting with its prefix:
//!
//! | resource | what |
//! | --- | --- |
//! | `LogGroup` | `/ecs/<deployment>/<service>`, with the configured retention |
//! | `SecurityGroup` | ingress from the load balancer on the HTTP and gRPC ports only; the `LoadBalancerHttpEgress`/`LoadBalancerGrpcEgress` rules let the load balancer out to them |
//! | `ExecutionRole` | what ECS needs to start the task: write its log group, read its own secrets (and registry credentials) |
//! | `TaskRole` | what the server may do, when it may do anything (its bucket) |
//! | `TaskDefinition`, `Service` | Fargate, private subnets, no public address; rolls back a deployment that never gets healthy |
//! | `HttpTargetGroup`, `GrpcTargetGroup` | HTTP/1.1 and gRPC (protocol version GRPC, a gRPC health check) |
//! | `GrpcRule`, `HttpRule` | host name (and `content-type: application/grpc*`) to each target group |
//! | `Record` | the host, an alias of the load balancer |
//! | `DiscoveryService` | `<service>.<namespace>`, with service discovery |
//!
//! Each service has its own roles: an update API may pass its service's
//! roles only, so it cannot start its server with another server's secrets.

use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{
    ContainerDefinition, PortMapping, RepositoryCredentials,
};
use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::aws::{ec2, ecs, iam, logs, secretsmanager, servicediscovery};
use constructs::iam::Statement;
use constructs::{Handle, Resource, Template, Value};
use elb::target_group::{Matcher, TargetGroupAttribute, TargetType};

use super::dns::Dns;
use super::load_balancer::{is_grpc, RuleSlots};
use super::names::Names;
use super::roles::{role, Assumer};
use crate::shared::discovery;
use crate::shared::network::PublicFacingNetwork;
use framework::error::StackError;
use patterns::access::write_logs;
use patterns::container as container_parts;
use patterns::fargate::{self, FargateTask};
use patterns::load_balancer::{add_alias_record, forward_rule, host_is, LoadBalancer};
use patterns::logs::add_log_group;
use patterns::secrets::{read_secrets, ReadableSecret};
use patterns::security_groups::to_anywhere;
use patterns::service::{ecs_service, private_network, registered_in};
use patterns::Scope;

/// How long a draining task keeps its in-flight requests.
const DEREGISTRATION_DELAY_SECONDS: &str = "30";
/// How long a new task may fail its health checks while it starts.
const HEALTH_CHECK_GRACE_SECONDS: i64 = 60;
/// Cloud Map A records' time to live.
const DISCOVERY_TTL_SECONDS: f64 = 60.0;

/// What the services of one deployment share.
pub struct Platform<'a> {
    pub names: &'a Names,
    pub network: &'a PublicFacingNetwork,
    pub cluster: &'a Handle<ecs::Cluster>,
    pub load_balancer: &'a LoadBalancer,
    pub dns: &'a Dns,
    pub rule_slots: &'a RuleSlots,
    pub namespace: Option<&'a Handle<servicediscovery::PrivateDnsNamespace>>,
    /// The deployment's tags, deletion choice and log retention.
    pub scope: &'a Scope,
    /// Days an overwritten or deleted object of a server's bucket stays
    /// restorable.
    pub bucket_recoverable_days: u32,
}

impl Platform<'_> {
    /// A log group with the configured retention, kept with the data
    /// unless the config allows deleting it.
    pub fn add_log_group(
        &self,
        template: &mut Template,
        id: &str,
        name: String,
    ) -> Result<Handle<logs::LogGroup>, StackError> {
        Ok(add_log_group(template, self.scope, id, name)?)
    }
}

/// A port the service listens on and how the load balancer checks it.
pub struct Port {
    pub port: i64,
    /// The health check's path: a URL path for HTTP, a gRPC method
    /// (`/package.Service/Method`) for gRPC.
    pub health_check_path: &'static str,
    /// The HTTP status codes or gRPC codes that mean healthy.
    pub healthy: &'static str,
}

/// One Fargate service.
pub struct ServiceSpec {
    /// The start of every logical ID, e.g. `EdgeServerEs1`.
    pub prefix: String,
    /// The ECS service's and the container's name, and the host label.
    pub name: String,
    pub image: String,
    pub cpu: u32,
    pub memory: u32,
    pub desired_count: u32,
    pub environment: Vec<(String, Value<String>)>,
    /// Container variables filled from Secrets Manager.
    pub secrets: Vec<(&'static str, Handle<secretsmanager::Secret>)>,
    /// Credentials for a private registry the image comes from.
    pub registry_credentials: Option<Handle<secretsmanager::Secret>>,
    pub http: Port,
    pub grpc: Port,
    /// What the server itself may do; no task role when empty.
    pub task_statements: Vec<Statement>,
}

/// What the rest of the stack refers to.
pub struct Deployed {
    pub service: Handle<ecs::Service>,
    pub family: String,
    pub execution_role: Handle<iam::Role>,
    pub task_role: Option<Handle<iam::Role>>,
}

pub fn add(
    template: &mut Template,
    platform: &Platform,
    spec: &ServiceSpec,
) -> Result<Deployed, StackError> {
    let names = platform.names;
    let deployment = names.deployment();
    let prefix = &spec.prefix;
    let id = |what: &str| format!("{prefix}{what}");
    let host = names.host(&spec.name);

    let log_group = platform.add_log_group(
        template,
        &id("LogGroup"),
        names.service_log_group(&spec.name),
    )?;

    let security_group = add_security_group(template, platform, spec)?;

    let mut secrets: Vec<&dyn ReadableSecret> = spec
        .secrets
        .iter()
        .map(|(_, secret)| secret as &dyn ReadableSecret)
        .collect();
    secrets.extend(
        spec.registry_credentials
            .iter()
            .map(|secret| secret as &dyn ReadableSecret),
    );
    let mut execution_statements = vec![write_logs([log_group.arn()])];
    if !secrets.is_empty() {
        execution_statements.push(read_secrets(&secrets));
    }
    let execution_role = template.add(Resource::new(
        &id("ExecutionRole"),
        role(
            platform.scope,
            Assumer::EcsTasks,
            format!(
                "Lets ECS start {deployment} {}: logs and secrets",
                spec.name
            ),
            "start-task",
            execution_statements,
        ),
    ))?;
    let task_role = if spec.task_statements.is_empty() {
        None
    } else {
        Some(template.add(Resource::new(
            &id("TaskRole"),
            role(
                platform.scope,
                Assumer::EcsTasks,
                format!("What {deployment} {} may do", spec.name),
                "server",
                spec.task_statements.clone(),
            ),
        ))?)
    };

    let family = names.family(&spec.name);
    let task_definition = template.add(Resource::new(
        &id("TaskDefinition"),
        task_definition(
            platform,
            spec,
            &family,
            &log_group,
            &execution_role,
            task_role.as_ref(),
        ),
    ))?;

    let target_group = |port: &Port, grpc: bool| elb::TargetGroup {
        tags: platform.scope.tag_list(),
        ..elb::TargetGroup::default()
            .vpc_id(platform.network.vpc_id.clone())
            .target_type(TargetType::Ip)
            .port(port.port)
            .protocol(elb::target_group::Protocol::Http)
            .protocol_version(if grpc { "GRPC" } else { "HTTP1" })
            .health_check_enabled(true)
            .health_check_path(port.health_check_path)
            .health_check_protocol(elb::target_group::HealthCheckProtocol::Http)
            .matcher(if grpc {
                Matcher::default().grpc_code(port.healthy)
            } else {
                Matcher::default().http_code(port.healthy)
            })
            .target_group_attributes(vec![TargetGroupAttribute::default()
                .key("deregistration_delay.timeout_seconds")
                .value(DEREGISTRATION_DELAY_SECONDS)])
    };
    let http_group = template.add(Resource::new(
        &id("HttpTargetGroup"),
        target_group(&spec.http, false),
    ))?;
    let grpc_group = template.add(Resource::new(
        &id("GrpcTargetGroup"),
        target_group(&spec.grpc, true),
    ))?;
    let listener = &platform.load_balancer.https_listener;
    let grpc_rule = template.add(Resource::new(
        &id("GrpcRule"),
        forward_rule(
            listener,
            vec![host_is(&host), is_grpc()],
            platform.rule_slots.grpc(&spec.name)?,
            &grpc_group,
        ),
    ))?;
    let http_rule = template.add(Resource::new(
        &id("HttpRule"),
        forward_rule(
            listener,
            vec![host_is(&host)],
            platform.rule_slots.http(&spec.name)?,
            &http_group,
        ),
    ))?;

    let registration = match platform.namespace {
        Some(namespace) => Some(template.add(Resource::new(
            &id("DiscoveryService"),
            discovery::service_entry(
                namespace,
                &spec.name,
                format!("{deployment} {}", spec.name),
                DISCOVERY_TTL_SECONDS,
                platform.scope.tag_list(),
            ),
        ))?),
        None => None,
    };

    let load_balanced = |port: &Port, group: &Handle<elb::TargetGroup>| {
        ecs::service::LoadBalancer::default()
            .container_name(spec.name.clone())
            .container_port(port.port)
            .target_group_arn(group.reference())
    };
    // ECS refuses a target group that no listener rule uses yet, and a
    // task in a new VPC cannot pull its image before the NAT routes exist.
    let mut service = Resource::new(
        &id("Service"),
        ecs::Service {
            service_registries: registration.as_ref().map(registered_in),
            ..ecs_service(
                platform.scope,
                platform.cluster,
                spec.name.clone(),
                &task_definition,
            )
            .desired_count(i64::from(spec.desired_count))
            .launch_type(ecs::service::LaunchType::Fargate)
            .network_configuration(private_network(
                &security_group,
                &platform.network.private_subnet_ids,
            ))
            .load_balancers(vec![
                load_balanced(&spec.http, &http_group),
                load_balanced(&spec.grpc, &grpc_group),
            ])
            .health_check_grace_period_seconds(HEALTH_CHECK_GRACE_SECONDS)
        },
    )
    .depends_on(&grpc_rule)
    .depends_on(&http_rule);
    service = service.depends_on_all(&platform.network.private_egress_ready);
    let service = template.add(service)?;

    add_alias_record(
        template,
        &id("Record"),
        platform.dns.zone_id.clone(),
        &host,
        &platform.load_balancer.load_balancer,
    )?;
    Ok(Deployed {
        service,
        family,
        execution_role,
        task_role,
    })
}

/// The service's group, and the load balancer's way out to it.
fn add_security_group(
    template: &mut Template,
    platform: &Platform,
    spec: &ServiceSpec,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    let deployment = platform.names.deployment();
    let balancer_group = &platform.load_balancer.security_group;
    let ports = [("Http", "HTTP", &spec.http), ("Grpc", "gRPC", &spec.grpc)];
    let ingress = ports
        .iter()
        .map(|(_, what, port)| {
            ec2::security_group::Ingress::new("tcp")
                .source_security_group_id(balancer_group.group_id())
                .from_port(port.port)
                .to_port(port.port)
                .description(format!("{what} from the load balancer"))
        })
        .collect::<Vec<_>>();
    let group = template.add(Resource::new(
        &format!("{}SecurityGroup", spec.prefix),
        ec2::SecurityGroup {
            tags: platform
                .scope
                .named_list(format!("{deployment}-{}", spec.name)),
            ..ec2::SecurityGroup::new(format!(
                "{deployment} {}: from the load balancer only",
                spec.name
            ))
            .vpc_id(platform.network.vpc_id.clone())
            .security_group_ingress(ingress)
            .security_group_egress(vec![to_anywhere(
                "Data sources, registries and AWS APIs, through the NAT gateways",
            )])
        },
    ))?;
    for (id, what, port) in ports {
        template.add(Resource::new(
            &format!("{}LoadBalancer{id}Egress", spec.prefix),
            ec2::SecurityGroupEgress::new(ec2::SecurityGroupEgressRequired {
                group_id: balancer_group.group_id().into(),
                ip_protocol: "tcp".into(),
            })
            .destination_security_group_id(group.group_id())
            .from_port(port.port)
            .to_port(port.port)
            .description(format!("{what} to {}", spec.name)),
        ))?;
    }
    Ok(group)
}

fn task_definition(
    platform: &Platform,
    spec: &ServiceSpec,
    family: &str,
    log_group: &Handle<logs::LogGroup>,
    execution_role: &Handle<iam::Role>,
    task_role: Option<&Handle<iam::Role>>,
) -> ecs::TaskDefinition {
    let port = |port: &Port, name: &str, protocol: ecs::task_definition::AppProtocol| {
        PortMapping::default()
            .container_port(port.port)
            .name(name)
            .app_protocol(protocol)
            .protocol(ecs::task_definition::Protocol::Tcp)
    };
    let container = ContainerDefinition {
        secrets: container_parts::secrets(
            spec.secrets
                .iter()
                .map(|(name, secret)| (name.to_string(), secret.reference().into())),
        ),
        repository_credentials: spec.registry_credentials.as_ref().map(|secret| {
            RepositoryCredentials::default()
                .credentials_parameter(secret.reference())
                .into()
        }),
        ..ContainerDefinition::new(ContainerDefinitionRequired {
            image: spec.image.clone().into(),
            name: spec.name.clone().into(),
        })
        .essential(true)
        .port_mappings(vec![
            port(&spec.http, "http", ecs::task_definition::AppProtocol::Http),
            port(&spec.grpc, "grpc", ecs::task_definition::AppProtocol::Grpc),
        ])
        .environment(container_parts::environment(spec.environment.clone()))
        .log_configuration(container_parts::awslogs(log_group, &spec.name))
    };
    fargate::task_definition(
        platform.scope,
        FargateTask {
            family: family.to_string(),
            cpu: spec.cpu,
            memory: spec.memory,
            execution_role,
            task_role,
            container,
        },
    )
}
