//! The update API of each long-running edge server: a Lambda function
//! behind the load balancer at `https://update.<domain>/<server>` that
//! moves the server to a new image tag, as Datafi's release webhook calls
//! it. `POST {"imageTag": "1.4.2"}` with the header `x-api-key` registers a
//! new revision of the server's task family with that tag of the server's
//! image repository (nothing else changes) and points the service at it.
//!
//! Its source is `templates/edge-update-api.py.j2`, rendered per server and
//! inlined (no bucket, no build step). The key is compared with
//! `hmac.compare_digest`, in constant time, against the server's
//! `UpdateApiKey` secret, read once per warm function.
//!
//! The function's role is scoped to its server:
//!
//! | action | resource |
//! | --- | --- |
//! | `ecs:DescribeServices`, `ecs:UpdateService` | the server's service; `UpdateService` only to a revision of the server's family (`ecs:task-definition`) |
//! | `ecs:RegisterTaskDefinition` | the server's task family |
//! | `ecs:DescribeTaskDefinition` | `*`: it takes no resource ARN in IAM |
//! | `ecs:TagResource` | revisions of the family, while registering them (a revision keeps its tags) |
//! | `iam:PassRole` | the server's execution and task roles, to ECS only |
//! | `secretsmanager:GetSecretValue` | the server's update-API key |
//! | `logs:CreateLogStream`, `logs:PutLogEvents` | its own log group |
//!
//! A revision the API registers is outside CloudFormation: a stack update
//! that touches the server's service or task definition (a new size, a
//! new count, a new variable) may put the config's `imageTag` back. Keep
//! `imageTag` in the config in step with the released version.

use constructs::aws::{lambda, secretsmanager};
use constructs::iam::{ConditionOperator, Statement};
use constructs::{fns, map, Handle, Resource, Template, Value};
use minijinja::context;

use super::config::TAG_PATTERN;
use super::functions::add_lambda_target;
use super::names::{Names, UPDATE_LABEL};
use super::roles::{role, Assumer};
use super::service::{Deployed, Platform};
use crate::shared::templates::render;
use framework::error::StackError;
use patterns::access::write_logs;
use patterns::load_balancer::{forward_rule, host_is, path_is};

const SOURCE_TEMPLATE: &str = include_str!("../../../../templates/edge-update-api.py.j2");
/// Lambda's limit for inline source.
pub const MAX_INLINE_SOURCE_BYTES: usize = 4096;
/// Enough for four ECS calls.
const TIMEOUT_SECONDS: i64 = 30;
const MEMORY_MIB: i64 = 256;

/// The path of a server's update API on the update host.
pub fn path(server: &str) -> String {
    format!("/{server}")
}

/// The function's source for one server.
pub fn source(server: &str, repository: &str) -> Result<String, StackError> {
    render(
        SOURCE_TEMPLATE,
        context! {
            server => server,
            repository => repository,
            container => server,
            tag_pattern => TAG_PATTERN,
        },
    )
}

/// What one update API needs to know of its server.
pub struct Target<'a> {
    /// How the server's logical IDs start, e.g. `EdgeServerEs1`; the API's
    /// start with it and `Update`.
    pub prefix: &'a str,
    /// The server's name: its path on the update host and its container.
    pub server: &'a str,
    /// The server's image repository: the API deploys other tags of it,
    /// never another image.
    pub repository: &'a str,
    /// The server's service, task family and roles: what the API may
    /// update, register and pass.
    pub deployed: &'a Deployed,
    /// The secret holding the key callers send as `x-api-key`.
    pub api_key: &'a Handle<secretsmanager::Secret>,
}

