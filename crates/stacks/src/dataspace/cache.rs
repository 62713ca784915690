//! Amazon ElastiCache for Redis: a replication group (one shard, a primary
//! and its replicas) in the private subnets, encrypted in transit (TLS is
//! required) and at rest, with automatic failover and Multi-AZ when the
//! environment has a replica, and a final snapshot when the stack deletes
//! or replaces it.
//!
//! Reaching the port is not enough to use the cache: the group has an RBAC
//! user group (Control Tower's CT.ELASTICACHE.PR.8) whose `default` user is
//! switched off, and one app user whose password Secrets Manager generates
//! (`CacheUserSecret`, keys `username` and `password`). The app gets both
//! as the ECS secrets `REDIS_USERNAME` and `REDIS_PASSWORD` and must send
//! `AUTH <username> <password>` over TLS (`REDIS_TLS=true`), e.g.
//! `rediss://<username>:<password>@<host>:<port>`. A password user rather
//! than IAM authentication: IAM needs the client to sign a fresh token
//! every 15 minutes, which a stock Redis client does not do.

use constructs::aws::elasticache::user::{AuthenticationMode, AuthenticationModeType};
use constructs::aws::{ec2, elasticache, secretsmanager};
use constructs::{fns, Handle, List, Resource, Template, Value};

use super::data_stores;
use super::names::Names;
use super::sizing::CacheSize;
use framework::error::StackError;
use patterns::Scope;

/// Redis's port.
pub const PORT: i64 = 6379;
pub const ENGINE_VERSION: &str = "7.1";
/// Days of daily snapshots, with a replica (prod-like environments).
const SNAPSHOT_RETENTION_DAYS: i64 = 7;

/// What the app user may run: every key, channel and command. ElastiCache
/// already withholds the administrative ones (CONFIG, DEBUG, ...).
const APP_ACCESS: &str = "on ~* &* +@all";
/// A user nobody can log in as: how RBAC switches the `default` user off.
const DISABLED_ACCESS: &str = "off -@all";
/// ElastiCache takes passwords of 16 to 128 printable characters; letters
/// and digits only keep a `rediss://` URL valid without escaping.
const PASSWORD_LENGTH: i64 = 64;

pub struct Cache {
    pub group: Handle<elasticache::ReplicationGroup>,
    /// The app user's name and password (JSON keys `username`, `password`).
    pub user_secret: Handle<secretsmanager::Secret>,
}

impl Cache {
    /// An ECS secret `valueFrom` for one key of the app user's secret.
    pub fn credential(&self, key: &str) -> Value<String> {
        fns::sub(format!("${{{}}}:{key}::", self.user_secret.logical_id())).into()
    }
}

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    app: &Handle<ec2::SecurityGroup>,
    size: &CacheSize,
    scope: &Scope,
) -> Result<Cache, StackError> {
    let (vpc_id, subnet_ids) = network;
    let security_group = data_stores::add_store_group(
        template,
        names,
        scope,
        vpc_id,
        data_stores::StoreGroup {
            id: "CacheSecurityGroup",
            what: "Redis (TLS)",
            port: PORT,
        },
        app,
    )?;
    let subnet_group = template.add(Resource::new(
        "CacheSubnetGroup",
        elasticache::SubnetGroup {
            tags: scope.tag_list(),
            ..elasticache::SubnetGroup::new(elasticache::SubnetGroupRequired {
                description: format!("{} Redis, private subnets", names.prefix()).into(),
                subnet_ids: subnet_ids.clone(),
            })
        },
    ))?;
    let (user_group, user_secret) = add_users(template, names, scope)?;
    let group = template.add(
        scope.snapshotted(Resource::new(
            "Cache",
            elasticache::ReplicationGroup {
                tags: scope.tag_list(),
                ..elasticache::ReplicationGroup::new(format!(
                    "{} Redis: cache and queues",
                    names.prefix()
                ))
                .replication_group_id(names.prefix())
                .engine("redis")
                .engine_version(ENGINE_VERSION)
                .cache_node_type(size.node_type.clone())
                .num_cache_clusters(i64::from(1 + size.replicas))
                .automatic_failover_enabled(size.failover())
                .multi_az_enabled(size.failover())
                .at_rest_encryption_enabled(true)
                .transit_encryption_enabled(true)
                .transit_encryption_mode(
                    elasticache::replication_group::TransitEncryptionMode::Required,
                )
                .port(PORT)
                .cache_subnet_group_name(subnet_group.reference())
                .security_group_ids(vec![security_group.group_id()])
                .user_group_ids(vec![user_group.reference()])
                .snapshot_retention_limit(if size.failover() {
                    SNAPSHOT_RETENTION_DAYS
                } else {
                    0
                })
            },
        )),
    )?;
    Ok(Cache { group, user_secret })
}

/// The RBAC users: `default` switched off, the app's password user, and
/// the user group holding both (every group needs a user named `default`).
fn add_users(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
) -> Result<
    (
        Handle<elasticache::UserGroup>,
        Handle<secretsmanager::Secret>,
    ),
    StackError,
> {
    let prefix = names.prefix();
    let app_user = format!("{prefix}-app");
    let secret = template.add(
        scope.stateful(Resource::new(
            "CacheUserSecret",
            secretsmanager::Secret {
                description: Some(format!("{prefix}: the app's Redis user").into()),
                generate_secret_string: Some(
                    secretsmanager::secret::GenerateSecretString {
                        secret_string_template: Some(
                            serde_json::json!({ "username": app_user })
                                .to_string()
                                .into(),
                        ),
                        generate_string_key: Some("password".into()),
                        password_length: Some(PASSWORD_LENGTH.into()),
                        exclude_punctuation: Some(true.into()),
                        ..secretsmanager::secret::GenerateSecretString::default()
                    }
                    .into(),
                ),
                tags: scope.tag_list(),
                ..secretsmanager::Secret::default()
            },
        )),
    )?;
    let password = patterns::secrets::resolve_field(&secret, "password");
    let user_tags = || scope.tag_list();
    let app = template.add(Resource::new(
        "CacheAppUser",
        elasticache::User {
            tags: user_tags(),
            ..elasticache::User::new(elasticache::UserRequired {
                engine: elasticache::user::Engine::Redis.into(),
                user_id: app_user.clone().into(),
                user_name: app_user.into(),
            })
            .access_string(APP_ACCESS)
            .authentication_mode(
                AuthenticationMode::new(AuthenticationModeType::Password)
                    .passwords(Value::Literal(vec![password.into()])),
            )
        },
    ))?;
    let default = template.add(Resource::new(
        "CacheDefaultUser",
        elasticache::User {
            tags: user_tags(),
            ..elasticache::User::new(elasticache::UserRequired {
                engine: elasticache::user::Engine::Redis.into(),
                user_id: format!("{prefix}-default").into(),
                user_name: "default".into(),
            })
            .access_string(DISABLED_ACCESS)
            .authentication_mode(AuthenticationMode::new(
                AuthenticationModeType::NoPasswordRequired,
            ))
        },
    ))?;
    let group = template.add(Resource::new(
        "CacheUserGroup",
        elasticache::UserGroup {
            tags: scope.tag_list(),
            ..elasticache::UserGroup::new(elasticache::UserGroupRequired {
                engine: elasticache::user_group::Engine::Redis.into(),
                user_group_id: prefix.into(),
                user_ids: vec![default.reference(), app.reference()].into(),
            })
        },
    ))?;
    Ok((group, secret))
}
