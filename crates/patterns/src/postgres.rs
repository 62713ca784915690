//! Amazon RDS for PostgreSQL as the stacks run it: in private subnets, not
//! publicly accessible, storage encrypted and autoscaling, automated
//! backups, its logs in CloudWatch, and a final snapshot when the stack
//! deletes or replaces it (or deleted, as the [`Scope`] says), tagged with
//! the scope's tags.
//!
//! The master password is never in a template and never a copy: RDS
//! manages it (`ManageMasterUserPassword`), keeping it in a secret of its
//! own (`{"username": ..., "password": ...}`, its ARN the instance's
//! `MasterUserSecret.SecretArn`) and rotating it every seven days.
//! Containers read `<secret ARN>:username::` and `:password::` from that
//! secret as ECS secrets ([`Postgres::credential`]); functions read the
//! secret itself ([`Postgres::secret_arn`]).
//!
//! ECS reads secrets only when a task starts, so after a rotation running
//! tasks hold a password the database no longer takes: a stack whose
//! services read the secret rolls them when it rotates
//! ([`crate::rotation`]).

use constructs::aws::{ecs, rds};
use constructs::{fns, ConditionHandle, Error, Expr, Handle, List, Resource, Template, Value};

use crate::rotation::RollSpec;
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
    /// `DatabaseSubnetGroup`; `Reports`: `ReportsDatabase`, ...), so two
    /// databases fit in one template.
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

/// A database the stack made.
pub struct Postgres {
    /// The instance, for its endpoint address and its master secret.
    pub instance: Handle<rds::DbInstance>,
    /// The instance's logical ID, which the IDs of its rotation's
    /// resources start with.
    id: String,
}

impl Postgres {
    /// The ARN of the secret RDS keeps the master user's
    /// `{"username": ..., "password": ...}` in, for IAM grants and for
    /// code that reads the current password itself.
    pub fn secret_arn(&self) -> Expr<String> {
        self.instance.master_user_secret_secret_arn()
    }

    /// What [`add_roll_on_rotation`](crate::rotation::add_roll_on_rotation)
    /// needs to roll `services`, whose containers read the master secret,
    /// when RDS rotates it: IDs after the instance's
    /// (`DatabaseRotationRule`, `DatabaseRollServices`, ...), executions
    /// logged to `log_group_name`, everything under `condition` if the
    /// services exist only under one.
    pub fn rotation<'a>(
        &self,
        cluster: &'a Handle<ecs::Cluster>,
        services: Vec<&'a Handle<ecs::Service>>,
        log_group_name: String,
        condition: Option<&'a ConditionHandle>,
    ) -> RollSpec<'a> {
        RollSpec {
            prefix: self.id.clone(),
            what: "the PostgreSQL master secret",
            secret_arn: self.secret_arn(),
            cluster,
            services,
            log_group_name,
            condition,
        }
    }

    /// `ValueFrom` of an ECS secret holding one key (`username`,
    /// `password`) of the master secret.
    pub fn credential(&self, key: &str) -> Value<String> {
        fns::join(
            "",
            vec![
                Value::from(self.secret_arn()),
                Value::from(format!(":{key}::")),
            ],
        )
        .into()
    }
}

impl crate::secrets::ReadableSecret for Postgres {
    /// The master secret RDS keeps ([`Postgres::secret_arn`]).
    fn secret_arn(&self) -> Expr<String> {
        Postgres::secret_arn(self)
    }
}

/// Adds the subnet group (`DatabaseSubnetGroup`) and the instance
/// (`Database`), each ID after `spec.prefix`.
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
                .manage_master_user_password(true)
                .publicly_accessible(false)
                .port(PORT.to_string())
                .db_subnet_group_name(subnet_group.reference())
                .vpc_security_groups(vec![spec.security_group_id])
                .enable_cloudwatch_logs_exports(vec!["postgresql", "upgrade"])
                .tags(scope.tags().to_list()),
        )),
    )?;
    Ok(Postgres {
        instance,
        id: id("Database"),
    })
}
