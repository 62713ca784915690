//! The seed's Lambda overflow workers: a function from the worker
//! repository's image tagged `<ImageTag>-lambda` (the same code built on
//! an AWS Lambda base image, whose handler takes an SQS batch), reading
//! the `background-tasks` queue through an event source mapping.
//!
//! The EC2 workers and the function read the same queue, so Lambda takes
//! a share of every burst; `overflow.maximumConcurrency` caps that share
//! (and what it can cost), while the EC2 workers scale on the queue's depth
//! and age ([`super::scaling`]). A function that fails one message of a
//! batch reports it (`ReportBatchItemFailures`), so only that message comes
//! back. The queue's visibility timeout is six times the function's timeout
//! ([`super::rules`]).
//!
//! Lambda cannot fill variables from Secrets Manager, so the function gets
//! the secrets' ARNs (`DB_SECRET_ARN`, `MONGODB_URI_SECRET_ARN`) and may
//! read exactly those. It runs in the private subnets, reaching the
//! database, Atlas and the WebSocket service like the EC2 workers do.

use std::collections::BTreeMap;

use constructs::aws::{ec2, ecr, lambda};
use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{fns, ConditionHandle, Handle, Resource, Template, Value};

use super::names::Names;
use super::roles::role;
use super::services::{common_environment, notify_url, Shared};
use crate::shared::lambda::image_in_vpc;
use framework::error::StackError;
use patterns::access::{attach_to_vpc, lambda_trust, write_logs};
use patterns::logs::add_log_group;
use patterns::secrets::read_secrets;
use patterns::{BucketGrants, QueueGrants};

/// The tag suffix of the function's image in the worker repository.
pub const IMAGE_TAG_SUFFIX: &str = "-lambda";
/// Variables Lambda sets itself and refuses from a template.
const LAMBDA_RESERVED: [&str; 1] = ["AWS_REGION"];

/// Where the function runs.
pub struct Placement<'a> {
    pub security_group: &'a Handle<ec2::SecurityGroup>,
    /// The private subnets' routes to the internet: a function in the VPC
    /// cannot start before its network can reach its dependencies.
    pub wait_for: &'a [Handle<ec2::Route>],
}

/// Lets Lambda pull the function's image from the worker repository, for
/// this stack's function only (Lambda needs it in the repository's policy).
pub fn lambda_pull_policy(names: &Names) -> PolicyDocument {
    PolicyDocument::new([Statement::allow()
        .sid("LambdaPullsOverflowImage")
        .principal(Principal::service("lambda.amazonaws.com"))
        .actions(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])
        .condition(
            ConditionOperator::StringLike,
            "aws:sourceArn",
            [fns::sub(format!(
                "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
                names.overflow_function()
            ))],
        )])
}

pub fn add(
    template: &mut Template,
    shared: &Shared,
    placement: &Placement,
    worker_repository: &Handle<ecr::Repository>,
    has_image: &ConditionHandle,
) -> Result<(), StackError> {
    let names = shared.names;
    let config = shared.config;
    let function_name = names.overflow_function();
    let log_group = add_log_group(
        template,
        shared.scope,
        "OverflowLogGroup",
        format!("/aws/lambda/{function_name}"),
    )?;
    let mut statements = vec![
        shared
            .queues
            .tasks
            .grant_consume_by_lambda()
            .sid("ConsumeTasks"),
        read_secrets(&[shared.database, shared.atlas]),
        write_logs([log_group.arn()]),
        attach_to_vpc(),
    ];
    statements.extend(shared.storage.bucket.grant_read_write());
    let role = template.add(Resource::new(
        "OverflowRole",
        role(
            names,
            shared.scope,
            lambda_trust(),
            "What the overflow workers may do: take tasks off the queue, use the bucket",
            "overflow-worker",
            statements,
        ),
    ))?;
    // Sorted by name, as the console shows them.
    let mut environment: BTreeMap<String, Value<String>> = common_environment(shared)
        .into_iter()
        .filter(|(name, _)| !LAMBDA_RESERVED.contains(&name.as_str()))
        .collect();
    environment.extend([
        (
            "DB_SECRET_ARN".to_string(),
            shared.database.secret_arn().into(),
        ),
        (
            "MONGODB_URI_SECRET_ARN".to_string(),
            shared.atlas.reference().into(),
        ),
        (
            "WEBSOCKET_NOTIFY_URL".to_string(),
            notify_url(names, config).into(),
        ),
    ]);
    environment.extend(
        config
            .worker
            .environment
            .iter()
            .map(|(name, value)| (name.clone(), value.clone().into())),
    );
    let mut function = Resource::new(
        "OverflowFunction",
        lambda::Function {
            tags: shared.scope.tag_list(),
            ..image_in_vpc(
                fns::sub(format!(
                    "${{{}.RepositoryUri}}:${{{}}}{IMAGE_TAG_SUFFIX}",
                    worker_repository.logical_id(),
                    shared.image_tag.logical_id()
                )),
                role.arn(),
                placement.security_group,
                shared.private_subnets,
                environment,
            )
            .function_name(function_name.clone())
            .description(format!(
                "{}: overflow workers for the background-tasks queue",
                names.system()
            ))
            .memory_size(i64::from(config.overflow.memory))
            .timeout(i64::from(config.overflow.timeout_seconds))
        },
    )
    .condition(has_image)
    .depends_on(&log_group);
    function = function.depends_on_all(placement.wait_for);
    let function = template.add(function)?;
    template.add(
        Resource::new(
            "OverflowEventSource",
            lambda::EventSourceMapping::new(function.reference())
                .event_source_arn(shared.queues.tasks.arn())
                .batch_size(i64::from(config.overflow.batch_size))
                .scaling_config(
                    lambda::event_source_mapping::ScalingConfig::default()
                        .maximum_concurrency(i64::from(config.overflow.maximum_concurrency)),
                )
                .function_response_types(vec![
                    lambda::event_source_mapping::FunctionResponseType::ReportBatchItemFailures,
                ]),
        )
        .condition(has_image),
    )?;
    Ok(())
}
