//! Step 7 of the seed: the tenant's two queues, and step 6's permission
//! for the bucket to send to one of them.
//!
//! Names follow the seed's `{PREFIX}_data_sync_queue`, with the tenant name
//! as the prefix (`EDGI_CLIENT_PREFIX`); the seed's `ai_functions_queue`
//! gets the same prefix so tenants sharing an account and region do not
//! share it. Both queues are encrypted (SSE-SQS, which S3 event
//! notifications can write to, unlike the default `aws/sqs` KMS key) and
//! move a message that keeps failing to a dead-letter queue
//! (`<queue>_dlq`, kept 14 days) instead of retrying it forever.

use constructs::aws::sqs;
use constructs::iam::{ConditionOperator, PolicyDocument, Principal, Statement};
use constructs::{pseudo, Handle, Json, Resource, Template};

use super::access::deny_insecure_transport;
use super::config::TenantConfig;
use super::names::{self, DerivedName, Names};
use framework::error::StackError;
use patterns::Scope;

/// How long a dead-letter queue keeps messages: SQS's maximum, 14 days.
const DEAD_LETTER_RETENTION_SECONDS: i64 = 14 * 24 * 60 * 60;

/// The tenant's queues.
pub struct Queues {
    /// Receives the bucket's object-created events.
    pub data_sync: Handle<sqs::Queue>,
    /// `EDGI_AI_FUNCTION_QUEUE`.
    pub ai_functions: Handle<sqs::Queue>,
    /// The policy that lets the bucket send to `data_sync`; the bucket's
    /// notification configuration must wait for it.
    pub data_sync_policy: Handle<sqs::QueuePolicy>,
}

/// A queue and its dead-letter queue.
struct QueueSpec {
    id: &'static str,
    name: DerivedName,
    dead_letter_id: &'static str,
    dead_letter_name: DerivedName,
}

const DATA_SYNC: QueueSpec = QueueSpec {
    id: "DataSyncQueue",
    name: names::DATA_SYNC_QUEUE,
    dead_letter_id: "DataSyncDeadLetterQueue",
    dead_letter_name: names::DATA_SYNC_DEAD_LETTER_QUEUE,
};

const AI_FUNCTIONS: QueueSpec = QueueSpec {
    id: "AiFunctionsQueue",
    name: names::AI_FUNCTIONS_QUEUE,
    dead_letter_id: "AiFunctionsDeadLetterQueue",
    dead_letter_name: names::AI_FUNCTIONS_DEAD_LETTER_QUEUE,
};

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &TenantConfig,
) -> Result<Queues, StackError> {
    let (data_sync, data_sync_dead_letters) =
        add_queue(template, names, scope, config, &DATA_SYNC)?;
    let (ai_functions, ai_functions_dead_letters) =
        add_queue(template, names, scope, config, &AI_FUNCTIONS)?;

    // Only S3, only for this bucket in this account: the bucket's ARN is
    // built from its name, since the bucket itself depends on this policy.
    let data_sync_policy = template.add(Resource::new(
        "DataSyncQueuePolicy",
        sqs::QueuePolicy::new(sqs::QueuePolicyRequired {
            policy_document: PolicyDocument::new([
                Statement::allow()
                    .sid("AllowDataBucketEvents")
                    .principal(Principal::service("s3.amazonaws.com"))
                    .actions(["sqs:SendMessage"])
                    .resource(data_sync.arn())
                    .condition(
                        ConditionOperator::ArnEquals,
                        "aws:SourceArn",
                        [names.bucket_arn()],
                    )
                    .condition(
                        ConditionOperator::StringEquals,
                        "aws:SourceAccount",
                        [pseudo::account_id()],
                    ),
                deny_insecure_transport("sqs:*", [data_sync.arn()]),
            ])
            .into(),
            queues: vec![data_sync.reference()].into(),
        }),
    ))?;
    // A queue has one policy; the others only need the TLS rule.
    let others = [
        &ai_functions,
        &data_sync_dead_letters,
        &ai_functions_dead_letters,
    ];
    template.add(Resource::new(
        "TlsOnlyQueuePolicy",
        sqs::QueuePolicy::new(sqs::QueuePolicyRequired {
            policy_document: PolicyDocument::new([deny_insecure_transport(
                "sqs:*",
                others.map(|queue| queue.arn()),
            )])
            .into(),
            queues: others.map(|queue| queue.reference()).to_vec().into(),
        }),
    ))?;
    Ok(Queues {
        data_sync,
        ai_functions,
        data_sync_policy,
    })
}

/// Adds a queue and its dead-letter queue; returns both.
fn add_queue(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    config: &TenantConfig,
    spec: &QueueSpec,
) -> Result<(Handle<sqs::Queue>, Handle<sqs::Queue>), StackError> {
    let dead_letters = template.add(
        scope.stateful(Resource::new(
            spec.dead_letter_id,
            sqs::Queue {
                tags: scope.tag_list(),
                ..sqs::Queue::default()
                    .queue_name(names.literal(spec.dead_letter_name))
                    .message_retention_period(DEAD_LETTER_RETENTION_SECONDS)
                    .sqs_managed_sse_enabled(true)
            },
        )),
    )?;
    let queue = template.add(
        scope.stateful(Resource::new(
            spec.id,
            sqs::Queue {
                tags: scope.tag_list(),
                ..sqs::Queue::default()
                    .queue_name(names.literal(spec.name))
                    .sqs_managed_sse_enabled(true)
                    .redrive_policy(Json::object([
                        ("deadLetterTargetArn", Json::from(dead_letters.arn())),
                        (
                            "maxReceiveCount",
                            Json::from(i64::from(config.max_receive_count)),
                        ),
                    ]))
            },
        )),
    )?;
    Ok((queue, dead_letters))
}
