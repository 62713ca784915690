//! IAM statements and trust policies several stacks share: who may assume
//! a role, and the least-privilege statements a task's or function's
//! policy is made of, each scoped to the resources it names (an action
//! that takes no resource ARN says so where it is on `*`). Grants on one
//! kind of resource are that resource's: a bucket's
//! ([`BucketGrants`](crate::BucketGrants)), a queue's
//! ([`QueueGrants`](crate::QueueGrants)), a secret's
//! ([`ReadableSecret`](crate::secrets::ReadableSecret)).

use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{fns, pseudo, Value};

/// What ECS (with a task's execution role) needs to pull an image from a
/// private ECR repository, besides a registry token ([`registry_token`]).
pub const ECR_PULL: [&str; 3] = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
];

/// What Lambda needs to attach a function to the VPC: its network
/// interfaces. EC2 takes no resource ARNs for these, so they are on `*`
/// (AWS's `AWSLambdaVPCAccessExecutionRole` has the same, plus logs to any
/// group, which a function's role scopes to its own log group).
pub const LAMBDA_VPC_ACCESS: [&str; 6] = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
];

/// `service` (`states.amazonaws.com`) may assume the role, only on behalf
/// of this account: the confused-deputy guard AWS documents for the roles
/// services assume.
pub fn assumed_by(service: &str) -> Statement {
    Statement::allow()
        .principal(Principal::service(service))
        .actions(["sts:AssumeRole"])
        .condition(
            ConditionOperator::StringEquals,
            "aws:SourceAccount",
            [pseudo::account_id()],
        )
}

/// ECS tasks may assume the role, only on behalf of this account (the
/// confused-deputy guard ECS documents for task and execution roles).
pub fn ecs_tasks_trust() -> PolicyDocument {
    PolicyDocument::new([assumed_by("ecs-tasks.amazonaws.com").condition(
        ConditionOperator::ArnLike,
        "aws:SourceArn",
        [fns::sub(
            "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*",
        )],
    )])
}

/// Lambda may assume the role, for a function.
pub fn lambda_trust() -> PolicyDocument {
    PolicyDocument::new([Statement::allow()
        .principal(Principal::service("lambda.amazonaws.com"))
        .actions(["sts:AssumeRole"])])
}

/// Get a registry token, which ECR issues per account: the action has no
/// resource-level permissions, so it is on `*`.
pub fn registry_token() -> Statement {
    Statement::allow()
        .sid("GetRegistryToken")
        .actions(["ecr:GetAuthorizationToken"])
        .resource("*")
}

/// Write log events to `log_groups` (streams are created on first write).
pub fn write_logs<V: Into<Value<String>>>(log_groups: impl IntoIterator<Item = V>) -> Statement {
    Statement::allow()
        .sid("WriteLogs")
        .actions(["logs:CreateLogStream", "logs:PutLogEvents"])
        .resources(log_groups)
}

/// What a Lambda function in a VPC needs ([`LAMBDA_VPC_ACCESS`]).
pub fn attach_to_vpc() -> Statement {
    Statement::allow()
        .sid("AttachToVpc")
        .actions(LAMBDA_VPC_ACCESS)
        .resource("*")
}
