//! What an operator may change about the DataSpace system, as a config
//! file checked against the JSON Schema generated from these types
//! (`synth schema dataspace`), then against [`super::rules`].
//!
//! Everything has a default: no config at all is the seed's system. The
//! environment (`--env dev|staging|prod`) picks the sizes ([`super::sizing`]);
//! `environments.<env>` overrides any of them for one environment.

use framework::config::Problem;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::SYSTEM_NAME_PATTERN;
use crate::shared::network::NetworkConfig;
use crate::shared::RetentionDays;

/// The environments the seed deploys to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Environment {
    /// Development: the smallest sizes, on Fargate Spot.
    Dev,
    /// Staging: mid sizes, search and cache in two zones, on Fargate Spot.
    Staging,
    /// Production: Multi-AZ database, dedicated search masters, on Fargate.
    Prod,
}

impl Environment {
    /// Every environment: the ones `--env` accepts, and the ones the rules
    /// check the overrides of.
    pub const ALL: [Environment; 3] = [Environment::Dev, Environment::Staging, Environment::Prod];

    /// The `--env` value, in every physical name (`<name>-<env>`) and
    /// parameter path (`/<name>/<env>/...`).
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Dev => "dev",
            Environment::Staging => "staging",
            Environment::Prod => "prod",
        }
    }
}

/// The DataSpace system's options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DataspaceConfig {
    /// Lowercase letters, digits and hyphens. Physical names are
    /// `<name>-<env>`: the stack, cluster, services, database, search
    /// domain, cache and parameters under `/<name>/<env>/`.
    #[schemars(regex = "SYSTEM_NAME_PATTERN", length(min = 2, max = 16))]
    pub name: String,
    /// A new VPC (the default) or an existing one with private subnets
    /// (nothing here faces the internet, so no public subnets are needed).
    pub network: NetworkConfig,
    /// The Django application's port, health check and extra environment.
    pub app: AppConfig,
    /// The OpenTelemetry collector's image.
    pub collector: CollectorConfig,
    /// Sizes per environment, over the defaults of each.
    pub environments: Environments,
    /// Days CloudWatch keeps the services' logs (and the search domain's).
    pub log_retention_days: RetentionDays,
    /// The search domain's error and audit logs in CloudWatch Logs.
    pub search_logs: SearchLogsConfig,
    /// What the app may do in the search domain.
    pub search_access: SearchAccessConfig,
    /// Delete the database, search domain, cache and repository with the
    /// stack. By default the database and cache leave a final snapshot and
    /// the search domain and repository are retained.
    pub allow_delete_resources: bool,
}

impl Default for DataspaceConfig {
    fn default() -> Self {
        DataspaceConfig {
            name: "dataspace".to_string(),
            network: NetworkConfig::default(),
            app: AppConfig::default(),
            collector: CollectorConfig::default(),
            environments: Environments::default(),
            log_retention_days: RetentionDays::default(),
            search_logs: SearchLogsConfig::default(),
            search_access: SearchAccessConfig::default(),
            allow_delete_resources: false,
        }
    }
}

/// Whether the search domain publishes its logs: on by default, because
/// the audit log (who read or changed what, as fine-grained access control
/// sees it) is what a security review asks for, and the error log is where
/// a failing cluster says why. Control Tower's CT.OPENSEARCH.PR.12 and
/// PR.13 refuse a domain without them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchLogsConfig {
    /// Publish the error and audit logs to the log groups
    /// `/aws/opensearch/<name>-<env>/error` and `.../audit`.
    #[serde(default = "publish_search_logs")]
    pub enabled: bool,
}

fn publish_search_logs() -> bool {
    true
}

impl Default for SearchLogsConfig {
    fn default() -> Self {
        SearchLogsConfig {
            enabled: publish_search_logs(),
        }
    }
}

/// What the app may do in the search domain: its OpenSearch role
/// (fine-grained access control) covers these indexes and nothing of the
/// domain's security settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchAccessConfig {
    /// The indexes the app reads, writes and creates: names or patterns
    /// (`*` any characters), lowercase as index names are. The default,
    /// `*`, is every index but OpenSearch's own system indexes, which
    /// fine-grained access control protects; narrow it to the app's
    /// (`dataspace-*`) once their names are known.
    #[serde(default = "every_index")]
    #[schemars(
        length(min = 1, max = 20),
        inner(regex(pattern = r"^[a-z0-9*][a-z0-9*_+-]{0,254}$"))
    )]
    pub index_patterns: Vec<String>,
}

fn every_index() -> Vec<String> {
    vec!["*".to_string()]
}

impl Default for SearchAccessConfig {
    fn default() -> Self {
        SearchAccessConfig {
            index_patterns: every_index(),
        }
    }
}

/// The Django application's container.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AppConfig {
    /// The port the app (gunicorn) listens on.
    #[schemars(range(min = 1024, max = 65535))]
    pub port: u16,
    /// The path the container health check requests; it must answer 2xx.
    #[schemars(regex(pattern = "^/[A-Za-z0-9/_.-]*$"))]
    pub health_check_path: String,
    /// Extra environment variables, besides the connection settings and
    /// secrets the stack sets (see the README).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            port: 8000,
            health_check_path: "/health/".to_string(),
            environment: BTreeMap::new(),
        }
    }
}

