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
        server_side_encryption_by_default: Some(
            ServerSideEncryptionByDefault::new(SSEAlgorithm::Aes256).into(),
        ),
        bucket_key_enabled: bucket_key.map(Into::into),
        ..ServerSideEncryptionRule::default()
    }])
}

/// All four Block Public Access settings on (`blocked`), or all off.
pub fn public_access_block(blocked: bool) -> PublicAccessBlockConfiguration {
    PublicAccessBlockConfiguration {
        block_public_acls: Some(blocked.into()),
        block_public_policy: Some(blocked.into()),
        ignore_public_acls: Some(blocked.into()),
        restrict_public_buckets: Some(blocked.into()),
    }
}

/// ACLs disabled: the bucket owner owns every object, whoever uploaded it.
pub fn owner_enforced() -> OwnershipControls {
    OwnershipControls::new(vec![OwnershipControlsRule {
        object_ownership: Some(ObjectOwnership::BucketOwnerEnforced.into()),
    }])
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
