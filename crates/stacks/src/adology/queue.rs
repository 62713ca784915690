//! The seed's `background-tasks` queue, with a dead-letter queue a message
//! goes to after `maxReceiveCount` failed receives, both encrypted (SSE-SQS)
//! and refusing plain HTTP. Its visibility timeout is six times the
//! overflow function's timeout unless the config says more, as AWS advises
//! for queues a Lambda function reads.

use constructs::aws::sqs;
use constructs::iam::PolicyDocument;
use constructs::{Handle, Json, Resource, Template};

use super::config::AdologyConfig;
use super::names::Names;
use super::sizes;
use framework::error::StackError;
use patterns::tls::deny_insecure_transport;
use patterns::Scope;

/// Four days, SQS's default, for the queue; the dead-letter queue keeps
/// messages the longest SQS allows, 14 days, for a look at what failed.
const RETENTION_SECONDS: i64 = 4 * 86_400;
const DEAD_LETTER_RETENTION_SECONDS: i64 = 14 * 86_400;
/// Long polling: workers wait up to 20 s for a message instead of spinning.
const RECEIVE_WAIT_SECONDS: i64 = 20;

pub struct Queues {
    pub tasks: Handle<sqs::Queue>,
    pub dead_letters: Handle<sqs::Queue>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    config: &AdologyConfig,
    scope: &Scope,
) -> Result<Queues, StackError> {
    let dead_letters = template.add(
        scope.stateful(Resource::new(
            "DeadLetterQueue",
            sqs::Queue {
                tags: scope.tag_list(),
                ..sqs::Queue::default()
                    .queue_name(names.dead_letter_queue())
                    .message_retention_period(DEAD_LETTER_RETENTION_SECONDS)
                    .sqs_managed_sse_enabled(true)
            },
        )),
    )?;
    let tasks = template.add(
        scope.stateful(Resource::new(
            "TaskQueue",
            sqs::Queue {
                tags: scope.tag_list(),
                ..sqs::Queue::default()
                    .queue_name(names.queue())
                    .visibility_timeout(i64::from(sizes::visibility_timeout(config)))
                    .message_retention_period(RETENTION_SECONDS)
                    .receive_message_wait_time_seconds(RECEIVE_WAIT_SECONDS)
                    .sqs_managed_sse_enabled(true)
                    .redrive_policy(Json::object([
                        ("deadLetterTargetArn", Json::from(dead_letters.arn())),
                        (
                            "maxReceiveCount",
                            Json::from(i64::from(config.queue.max_receive_count)),
                        ),
                    ]))
            },
        )),
    )?;
    template.add(Resource::new(
        "QueuePolicy",
        sqs::QueuePolicy::new(sqs::QueuePolicyRequired {
            policy_document: PolicyDocument::new([deny_insecure_transport(
                "sqs:*",
                [tasks.arn(), dead_letters.arn()],
            )])
            .into(),
            queues: vec![tasks.reference(), dead_letters.reference()].into(),
        }),
    ))?;
    Ok(Queues {
        tasks,
        dead_letters,
    })
}
