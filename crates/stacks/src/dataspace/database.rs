//! Amazon RDS for PostgreSQL, the seed's `backend_db`: in the private
//! subnets, not publicly accessible, storage encrypted and autoscaling,
//! automated backups, Multi-AZ where the environment says, and a final
//! snapshot when the stack deletes or replaces it.
//!
//! The master password is never in the template: RDS generates it and
//! keeps it in a Secrets Manager secret it rotates
//! (`ManageMasterUserPassword`); the app reads `DB_USERNAME` and
//! `DB_PASSWORD` from that secret as ECS secrets.

use constructs::aws::{ec2, rds};
use constructs::List;
use constructs::{Handle, Policy, Resource, Template, Value};

use super::data_stores;
use super::names::Names;
use super::sizing::DatabaseSize;
use super::tags;
use crate::error::StackError;

/// PostgreSQL's port.
pub const PORT: i64 = 5432;
/// PostgreSQL 17. RDS applies newer minor versions in the maintenance
/// window (`AutoMinorVersionUpgrade`); the template names a minor one
/// because the bare major version is one RDS no longer creates from.
pub const ENGINE_VERSION: &str = "17.6";
/// The master user and the database the app uses.
pub const DATABASE_NAME: &str = "dataspace";
const MASTER_USERNAME: &str = "dataspace";

pub struct Database {
    pub instance: Handle<rds::DBInstance>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    services: &Handle<ec2::SecurityGroup>,
    size: &DatabaseSize,
    allow_delete: bool,
) -> Result<Database, StackError> {
    let (vpc_id, subnet_ids) = network;
    let group = data_stores::add_store_group(
        template,
        names,
        vpc_id,
        "DatabaseSecurityGroup",
        "PostgreSQL",
        PORT,
        services,
    )?;
    let subnet_group = template.add(Resource::new(
        "DatabaseSubnetGroup",
        rds::DBSubnetGroup {
            tags: tags::standard(names, |key, value| rds::db_subnet_group::Tag {
                key: key.into(),
                value: Some(value.into()),
            }),
            ..rds::DBSubnetGroup::new(
                format!("{} PostgreSQL, private subnets", names.prefix()),
                subnet_ids.clone(),
            )
        },
    ))?;
    let policy = if allow_delete {
        Policy::Delete
    } else {
        Policy::Snapshot
    };
    let instance = template.add(
        Resource::new(
            "Database",
            rds::DBInstance {
                db_instance_identifier: Some(names.prefix().into()),
                engine: Some("postgres".into()),
                engine_version: Some(ENGINE_VERSION.into()),
                auto_minor_version_upgrade: Some(true.into()),
                db_instance_class: Some(size.instance_class.clone().into()),
                allocated_storage: Some(size.allocated_storage_gib.to_string().into()),
                max_allocated_storage: Some(i64::from(size.max_allocated_storage_gib).into()),
                storage_type: Some("gp3".into()),
                storage_encrypted: Some(true.into()),
                multi_az: Some(size.multi_az.into()),
                backup_retention_period: Some(i64::from(size.backup_retention_days).into()),
                copy_tags_to_snapshot: Some(true.into()),
                deletion_protection: Some(size.deletion_protection.into()),
                db_name: Some(DATABASE_NAME.into()),
                master_username: Some(MASTER_USERNAME.into()),
                manage_master_user_password: Some(true.into()),
                publicly_accessible: Some(false.into()),
                port: Some(PORT.to_string().into()),
                db_subnet_group_name: Some(subnet_group.reference().into()),
                vpc_security_groups: Some(vec![group.group_id()].into()),
                enable_cloudwatch_logs_exports: Some(vec!["postgresql", "upgrade"].into()),
                tags: tags::standard(names, |key, value| rds::db_instance::Tag {
                    key: key.into(),
                    value: Some(value.into()),
                }),
                ..rds::DBInstance::default()
            },
        )
        .deletion_policy(policy)
        .update_replace_policy(policy),
    )?;
    Ok(Database { instance })
}
