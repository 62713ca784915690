//! Amazon RDS for PostgreSQL as the stacks run it: in private subnets, not
//! publicly accessible, storage encrypted and autoscaling, automated
//! backups, its logs in CloudWatch, and a final snapshot when the stack
//! deletes or replaces it (or deleted, as the [`Scope`] says), tagged with
//! the scope's tags.
//!
//! The master password is never in a template: Secrets Manager generates
//! it (`DatabaseSecret`, `{"username": ..., "password": ...}`), and the
//! instance reads it through a dynamic reference CloudFormation resolves
//! at deploy time. Containers read `<secret ARN>:username::` and
//! `:password::` from it as ECS secrets ([`Postgres::credential`]).
//!
//! Not RDS's own managed password: RDS rotates that one every seven days,
//! and ECS reads secrets only when a task starts, so running tasks would
//! lose the database at each rotation. A rotation of this secret is a
//! deliberate step, followed by rolling the services.

use constructs::aws::{rds, secretsmanager};
use constructs::{fns, Error, Expr, Handle, List, Resource, Template, Value};

use crate::scope::Scope;

/// PostgreSQL's port.
pub const PORT: i64 = 5432;
/// PostgreSQL 17. RDS applies newer minor versions in the maintenance
/// window (`AutoMinorVersionUpgrade`); the template names a minor one
/// because the bare major version is one RDS no longer creates from.
pub const ENGINE_VERSION: &str = "17.6";

/// How big and how safe one database instance is: what a stack's config
/// or environment decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostgresSize {
    /// The DB instance class, e.g. `db.t4g.micro`.
    pub instance_class: String,
    /// The storage the instance starts with, in GiB.
    pub allocated_storage_gib: u32,
    /// How far storage autoscaling may grow it.
    pub max_allocated_storage_gib: u32,
    /// Days RDS keeps automated backups, for point-in-time restores.
    pub backup_retention_days: u32,
    /// A standby in a second zone that RDS fails over to.
    pub multi_az: bool,
    /// Refuse deletion through the API until switched off.
    pub deletion_protection: bool,
}

/// One database instance.
pub struct PostgresSpec {
    /// Put before each logical ID it makes (`""`: `Database`,
    /// `DatabaseSecret`, `DatabaseSubnetGroup`; `Reports`:
    /// `ReportsDatabase`, ...), so two databases fit in one template.
    pub prefix: String,
    /// The instance's identifier, e.g. `dataspace-prod`.
    pub identifier: String,
    /// The database the app uses, and its master user's name.
    pub database_name: String,
    /// How big and how safe the instance is.
    pub size: PostgresSize,
    /// Private subnets in two or more zones, for the subnet group.
    pub subnet_ids: Value<List<String>>,
    /// The instance's security group: who may connect on [`PORT`].
    pub security_group_id: Expr<String>,
}

/// Characters RDS refuses in a master password (and space).
const EXCLUDED_PASSWORD_CHARACTERS: &str = "\"@/\\ ";
const PASSWORD_LENGTH: i64 = 32;

/// A database the stack made.
pub struct Postgres {
    /// The instance, for its endpoint address.
    pub instance: Handle<rds::DbInstance>,
    /// `{"username": ..., "password": ...}` of the master user.
    pub secret: Handle<secretsmanager::Secret>,
}

impl Postgres {
    /// `ValueFrom` of an ECS secret holding one key (`username`,
    /// `password`) of the master secret.
    pub fn credential(&self, key: &str) -> Value<String> {
        fns::sub(format!("${{{}}}:{key}::", self.secret.logical_id())).into()
    }
}

/// Adds the subnet group (`DatabaseSubnetGroup`), the master secret
/// (`DatabaseSecret`) and the instance (`Database`), each ID after
/// `spec.prefix`.
pub fn add_postgres(
    template: &mut Template,
    scope: &Scope,
    spec: PostgresSpec,
) -> Result<Postgres, Error> {
    let id = |name: &str| format!("{}{name}", spec.prefix);
    let subnet_group = template.add(Resource::new(
        &id("DatabaseSubnetGroup"),
        rds::DbSubnetGroup::new(rds::DbSubnetGroupRequired {
            db_subnet_group_description: format!("{} PostgreSQL, private subnets", spec.identifier)
                .into(),
            subnet_ids: spec.subnet_ids,
        })
        .tags(scope.tags().to_list()),
    ))?;
    let secret = template.add(
        scope.stateful(Resource::new(
            &id("DatabaseSecret"),
            secretsmanager::Secret {
                tags: scope.tag_list(),
                ..secretsmanager::Secret::default()
                    .description(format!("{}: the PostgreSQL master user", spec.identifier))
                    .generate_secret_string(
                        secretsmanager::secret::GenerateSecretString::default()
                            .secret_string_template(
                                serde_json::json!({ "username": spec.database_name }).to_string(),
                            )
                            .generate_string_key("password")
                            .password_length(PASSWORD_LENGTH)
                            .exclude_characters(EXCLUDED_PASSWORD_CHARACTERS),
                    )
            },
        )),
    )?;
    let instance = template.add(
        scope.snapshotted(Resource::new(
            &id("Database"),
            rds::DbInstance::default()
                .db_instance_identifier(spec.identifier)
                .engine("postgres")
                .engine_version(ENGINE_VERSION)
                .auto_minor_version_upgrade(true)
                .db_instance_class(spec.size.instance_class)
                .allocated_storage(spec.size.allocated_storage_gib.to_string())
                .max_allocated_storage(i64::from(spec.size.max_allocated_storage_gib))
                .storage_type("gp3")
                .storage_encrypted(true)
                .multi_az(spec.size.multi_az)
                .backup_retention_period(i64::from(spec.size.backup_retention_days))
                .copy_tags_to_snapshot(true)
                .deletion_protection(spec.size.deletion_protection)
                .db_name(spec.database_name.clone())
                .master_username(spec.database_name)
                .master_user_password(crate::secrets::resolve_field(&secret, "password"))
                .publicly_accessible(false)
                .port(PORT.to_string())
                .db_subnet_group_name(subnet_group.reference())
                .vpc_security_groups(vec![spec.security_group_id])
                .enable_cloudwatch_logs_exports(vec!["postgresql", "upgrade"])
                .tags(scope.tags().to_list()),
        )),
    )?;
    Ok(Postgres { instance, secret })
}
