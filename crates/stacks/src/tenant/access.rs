//! IAM statements more than one principal or resource policy shares, so
//! the AskEdgi user and the task role get exactly the same data access and
//! every resource policy denies plain HTTP the same way. The bucket and TLS
//! statements are shared with other stacks ([`patterns::access`]).

use constructs::iam::Statement;

pub use patterns::access::{bucket_read_write, objects_of};
pub use patterns::tls::deny_insecure_transport;

use super::queues::Queues;

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
