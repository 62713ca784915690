//! What a deployed stack hands back: the URL of every server, the
//! coordinator and every update API (for Datafi's console and release
//! webhook), and what an operator needs next (the name servers to
//! delegate to, the load balancer, the cluster).

use constructs::aws::{ecs, route53};
use constructs::{fns, Handle, Output, Template};

use super::coordinator;
use super::dns::Dns;
use super::edge_servers::EdgeServer;
use super::names::{Names, COORDINATOR_LABEL, UPDATE_LABEL};
use super::serverless::ServerlessEdgeServer;
use super::update_api;
use framework::error::StackError;
use patterns::load_balancer::LoadBalancer;

/// Where the outputs' values come from.
pub struct Sources<'a> {
    /// Host names, for the servers', the coordinator's and the update APIs'
    /// URLs.
    pub names: &'a Names,
    /// `HostedZoneId`, and `NameServers` when the stack created the zone.
    pub dns: &'a Dns,
    /// `LoadBalancerDnsName`: what every host name points at.
    pub load_balancer: &'a LoadBalancer,
    /// `ClusterName`: where the servers and the coordinator run.
    pub cluster: &'a Handle<ecs::Cluster>,
    /// The long-running servers: a URL, an update API URL and any bucket
    /// each.
    pub edge_servers: &'a [EdgeServer],
    /// The serverless servers: a URL each.
    pub serverless: &'a [ServerlessEdgeServer],
    /// Whether the config has a coordinator, which gets a URL.
    pub has_coordinator: bool,
    /// `DiscoveryNamespaceId`, when the config asks for a Cloud Map
    /// namespace.
    pub namespace_id: Option<constructs::Expr<String>>,
}

/// Adds the outputs Datafi's console, its release webhook and the operator
/// read from a deployed stack.
pub fn add(template: &mut Template, sources: &Sources) -> Result<(), StackError> {
    let names = sources.names;
    let https = |label: &str| format!("https://{}", names.host(label));
    for server in sources.edge_servers {
        let id = |what: &str| format!("{}{what}", server.prefix);
        template.add_output(
            Output::new(&id("Url"), https(&server.name)).description(&format!(
                "Edge server {}: HTTPS, and gRPC on port 443",
                server.name
            )),
        )?;
        template.add_output(
            Output::new(
                &id("UpdateApiUrl"),
                format!("{}{}", https(UPDATE_LABEL), update_api::path(&server.name)),
            )
            .description(&format!(
                "POST {{\"imageTag\": ...}} with x-api-key to move {} to a new version",
                server.name
            )),
        )?;
        if let Some(bucket) = &server.bucket {
            template.add_output(
                Output::new(&id("BucketName"), bucket.reference())
                    .description(&format!("Edge server {}'s bucket", server.name)),
            )?;
        }
    }
    for server in sources.serverless {
        template.add_output(
            Output::new(&format!("{}Url", server.prefix), https(&server.name))
                .description(&format!("Serverless edge server {}", server.name)),
        )?;
    }
    if sources.has_coordinator {
        template.add_output(
            Output::new(
                &format!("{}Url", coordinator::PREFIX),
                https(COORDINATOR_LABEL),
            )
            .description("The coordinator: HTTPS, and gRPC on port 443"),
        )?;
    }
    template.add_output(
        Output::new("HostedZoneId", sources.dns.zone_id.clone())
            .description("The hosted zone holding the servers' records"),
    )?;
    if let Some(zone) = &sources.dns.created_zone {
        template.add_output(name_servers(zone))?;
    }
    template.add_output(
        Output::new(
            "LoadBalancerDnsName",
            sources.load_balancer.load_balancer.dns_name(),
        )
        .description("The load balancer every host name points at"),
    )?;
    template.add_output(
        Output::new("ClusterName", sources.cluster.reference())
            .description("The ECS cluster of the servers and the coordinator"),
    )?;
    if let Some(namespace_id) = &sources.namespace_id {
        template.add_output(
            Output::new("DiscoveryNamespaceId", namespace_id.clone())
                .description("The Cloud Map namespace the servers register in"),
        )?;
    }
    Ok(())
}

fn name_servers(zone: &Handle<route53::HostedZone>) -> Output {
    Output::new("NameServers", fns::join(",", zone.name_servers())).description(
        "Delegate the domain to these name servers (an NS record in the parent zone); the \
         certificate validates once they answer",
    )
}
