//! ECS services rolled when a secret they read rotates.
//!
//! ECS copies a secret into a container's environment when the task
//! starts and never again. When the secret rotates (RDS rotates a managed
//! master password every seven days), running tasks keep the old value,
//! and their next connection fails. So an EventBridge rule
//! (`<prefix>RotationRule`) matches Secrets Manager's `RotationSucceeded`
//! event for that one secret and starts a state machine
//! (`<prefix>RollServices`) that calls ECS `UpdateService` with
//! `ForceNewDeployment` on each service in turn: ECS starts new tasks,
//! which read the new value, and stops the old ones as the deployment
//! settings allow, so the services stay up.
//!
//! No code runs: the state machine calls ECS through Step Functions' own
//! SDK integration. Its executions are logged (errors) to
//! `<prefix>RollLogGroup` and traced with X-Ray.
//!
//! Secrets Manager sends `RotationSucceeded` to EventBridge through
//! CloudTrail, which every Control Tower account has on.

use constructs::aws::{ecs, events, stepfunctions};
use constructs::iam::{PolicyDocument, Statement};
use constructs::{
    fns, ConditionHandle, Error, Expr, Handle, Json, Resource, ResourceType, Template, Value,
};

use crate::access::assumed_by;
use crate::logs::add_log_group;
use crate::role::{one_policy_role, RoleSpec};
use crate::scope::Scope;

/// The secret, and the services that read it.
pub struct RollSpec<'a> {
    /// Put before each logical ID it makes (`Database`:
    /// `DatabaseRotationRule`, `DatabaseRollServices`, ...).
    pub prefix: String,
    /// What the secret is, for descriptions (`the PostgreSQL master user`).
    pub what: &'a str,
    /// The secret's ARN, as `RotationSucceeded` names it.
    pub secret_arn: Expr<String>,
    /// The cluster the services run in.
    pub cluster: &'a Handle<ecs::Cluster>,
    /// The services to roll, in order. With none, nothing is added.
    pub services: Vec<&'a Handle<ecs::Service>>,
    /// The log group's name (`/aws/vendedlogs/states/...`, where Step
    /// Functions' log delivery needs no resource policy per group).
    pub log_group_name: String,
    /// The condition the services exist under, if any: everything here
    /// that names them exists under it too.
    pub condition: Option<&'a ConditionHandle>,
}

/// What a state machine's role needs to deliver its logs: the log
/// delivery APIs take no resource ARN, so these are on `*` (as Step
/// Functions documents).
const LOG_DELIVERY: [&str; 8] = [
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
];

/// What X-Ray tracing needs; X-Ray takes no resource ARNs for these.
const TRACING: [&str; 4] = [
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
];

