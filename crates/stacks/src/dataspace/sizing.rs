//! How big each environment is: the defaults below, then the config's
//! `environments.<env>` on top.
//!
//! | | dev | staging | prod |
//! | --- | --- | --- | --- |
//! | PostgreSQL | db.t4g.micro, 20-100 GiB, 1 day of backups | db.t4g.medium, 50-200 GiB, 7 days | db.m7g.large, 100-1000 GiB, 14 days, Multi-AZ |
//! | OpenSearch | 1 × t3.small.search, 10 GiB | 2 × t3.medium.search across 2 zones, 20 GiB | 2 × r7g.large.search across 2 zones, 3 dedicated m7g.large.search masters, 100 GiB |
//! | Redis | cache.t4g.micro, no replica | cache.t4g.small, 1 replica, Multi-AZ | cache.m7g.large, 1 replica, Multi-AZ |
//! | app | 0.5 vCPU / 1 GiB, 1-2 tasks | 1 vCPU / 2 GiB, 1-4 | 1 vCPU / 2 GiB, 2-10 |
//! | collector | 0.25 vCPU / 512 MiB, 1 task | 0.25 vCPU / 512 MiB, 1 | 0.5 vCPU / 1 GiB, 2 |
//! | capacity | Fargate Spot | Fargate Spot | Fargate |
//!
//! Dev and staging run on Fargate Spot (up to 70% cheaper, tasks may be
//! stopped at two minutes' notice); prod runs on Fargate.

use super::config::{DataspaceConfig, Environment, ServiceOverrides};
use patterns::postgres::PostgresSize;

/// The search domain's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSize {
    /// Data node type, e.g. `t3.small.search`.
    pub instance_type: String,
    /// Data nodes; two or more are spread over two zones.
    pub instance_count: u32,
    /// `None`: no dedicated master nodes.
    pub dedicated_master_type: Option<String>,
    /// EBS storage per data node, in GiB.
    pub volume_size_gib: u32,
}

impl SearchSize {
    /// Two or more data nodes spread over two zones.
    pub fn zone_aware(&self) -> bool {
        self.instance_count > 1
    }
}

/// The cache's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheSize {
    /// Node type, e.g. `cache.t4g.micro`.
    pub node_type: String,
    /// Read replicas of the primary; one or more turns on automatic
    /// failover.
    pub replicas: u32,
}

impl CacheSize {
    /// A replica takes over when the primary fails, in another zone.
    pub fn failover(&self) -> bool {
        self.replicas > 0
    }
}

/// An ECS service's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceSize {
    /// CPU units (1024 is one vCPU), one of Fargate's sizes.
    pub cpu: u32,
    /// Memory in MiB, a size Fargate offers with `cpu`.
    pub memory: u32,
    /// The fewest tasks autoscaling keeps; the collector runs exactly this
    /// many.
    pub min_count: u32,
    /// The most tasks autoscaling starts; the collector's equals
    /// `min_count`.
    pub max_count: u32,
}

/// Which Fargate capacity the services run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// Fargate on demand, whose tasks are never reclaimed (prod).
    Fargate,
    /// Fargate Spot: up to 70% cheaper, but tasks may be stopped at two
    /// minutes' notice (dev and staging).
    FargateSpot,
}

impl Capacity {
    /// The ECS capacity provider's name, `FARGATE` or `FARGATE_SPOT`.
    pub fn provider(self) -> &'static str {
        match self {
            Capacity::Fargate => "FARGATE",
            Capacity::FargateSpot => "FARGATE_SPOT",
        }
    }
}

/// Every size of one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizing {
    /// The PostgreSQL instance's class, storage, backups and Multi-AZ.
    pub database: PostgresSize,
    /// The OpenSearch domain's nodes and storage.
    pub search: SearchSize,
    /// The Redis cache's node type and replicas.
    pub cache: CacheSize,
    /// The app's task size and autoscaling range.
    pub app: ServiceSize,
    /// The collector's task size and count.
    pub collector: ServiceSize,
    /// Fargate or Fargate Spot, for both services.
    pub capacity: Capacity,
    /// ECS Container Insights (extra CloudWatch metrics, billed).
    pub container_insights: bool,
}

