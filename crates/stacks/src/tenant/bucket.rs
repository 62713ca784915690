//! Steps 3 and 6 of the seed: the tenant's data bucket, and the event
//! notifications that tell the data service about new files.
//!
//! Beyond the seed, the bucket is encrypted (SSE-S3), blocks every form of
//! public access, disables ACLs (the bucket owner owns every object),
//! refuses plain-HTTP requests, and is versioned: two long-lived IAM users'
//! keys may put (and one delete) objects, so a leaked key or a bug must not
//! lose tenant data for good. Old versions expire after the config's
//! `recoverableDays`. The seed's CORS rule (PUT from any origin
//! with any header, the seed's empty `ExposeHeaders` left out as it is the
//! default) stays: browsers upload through pre-signed URLs, which carry
//! their own authorization.

use constructs::aws::s3;
use constructs::aws::s3::bucket::CorsRuleRequired;
use constructs::aws::s3::bucket::FilterRuleRequired;
use constructs::aws::s3::bucket::QueueConfigurationRequired;
use constructs::aws::s3::bucket::{
    AllowedMethod, CorsConfiguration, CorsRule, FilterRule, NotificationConfiguration,
    NotificationFilter, QueueConfiguration, S3KeyFilter,
};
use constructs::{Handle, Template};
use patterns::{PrivateBucket, Scope};

use super::names::Names;
use super::queues::Queues;
use framework::error::StackError;

/// The file types whose arrival the data service processes (step 6).
pub const NOTIFIED_SUFFIXES: [&str; 5] = [".csv", ".avro", ".json", ".parquet", ".xlsx"];

/// Every way an object can be created (upload, copy, multipart, ...).
pub const OBJECT_CREATED_EVENTS: &str = "s3:ObjectCreated:*";

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    queues: &Queues,
    recoverable_days: u32,
) -> Result<Handle<s3::Bucket>, StackError> {
    let notifications = NOTIFIED_SUFFIXES
        .iter()
        .map(|suffix| {
            QueueConfiguration::new(QueueConfigurationRequired {
                event: OBJECT_CREATED_EVENTS.into(),
                queue: queues.data_sync.arn().into(),
            })
            .filter(NotificationFilter::new(S3KeyFilter::new(vec![
                FilterRule::new(FilterRuleRequired {
                    name: "suffix".into(),
                    value: (*suffix).into(),
                }),
            ])))
        })
        .collect::<Vec<_>>();
    let cors_rule = CorsRule::new(CorsRuleRequired {
        allowed_methods: vec![AllowedMethod::Put].into(),
        allowed_origins: ["*"].into(),
    })
    .allowed_headers(["*"]);
    let bucket = s3::Bucket::default()
        .bucket_name(names.bucket())
        .cors_configuration(CorsConfiguration::new(vec![cors_rule]))
        .notification_configuration(
            NotificationConfiguration::default().queue_configurations(notifications),
        );
    // S3 checks it may send to the queue when the notification is set, so
    // the queue policy must exist first.
    Ok(PrivateBucket::new("DataBucket", bucket)
        .recoverable(recoverable_days)
        .depends_on(&queues.data_sync_policy)
        .add(template, scope)?)
}
