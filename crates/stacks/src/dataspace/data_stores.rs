//! The security groups of the app and the data stores: each data store
//! admits only the app's group, on its own port, and sends nothing.
//!
//! | group | admits | on |
//! | --- | --- | --- |
//! | `AppSecurityGroup` (the Django app's tasks) | nothing | |
//! | `DatabaseSecurityGroup` | `AppSecurityGroup` | TCP 5432 |
//! | `SearchSecurityGroup` | `AppSecurityGroup` | TCP 443 |
//! | `CacheSecurityGroup` | `AppSecurityGroup` | TCP 6379 |
//!
//! The app's group sends anywhere (the data stores, the collector, AWS
//! APIs, the internet through NAT). The collector has its own group
//! ([`super::collector`]), which admits OTLP from the app's; it never
//! talks to the data stores.

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::Ingress;
use constructs::{Handle, Resource, Template, Value};

use super::names::Names;
use framework::error::StackError;
use patterns::security_groups::no_egress;
use patterns::security_groups::to_anywhere;
use patterns::Scope;

/// The app's group, which the data stores and the collector admit.
pub fn add_app_group(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_id: &Value<String>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    Ok(template.add(Resource::new(
        "AppSecurityGroup",
        ec2::SecurityGroup {
            tags: scope.tag_list(),
            ..ec2::SecurityGroup::new(format!("{} app tasks", names.prefix()))
                .vpc_id(vpc_id.clone())
                .security_group_egress(vec![to_anywhere("Data stores, AWS APIs and the internet")])
        },
    ))?)
}

/// A data store's security group: its logical ID, what the store is, and
/// the port it listens on.
pub struct StoreGroup<'a> {
    pub id: &'a str,
    pub what: &'a str,
    pub port: i64,
}

/// A data store's group: `port` from the app's group, nothing out.
pub fn add_store_group(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_id: &Value<String>,
    store: StoreGroup,
    app: &Handle<ec2::SecurityGroup>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    let StoreGroup { id, what, port } = store;
    Ok(template.add(Resource::new(
        id,
        ec2::SecurityGroup {
            tags: scope.tag_list(),
            ..ec2::SecurityGroup::new(format!("{} {what}: the app only", names.prefix()))
                .vpc_id(vpc_id.clone())
                .security_group_ingress(vec![Ingress::new("tcp")
                    .source_security_group_id(app.group_id())
                    .from_port(port)
                    .to_port(port)
                    .description(format!("{what} from the app"))])
                .security_group_egress(vec![no_egress()])
        },
    ))?)
}
