//! What an operator may change about the Adology platform, as a config
//! file checked against the JSON Schema generated from these types
//! (`synth schema adology`), then against [`super::rules`]. Every field
//! has a default, and the defaults are the seed's system: two t3.medium
//! container instances across two zones, the `background-tasks` queue,
//! Multi-AZ PostgreSQL on a db.t3.medium, the WebSocket server beside the
//! API on the shared instances.

use framework::config::Problem;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{DOMAIN_PATTERN, SYSTEM_NAME_PATTERN};
use crate::shared::load_balancer::AccessLogsConfig;
use crate::shared::network::NetworkConfig;
use crate::shared::RetentionDays;
use patterns::postgres::PostgresSize;

/// The Adology platform's options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AdologyConfig {
    /// Lowercase letters, digits and hyphens; physical names start with it.
    #[schemars(regex = "SYSTEM_NAME_PATTERN", length(min = 2, max = 20))]
    pub name: String,
    /// A new VPC across two zones (the default), or an existing one.
    pub network: NetworkConfig,
    /// Route the private subnets to MongoDB Atlas through a VPC peering
    /// connection (parameters `AtlasPeeringConnectionId`, `AtlasCidr`).
    /// With a new VPC only: an existing VPC's owner keeps its routes.
    pub atlas_peering: bool,
    /// The public load balancer in front of the API and the WebSocket
    /// server: domain, certificate, routing, timeouts, access logs.
    pub load_balancer: LoadBalancerConfig,
    /// The container instances the API and the workers run on, and the
    /// WebSocket service unless it has `webSocketInstances`.
    pub instances: InstancesConfig,
    /// Run the WebSocket service on instances of its own (the seed's
    /// dedicated t3.small), instead of beside the API and the workers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_socket_instances: Option<InstancesConfig>,
    /// The API's tasks; left out, 512 CPU units and 1024 MiB on port 8000,
    /// 2 to 6 tasks, checked at `/health`.
    pub api: ServiceConfig,
    /// The workers' tasks, which read the queue and listen on nothing; left
    /// out, 512 CPU units and 1024 MiB, 2 to 10 tasks.
    pub worker: ServiceConfig,
    /// The WebSocket server's tasks; left out, 256 CPU units and 512 MiB on
    /// port 8080 (the seed's `websocket-server-ip:8080`), 1 to 4 tasks,
    /// checked at `/health`.
    pub web_socket: ServiceConfig,
    /// The Lambda overflow workers, which read the same queue as the
    /// container workers and take a share of every burst.
    pub overflow: OverflowConfig,
    /// The `background-tasks` queue, its dead-letter queue and when the
    /// workers scale out.
    pub queue: QueueConfig,
    /// The PostgreSQL instance: class, storage, backups, Multi-AZ.
    pub database: DatabaseConfig,
    /// Who hears about the dead-letter alarm (the seed: alarms notify
    /// operators).
    pub alarms: AlarmsConfig,
    /// Days CloudWatch keeps the services' and functions' logs.
    pub log_retention_days: RetentionDays,
    /// Delete the database, bucket, repositories and log groups with the
    /// stack. By default the database has deletion protection and leaves a
    /// final snapshot, and the rest is kept.
    pub allow_delete_resources: bool,
}

impl Default for AdologyConfig {
    fn default() -> Self {
        AdologyConfig {
            name: "adology".to_string(),
            network: NetworkConfig::default(),
            atlas_peering: false,
            load_balancer: LoadBalancerConfig::default(),
            instances: InstancesConfig::default(),
            web_socket_instances: None,
            api: ServiceConfig::default(),
            worker: ServiceConfig::default(),
            web_socket: ServiceConfig::default(),
            overflow: OverflowConfig::default(),
            queue: QueueConfig::default(),
            database: DatabaseConfig::default(),
            alarms: AlarmsConfig::default(),
            log_retention_days: RetentionDays::default(),
            allow_delete_resources: false,
        }
    }
}

