//! IAM statements more than one principal or resource policy shares, so
//! the AskEdgi user and the task role get exactly the same data access and
//! every resource policy denies plain HTTP the same way.

use constructs::aws::s3;
use constructs::iam::{ConditionOperator, Principal, Statement};
use constructs::{fns, Expr, Handle};

use super::queues::Queues;

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

/// Send, receive and delete messages of the tenant's two queues.
pub fn queues_send_receive(queues: &Queues) -> Statement {
    Statement::allow()
        .sid("UseTenantQueues")
        .actions([
            "sqs:SendMessage",
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl",
        ])
        .resources([queues.data_sync.arn(), queues.ai_functions.arn()])
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
