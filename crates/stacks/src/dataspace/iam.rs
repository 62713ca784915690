//! The roles the tasks run with, each with only what it needs:
//!
//! | role | may |
//! | --- | --- |
//! | `TaskExecutionRole` (ECS, starting either task) | pull from this stack's repository, write the two services' log groups, read exactly the SSM parameters and secrets the containers get |
//! | `AppTaskRole` (the Django app) | call the search domain (`es:ESHttp*` but `PATCH` on it; its OpenSearch role decides per index, [`super::search_access`]) |
//! | `CollectorTaskRole` (the collector) | send traces to X-Ray, write metrics to its log group (CloudWatch EMF) |

use constructs::aws::{ecr, iam, logs};
use constructs::iam::Statement;
use constructs::{Expr, Handle, Resource, Template};

use super::names::Names;
use framework::error::StackError;
use patterns::access::{ecs_tasks_trust, registry_token, write_logs, ECR_PULL};
use patterns::role::{one_policy_role, RoleSpec};
use patterns::secrets::{read_secrets, ReadableSecret};
use patterns::Scope;

/// What the collector's X-Ray exporter calls; X-Ray takes no resource ARNs.
const XRAY_WRITE: [&str; 4] = [
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
];

/// What the execution role may read and write.
pub struct ExecutionGrants<'a> {
    pub repository: &'a Handle<ecr::Repository>,
    pub log_groups: Vec<Expr<String>>,
    pub parameters: Vec<Expr<String>>,
    pub secrets: Vec<&'a dyn ReadableSecret>,
}

pub fn add_execution_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    grants: ExecutionGrants,
) -> Result<Handle<iam::Role>, StackError> {
    let statements = vec![
        registry_token(),
        Statement::allow()
            .sid("PullAppImage")
            .actions(ECR_PULL)
            .resource(grants.repository.arn()),
        write_logs(grants.log_groups),
        Statement::allow()
            .sid("ReadConnectionSettings")
            .actions(["ssm:GetParameters"])
            .resources(grants.parameters),
        read_secrets(&grants.secrets),
    ];
    add_role(
        template,
        names,
        scope,
        "TaskExecutionRole",
        "Lets ECS start the tasks: image, logs, settings and secrets",
        "start-tasks",
        statements,
    )
}

/// The app's role: the search domain ([`super::search::domain_paths`]).
pub fn add_app_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<Handle<iam::Role>, StackError> {
    let domain = super::search::domain_paths(names);
    add_role(
        template,
        names,
        scope,
        "AppTaskRole",
        "What the DataSpace app may do: search",
        "app",
        vec![Statement::allow()
            .sid("UseSearchDomain")
            .actions(super::search::APP_HTTP_ACTIONS)
            .resource(domain)],
    )
}

/// The collector's role: X-Ray, and its metrics log group.
pub fn add_collector_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    metrics: &Handle<logs::LogGroup>,
) -> Result<Handle<iam::Role>, StackError> {
    add_role(
        template,
        names,
        scope,
        "CollectorTaskRole",
        "What the OpenTelemetry collector may do: traces to X-Ray, metrics to CloudWatch",
        "collector",
        vec![
            Statement::allow()
                .sid("SendTraces")
                .actions(XRAY_WRITE)
                .resource("*"),
            Statement::allow()
                .sid("WriteMetrics")
                .actions([
                    "logs:CreateLogStream",
                    "logs:PutLogEvents",
                    "logs:DescribeLogStreams",
                ])
                .resource(metrics.arn()),
        ],
    )
}

fn add_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    id: &str,
    description: &str,
    policy_name: &str,
    statements: Vec<Statement>,
) -> Result<Handle<iam::Role>, StackError> {
    Ok(template.add(Resource::new(
        id,
        one_policy_role(
            scope,
            RoleSpec {
                trust: ecs_tasks_trust(),
                description: format!("{}: {description}", names.prefix()),
                policy_name,
                statements,
            },
        ),
    ))?)
}
