//! The optional Cloud Map namespace (the seed's `enableNameSpace`): a
//! private DNS zone in the VPC where each Fargate service registers its
//! tasks as `<service>.<namespace>`, for other Datafi services in the VPC
//! that call the servers directly instead of through the load balancer.

use constructs::aws::servicediscovery;
use constructs::{Handle, Resource, Template, Value};

use super::config::ServiceDiscoveryConfig;
use framework::error::StackError;
use patterns::Scope;

pub fn add(
    template: &mut Template,
    deployment: &str,
    scope: &Scope,
    vpc_id: Value<String>,
    config: &ServiceDiscoveryConfig,
) -> Result<Handle<servicediscovery::PrivateDnsNamespace>, StackError> {
    Ok(template.add(Resource::new(
        "DiscoveryNamespace",
        servicediscovery::PrivateDnsNamespace {
            tags: scope.tag_list(),
            ..servicediscovery::PrivateDnsNamespace::new(config.namespace.clone())
                .vpc(vpc_id)
                .description(format!("{deployment}: the edge servers, inside the VPC"))
        },
    ))?)
}