/// Adds one server's update API (its function, role, log group, target
/// group and listener rule) and returns the function.
pub fn add(
    template: &mut Template,
    platform: &Platform,
    target: &Target,
) -> Result<Handle<lambda::Function>, StackError> {
    let names = platform.names;
    let deployment = names.deployment();
    let id = |what: &str| format!("{}Update{what}", target.prefix);
    let function_name = names.function(target.server, Some("update"));
    let log_group = platform.add_log_group(
        template,
        &id("LogGroup"),
        Names::function_log_group(&function_name),
    )?;
    let deployed = target.deployed;
    let mut passed_roles = vec![deployed.execution_role.arn()];
    passed_roles.extend(deployed.task_role.iter().map(|role| role.arn()));
    let family = fns::sub(format!(
        "arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/{}",
        deployed.family
    ));
    let family_revisions = fns::sub(format!(
        "arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/{}:*",
        deployed.family
    ));
    let statements = vec![
        Statement::allow()
            .sid("ReadService")
            .actions(["ecs:DescribeServices"])
            .resource(deployed.service.reference()),
        Statement::allow()
            .sid("MoveServiceWithinFamily")
            .actions(["ecs:UpdateService"])
            .resource(deployed.service.reference())
            .condition(
                ConditionOperator::ArnLike,
                "ecs:task-definition",
                [family_revisions.clone()],
            ),
        // DescribeTaskDefinition takes no resource ARN in IAM; what it
        // reads, a definition's settings and secrets' ARNs, is no secret.
        Statement::allow()
            .sid("ReadRevisions")
            .actions(["ecs:DescribeTaskDefinition"])
            .resource("*"),
        Statement::allow()
            .sid("RegisterRevisionsOfFamily")
            .actions(["ecs:RegisterTaskDefinition"])
            .resources([family, family_revisions.clone()]),
        // A new revision keeps the current one's tags.
        Statement::allow()
            .sid("TagNewRevisions")
            .actions(["ecs:TagResource"])
            .resource(family_revisions)
            .condition(
                ConditionOperator::StringEquals,
                "ecs:CreateAction",
                ["RegisterTaskDefinition"],
            ),
        Statement::allow()
            .sid("PassServiceRoles")
            .actions(["iam:PassRole"])
            .resources(passed_roles)
            .condition(
                ConditionOperator::StringEquals,
                "iam:PassedToService",
                ["ecs-tasks.amazonaws.com"],
            ),
        Statement::allow()
            .sid("ReadApiKey")
            .actions(["secretsmanager:GetSecretValue"])
            .resource(target.api_key.reference()),
        write_logs([log_group.arn()]),
    ];
    let role = template.add(Resource::new(
        &id("Role"),
        role(
            platform.scope,
            Assumer::Lambda,
            format!(
                "Lets {function_name} move {} to a new image tag",
                target.server
            ),
            "update-service",
            statements,
        ),
    ))?;
    let function = template.add(
        Resource::new(
            &id("Function"),
            lambda::Function {
                tags: platform.scope.tag_list(),
                ..lambda::Function::new(lambda::FunctionRequired {
                    code: lambda::function::Code::default()
                        .zip_file(source(target.server, target.repository)?)
                        .into(),
                    role: role.arn().into(),
                })
                .function_name(function_name.clone())
                .description(format!(
                    "Update API of {deployment} edge server {}",
                    target.server
                ))
                .runtime(lambda::function::Runtime::Python3_13)
                .handler("index.handler")
                .timeout(TIMEOUT_SECONDS)
                .memory_size(MEMORY_MIB)
                .environment(lambda::function::Environment::default().variables(map([
                    ("CLUSTER", Value::from(names.cluster())),
                    ("SERVICE", target.server.into()),
                    ("API_KEY_SECRET_ARN", target.api_key.reference().into()),
                ])))
            },
        )
        .depends_on(&log_group),
    )?;
    let target_group = add_lambda_target(
        template,
        &format!("{}Update", target.prefix),
        platform.scope,
        &function,
    )?;
    template.add(Resource::new(
        &id("Rule"),
        forward_rule(
            &platform.load_balancer.https_listener,
            vec![
                host_is(&names.host(UPDATE_LABEL)),
                path_is(&path(target.server)),
            ],
            platform.rule_slots.update(target.server)?,
            &target_group,
        ),
    ))?;
    Ok(function)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_fits_inline_and_names_its_server() {
        let source = source(
            &"s".repeat(36),
            "registry.example.com:5000/team/edge-server",
        )
        .unwrap();
        assert!(
            source.len() <= MAX_INLINE_SOURCE_BYTES,
            "{} bytes",
            source.len()
        );
        assert!(source.contains("CONTAINER = \"sss"));
        assert!(source.contains("REPOSITORY = \"registry.example.com:5000/team/edge-server\""));
        assert!(source.contains("hmac.compare_digest"));
    }
}