/// Adds the rule, the state machine, their two roles and the log group;
/// the state machine is returned, `None` when there is nothing to roll.
pub fn add_roll_on_rotation(
    template: &mut Template,
    scope: &Scope,
    spec: RollSpec,
) -> Result<Option<Handle<stepfunctions::StateMachine>>, Error> {
    if spec.services.is_empty() {
        return Ok(None);
    }
    let id = |name: &str| format!("{}{name}", spec.prefix);
    let log_group = add_log_group(template, scope, &id("RollLogGroup"), spec.log_group_name)?;
    let machine_role = template.add(under(
        spec.condition,
        Resource::new(
            &id("RollServicesRole"),
            one_policy_role(
                scope,
                RoleSpec {
                    trust: trusted_by("states.amazonaws.com"),
                    description: format!(
                        "Lets Step Functions roll the services that read {} when it rotates",
                        spec.what
                    ),
                    policy_name: "roll-services",
                    statements: vec![
                        Statement::allow()
                            .sid("RollServices")
                            .actions(["ecs:UpdateService"])
                            .resources(spec.services.iter().map(|service| service.reference())),
                        Statement::allow()
                            .sid("DeliverLogs")
                            .actions(LOG_DELIVERY)
                            .resource("*"),
                        Statement::allow()
                            .sid("Trace")
                            .actions(TRACING)
                            .resource("*"),
                    ],
                },
            ),
        ),
    ))?;
    let machine = template.add(under(
        spec.condition,
        Resource::new(
            &id("RollServices"),
            stepfunctions::StateMachine {
                tags: scope.tag_list(),
                ..stepfunctions::StateMachine::new(machine_role.arn())
                    .definition_string(definition(spec.cluster, &spec.services))
                    .logging_configuration(
                        stepfunctions::state_machine::LoggingConfiguration::default()
                            .level(stepfunctions::state_machine::Level::Error)
                            .include_execution_data(false)
                            .destinations(vec![
                                stepfunctions::state_machine::LogDestination::default()
                                    .cloud_watch_logs_log_group(
                                    stepfunctions::state_machine::CloudWatchLogsLogGroup::default()
                                        .log_group_arn(log_group.arn()),
                                ),
                            ]),
                    )
                    .tracing_configuration(
                        stepfunctions::state_machine::TracingConfiguration::default().enabled(true),
                    )
            },
        ),
    ))?;
    let rule_role = template.add(under(
        spec.condition,
        Resource::new(
            &id("RotationRuleRole"),
            one_policy_role(
                scope,
                RoleSpec {
                    trust: trusted_by("events.amazonaws.com"),
                    description: format!(
                        "Lets EventBridge start the roll of the services that read {}",
                        spec.what
                    ),
                    policy_name: "start-roll",
                    statements: vec![Statement::allow()
                        .sid("StartRoll")
                        .actions(["states:StartExecution"])
                        .resource(machine.reference())],
                },
            ),
        ),
    ))?;
    template.add(under(
        spec.condition,
        Resource::new(
            &id("RotationRule"),
            events::Rule::default()
                .description(format!(
                    "Rolls the services that read {} when it rotates",
                    spec.what
                ))
                .event_pattern(rotation_succeeded(spec.secret_arn))
                .state(events::rule::RuleState::Enabled)
                .targets(vec![events::rule::Target::new(
                    events::rule::TargetRequired {
                        arn: machine.reference().into(),
                        id: "RollServices".into(),
                    },
                )
                .role_arn(rule_role.arn())]),
        ),
    ))?;
    Ok(Some(machine))
}

/// `resource`, existing only under `condition` when there is one.
fn under<R: ResourceType>(
    condition: Option<&ConditionHandle>,
    resource: Resource<R>,
) -> Resource<R> {
    match condition {
        Some(condition) => resource.condition(condition),
        None => resource,
    }
}

/// `service` may assume the role, only on behalf of this account.
fn trusted_by(service: &str) -> PolicyDocument {
    PolicyDocument::new([assumed_by(service)])
}

/// The event Secrets Manager sends (through CloudTrail) when a rotation
/// of `secret_arn` has finished.
fn rotation_succeeded(secret_arn: Expr<String>) -> Json {
    Json::object([
        ("source", Json::array(["aws.secretsmanager".into()])),
        (
            "detail-type",
            Json::array(["AWS Service Event via CloudTrail".into()]),
        ),
        (
            "detail",
            Json::object([
                (
                    "eventSource",
                    Json::array(["secretsmanager.amazonaws.com".into()]),
                ),
                ("eventName", Json::array(["RotationSucceeded".into()])),
                (
                    "additionalEventData",
                    Json::object([("SecretId", Json::array([secret_arn.into()]))]),
                ),
            ]),
        ),
    ])
}

/// One `UpdateService` task per service (at least one), in order, each
/// retried on throttling or a transient ECS error.
fn definition(cluster: &Handle<ecs::Cluster>, services: &[&Handle<ecs::Service>]) -> Value<String> {
    let state = |service: &Handle<ecs::Service>| format!("Roll {}", service.logical_id());
    let mut states = serde_json::Map::new();
    for (index, service) in services.iter().enumerate() {
        let mut task = serde_json::json!({
            "Type": "Task",
            "Resource": "arn:${AWS::Partition}:states:::aws-sdk:ecs:updateService",
            "Parameters": {
                "Cluster": format!("${{{}}}", cluster.logical_id()),
                "Service": format!("${{{}}}", service.logical_id()),
                "ForceNewDeployment": true,
            },
            "Retry": [{
                "ErrorEquals": ["States.ALL"],
                "IntervalSeconds": 10,
                "MaxAttempts": 3,
                "BackoffRate": 2,
            }],
        });
        match services.get(index + 1) {
            Some(next) => task["Next"] = state(next).into(),
            None => task["End"] = true.into(),
        }
        states.insert(state(service), task);
    }
    let first = services.first().map(|service| state(service));
    let definition = serde_json::json!({
        "Comment": "Start new tasks of each service, which read the rotated secret",
        "StartAt": first,
        "States": states,
    });
    fns::sub(definition.to_string()).into()
}
