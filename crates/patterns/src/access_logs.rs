//! The bucket a load balancer writes its access logs into: a
//! [`PrivateBucket`] encrypted with SSE-S3 (the only encryption Elastic
//! Load Balancing delivers to), named by CloudFormation, its logs expiring
//! after the days the stack chooses, and a policy letting the log delivery
//! service put objects under this account's `AWSLogs/` prefix only.
//!
//! The bucket is versioned (Control Tower's CT.S3.PR.11 asks for it), so a
//! log file deleted or overwritten by hand stays recoverable for
//! [`RECOVERABLE_DAYS`]; lifecycle rules then remove the old version and
//! the delete marker it leaves. Log files are written once under unique
//! names, so versioning costs nothing else.
//!
//! The grant names the service principal
//! `logdelivery.elasticloadbalancing.amazonaws.com`, which Elastic Load
//! Balancing accepts in every Region; the older per-Region ELB account IDs
//! would tie the template to a Region table.

use constructs::aws::s3;
use constructs::aws::s3::bucket::{
    LifecycleConfiguration, Rule, RuleStatus, VersioningConfiguration,
    VersioningConfigurationStatus,
};
use constructs::iam::{Principal, Statement};
use constructs::{fns, pseudo, Error, Handle, Template, Value};

use crate::bucket::{BucketWithPolicy, PrivateBucket};
use crate::scope::Scope;

/// Days a deleted or overwritten log file can still be restored.
pub const RECOVERABLE_DAYS: i64 = 7;

/// Who writes the logs.
pub const LOG_DELIVERY_SERVICE: &str = "logdelivery.elasticloadbalancing.amazonaws.com";

/// Adds the log bucket under `logical_id` (and its policy under
/// `<logical_id>Policy`); objects expire `expiration_days` after they are
/// written. The load balancer should depend on the policy: it checks it may
/// write when access logs are turned on.
pub fn add_access_log_bucket(
    template: &mut Template,
    scope: &Scope,
    logical_id: &str,
    expiration_days: u32,
) -> Result<BucketWithPolicy, Error> {
    let rules = vec![
        Rule::new(RuleStatus::Enabled)
            .id("expire-access-logs")
            .expiration_in_days(i64::from(expiration_days))
            .noncurrent_version_expiration_in_days(RECOVERABLE_DAYS),
        Rule::new(RuleStatus::Enabled)
            .id("remove-expired-delete-markers")
            .expired_object_delete_marker(true),
    ];
    let bucket = s3::Bucket::default()
        .versioning_configuration(VersioningConfiguration::new(
            VersioningConfigurationStatus::Enabled,
        ))
        .lifecycle_configuration(LifecycleConfiguration::new(rules));
    PrivateBucket::new(logical_id, bucket)
        .allow(log_delivery)
        .add_with_policy(template, scope)
}

/// The log delivery service may put objects under
/// `AWSLogs/<this account>/`, where a load balancer without a prefix
/// writes.
fn log_delivery(bucket: &Handle<s3::Bucket>) -> Statement {
    let objects = fns::join(
        "",
        Value::Literal(vec![
            bucket.arn().into(),
            "/AWSLogs/".into(),
            pseudo::account_id().into(),
            "/*".into(),
        ]),
    );
    Statement::allow()
        .sid("AllowLoadBalancerLogDelivery")
        .principal(Principal::service(LOG_DELIVERY_SERVICE))
        .actions(["s3:PutObject"])
        .resource(objects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::Removal;
    use constructs::{Format, Tags};

    #[test]
    fn log_delivery_may_put_objects_under_this_accounts_prefix_over_tls_only() {
        let mut template = Template::new("");
        let scope = Scope::new(Tags::new(), Removal::Retain, 30);
        add_access_log_bucket(&mut template, &scope, "Logs", 90).unwrap();
        let body = template.synthesize(Format::Json).unwrap().body;
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let bucket = &json["Resources"]["Logs"];
        assert_eq!(bucket["DeletionPolicy"], "RetainExceptOnCreate");
        let properties = &bucket["Properties"];
        assert_eq!(properties["VersioningConfiguration"]["Status"], "Enabled");
        let rules = &properties["LifecycleConfiguration"]["Rules"];
        assert_eq!(rules[0]["ExpirationInDays"], 90);
        assert_eq!(
            rules[0]["NoncurrentVersionExpirationInDays"],
            RECOVERABLE_DAYS
        );
        assert_eq!(rules[1]["ExpiredObjectDeleteMarker"], true);
        assert_eq!(
            properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                ["ServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "AES256"
        );
        let statements =
            &json["Resources"]["LogsPolicy"]["Properties"]["PolicyDocument"]["Statement"];
        assert_eq!(statements[0]["Effect"], "Deny");
        let grant = &statements[1];
        assert_eq!(grant["Effect"], "Allow");
        assert_eq!(grant["Principal"]["Service"][0], LOG_DELIVERY_SERVICE);
        assert_eq!(grant["Action"], serde_json::json!(["s3:PutObject"]));
        assert_eq!(
            grant["Resource"][0],
            serde_json::json!({"Fn::Join": ["", [
                {"Fn::GetAtt": ["Logs", "Arn"]},
                "/AWSLogs/",
                {"Ref": "AWS::AccountId"},
                "/*"
            ]]})
        );
    }
}
