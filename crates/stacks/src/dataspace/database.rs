//! Amazon RDS for PostgreSQL, the seed's `backend_db`
//! ([`patterns::postgres`]), sized by the environment: Multi-AZ and
//! deletion protection in prod.

use constructs::aws::ec2;
use constructs::{Handle, List, Template, Value};

use super::data_stores;
use super::names::Names;

use framework::error::StackError;
use patterns::postgres::{add_postgres, Postgres, PostgresSize, PostgresSpec, PORT};
use patterns::Scope;

/// The database the app uses, and its master user.
pub const DATABASE_NAME: &str = "dataspace";

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    app: &Handle<ec2::SecurityGroup>,
    size: &PostgresSize,
    scope: &Scope,
) -> Result<Postgres, StackError> {
    let (vpc_id, subnet_ids) = network;
    let group = data_stores::add_store_group(
        template,
        names,
        scope,
        vpc_id,
        data_stores::StoreGroup {
            id: "DatabaseSecurityGroup",
            what: "PostgreSQL",
            port: PORT,
        },
        app,
    )?;
    Ok(add_postgres(
        template,
        scope,
        PostgresSpec {
            prefix: String::new(),
            identifier: names.prefix(),
            database_name: DATABASE_NAME.to_string(),
            size: size.clone(),
            subnet_ids: subnet_ids.clone(),
            security_group_id: group.group_id(),
        },
    )?)
}
