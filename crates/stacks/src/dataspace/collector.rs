//! The OpenTelemetry collector (the seed's `otel-collector`), its own task
//! and service: the AWS Distro for OpenTelemetry image, receiving OTLP on
//! gRPC 4317 and HTTP 4318 from the app's security group, sending traces
//! to X-Ray and metrics to CloudWatch (EMF) in its metrics log group.
//!
//! Its configuration comes from `templates/otel-collector.yaml.j2`,
//! rendered into an SSM parameter and handed to the container as the
//! `AOT_CONFIG_CONTENT` secret, instead of the seed's volume mount that a
//! Fargate task would need a file system for. The container health check
//! asks the `health_check` extension (port 13133) through the image's own
//! `/healthcheck` binary.

use constructs::aws::ec2::security_group::Ingress;
use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{ContainerDefinition, HealthCheck, PortMapping};
use constructs::aws::{ec2, ecs, iam, logs, servicediscovery, ssm};
use constructs::{Handle, List, Resource, Template, Value};
use minijinja::context;

use super::connection;
use super::discovery;
use super::fargate::{self, Placement};
use super::names::{Names, COLLECTOR};
use super::sizing::ServiceSize;
use crate::shared::templates::render;
use framework::error::StackError;
use patterns::container as container_parts;
use patterns::fargate::{task_definition, FargateTask};
use patterns::logs::add_log_group;
use patterns::security_groups::to_anywhere;
use patterns::Scope;

const CONFIG_TEMPLATE: &str = include_str!("../../../../templates/otel-collector.yaml.j2");
/// OTLP over gRPC.
pub const GRPC_PORT: i64 = 4317;
/// OTLP over HTTP: the app's exporter endpoint.
pub const HTTP_PORT: i64 = 4318;
/// The `health_check` extension.
pub const HEALTH_PORT: i64 = 13133;
/// The variable the ADOT collector reads its configuration from.
const CONFIG_VARIABLE: &str = "AOT_CONFIG_CONTENT";

/// The collector's configuration.
pub fn config(names: &Names, metrics_log_group: &str) -> Result<String, StackError> {
    render(
        CONFIG_TEMPLATE,
        context! {
            stack => names.prefix(),
            parameter => names.parameter("otel-collector/config"),
            health_port => HEALTH_PORT,
            grpc_port => GRPC_PORT,
            http_port => HTTP_PORT,
            metrics_namespace => format!("DataSpace/{}", names.environment().as_str()),
            metrics_log_group => metrics_log_group,
        },
    )
}

/// What the collector is made of before its service.
pub struct Parts {
    pub config: Handle<ssm::Parameter>,
    pub log_group: Handle<logs::LogGroup>,
    pub metrics_log_group: Handle<logs::LogGroup>,
    pub security_group: Handle<ec2::SecurityGroup>,
}

/// The configuration parameter, the log groups and the security group:
/// the execution and task roles need them before the task definition.
pub fn add_parts(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_id: &Value<String>,
    app_group: &Handle<ec2::SecurityGroup>,
) -> Result<Parts, StackError> {
    let log_group =
        |template: &mut Template, id: &str, name: String| add_log_group(template, scope, id, name);
    let metrics_name = names.log_group("metrics");
    let metrics_log_group = log_group(template, "MetricsLogGroup", metrics_name.clone())?;
    let collector_log_group = log_group(template, "CollectorLogGroup", names.log_group(COLLECTOR))?;
    let config = connection::add_parameter(
        template,
        names,
        scope,
        "CollectorConfigParameter",
        "otel-collector/config",
        "The OpenTelemetry collector's configuration",
        config(names, &metrics_name)?.into(),
    )?;
    let from_app = |port: i64, what: &str| {
        Ingress::new("tcp")
            .source_security_group_id(app_group.group_id())
            .from_port(port)
            .to_port(port)
            .description(format!("{what} from the app"))
    };
    let security_group = template.add(Resource::new(
        "CollectorSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.tag_list(),
            ..ec2::SecurityGroup::new(format!(
                "{} OpenTelemetry collector: OTLP from the app",
                names.prefix()
            ))
            .vpc_id(vpc_id.clone())
            .security_group_ingress(vec![
                from_app(GRPC_PORT, "OTLP over gRPC"),
                from_app(HTTP_PORT, "OTLP over HTTP"),
            ])
            .security_group_egress(vec![to_anywhere(
                "X-Ray and CloudWatch, through the NAT gateways",
            )])
        },
    ))?;
    Ok(Parts {
        config,
        log_group: collector_log_group,
        metrics_log_group,
        security_group,
    })
}

/// What the collector's task and service run with.
pub struct Dependencies<'a> {
    pub names: &'a Names,
    /// The stack's tags.
    pub scope: &'a Scope,
    pub image: &'a str,
    pub size: &'a ServiceSize,
    pub parts: &'a Parts,
    pub execution_role: &'a Handle<iam::Role>,
    pub task_role: &'a Handle<iam::Role>,
    pub cluster: &'a Handle<ecs::Cluster>,
    pub subnets: &'a Value<List<String>>,
    /// The subnets' routes out, when the stack makes them: the tasks
    /// pull their images through them.
    pub egress_ready: &'a [Handle<ec2::Route>],
    pub namespace: &'a Handle<servicediscovery::PrivateDnsNamespace>,
}

pub fn add(
    template: &mut Template,
    deps: &Dependencies,
) -> Result<Handle<ecs::Service>, StackError> {
    let names = deps.names;
    let port = |port: i64, name: &str| {
        PortMapping::default()
            .container_port(port)
            .name(name)
            .protocol(ecs::task_definition::Protocol::Tcp)
    };
    let container = ContainerDefinition {
        secrets: container_parts::secrets([(
            CONFIG_VARIABLE.to_string(),
            connection::parameter_arn(&deps.parts.config).into(),
        )]),
        ..ContainerDefinition::new(ContainerDefinitionRequired {
            image: deps.image.to_string().into(),
            name: COLLECTOR.into(),
        })
        .essential(true)
        .port_mappings(vec![
            port(GRPC_PORT, "otlp-grpc"),
            port(HTTP_PORT, "otlp-http"),
            port(HEALTH_PORT, "health"),
        ])
        .health_check(
            HealthCheck::default()
                .command(vec!["CMD", "/healthcheck"])
                .interval(30)
                .timeout(5)
                .retries(3)
                .start_period(10),
        )
        .log_configuration(container_parts::awslogs(&deps.parts.log_group, COLLECTOR))
    };
    let task_definition = template.add(Resource::new(
        "CollectorTaskDefinition",
        task_definition(
            deps.scope,
            FargateTask {
                family: names.family(COLLECTOR),
                cpu: deps.size.cpu,
                memory: deps.size.memory,
                execution_role: deps.execution_role,
                task_role: Some(deps.task_role),
                container,
            },
        ),
    ))?;
    let registry = template.add(Resource::new(
        "CollectorDiscoveryService",
        discovery::service_entry(names, deps.scope, deps.namespace, COLLECTOR),
    ))?;
    Ok(template.add(
        Resource::new(
            "CollectorService",
            fargate::service(
                COLLECTOR,
                &task_definition,
                Some(deps.size.min_count),
                &Placement {
                    scope: deps.scope,
                    cluster: deps.cluster,
                    subnets: deps.subnets,
                    security_group: &deps.parts.security_group,
                    registry: &registry,
                },
            ),
        )
        .depends_on_all(deps.egress_ready),
    )?)
}
