//! The one private S3 bucket: encrypted at rest (SSE-S3), every form of
//! public access blocked, ACLs disabled (the bucket owner owns every
//! object), kept or deleted as the [`Scope`] says, tagged with the scope's
//! tags, and a bucket policy refusing plain-HTTP requests (and allowing
//! what the stack grants, such as a service delivering logs).
//!
//! A stack says only what is its own (a name, CORS, notifications,
//! versioning, lifecycle) on the `s3::Bucket` it passes in; the pattern
//! sets the rest, so no stack can forget one of them.

use constructs::aws::s3;
use constructs::aws::s3::bucket::{
    BucketEncryption, LifecycleConfiguration, ObjectOwnership, OwnershipControls,
    OwnershipControlsRule, PublicAccessBlockConfiguration, Rule, RuleStatus,
    ServerSideEncryptionByDefault, ServerSideEncryptionRule, SseAlgorithm, VersioningConfiguration,
    VersioningConfigurationStatus,
};
use constructs::iam::{PolicyDocument, Statement};
use constructs::{fns, Error, Expr, Handle, LogicalId, Resource, Template, Value};

use crate::scope::Scope;
use crate::tls::deny_insecure_transport;

/// What a role may be granted on a bucket: the least-privilege statements
/// of its policy, written by the bucket's handle, so a grant is spelled
/// where the bucket is (`bucket.grant_read_write()`), the way every stack
/// grants it.
pub trait BucketGrants {
    /// Every object of the bucket, as an ARN pattern (`<bucket ARN>/*`).
    fn objects(&self) -> Expr<String>;
    /// List the bucket and read, write and delete its objects, including
    /// multipart uploads (statements `ListDataBucket` and
    /// `ReadWriteDataObjects`).
    fn grant_read_write(&self) -> [Statement; 2];
}

impl BucketGrants for Handle<s3::Bucket> {
    fn objects(&self) -> Expr<String> {
        fns::sub(format!("${{{}.Arn}}/*", self.logical_id()))
    }

    fn grant_read_write(&self) -> [Statement; 2] {
        [
            Statement::allow()
                .sid("ListDataBucket")
                .actions([
                    "s3:ListBucket",
                    "s3:GetBucketLocation",
                    "s3:ListBucketMultipartUploads",
                ])
                .resource(self.arn()),
            Statement::allow()
                .sid("ReadWriteDataObjects")
                .actions([
                    "s3:GetObject",
                    "s3:PutObject",
                    "s3:DeleteObject",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts",
                ])
                .resource(self.objects()),
        ]
    }
}

/// A statement of the bucket policy, written once the bucket's handle
/// (its ARN) exists.
type Grant = Box<dyn FnOnce(&Handle<s3::Bucket>) -> Statement>;

/// A private bucket under `logical_id`, and its TLS-only policy under
/// `<logical_id>Policy`.
pub struct PrivateBucket {
    logical_id: String,
    bucket: s3::Bucket,
    bucket_key: Option<bool>,
    public_access_blocked: bool,
    recoverable_days: Option<u32>,
    depends_on: Vec<LogicalId>,
    grants: Vec<Grant>,
}

/// The bucket and its policy, for resources that must wait for the policy
/// (a load balancer checks it may write its logs when it is configured).
pub struct BucketWithPolicy {
    /// The bucket, for its name and ARN.
    pub bucket: Handle<s3::Bucket>,
    /// Its policy, for a resource to depend on so the grants are in place
    /// before it starts.
    pub policy: Handle<s3::BucketPolicy>,
}

impl PrivateBucket {
    /// `bucket` carries the stack's own properties; encryption, public
    /// access, ownership and tags set on it are overwritten.
    pub fn new(logical_id: &str, bucket: s3::Bucket) -> Self {
        PrivateBucket {
            logical_id: logical_id.to_string(),
            bucket,
            bucket_key: None,
            public_access_blocked: true,
            recoverable_days: None,
            depends_on: Vec::new(),
            grants: Vec::new(),
        }
    }

    /// Adds an Allow statement to the bucket policy, after the TLS-only
    /// Deny (which still refuses it over plain HTTP): `grant` writes it
    /// from the bucket's handle.
    pub fn allow(mut self, grant: impl FnOnce(&Handle<s3::Bucket>) -> Statement + 'static) -> Self {
        self.grants.push(Box::new(grant));
        self
    }

    /// Sets `BucketKeyEnabled` on the encryption rule (left out when not
    /// called, which templates already deployed rely on).
    pub fn bucket_key(mut self, enabled: bool) -> Self {
        self.bucket_key = Some(enabled);
        self
    }

    /// Versions the bucket, so an overwritten or deleted object can be
    /// restored for `days` days: noncurrent versions then expire, and delete
    /// markers with no version left behind them are removed. The rules are
    /// added after any lifecycle rules the stack set.
    pub fn recoverable(mut self, days: u32) -> Self {
        self.recoverable_days = Some(days);
        self
    }

