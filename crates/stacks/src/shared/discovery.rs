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
                .namespace_id(namespace.id())
                .routing_policy("MULTIVALUE"),
            )
            .health_check_custom_config(
                service::HealthCheckCustomConfig::default().failure_threshold(1.0),
            )
    }
}
