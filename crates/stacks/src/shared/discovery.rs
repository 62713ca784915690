//! Cloud Map entries as every stack registers ECS tasks: `<name>.<namespace>`
//! answers with the A records of the service's healthy tasks (multivalue),
//! and ECS reports health (custom health checks), so a task leaves DNS as
//! soon as ECS stops it.

use constructs::aws::servicediscovery::{self, service};
use constructs::{Handle, List, Value};

/// The entry `name` in `namespace`, answers cached `ttl_seconds`.
pub fn service_entry(
    namespace: &Handle<servicediscovery::PrivateDnsNamespace>,
    name: &str,
    description: String,
    ttl_seconds: f64,
    tags: Option<Value<List<service::Tag>>>,
) -> servicediscovery::Service {
    servicediscovery::Service {
        name: Some(name.into()),
        description: Some(description.into()),
        dns_config: Some(
            service::DnsConfig {
                namespace_id: Some(namespace.id().into()),
                routing_policy: Some("MULTIVALUE".into()),
                ..service::DnsConfig::new(vec![service::DnsRecord::new(ttl_seconds, "A")])
            }
            .into(),
        ),
        health_check_custom_config: Some(
            service::HealthCheckCustomConfig {
                failure_threshold: Some(1.0.into()),
            }
            .into(),
        ),
        tags,
        ..servicediscovery::Service::default()
    }
}
