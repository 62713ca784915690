//! Where results, logs and exports go (the seed's S3 bucket) and where the
//! images come from (the seed's ECR repositories, one per image).
//!
//! The bucket is private, encrypted, TLS-only and versioned, named by
//! CloudFormation (bucket names are global); `logs/` expires after 90 days,
//! old versions after 30, and abandoned multipart uploads after 7. Each
//! repository scans on push, keeps tags immutable and the newest 30
//! releases' images; the worker's (two images a release) lets Lambda pull
//! the overflow function's image.

use constructs::aws::s3::bucket::{
    AbortIncompleteMultipartUpload, LifecycleConfiguration, Rule, RuleStatus,
    VersioningConfiguration, VersioningConfigurationStatus,
};
use constructs::aws::{ecr, s3};
use constructs::iam::PolicyDocument;
use constructs::{Handle, Resource, Template};

use super::names::{Names, API, WEB_SOCKET, WORKER};
use super::overflow::lambda_pull_policy;
use crate::shared::registry;
use framework::error::StackError;
use patterns::{PrivateBucket, Scope};

const LOG_DAYS: i64 = 90;
const NONCURRENT_DAYS: i64 = 30;
const MULTIPART_DAYS: i64 = 7;
const KEPT_IMAGES: u32 = 30;

pub struct Storage {
    pub bucket: Handle<s3::Bucket>,
    pub api_repository: Handle<ecr::Repository>,
    pub worker_repository: Handle<ecr::Repository>,
    pub web_socket_repository: Handle<ecr::Repository>,
}

pub fn add(template: &mut Template, names: &Names, scope: &Scope) -> Result<Storage, StackError> {
    let rules = vec![
        Rule::new(RuleStatus::Enabled)
            .id("expire-logs")
            .prefix("logs/")
            .expiration_in_days(LOG_DAYS),
        Rule::new(RuleStatus::Enabled)
            .id("expire-old-versions")
            .noncurrent_version_expiration_in_days(NONCURRENT_DAYS)
            .abort_incomplete_multipart_upload(AbortIncompleteMultipartUpload::new(MULTIPART_DAYS)),
    ];
    let bucket = s3::Bucket::default()
        .versioning_configuration(VersioningConfiguration::new(
            VersioningConfigurationStatus::Enabled,
        ))
        .lifecycle_configuration(LifecycleConfiguration::new(rules));
    let bucket = PrivateBucket::new("DataBucket", bucket)
        .bucket_key(true)
        .add(template, scope)?;
    let mut repository = |id: &str, service: &str, kept: u32, policy: Option<PolicyDocument>| {
        let repository = ecr::Repository {
            repository_policy_text: policy.map(Into::into),
            ..registry::repository(names.repository(service), kept, scope.tag_list())
        };
        template.add(scope.stateful(Resource::new(id, repository)))
    };
    let api_repository = repository("ApiRepository", API, KEPT_IMAGES, None)?;
    // Each release pushes two images here: `<tag>` and `<tag>-lambda`.
    let worker_repository = repository(
        "WorkerRepository",
        WORKER,
        2 * KEPT_IMAGES,
        Some(lambda_pull_policy(names)),
    )?;
    let web_socket_repository = repository("WebSocketRepository", WEB_SOCKET, KEPT_IMAGES, None)?;
    Ok(Storage {
        bucket,
        api_repository,
        worker_repository,
        web_socket_repository,
    })
}
