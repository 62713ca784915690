//! IAM statements and trust policies several stacks share.

use constructs::aws::s3;
use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{fns, pseudo, Expr, Handle};

/// Every object of the bucket, as an ARN pattern.
pub fn objects_of(bucket: &Handle<s3::Bucket>) -> Expr<String> {
    fns::sub(format!("${{{}.Arn}}/*", bucket.logical_id()))
}

/// List the bucket and read, write and delete its objects, including
/// multipart uploads.
pub fn bucket_read_write(bucket: &Handle<s3::Bucket>) -> [Statement; 2] {
    [
        Statement::allow()
            .sid("ListDataBucket")
            .actions([
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:ListBucketMultipartUploads",
            ])
            .resource(bucket.arn()),
        Statement::allow()
            .sid("ReadWriteDataObjects")
            .actions([
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject",
                "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts",
            ])
            .resource(objects_of(bucket)),
    ]
}

/// Denies every request to `resources` that does not use TLS.
pub fn deny_insecure_transport(
    action: &str,
    resources: impl IntoIterator<Item = Expr<String>>,
) -> Statement {
    Statement::deny()
        .sid("DenyInsecureTransport")
        .principal(Principal::Any)
        .actions([action])
        .resources(resources)
        .condition(ConditionOperator::Bool, "aws:SecureTransport", ["false"])
}

/// ECS tasks may assume the role, only on behalf of this account (the
/// confused-deputy guard ECS documents for task and execution roles).
pub fn ecs_tasks_trust() -> PolicyDocument {
    PolicyDocument::new([Statement::allow()
        .principal(Principal::service("ecs-tasks.amazonaws.com"))
        .actions(["sts:AssumeRole"])
        .condition(
            ConditionOperator::StringEquals,
            "aws:SourceAccount",
            [pseudo::account_id()],
        )
        .condition(
            ConditionOperator::ArnLike,
            "aws:SourceArn",
            [fns::sub(
                "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*",
            )],
        )])
}
