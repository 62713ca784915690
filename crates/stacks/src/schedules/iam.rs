//! Who may do what: the tasks' execution role, the role EventBridge
//! Scheduler starts tasks with, and the seed's IAM group and user.
//!
//! Least privilege, against the seed's broad grants:
//!
//! | principal | seed | here |
//! | --- | --- | --- |
//! | task execution role | the account's `ecsTaskExecutionRole` (any repository, any log group) | pull from this repository, write to these log groups |
//! | scheduler role | one console-made role per schedule | one role: `ecs:RunTask` on these task families in this cluster, `iam:PassRole` on the execution role to ECS only |
//! | `intervalprocessingusers` | `AmazonS3FullAccess` (every bucket) and two ECR policies | this bucket's objects; the seed's ECR policy for the repository in use, scoped to it |
//!
//! The group's policies are inline and the user joins it through a
//! `UserToGroupAddition`, so deleting the stack detaches nothing out of
//! order. The stack creates no access key: whoever needs one creates it,
//! so no secret passes through CloudFormation.

use constructs::aws::{ecs, iam, logs};
use constructs::iam::{ConditionOperator, PolicyDocument, Statement};
use constructs::{Handle, Resource, Template};

use super::config::SchedulesConfig;
use super::names::Names;
use super::storage::{Repository, Storage};
use framework::error::StackError;
use patterns::access::{assumed_by, ecs_tasks_trust, registry_token, write_logs, ECR_PULL};
use patterns::role::{one_policy_role, RoleSpec};
use patterns::BucketGrants;
use patterns::Scope;

/// What the seed's `IntervalProcessingECRAccess` policy allows on the
/// repository: push and pull.
const ECR_PUSH_PULL: [&str; 7] = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:CompleteLayerUpload",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
];
/// What the seed's `IntervalProcessingECRPublicAccess` policy allows: push
/// to ECR Public.
const ECR_PUBLIC_PUSH: [&str; 5] = [
    "ecr-public:BatchCheckLayerAvailability",
    "ecr-public:InitiateLayerUpload",
    "ecr-public:UploadLayerPart",
    "ecr-public:CompleteLayerUpload",
    "ecr-public:PutImage",
];

/// The role the tasks start with: ECS pulls the image and ships the logs
/// with it.
pub fn add_execution_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    storage: &Storage,
    log_groups: &[Handle<logs::LogGroup>],
) -> Result<Handle<iam::Role>, StackError> {
    let mut statements = Vec::new();
    if let Repository::Private(repository) = &storage.repository {
        statements.extend([
            // Registry tokens are per account, not per repository: this
            // action has no resource-level permissions.
            registry_token(),
            Statement::allow()
                .sid("PullImage")
                .actions(ECR_PULL)
                .resource(repository.arn()),
        ]);
    }
    // ECR Public images need no permission to pull. A log group's ARN ends
    // in ":*", which covers its streams.
    statements.push(write_logs(
        log_groups.iter().map(|log_group| log_group.arn()),
    ));
    Ok(template.add(Resource::new(
        "TaskExecutionRole",
        one_policy_role(
            scope,
            RoleSpec {
                trust: ecs_tasks_trust(),
                description: format!(
                    "Lets ECS pull the image and ship the logs of the {} tasks",
                    names.system()
                ),
                policy_name: "task-execution",
                statements,
            },
        )
        .role_name(names.execution_role()),
    ))?)
}

/// The role every schedule starts its task with.
pub fn add_scheduler_role(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &SchedulesConfig,
    cluster: &Handle<ecs::Cluster>,
    execution_role: &Handle<iam::Role>,
) -> Result<Handle<iam::Role>, StackError> {
    // The schedules name each family without a revision (the latest one);
    // the revision ARNs cover RunTask calls that resolve it.
    let families = config.processes.iter().flat_map(|process| {
        let family = names.family_arn(&process.name);
        [family.clone(), names.family_revisions_arn(&process.name)]
    });
    let statements = [
        Statement::allow()
            .sid("RunTasksInCluster")
            .actions(["ecs:RunTask"])
            .resources(families)
            .condition(ConditionOperator::ArnEquals, "ecs:cluster", [cluster.arn()]),
        Statement::allow()
            .sid("PassExecutionRoleToEcs")
            .actions(["iam:PassRole"])
            .resource(execution_role.arn())
            .condition(
                ConditionOperator::StringEquals,
                "iam:PassedToService",
                ["ecs-tasks.amazonaws.com"],
            ),
    ];
    // Only EventBridge Scheduler, only for schedules of this account.
    let trust = PolicyDocument::new([assumed_by("scheduler.amazonaws.com")]);
    Ok(template.add(Resource::new(
        "SchedulerRole",
        one_policy_role(
            scope,
            RoleSpec {
                trust,
                description: format!(
                    "Lets EventBridge Scheduler run the {} tasks",
                    names.system()
                ),
                policy_name: "run-tasks",
                statements: statements.into(),
            },
        )
        .role_name(names.scheduler_role()),
    ))?)
}

/// The seed's group `intervalprocessingusers` and its user
/// `intervalprocessingbackend`.
pub fn add_backend_users(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    storage: &Storage,
) -> Result<(), StackError> {
    let s3_access = iam::group::Policy::new(iam::group::PolicyRequired {
        policy_document: PolicyDocument::new(storage.bucket.grant_read_write()).into(),
        policy_name: names.policy("S3Access").into(),
    });
    let ecr_access = match &storage.repository {
        Repository::Private(repository) => iam::group::Policy::new(iam::group::PolicyRequired {
            policy_document: PolicyDocument::new([
                Statement::allow()
                    .sid("PushAndPullImages")
                    .actions(ECR_PUSH_PULL)
                    .resource(repository.arn()),
                registry_token(),
            ])
            .into(),
            policy_name: names.policy("ECRAccess").into(),
        }),
        Repository::Public { repository, .. } => {
            iam::group::Policy::new(iam::group::PolicyRequired {
                policy_document: PolicyDocument::new([
                    Statement::allow()
                        .sid("PushImages")
                        .actions(ECR_PUBLIC_PUSH)
                        .resource(repository.arn()),
                    // Both token actions have no resource-level permissions;
                    // `docker login` to ECR Public needs the two.
                    Statement::allow()
                        .sid("GetRegistryToken")
                        .actions([
                            "ecr-public:GetAuthorizationToken",
                            "sts:GetServiceBearerToken",
                        ])
                        .resource("*"),
                ])
                .into(),
                policy_name: names.policy("ECRPublicAccess").into(),
            })
        }
    };
    let group = template.add(Resource::new(
        "BackendUsersGroup",
        iam::Group::default()
            .group_name(names.group())
            .policies(vec![s3_access, ecr_access]),
    ))?;
    let user = template.add(Resource::new(
        "BackendUser",
        iam::User {
            tags: scope.tag_list(),
            ..iam::User::default().user_name(names.user())
        },
    ))?;
    template.add(Resource::new(
        "BackendUserGroupMembership",
        iam::UserToGroupAddition::new(iam::UserToGroupAdditionRequired {
            group_name: group.reference().into(),
            users: vec![user.reference()].into(),
        }),
    ))?;
    Ok(())
}
