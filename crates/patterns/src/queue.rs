//! What a role may be granted on an SQS queue, written by the queue's
//! handle (`tasks.grant_send()`), so every stack grants a producer, a
//! worker and a function polling the queue the same least-privilege
//! actions, each on that queue's ARN alone.
//!
//! A grant carries no `Sid`: the statement names what the role does with
//! the queue in the stack's words (`.sid("SendTasks")`).

use constructs::aws::sqs;
use constructs::iam::Statement;
use constructs::Handle;

/// Send messages, and nothing else: a producer cannot read or delete what
/// it queued.
pub const SEND: [&str; 1] = ["sqs:SendMessage"];

/// Take a message, and delete it once handled. An unfinished one comes
/// back after the visibility timeout and, after the redrive policy's
/// `maxReceiveCount` tries, goes to the dead-letter queue, so a worker
/// needs no more.
pub const CONSUME: [&str; 2] = ["sqs:ReceiveMessage", "sqs:DeleteMessage"];

/// The grants on a queue.
pub trait QueueGrants {
    /// [`SEND`] on the queue.
    fn grant_send(&self) -> Statement;
    /// [`CONSUME`] on the queue.
    fn grant_consume(&self) -> Statement;
    /// What a Lambda event source mapping polls the queue with for its
    /// function's role: [`CONSUME`] and `sqs:GetQueueAttributes`, the
    /// three actions Lambda documents for an SQS trigger.
    fn grant_consume_by_lambda(&self) -> Statement;
}

impl QueueGrants for Handle<sqs::Queue> {
    fn grant_send(&self) -> Statement {
        Statement::allow().actions(SEND).resource(self.arn())
    }

    fn grant_consume(&self) -> Statement {
        Statement::allow().actions(CONSUME).resource(self.arn())
    }

    fn grant_consume_by_lambda(&self) -> Statement {
        self.grant_consume().actions(["sqs:GetQueueAttributes"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::{Format, Resource, Template};

    fn statements(grant: impl Fn(&Handle<sqs::Queue>) -> Statement) -> serde_json::Value {
        let mut template = Template::new("t");
        let queue = template
            .add(Resource::new("Tasks", sqs::Queue::default()))
            .unwrap();
        template
            .add(Resource::new(
                "Policy",
                constructs::aws::iam::ManagedPolicy::new(constructs::iam::PolicyDocument::new([
                    grant(&queue).sid("Use"),
                ])),
            ))
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&template.synthesize(Format::Json).unwrap().body).unwrap();
        json["Resources"]["Policy"]["Properties"]["PolicyDocument"]["Statement"][0].clone()
    }

    #[test]
    fn each_grant_is_its_actions_on_the_queue_alone() {
        let arn = serde_json::json!([{"Fn::GetAtt": ["Tasks", "Arn"]}]);
        for (grant, actions) in [
            (
                statements(|q| q.grant_send()),
                serde_json::json!(["sqs:SendMessage"]),
            ),
            (
                statements(|q| q.grant_consume()),
                serde_json::json!(["sqs:ReceiveMessage", "sqs:DeleteMessage"]),
            ),
            (
                statements(|q| q.grant_consume_by_lambda()),
                serde_json::json!([
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes"
                ]),
            ),
        ] {
            assert_eq!(grant["Sid"], "Use");
            assert_eq!(grant["Effect"], "Allow");
            assert_eq!(grant["Action"], actions);
            assert_eq!(grant["Resource"], arn);
        }
    }
}