/// The OpenTelemetry collector's container.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CollectorConfig {
    /// The AWS Distro for OpenTelemetry collector image; it reads its
    /// configuration from `AOT_CONFIG_CONTENT`.
    #[schemars(regex(
        pattern = r"^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"
    ))]
    pub image: String,
}

impl Default for CollectorConfig {
    fn default() -> Self {
        CollectorConfig {
            image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3".to_string(),
        }
    }
}

/// Overrides for each environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Environments {
    /// What `--env dev` changes of its defaults (db.t4g.micro, one search
    /// node, no cache replica).
    #[serde(skip_serializing_if = "SizingOverrides::is_empty")]
    pub dev: SizingOverrides,
    /// What `--env staging` changes of its defaults (db.t4g.medium, two
    /// search nodes, one cache replica).
    #[serde(skip_serializing_if = "SizingOverrides::is_empty")]
    pub staging: SizingOverrides,
    /// What `--env prod` changes of its defaults (db.m7g.large Multi-AZ,
    /// two search nodes and three dedicated masters, one cache replica).
    #[serde(skip_serializing_if = "SizingOverrides::is_empty")]
    pub prod: SizingOverrides,
}

impl Environments {
    /// `environment`'s overrides, to lay over its defaults.
    pub fn of(&self, environment: Environment) -> &SizingOverrides {
        match environment {
            Environment::Dev => &self.dev,
            Environment::Staging => &self.staging,
            Environment::Prod => &self.prod,
        }
    }
}

/// What one environment changes of its defaults; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SizingOverrides {
    /// The PostgreSQL instance: class, storage, backups, Multi-AZ.
    #[serde(skip_serializing_if = "DatabaseOverrides::is_empty")]
    pub database: DatabaseOverrides,
    /// The OpenSearch domain: node type and count, masters, storage.
    #[serde(skip_serializing_if = "SearchOverrides::is_empty")]
    pub search: SearchOverrides,
    /// The Redis cache: node type and replicas.
    #[serde(skip_serializing_if = "CacheOverrides::is_empty")]
    pub cache: CacheOverrides,
    /// The app's tasks: CPU, memory and how far autoscaling goes.
    #[serde(skip_serializing_if = "ServiceOverrides::is_empty")]
    pub app: ServiceOverrides,
    /// The collector's tasks: CPU, memory and how many.
    #[serde(skip_serializing_if = "ServiceOverrides::is_empty")]
    pub collector: ServiceOverrides,
}

impl SizingOverrides {
    fn is_empty(&self) -> bool {
        self == &SizingOverrides::default()
    }
}

/// Amazon RDS for PostgreSQL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseOverrides {
    /// e.g. `db.t4g.micro`, `db.m7g.large`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^db\.[a-z0-9]+\.[a-z0-9]+$"))]
    pub instance_class: Option<String>,
    /// The storage the database starts with, in GiB.
    #[serde(
        rename = "allocatedStorageGiB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 20, max = 65536))]
    pub allocated_storage_gib: Option<u32>,
    /// How far storage autoscaling may grow it, in GiB.
    #[serde(
        rename = "maxAllocatedStorageGiB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 21, max = 65536))]
    pub max_allocated_storage_gib: Option<u32>,
    /// Days of automated backups (point-in-time recovery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 35))]
    pub backup_retention_days: Option<u32>,
    /// A standby in a second availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
}

impl DatabaseOverrides {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Amazon OpenSearch Service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchOverrides {
    /// Data node type, e.g. `t3.small.search`, `r7g.large.search`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9]+\.[a-z0-9]+\.search$"))]
    pub instance_type: Option<String>,
    /// Data nodes; two or more spread over two availability zones (zone
    /// awareness), so an even number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 80))]
    pub instance_count: Option<u32>,
    /// Dedicated master node type; no dedicated masters when `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(none|[a-z0-9]+\.[a-z0-9]+\.search)$"))]
    pub dedicated_master_type: Option<String>,
    /// EBS storage per data node, in GiB.
    #[serde(
        rename = "volumeSizeGiB",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 10, max = 16384))]
    pub volume_size_gib: Option<u32>,
}

impl SearchOverrides {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Amazon ElastiCache for Redis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CacheOverrides {
    /// e.g. `cache.t4g.micro`, `cache.m7g.large`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^cache\.[a-z0-9]+\.[a-z0-9]+$"))]
    pub node_type: Option<String>,
    /// Read replicas of the primary; with one or more, a replica takes
    /// over automatically when the primary fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 5))]
    pub replicas: Option<u32>,
}

impl CacheOverrides {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// An ECS service's size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceOverrides {
    /// CPU units (1024 is one vCPU); Fargate's sizes only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "crate::shared::fargate::cpu_schema")]
    pub cpu: Option<u32>,
    /// Memory in MiB, a size Fargate offers with `cpu`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 512, max = 122880))]
    pub memory: Option<u32>,
    /// The fewest tasks autoscaling keeps (the app), or the tasks (the
    /// collector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub min_count: Option<u32>,
    /// The most tasks autoscaling starts (the app only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub max_count: Option<u32>,
}

impl ServiceOverrides {
    fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// The rules the schema cannot express, for every environment, checked
/// when the config is loaded.
impl framework::config::Validate for DataspaceConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<Problem>> {
        framework::config::none_of(super::rules::check(self))
    }
}
