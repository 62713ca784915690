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
use super::tags;
use crate::error::StackError;
use crate::shared::security_groups::no_egress;
use crate::shared::security_groups::to_anywhere;

/// The app's group, which the data stores and the collector admit.
pub fn add_app_group(
    template: &mut Template,
    names: &Names,
    vpc_id: &Value<String>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    Ok(template.add(Resource::new(
        "AppSecurityGroup",
        ec2::SecurityGroup {
            vpc_id: Some(vpc_id.clone()),
            security_group_egress: Some(
                vec![to_anywhere("Data stores, AWS APIs and the internet")].into(),
            ),
            tags: tags::standard(names, ec2::security_group::Tag::new),
            ..ec2::SecurityGroup::new(format!("{} app tasks", names.prefix()))
        },
    ))?)
}

/// A data store's group: `port` from the app's group, nothing out.
pub fn add_store_group(
    template: &mut Template,
    names: &Names,
    vpc_id: &Value<String>,
    id: &str,
    what: &str,
    port: i64,
    app: &Handle<ec2::SecurityGroup>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    Ok(template.add(Resource::new(
        id,
        ec2::SecurityGroup {
            vpc_id: Some(vpc_id.clone()),
            security_group_ingress: Some(
                vec![Ingress {
                    source_security_group_id: Some(app.group_id().into()),
                    from_port: Some(port.into()),
                    to_port: Some(port.into()),
                    description: Some(format!("{what} from the app").into()),
                    ..Ingress::new("tcp")
                }]
                .into(),
            ),
            security_group_egress: Some(vec![no_egress()].into()),
            tags: tags::standard(names, ec2::security_group::Tag::new),
            ..ec2::SecurityGroup::new(format!("{} {what}: the app only", names.prefix()))
        },
    ))?)
}
