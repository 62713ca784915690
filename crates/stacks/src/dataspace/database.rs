//! Amazon RDS for PostgreSQL, the seed's `backend_db`
//! ([`crate::shared::postgres`]), sized by the environment: Multi-AZ and
//! deletion protection in prod.

use constructs::aws::ec2;
use constructs::{Handle, List, Template, Value};

use super::data_stores;
use super::names::Names;
use super::sizing::DatabaseSize;
use crate::error::StackError;
use crate::shared::postgres::{self, Postgres, PostgresSpec, PORT};

/// The database the app uses, and its master user.
pub const DATABASE_NAME: &str = "dataspace";

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    app: &Handle<ec2::SecurityGroup>,
    size: &DatabaseSize,
    allow_delete: bool,
) -> Result<Postgres, StackError> {
    let (vpc_id, subnet_ids) = network;
    let group = data_stores::add_store_group(
        template,
        names,
        vpc_id,
        "DatabaseSecurityGroup",
        "PostgreSQL",
        PORT,
        app,
    )?;
    postgres::add(
        template,
        PostgresSpec {
            identifier: names.prefix(),
            database_name: DATABASE_NAME.to_string(),
            instance_class: size.instance_class.clone(),
            allocated_storage_gib: size.allocated_storage_gib,
            max_allocated_storage_gib: size.max_allocated_storage_gib,
            backup_retention_days: size.backup_retention_days,
            multi_az: size.multi_az,
            deletion_protection: size.deletion_protection,
            subnet_ids: subnet_ids.clone(),
            security_group_id: group.group_id(),
            allow_delete,
        },
        &super::tags::pairs(names),
    )
}