    /// Turns the four Block Public Access settings off: for the one system
    /// whose operator may opt in to a public bucket (and is warned).
    pub fn public_access_blocked(mut self, blocked: bool) -> Self {
        self.public_access_blocked = blocked;
        self
    }

    /// Create the bucket only after `other` (S3 checks a notification's
    /// target may be sent to when the bucket is created).
    pub fn depends_on<S>(mut self, other: &Handle<S>) -> Self {
        self.depends_on.push(other.logical_id().clone());
        self
    }

    /// Adds the bucket and its policy to `template`.
    pub fn add(self, template: &mut Template, scope: &Scope) -> Result<Handle<s3::Bucket>, Error> {
        Ok(self.add_with_policy(template, scope)?.bucket)
    }

    /// [`PrivateBucket::add`], handing back the policy too.
    pub fn add_with_policy(
        self,
        template: &mut Template,
        scope: &Scope,
    ) -> Result<BucketWithPolicy, Error> {
        let bucket = match self.recoverable_days {
            Some(days) => recoverable(self.bucket, days),
            None => self.bucket,
        };
        let bucket = s3::Bucket {
            tags: scope.tag_list(),
            ..bucket
                .bucket_encryption(sse_s3(self.bucket_key))
                .public_access_block_configuration(public_access_block(self.public_access_blocked))
                .ownership_controls(owner_enforced())
        };
        let resource = self.depends_on.iter().fold(
            Resource::new(&self.logical_id, bucket),
            Resource::depends_on_id,
        );
        let bucket = template.add(scope.stateful(resource))?;
        let document = self
            .grants
            .into_iter()
            .fold(tls_only_policy(&bucket), |document, grant| {
                document.statement(grant(&bucket))
            });
        let policy = template.add(Resource::new(
            &format!("{}Policy", self.logical_id),
            s3::BucketPolicy::new(s3::BucketPolicyRequired {
                bucket: bucket.reference().into(),
                policy_document: document.into(),
            }),
        ))?;
        Ok(BucketWithPolicy { bucket, policy })
    }
}

/// SSE-S3 (AES-256 with keys S3 manages). `bucket_key` sets
/// `BucketKeyEnabled` when given, and leaves it out otherwise.
/// `bucket` versioned, with rules expiring noncurrent versions after
/// `days` and removing expired delete markers after its own rules.
fn recoverable(bucket: s3::Bucket, days: u32) -> s3::Bucket {
    let mut rules = match bucket
        .lifecycle_configuration
        .as_ref()
        .and_then(Value::literal)
    {
        Some(configuration) => configuration.rules.literal().cloned().unwrap_or_default(),
        None => Vec::new(),
    };
    rules.push(
        Rule::new(RuleStatus::Enabled)
            .id("expire-noncurrent-versions")
            .noncurrent_version_expiration_in_days(i64::from(days))
            .into(),
    );
    rules.push(
        Rule::new(RuleStatus::Enabled)
            .id("remove-expired-delete-markers")
            .expired_object_delete_marker(true)
            .into(),
    );
    bucket
        .versioning_configuration(VersioningConfiguration::new(
            VersioningConfigurationStatus::Enabled,
        ))
        .lifecycle_configuration(LifecycleConfiguration::new(rules))
}

fn sse_s3(bucket_key: Option<bool>) -> BucketEncryption {
    BucketEncryption::new(vec![ServerSideEncryptionRule {
        server_side_encryption_by_default: Some(
            ServerSideEncryptionByDefault::new(SseAlgorithm::Aes256).into(),
        ),
        bucket_key_enabled: bucket_key.map(Into::into),
        ..ServerSideEncryptionRule::default()
    }])
}

/// All four Block Public Access settings on (`blocked`), or all off.
fn public_access_block(blocked: bool) -> PublicAccessBlockConfiguration {
    PublicAccessBlockConfiguration::default()
        .block_public_acls(blocked)
        .block_public_policy(blocked)
        .ignore_public_acls(blocked)
        .restrict_public_buckets(blocked)
}

/// ACLs disabled: the bucket owner owns every object, whoever uploaded it.
fn owner_enforced() -> OwnershipControls {
    OwnershipControls::new(vec![
        OwnershipControlsRule::default().object_ownership(ObjectOwnership::BucketOwnerEnforced)
    ])
}

/// Requests without TLS are denied, whoever makes them. The objects' ARN
/// is the `Fn::Join` of the bucket's ARN and `/*`, not a `!Sub`: Control
/// Tower's CT.S3.PR.8 recognises the bucket's objects only in the `Join`
/// form, and an account enforcing the control refuses any other.
fn tls_only_policy(bucket: &Handle<s3::Bucket>) -> PolicyDocument {
    let objects = fns::join("", Value::Literal(vec![bucket.arn().into(), "/*".into()]));
    PolicyDocument::new([deny_insecure_transport("s3:*", [bucket.arn(), objects])])
}
