//! The Django app (the seed's `dataspace` task definition and service):
//! one container from this stack's repository, its settings from the SSM
//! parameters ([`super::connection`]) and its secrets from Secrets Manager
//! as ECS secrets, a container health check, logs with retention, Cloud Map
//! registration, and autoscaling on CPU and memory.
//!
//! | variable | from |
//! | --- | --- |
//! | `DB_HOST`, `DB_PORT`, `DB_NAME`, `REDIS_HOST`, `REDIS_PORT`, `ELASTICSEARCH_URL` | SSM parameters |
//! | `DB_USERNAME`, `DB_PASSWORD` | the database's secret, which Secrets Manager generates |
//! | `DJANGO_SECRET_KEY` | a secret the stack generates |
//! | `REDIS_USERNAME`, `REDIS_PASSWORD` | the cache's app user, whose password Secrets Manager generates ([`super::cache`]) |
//! | `ENVIRONMENT`, `AWS_REGION`, `REDIS_TLS`, `OTEL_*` | plain values |
//!
//! The service exists once there is an image to run: the `ImageTag`
//! parameter is empty on the first deploy, which makes the repository and
//! everything else; the workflow then pushes the image and deploys again
//! with its tag ([`super::workflow`]).

use constructs::aws::applicationautoscaling::{scalable_target, scaling_policy};
use constructs::aws::ecs::task_definition::ContainerDefinitionRequired;
use constructs::aws::ecs::task_definition::{ContainerDefinition, HealthCheck, PortMapping};
use constructs::aws::{applicationautoscaling as autoscaling, ec2, ecr, ecs, iam, logs};
use constructs::aws::{secretsmanager, servicediscovery};
use constructs::{
    fns, pseudo, ConditionHandle, Handle, List, ParameterHandle, Resource, Template, Value,
};

use super::cache::Cache;
use super::collector;
use super::connection::Setting;
use super::discovery;
use super::fargate::{self, Placement};
use super::names::{Names, APP, COLLECTOR};
use super::sizing::ServiceSize;
use framework::error::StackError;
use patterns::container as container_parts;
use patterns::fargate::{task_definition, FargateTask};
use patterns::postgres::Postgres;
use patterns::Scope;

/// The variables the stack sets; a config cannot give them.
pub const RESERVED_VARIABLES: [&str; 17] = [
    "AWS_REGION",
    "DB_HOST",
    "DB_NAME",
    "DB_PASSWORD",
    "DB_PORT",
    "DB_USERNAME",
    "DJANGO_SECRET_KEY",
    "ELASTICSEARCH_URL",
    "ENVIRONMENT",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_SERVICE_NAME",
    "REDIS_HOST",
    "REDIS_PASSWORD",
    "REDIS_PORT",
    "REDIS_TLS",
    "REDIS_USERNAME",
];
/// Average CPU the app scales to keep, in percent.
const CPU_TARGET_PERCENT: f64 = 60.0;
/// Average memory the app scales to keep, in percent.
const MEMORY_TARGET_PERCENT: f64 = 75.0;
/// Seconds between scaling in (slow) and out (fast).
const SCALE_IN_COOLDOWN: i64 = 300;
const SCALE_OUT_COOLDOWN: i64 = 60;

/// What the app's task and service run with.
pub struct Dependencies<'a> {
    pub names: &'a Names,
    /// The stack's tags.
    pub scope: &'a Scope,
    pub port: u16,
    pub health_check_path: &'a str,
    pub extra_environment: &'a std::collections::BTreeMap<String, String>,
    pub size: &'a ServiceSize,
    pub repository: &'a Handle<ecr::Repository>,
    pub image_tag: &'a ParameterHandle<String>,
    pub has_image: &'a ConditionHandle,
    pub log_group: &'a Handle<logs::LogGroup>,
    pub settings: &'a [Setting],
    pub database: &'a Postgres,
    pub django_secret: &'a Handle<secretsmanager::Secret>,
    pub cache: &'a Cache,
    pub execution_role: &'a Handle<iam::Role>,
    pub task_role: &'a Handle<iam::Role>,
    pub cluster: &'a Handle<ecs::Cluster>,
    pub subnets: &'a Value<List<String>>,
    /// The subnets' routes out, when the stack makes them: the tasks
    /// pull their images through them.
    pub egress_ready: &'a [Handle<ec2::Route>],
    pub security_group: &'a Handle<ec2::SecurityGroup>,
    pub namespace: &'a Handle<servicediscovery::PrivateDnsNamespace>,
}

/// The secrets of the app's container: the settings, then the secrets.
pub fn secrets(deps: &Dependencies) -> Vec<(String, Value<String>)> {
    let mut secrets: Vec<(String, Value<String>)> = deps
        .settings
        .iter()
        .map(|setting| (setting.variable.to_string(), setting.arn().into()))
        .collect();
    secrets.push((
        "DB_USERNAME".to_string(),
        deps.database.credential("username"),
    ));
    secrets.push((
        "DB_PASSWORD".to_string(),
        deps.database.credential("password"),
    ));
    secrets.push((
        "DJANGO_SECRET_KEY".to_string(),
        deps.django_secret.reference().into(),
    ));
    secrets.push((
        "REDIS_USERNAME".to_string(),
        deps.cache.credential("username"),
    ));
    secrets.push((
        "REDIS_PASSWORD".to_string(),
        deps.cache.credential("password"),
    ));
    secrets
}

