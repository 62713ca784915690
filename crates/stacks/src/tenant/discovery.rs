//! Step 9 of the seed: the ECS cluster the data-service tasks run in and
//! the Cloud Map namespace OvalEdge finds each workspace's task through
//! (`EDGI_WORKSPACE_DISCOVERY=dynamic`).
//!
//! Tenants may share a cluster or namespace that already exists: naming it
//! in the config creates no resource and the outputs carry the given
//! values, so the OvalEdge side reads the same outputs either way.
//!
//! The tenant's own Cloud Map service (`WorkspaceDiscoveryService`) is
//! made here, in either namespace: `<workspace host>.<namespace>`, the
//! host being the data-service family (`EDGI_WORKSPACE_HOST`). The tasks
//! register in it themselves, and their role may register in it alone, so
//! in a shared namespace no tenant can register or deregister another's
//! workspaces.

use constructs::aws::ecs::cluster::ClusterSettings;
use constructs::aws::{ecs, servicediscovery};
use constructs::{Handle, Resource, Template, Value};

use super::config::TenantConfig;
use super::names::{self, Names};
use super::parameters::Parameters;
use crate::shared::discovery::dns_entry;
use framework::error::StackError;
use patterns::Scope;

/// Where the data-service tasks run and register.
pub struct Discovery {
    /// `EDGI_CLUSTER_NAME`.
    pub cluster_name: Value<String>,
    /// `EDGI_WORKSPACE_NAMESPACE`.
    pub namespace_name: String,
    /// `EDGI_WORKSPACE_NAMESPACE_ID`.
    pub namespace_id: Value<String>,
    /// The Cloud Map service the workspaces' tasks register in.
    pub workspaces: Handle<servicediscovery::Service>,
    /// Its DNS name, `<workspace host>.<namespace>`.
    pub workspaces_dns_name: String,
}

/// How long resolvers keep a workspace's address; workspaces come and go.
const WORKSPACE_TTL_SECONDS: f64 = 10.0;

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    params: &Parameters,
    config: &TenantConfig,
) -> Result<Discovery, StackError> {
    let cluster_name = match &config.existing_cluster_name {
        Some(name) => name.into(),
        None => template
            .add(Resource::new(
                "Cluster",
                ecs::Cluster {
                    tags: scope.tag_list(),
                    ..ecs::Cluster::default()
                        .cluster_name(names.literal(names::CLUSTER))
                        .cluster_settings(vec![ClusterSettings::default()
                            .name("containerInsights")
                            .value("enabled")])
                },
            ))?
            .reference()
            .into(),
    };
    let (namespace_name, namespace_id): (String, Value<String>) = match &config.existing_namespace {
        Some(existing) => (existing.name.clone(), (&existing.id).into()),
        None => {
            let name = names.namespace();
            let namespace = template.add(Resource::new(
                "ServiceDiscoveryNamespace",
                servicediscovery::PrivateDnsNamespace {
                    tags: scope.tag_list(),
                    ..servicediscovery::PrivateDnsNamespace::new(name.clone())
                        .vpc(params.vpc_id.reference())
                        .description(format!("AskEdgi workspaces of tenant {}", names.tenant()))
                },
            ))?;
            // `!Ref` is the namespace ID.
            (name, namespace.reference().into())
        }
    };
    let host = names.literal(names::DATA_SERVICE_FAMILY);
    let workspaces = template.add(Resource::new(
        "WorkspaceDiscoveryService",
        dns_entry(
            namespace_id.clone(),
            &host,
            format!(
                "AskEdgi workspaces of tenant {}: their data-service tasks",
                names.tenant()
            ),
            WORKSPACE_TTL_SECONDS,
            scope.tag_list(),
        ),
    ))?;
    Ok(Discovery {
        cluster_name,
        workspaces_dns_name: format!("{host}.{namespace_name}"),
        namespace_name,
        namespace_id,
        workspaces,
    })
}
