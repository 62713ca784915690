//! Cloud Map entries as every stack registers ECS tasks: `<name>.<namespace>`
//! answers with the A records of the service's healthy tasks (multivalue).
//! For an ECS service's tasks, ECS reports health (custom health checks),
//! so a task leaves DNS as soon as ECS stops it ([`service_entry`]); tasks
//! that register themselves are answered while registered ([`dns_entry`]).

use constructs::aws::servicediscovery::{self, service};
use constructs::{Handle, List, Value};

/// The entry `name` in `namespace`, answers cached `ttl_seconds`.
pub fn service_entry(
    namespace: &Handle<servicediscovery::PrivateDnsNamespace>,
    name: &str,
    description: String,
    ttl_seconds: f64,
    tags: Option<Value<List<constructs::Tag>>>,
) -> servicediscovery::Service {
    servicediscovery::Service {
        health_check_custom_config: Some(
            service::HealthCheckCustomConfig::default()
                .failure_threshold(1.0)
                .into(),
        ),
        ..dns_entry(namespace.id(), name, description, ttl_seconds, tags)
    }
}

/// The entry `name` in the namespace `namespace_id`, answers cached
/// `ttl_seconds`, for tasks that register themselves (through the API,
/// healthy while registered) rather than through an ECS service.
pub fn dns_entry(
    namespace_id: impl Into<Value<String>>,
    name: &str,
    description: String,
    ttl_seconds: f64,
    tags: Option<Value<List<constructs::Tag>>>,
) -> servicediscovery::Service {
    servicediscovery::Service {
        tags,
        ..servicediscovery::Service::default()
            .name(name)
            .description(description)
            .dns_config(
                service::DnsConfig::new(vec![service::DnsRecord::new(
                    service::DnsRecordRequired {
                        ttl: ttl_seconds.into(),
                        r#type: "A".into(),
                    },
                )])
                .namespace_id(namespace_id)
                .routing_policy("MULTIVALUE"),
            )
    }
}