/// How clients reach the API and the WebSocket server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct LoadBalancerConfig {
    /// The public domain, e.g. `app.adology.example`. With it the stack
    /// writes its DNS records in the hosted zone `HostedZoneId`; without
    /// it clients use the load balancer's own name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex = "DOMAIN_PATTERN", length(max = 64))]
    pub domain: Option<String>,
    /// `existing`: the parameter `CertificateArn` (the default). `create`:
    /// a certificate for the domain, validated by DNS in the hosted zone.
    pub certificate: Certificate,
    /// How WebSocket connections are told from API calls: by `path`
    /// (`wss://<host>/ws`) or by `host` (`wss://ws.<domain>`).
    pub web_socket_routing: WebSocketRouting,
    /// The path prefix of WebSocket connections, with `path` routing.
    #[schemars(regex(pattern = "^/[A-Za-z0-9/_.-]*$"))]
    pub web_socket_path: String,
    /// How long a connection may be idle, in seconds; WebSocket clients
    /// ping within it to stay connected.
    #[schemars(range(min = 60, max = 4000))]
    pub idle_timeout_seconds: u32,
    /// How long a browser stays with one WebSocket task (sticky sessions).
    #[schemars(range(min = 1, max = 604800))]
    pub sticky_seconds: u32,
    /// Access logs to the stack's bucket, kept 90 days by default.
    pub access_logs: AccessLogsConfig,
}

impl Default for LoadBalancerConfig {
    fn default() -> Self {
        LoadBalancerConfig {
            domain: None,
            certificate: Certificate::Existing,
            web_socket_routing: WebSocketRouting::Path,
            web_socket_path: "/ws".to_string(),
            idle_timeout_seconds: 3600,
            sticky_seconds: 86400,
            access_logs: AccessLogsConfig::default(),
        }
    }
}

/// Where the load balancer's certificate comes from.
// The variants' docs are `#[doc = concat!(..)]`, which schemars does not
// read: with `///` the schema's `enum` becomes a `oneOf`, and a wrong
// value's error no longer lists the allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Certificate {
    #[doc = concat!(
        "The ACM certificate whose ARN the `CertificateArn` parameter takes ",
        "at deploy time (the default)."
    )]
    Existing,
    #[doc = concat!(
        "A certificate for `domain` that the stack requests, validated by DNS ",
        "in the hosted zone `HostedZoneId`; needs `domain`."
    )]
    Create,
}

/// How the load balancer tells WebSocket connections from API calls.
// The variants' docs are `#[doc = concat!(..)]`, which schemars does not
// read: with `///` the schema's `enum` becomes a `oneOf`, and a wrong
// value's error no longer lists the allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum WebSocketRouting {
    #[doc = concat!(
        "By path: `wss://<host><webSocketPath>` (the default, `/ws`), on the ",
        "API's host."
    )]
    Path,
    #[doc = concat!("By host: `wss://ws.<domain>`; needs `domain`.")]
    Host,
}

/// An Auto Scaling group of ECS container instances.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct InstancesConfig {
    /// An instance type in the price table (`synth adology --emit cost`
    /// lists them), e.g. `t3.medium`.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9]*\.[a-z0-9]+$"))]
    pub instance_type: String,
    /// The fewest instances, spread over the zones (at least two for the
    /// shared instances).
    #[schemars(range(min = 1, max = 100))]
    pub min_instances: u32,
    /// The most instances ECS managed scaling may start.
    #[schemars(range(min = 1, max = 100))]
    pub max_instances: u32,
}

impl Default for InstancesConfig {
    fn default() -> Self {
        InstancesConfig {
            instance_type: "t3.medium".to_string(),
            min_instances: 2,
            max_instances: 6,
        }
    }
}

/// One ECS service's tasks; what is left out takes the service's default
/// (see the README: API 512 CPU units / 1024 MiB on 8000, 2 to 6 tasks;
/// workers 512 / 1024, 2 to 10; WebSocket 256 / 512 on 8080, 1 to 4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ServiceConfig {
    /// CPU units (1024 is one vCPU) each task reserves.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 128, max = 16384))]
    pub cpu: Option<u32>,
    /// Memory in MiB each task reserves.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 128, max = 122880))]
    pub memory: Option<u32>,
    /// The fewest tasks autoscaling keeps.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub min_count: Option<u32>,
    /// The most tasks autoscaling starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub max_count: Option<u32>,
    /// The port the container listens on (not the worker's: it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1024, max = 65535))]
    pub port: Option<u16>,
    /// The path the load balancer checks, answering 200 (not the worker's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^/[A-Za-z0-9/_.-]*$"))]
    pub health_check_path: Option<String>,
    /// Extra environment variables.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

