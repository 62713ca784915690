//! Service discovery (the seed's "network configuration for service
//! discovery"): a private DNS namespace in the VPC where the app and the
//! collector register their tasks, so the app reaches the collector at
//! `otel-collector.<name>-<env>.internal` without a load balancer.

use constructs::aws::servicediscovery;
use constructs::{Handle, Resource, Template, Value};

use super::names::Names;
use crate::shared::discovery;
use framework::error::StackError;
use patterns::Scope;

/// How long resolvers keep an answer; tasks come and go.
const TTL_SECONDS: f64 = 10.0;

pub fn add_namespace(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_id: Value<String>,
) -> Result<Handle<servicediscovery::PrivateDnsNamespace>, StackError> {
    Ok(template.add(Resource::new(
        "Namespace",
        servicediscovery::PrivateDnsNamespace {
            tags: scope.tag_list(),
            ..servicediscovery::PrivateDnsNamespace::new(names.namespace())
                .vpc(vpc_id)
                .description(format!("{}: the ECS services", names.prefix()))
        },
    ))?)
}

/// `<name>.<namespace>`: A records of the service's healthy tasks.
pub fn service_entry(
    names: &Names,
    scope: &Scope,
    namespace: &Handle<servicediscovery::PrivateDnsNamespace>,
    name: &str,
) -> servicediscovery::Service {
    discovery::service_entry(
        namespace,
        name,
        format!("{} {name}", names.prefix()),
        TTL_SECONDS,
        scope.tag_list(),
    )
}
