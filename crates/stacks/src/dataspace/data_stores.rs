//! What the data stores share: their subnets, and the rule that each
//! admits only the ECS services' security group, on its own port.
//!
//! | group | admits | on |
//! | --- | --- | --- |
//! | `ServicesSecurityGroup` | nothing (the app's port from itself, for service discovery peers) | |
//! | `DatabaseSecurityGroup` | `ServicesSecurityGroup` | TCP 5432 |
//! | `SearchSecurityGroup` | `ServicesSecurityGroup` | TCP 443 |
//! | `CacheSecurityGroup` | `ServicesSecurityGroup` | TCP 6379 |
//!
//! The data stores' groups send nothing; the services' group sends
//! anywhere (the data stores, AWS APIs, the internet through NAT).

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::{Egress, Ingress};
use constructs::{Handle, Resource, Template, Value};

use super::names::Names;
use super::tags;
use crate::error::StackError;
use crate::shared::security_groups::no_egress;
use crate::shared::vpc::ANYWHERE;

/// The group of the app and the collector, which the data stores admit.
pub fn add_services_group(
    template: &mut Template,
    names: &Names,
    vpc_id: &Value<String>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    Ok(template.add(Resource::new(
        "ServicesSecurityGroup",
        ec2::SecurityGroup {
            vpc_id: Some(vpc_id.clone()),
            security_group_egress: Some(
                vec![Egress {
                    cidr_ip: Some(ANYWHERE.into()),
                    description: Some("Data stores, AWS APIs and the internet".into()),
                    ..Egress::new("-1")
                }]
                .into(),
            ),
            tags: tags::standard(names, ec2::security_group::Tag::new),
            ..ec2::SecurityGroup::new(format!("{} ECS services", names.prefix()))
        },
    ))?)
}

/// A data store's group: `port` from the services' group, nothing out.
pub fn add_store_group(
    template: &mut Template,
    names: &Names,
    vpc_id: &Value<String>,
    id: &str,
    what: &str,
    port: i64,
    services: &Handle<ec2::SecurityGroup>,
) -> Result<Handle<ec2::SecurityGroup>, StackError> {
    Ok(template.add(Resource::new(
        id,
        ec2::SecurityGroup {
            vpc_id: Some(vpc_id.clone()),
            security_group_ingress: Some(
                vec![Ingress {
                    source_security_group_id: Some(services.group_id().into()),
                    from_port: Some(port.into()),
                    to_port: Some(port.into()),
                    description: Some(format!("{what} from the ECS services").into()),
                    ..Ingress::new("tcp")
                }]
                .into(),
            ),
            security_group_egress: Some(vec![no_egress()].into()),
            tags: tags::standard(names, ec2::security_group::Tag::new),
            ..ec2::SecurityGroup::new(format!("{} {what}: the ECS services only", names.prefix()))
        },
    ))?)
}
