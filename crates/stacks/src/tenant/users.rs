//! Step 4 of the seed: the AskEdgi user and the bridge user, whose access
//! keys the OvalEdge UI and Job tasks (and the bridge server and client)
//! use.
//!
//! Deviations from the seed, for security:
//! - The AskEdgi user gets SQS and S3 on this tenant's queues and bucket
//!   only, not `AmazonSQSFullAccess` (every queue of the account); the
//!   bridge user only `s3:PutObject` into this bucket.
//! - Each access key goes into a Secrets Manager secret instead of plain
//!   task definition environment values, where anyone who can describe
//!   task definitions would read it. The stack's outputs carry the secrets'
//!   ARNs; the UI and Job task definitions reference the keys through
//!   `secrets` entries (`<arn>:<field>::`), see [`ACCESS_KEY_ID_FIELD`] and
//!   [`SECRET_ACCESS_KEY_FIELD`].
//!
//! Policies are inline on each user (not managed policies attached
//! through `Users`), so deleting the stack detaches nothing out of order.

use constructs::aws::{iam, s3, secretsmanager};
use constructs::iam::{PolicyDocument, Statement};
use constructs::{fns, Handle, Resource, Template};

use super::access::queues_send_receive;
use super::names::{self, DerivedName, Names};
use super::queues::Queues;
use framework::error::StackError;
use patterns::BucketGrants;
use patterns::Scope;

/// The JSON field of each key secret holding the access key ID
/// (`EDGI_AWS_ACCESS_ID`, `BRIDGE_AWS_USER_ACCESS_KEY`).
pub const ACCESS_KEY_ID_FIELD: &str = "accessKeyId";
/// The JSON field of each key secret holding the secret access key
/// (`EDGI_AWS_SECRET_KEY`, `BRIDGE_AWS_USER_SECRET_KEY`).
pub const SECRET_ACCESS_KEY_FIELD: &str = "secretAccessKey";

/// The secrets holding the two users' access keys.
pub struct KeySecrets {
    pub edgi_user: Handle<secretsmanager::Secret>,
    pub bridge_user: Handle<secretsmanager::Secret>,
}

/// A user, its access key and the secret holding the key.
struct UserSpec {
    user_id: &'static str,
    user_name: DerivedName,
    key_id: &'static str,
    secret_id: &'static str,
    secret_name: DerivedName,
    policy_name: &'static str,
    purpose: &'static str,
}

const EDGI_USER: UserSpec = UserSpec {
    user_id: "EdgiUser",
    user_name: names::EDGI_USER,
    key_id: "EdgiUserAccessKey",
    secret_id: "EdgiUserAccessKeySecret",
    secret_name: names::EDGI_USER_SECRET,
    policy_name: "askedgi-data-access",
    purpose: "the AskEdgi user (EDGI_AWS_ACCESS_ID and EDGI_AWS_SECRET_KEY)",
};

const BRIDGE_USER: UserSpec = UserSpec {
    user_id: "BridgeUser",
    user_name: names::BRIDGE_USER,
    key_id: "BridgeUserAccessKey",
    secret_id: "BridgeUserAccessKeySecret",
    secret_name: names::BRIDGE_USER_SECRET,
    policy_name: "askedgi-bridge-upload",
    purpose: "the bridge user (BRIDGE_AWS_USER_ACCESS_KEY and BRIDGE_AWS_USER_SECRET_KEY)",
};

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    bucket: &Handle<s3::Bucket>,
    queues: &Queues,
) -> Result<KeySecrets, StackError> {
    let mut edgi_statements = bucket.grant_read_write().to_vec();
    edgi_statements.push(queues_send_receive(queues));
    let edgi_user = add_user(template, names, scope, &EDGI_USER, edgi_statements)?;
    let bridge_upload = Statement::allow()
        .sid("UploadToDataBucket")
        .actions(["s3:PutObject"])
        .resource(bucket.objects());
    let bridge_user = add_user(template, names, scope, &BRIDGE_USER, vec![bridge_upload])?;
    Ok(KeySecrets {
        edgi_user,
        bridge_user,
    })
}

fn add_user(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    spec: &UserSpec,
    statements: Vec<Statement>,
) -> Result<Handle<secretsmanager::Secret>, StackError> {
    let user = template.add(Resource::new(
        spec.user_id,
        iam::User {
            tags: scope.tag_list(),
            ..iam::User::default()
                .user_name(names.literal(spec.user_name))
                .policies(vec![iam::user::Policy::new(iam::user::PolicyRequired {
                    policy_document: PolicyDocument::new(statements).into(),
                    policy_name: spec.policy_name.into(),
                })])
        },
    ))?;
    let key = template.add(Resource::new(
        spec.key_id,
        iam::AccessKey::new(user.reference()),
    ))?;
    let secret_string = fns::sub(format!(
        r#"{{"{ACCESS_KEY_ID_FIELD}":"${{{key}}}","{SECRET_ACCESS_KEY_FIELD}":"${{{key}.SecretAccessKey}}"}}"#,
        key = key.logical_id()
    ));
    let secret = template.add(
        scope.stateful(Resource::new(
            spec.secret_id,
            secretsmanager::Secret {
                tags: scope.tag_list(),
                ..secretsmanager::Secret::default()
                    .name(names.literal(spec.secret_name))
                    .description(format!("Access key of {}", spec.purpose))
                    .secret_string(secret_string)
            },
        )),
    )?;
    Ok(secret)
}
