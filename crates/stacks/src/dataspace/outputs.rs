//! What CI and operators need from a deployed stack: where to push the
//! image, which cluster and services to watch, and the data stores'
//! endpoints and the database's secret.
//!
//! Endpoints join `GetAtt`s rather than `Sub` them: a `Sub` placeholder
//! with a dotted attribute (`${Database.Endpoint.Address}`) is valid
//! CloudFormation that moto cannot read.

use constructs::aws::{ecr, ecs, servicediscovery};
use constructs::{fns, ConditionHandle, Handle, Output, Template};

use super::cache::Cache;
use super::search::Search;
use framework::error::StackError;
use patterns::postgres::Postgres;

/// The resources whose names, endpoints and IDs the outputs give.
pub struct Sources<'a> {
    /// `ClusterName`: where the app and the collector run.
    pub cluster: &'a Handle<ecs::Cluster>,
    /// `AppServiceName`, once an image is deployed.
    pub app: &'a Handle<ecs::Service>,
    /// Whether an image is deployed; `AppServiceName` exists only then.
    pub has_image: &'a ConditionHandle,
    /// `CollectorServiceName`: the collector's service, to watch.
    pub collector: &'a Handle<ecs::Service>,
    /// `RepositoryUri`: where CI pushes the app's image.
    pub repository: &'a Handle<ecr::Repository>,
    /// `DatabaseEndpoint` and `DatabaseSecretArn`.
    pub database: &'a Postgres,
    /// `RedisEndpoint`: the primary's address and port.
    pub cache: &'a Cache,
    /// `SearchEndpoint`, which the app signs its requests to, and
    /// `SearchAdminRoleArn`, its master user.
    pub search: &'a Search,
    /// `NamespaceId`: the services' Cloud Map namespace.
    pub namespace: &'a Handle<servicediscovery::PrivateDnsNamespace>,
}

/// Adds the outputs CI and operators read from a deployed stack.
pub fn add(template: &mut Template, sources: &Sources) -> Result<(), StackError> {
    let outputs = [
        Output::new("ClusterName", sources.cluster.reference())
            .description("The ECS cluster of the app and the collector"),
        Output::new("AppServiceName", sources.app.name())
            .description("The app's ECS service (once an image is deployed)")
            .condition(sources.has_image),
        Output::new("CollectorServiceName", sources.collector.name())
            .description("The OpenTelemetry collector's ECS service"),
        Output::new("RepositoryUri", sources.repository.repository_uri())
            .description("Push the app's image here, tagged, then deploy with ImageTag=<tag>"),
        Output::new(
            "DatabaseEndpoint",
            fns::join(
                ":",
                vec![
                    sources.database.instance.endpoint_address(),
                    sources.database.instance.endpoint_port(),
                ],
            ),
        )
        .description("PostgreSQL, inside the VPC"),
        Output::new("DatabaseSecretArn", sources.database.secret_arn())
            .description("The database's master credentials, kept and rotated by RDS"),
        Output::new(
            "RedisEndpoint",
            fns::join(
                ":",
                vec![
                    sources.cache.group.primary_end_point_address(),
                    sources.cache.group.primary_end_point_port(),
                ],
            ),
        )
        .description("Redis (TLS), inside the VPC"),
        Output::new("SearchEndpoint", sources.search.url())
            .description("OpenSearch, inside the VPC; requests are signed with the app's role"),
        Output::new("SearchAdminRoleArn", sources.search.master_user.arn()).description(
            "The search domain's master user: assume it to change security settings or role \
             mappings",
        ),
        Output::new("NamespaceId", sources.namespace.id())
            .description("The Cloud Map namespace of the services"),
    ];
    for output in outputs {
        template.add_output(output)?;
    }
    Ok(())
}