pub fn add(
    template: &mut Template,
    deps: &Dependencies,
) -> Result<Handle<ecs::Service>, StackError> {
    let names = deps.names;
    let environment = names.environment().as_str();
    let mut variables: Vec<(String, Value<String>)> = vec![
        ("AWS_REGION".into(), pseudo::region().into()),
        ("ENVIRONMENT".into(), environment.into()),
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT".into(),
            format!(
                "http://{COLLECTOR}.{}:{}",
                names.namespace(),
                collector::HTTP_PORT
            )
            .into(),
        ),
        ("OTEL_EXPORTER_OTLP_PROTOCOL".into(), "http/protobuf".into()),
        ("OTEL_SERVICE_NAME".into(), APP.into()),
        ("REDIS_TLS".into(), "true".into()),
    ];
    variables.extend(
        deps.extra_environment
            .iter()
            .map(|(name, value)| (name.clone(), value.clone().into())),
    );
    let health_check = format!(
        "python -c \"import urllib.request; urllib.request.urlopen('http://localhost:{}{}', timeout=4)\" || exit 1",
        deps.port, deps.health_check_path
    );
    let container = ContainerDefinition {
        secrets: container_parts::secrets(secrets(deps)),
        ..ContainerDefinition::new(ContainerDefinitionRequired {
            image: fns::sub(format!(
                "${{{}.RepositoryUri}}:${{{}}}",
                deps.repository.logical_id(),
                deps.image_tag.logical_id()
            ))
            .into(),
            name: APP.into(),
        })
        .essential(true)
        .port_mappings(vec![PortMapping::default()
            .container_port(i64::from(deps.port))
            .name("http")
            .protocol(ecs::task_definition::Protocol::Tcp)])
        .environment(container_parts::environment(variables))
        .health_check(
            HealthCheck::default()
                .command(vec!["CMD-SHELL".to_string(), health_check])
                .interval(30)
                .timeout(5)
                .retries(3)
                .start_period(60),
        )
        .log_configuration(container_parts::awslogs(deps.log_group, APP))
    };
    let task_definition = template.add(
        Resource::new(
            "AppTaskDefinition",
            task_definition(
                deps.scope,
                FargateTask {
                    family: names.family(APP),
                    cpu: deps.size.cpu,
                    memory: deps.size.memory,
                    execution_role: deps.execution_role,
                    task_role: Some(deps.task_role),
                    container,
                },
            ),
        )
        .condition(deps.has_image),
    )?;
    let registry = template.add(
        Resource::new(
            "AppDiscoveryService",
            discovery::service_entry(names, deps.scope, deps.namespace, APP),
        )
        .condition(deps.has_image),
    )?;
    let service = template.add(
        Resource::new(
            "AppService",
            fargate::service(
                APP,
                &task_definition,
                None,
                &Placement {
                    scope: deps.scope,
                    cluster: deps.cluster,
                    subnets: deps.subnets,
                    security_group: deps.security_group,
                    registry: &registry,
                },
            ),
        )
        .condition(deps.has_image)
        .depends_on_all(deps.egress_ready),
    )?;
    add_autoscaling(template, deps, &service)?;
    Ok(service)
}

/// Between `min_count` and `max_count` tasks, on average CPU and memory.
fn add_autoscaling(
    template: &mut Template,
    deps: &Dependencies,
    service: &Handle<ecs::Service>,
) -> Result<(), StackError> {
    let target = template.add(
        Resource::new(
            "AppScalableTarget",
            autoscaling::ScalableTarget::new(autoscaling::ScalableTargetRequired {
                max_capacity: i64::from(deps.size.max_count).into(),
                min_capacity: i64::from(deps.size.min_count).into(),
                resource_id: fns::sub(format!(
                    "service/${{{}}}/${{{}.Name}}",
                    deps.cluster.logical_id(),
                    service.logical_id()
                ))
                .into(),
                scalable_dimension: scalable_target::ScalableDimension::EcsServiceDesiredCount
                    .into(),
                service_namespace: scalable_target::ServiceNamespace::Ecs.into(),
            }),
        )
        .condition(deps.has_image),
    )?;
    for (id, name, metric, percent) in [
        (
            "AppCpuScaling",
            "cpu",
            scaling_policy::PredefinedMetricType::ECSServiceAverageCPUUtilization,
            CPU_TARGET_PERCENT,
        ),
        (
            "AppMemoryScaling",
            "memory",
            scaling_policy::PredefinedMetricType::ECSServiceAverageMemoryUtilization,
            MEMORY_TARGET_PERCENT,
        ),
    ] {
        template.add(
            Resource::new(
                id,
                autoscaling::ScalingPolicy::new(autoscaling::ScalingPolicyRequired {
                    policy_name: format!("{}-app-{name}", deps.names.prefix()).into(),
                    policy_type: scaling_policy::PolicyType::TargetTrackingScaling.into(),
                })
                .scaling_target_id(target.reference())
                .target_tracking_scaling_policy_configuration(
                    scaling_policy::TargetTrackingScalingPolicyConfiguration::new(percent)
                        .predefined_metric_specification(
                            scaling_policy::PredefinedMetricSpecification::new(metric),
                        )
                        .scale_in_cooldown(SCALE_IN_COOLDOWN)
                        .scale_out_cooldown(SCALE_OUT_COOLDOWN),
                ),
            )
            .condition(deps.has_image),
        )?;
    }
    Ok(())
}