/// The Lambda overflow workers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct OverflowConfig {
    /// Memory in MiB; Lambda gives CPU in proportion.
    #[schemars(range(min = 128, max = 10240))]
    pub memory: u32,
    /// How long one batch may run, in seconds.
    #[schemars(range(min = 1, max = 900))]
    pub timeout_seconds: u32,
    /// Messages per invocation.
    #[schemars(range(min = 1, max = 10))]
    pub batch_size: u32,
    /// The most invocations the queue starts at once (2 to 1000).
    #[schemars(range(min = 2, max = 1000))]
    pub maximum_concurrency: u32,
}

impl Default for OverflowConfig {
    fn default() -> Self {
        OverflowConfig {
            memory: 2048,
            timeout_seconds: 300,
            batch_size: 5,
            maximum_concurrency: 10,
        }
    }
}

/// Where the alarms that need a person (the dead-letter alarm) notify.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AlarmsConfig {
    /// An existing SNS topic the operators already follow. Without it the
    /// stack makes one (`AlarmTopic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$"))]
    pub topic_arn: Option<String>,
    /// An e-mail address subscribed to the topic (SNS asks it to confirm).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), length(max = 254))]
    pub email: Option<String>,
}

/// The `background-tasks` queue and the alarms that scale the workers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct QueueConfig {
    /// How long a received message stays hidden, in seconds. Defaults to
    /// six times the overflow function's timeout, as AWS advises for
    /// Lambda consumers; it may not be less.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 43200))]
    pub visibility_timeout_seconds: Option<u32>,
    /// Receives before a message goes to the dead-letter queue.
    #[schemars(range(min = 1, max = 1000))]
    pub max_receive_count: u32,
    /// Visible messages above which the workers scale out.
    #[schemars(range(min = 1))]
    pub scale_out_depth: u32,
    /// Age of the oldest message, in seconds, above which the workers
    /// scale out.
    #[schemars(range(min = 60))]
    pub scale_out_age_seconds: u32,
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig {
            visibility_timeout_seconds: None,
            max_receive_count: 5,
            scale_out_depth: 100,
            scale_out_age_seconds: 300,
        }
    }
}

/// Amazon RDS for PostgreSQL.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// The seed's db.t3.medium.
    #[schemars(regex(pattern = r"^db\.[a-z0-9]+\.[a-z0-9]+$"))]
    pub instance_class: String,
    /// The storage the instance starts with, in GiB (default 20, RDS's
    /// least for gp storage).
    #[serde(rename = "allocatedStorageGiB")]
    #[schemars(range(min = 20, max = 65536))]
    pub allocated_storage_gib: u32,
    /// How far storage autoscaling may grow it.
    #[serde(rename = "maxAllocatedStorageGiB")]
    #[schemars(range(min = 21, max = 65536))]
    pub max_allocated_storage_gib: u32,
    /// How many days RDS keeps automated backups for point-in-time restore
    /// (default 7).
    #[schemars(range(min = 1, max = 35))]
    pub backup_retention_days: u32,
    /// The seed's Multi-AZ deployment.
    pub multi_az: bool,
}

impl DatabaseConfig {
    /// The instance this section describes, protected from deletion
    /// through the API when `deletion_protection`.
    pub fn size(&self, deletion_protection: bool) -> PostgresSize {
        PostgresSize {
            instance_class: self.instance_class.clone(),
            allocated_storage_gib: self.allocated_storage_gib,
            max_allocated_storage_gib: self.max_allocated_storage_gib,
            backup_retention_days: self.backup_retention_days,
            multi_az: self.multi_az,
            deletion_protection,
        }
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            instance_class: "db.t3.medium".to_string(),
            allocated_storage_gib: 20,
            max_allocated_storage_gib: 200,
            backup_retention_days: 7,
            multi_az: true,
        }
    }
}

/// The rules the schema cannot express, checked when the config is loaded.
impl framework::config::Validate for AdologyConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<Problem>> {
        framework::config::none_of(super::rules::check(self))
    }
}
