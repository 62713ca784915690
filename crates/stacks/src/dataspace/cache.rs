//! Amazon ElastiCache for Redis: a replication group (one shard, a primary
//! and its replicas) in the private subnets, encrypted in transit (TLS is
//! required) and at rest, with automatic failover and Multi-AZ when the
//! environment has a replica, and a final snapshot when the stack deletes
//! or replaces it.

use constructs::aws::{ec2, elasticache};
use constructs::{Handle, List, Resource, Template, Value};

use super::data_stores;
use super::names::Names;
use super::sizing::CacheSize;
use super::tags;
use crate::error::StackError;
use crate::shared::snapshotted;

/// Redis's port.
pub const PORT: i64 = 6379;
pub const ENGINE_VERSION: &str = "7.1";
/// Days of daily snapshots, with a replica (prod-like environments).
const SNAPSHOT_RETENTION_DAYS: i64 = 7;

pub struct Cache {
    pub group: Handle<elasticache::ReplicationGroup>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    network: (&Value<String>, &Value<List<String>>),
    app: &Handle<ec2::SecurityGroup>,
    size: &CacheSize,
    allow_delete: bool,
) -> Result<Cache, StackError> {
    let (vpc_id, subnet_ids) = network;
    let security_group = data_stores::add_store_group(
        template,
        names,
        vpc_id,
        "CacheSecurityGroup",
        "Redis (TLS)",
        PORT,
        app,
    )?;
    let subnet_group = template.add(Resource::new(
        "CacheSubnetGroup",
        elasticache::SubnetGroup {
            tags: tags::standard(names, elasticache::subnet_group::Tag::new),
            ..elasticache::SubnetGroup::new(
                format!("{} Redis, private subnets", names.prefix()),
                subnet_ids.clone(),
            )
        },
    ))?;
    let group = template.add(snapshotted(
        Resource::new(
            "Cache",
            elasticache::ReplicationGroup {
                tags: tags::standard(names, elasticache::replication_group::Tag::new),
                ..elasticache::ReplicationGroup::new(format!(
                    "{} Redis: cache and queues",
                    names.prefix()
                ))
                .replication_group_id(names.prefix())
                .engine("redis")
                .engine_version(ENGINE_VERSION)
                .cache_node_type(size.node_type.clone())
                .num_cache_clusters(i64::from(1 + size.replicas))
                .automatic_failover_enabled(size.failover())
                .multi_az_enabled(size.failover())
                .at_rest_encryption_enabled(true)
                .transit_encryption_enabled(true)
                .transit_encryption_mode(
                    elasticache::replication_group::TransitEncryptionMode::Required,
                )
                .port(PORT)
                .cache_subnet_group_name(subnet_group.reference())
                .security_group_ids(vec![security_group.group_id()])
                .snapshot_retention_limit(if size.failover() {
                    SNAPSHOT_RETENTION_DAYS
                } else {
                    0
                })
            },
        ),
        allow_delete,
    ))?;
    Ok(Cache { group })
}
