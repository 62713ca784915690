//! IAM statements more than one principal or resource policy shares, so
//! the AskEdgi user and the task role get exactly the same data access and
//! every resource policy denies plain HTTP the same way. The bucket's grant
//! is its handle's ([`patterns::BucketGrants`]), the TLS statement shared
//! with other stacks ([`patterns::tls`]).

use constructs::iam::Statement;
use patterns::queue;

pub use patterns::tls::deny_insecure_transport;

use super::queues::Queues;

/// Send, receive and delete messages of the tenant's two queues.
pub fn queues_send_receive(queues: &Queues) -> Statement {
    Statement::allow()
        .sid("UseTenantQueues")
        .actions(queue::SEND)
        .actions(queue::CONSUME)
        .actions([
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl",
        ])
        .resources([queues.data_sync.arn(), queues.ai_functions.arn()])
}
