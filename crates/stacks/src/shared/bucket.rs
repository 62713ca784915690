//! The S3 bucket settings every stack starts from: encrypted at rest, no
//! ACLs (the bucket owner owns every object), public access blocked.

use constructs::aws::s3;
use constructs::aws::s3::bucket::{
    BucketEncryption, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
    PublicAccessBlockConfiguration, SSEAlgorithm, ServerSideEncryptionByDefault,
    ServerSideEncryptionRule,
};
use constructs::iam::PolicyDocument;
use constructs::{fns, Handle, Value};

use super::access::deny_insecure_transport;

/// SSE-S3 (AES-256 with keys S3 manages). `bucket_key` sets
/// `BucketKeyEnabled` when given, and leaves it out otherwise.
pub fn sse_s3(bucket_key: Option<bool>) -> BucketEncryption {
    BucketEncryption::new(vec![ServerSideEncryptionRule {
        bucket_key_enabled: bucket_key.map(Into::into),
        ..ServerSideEncryptionRule::default().server_side_encryption_by_default(
            ServerSideEncryptionByDefault::new(SSEAlgorithm::Aes256),
        )
    }])
}

/// All four Block Public Access settings on (`blocked`), or all off.
pub fn public_access_block(blocked: bool) -> PublicAccessBlockConfiguration {
    PublicAccessBlockConfiguration::default()
        .block_public_acls(blocked)
        .block_public_policy(blocked)
        .ignore_public_acls(blocked)
        .restrict_public_buckets(blocked)
}

/// ACLs disabled: the bucket owner owns every object, whoever uploaded it.
pub fn owner_enforced() -> OwnershipControls {
    OwnershipControls::new(vec![
        OwnershipControlsRule::default().object_ownership(ObjectOwnership::BucketOwnerEnforced)
    ])
}

/// The bucket policy every bucket gets: requests without TLS are denied,
/// whoever makes them. The objects' ARN is the `Fn::Join` of the bucket's
/// ARN and `/*`, not the `!Sub` of [`objects_of`](super::access::objects_of): Control Tower's
/// CT.S3.PR.8 recognises the bucket's objects only in the `Join` form, and
/// an account enforcing the control refuses any other.
pub fn tls_only_policy(bucket: &Handle<s3::Bucket>) -> s3::BucketPolicy {
    let objects = fns::join("", Value::Literal(vec![bucket.arn().into(), "/*".into()]));
    s3::BucketPolicy::new(
        bucket.reference(),
        PolicyDocument::new([deny_insecure_transport("s3:*", [bucket.arn(), objects])]),
    )
}