/// The defaults of `environment`, without the config.
pub fn defaults(environment: Environment) -> Sizing {
    let string = |s: &str| s.to_string();
    match environment {
        Environment::Dev => Sizing {
            database: PostgresSize {
                instance_class: string("db.t4g.micro"),
                allocated_storage_gib: 20,
                max_allocated_storage_gib: 100,
                backup_retention_days: 1,
                multi_az: false,
                deletion_protection: false,
            },
            search: SearchSize {
                instance_type: string("t3.small.search"),
                instance_count: 1,
                dedicated_master_type: None,
                volume_size_gib: 10,
            },
            cache: CacheSize {
                node_type: string("cache.t4g.micro"),
                replicas: 0,
            },
            app: ServiceSize {
                cpu: 512,
                memory: 1024,
                min_count: 1,
                max_count: 2,
            },
            collector: ServiceSize {
                cpu: 256,
                memory: 512,
                min_count: 1,
                max_count: 1,
            },
            capacity: Capacity::FargateSpot,
            container_insights: false,
        },
        Environment::Staging => Sizing {
            database: PostgresSize {
                instance_class: string("db.t4g.medium"),
                allocated_storage_gib: 50,
                max_allocated_storage_gib: 200,
                backup_retention_days: 7,
                multi_az: false,
                deletion_protection: false,
            },
            search: SearchSize {
                instance_type: string("t3.medium.search"),
                instance_count: 2,
                dedicated_master_type: None,
                volume_size_gib: 20,
            },
            cache: CacheSize {
                node_type: string("cache.t4g.small"),
                replicas: 1,
            },
            app: ServiceSize {
                cpu: 1024,
                memory: 2048,
                min_count: 1,
                max_count: 4,
            },
            collector: ServiceSize {
                cpu: 256,
                memory: 512,
                min_count: 1,
                max_count: 1,
            },
            capacity: Capacity::FargateSpot,
            container_insights: false,
        },
        Environment::Prod => Sizing {
            database: PostgresSize {
                instance_class: string("db.m7g.large"),
                allocated_storage_gib: 100,
                max_allocated_storage_gib: 1000,
                backup_retention_days: 14,
                multi_az: true,
                deletion_protection: true,
            },
            search: SearchSize {
                instance_type: string("r7g.large.search"),
                instance_count: 2,
                dedicated_master_type: Some(string("m7g.large.search")),
                volume_size_gib: 100,
            },
            cache: CacheSize {
                node_type: string("cache.m7g.large"),
                replicas: 1,
            },
            app: ServiceSize {
                cpu: 1024,
                memory: 2048,
                min_count: 2,
                max_count: 10,
            },
            collector: ServiceSize {
                cpu: 512,
                memory: 1024,
                min_count: 2,
                max_count: 2,
            },
            capacity: Capacity::Fargate,
            container_insights: true,
        },
    }
}

/// The sizes of `environment`: its defaults with the config's overrides.
pub fn of(config: &DataspaceConfig, environment: Environment) -> Sizing {
    let mut sizing = defaults(environment);
    let overrides = config.environments.of(environment);
    let database = &overrides.database;
    let size = &mut sizing.database;
    override_with(&mut size.instance_class, &database.instance_class);
    override_with(
        &mut size.allocated_storage_gib,
        &database.allocated_storage_gib,
    );
    override_with(
        &mut size.max_allocated_storage_gib,
        &database.max_allocated_storage_gib,
    );
    override_with(
        &mut size.backup_retention_days,
        &database.backup_retention_days,
    );
    override_with(&mut size.multi_az, &database.multi_az);
    // Deletion protection would make `allowDeleteResources` a lie.
    size.deletion_protection &= !config.allow_delete_resources;
    let search = &overrides.search;
    override_with(&mut sizing.search.instance_type, &search.instance_type);
    override_with(&mut sizing.search.instance_count, &search.instance_count);
    override_with(&mut sizing.search.volume_size_gib, &search.volume_size_gib);
    if let Some(master) = &search.dedicated_master_type {
        sizing.search.dedicated_master_type = (master != "none").then(|| master.clone());
    }
    override_with(&mut sizing.cache.node_type, &overrides.cache.node_type);
    override_with(&mut sizing.cache.replicas, &overrides.cache.replicas);
    service(&mut sizing.app, &overrides.app);
    service(&mut sizing.collector, &overrides.collector);
    // The collector does not autoscale: it runs min_count tasks.
    sizing.collector.max_count = sizing.collector.min_count;
    sizing
}

fn service(size: &mut ServiceSize, overrides: &ServiceOverrides) {
    override_with(&mut size.cpu, &overrides.cpu);
    override_with(&mut size.memory, &overrides.memory);
    override_with(&mut size.min_count, &overrides.min_count);
    override_with(&mut size.max_count, &overrides.max_count);
}

fn override_with<T: Clone>(value: &mut T, given: &Option<T>) {
    if let Some(given) = given {
        *value = given.clone();
    }
}
