//! What an operator writes down for one Datafi edge deployment: the seed's
//! `config.ts`, as a YAML or JSON file checked against the JSON Schema
//! generated from these types (`synth schema edge`), then against the rules
//! a schema cannot express ([`super::rules`]).
//!
//! Secrets are not in the config. The seed's `env.sh` values (edge server
//! keys, update-API secrets, registry credentials, the coordinator's keys)
//! are NoEcho CloudFormation parameters that the stack stores in Secrets
//! Manager (see `secrets`), so they never pass through a file in the
//! repository, the template or the shell history of `synth`.

use framework::config::Problem;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names::{DEPLOYMENT_NAME_PATTERN, DOMAIN_PATTERN, SERVER_NAME_PATTERN};
use crate::shared::load_balancer::{AccessLogsConfig, CERTIFICATE_ARN_PATTERN};
use crate::shared::network::NetworkConfig;
use crate::shared::RetentionDays;

/// One Datafi edge deployment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EdgeConfig {
    /// The deployment's name: lowercase letters, digits and hyphens. The
    /// cluster, load balancer, log groups, functions and buckets are named
    /// after it, so two deployments can share an account.
    #[serde(default = "default_name")]
    #[schemars(regex = "DEPLOYMENT_NAME_PATTERN", length(min = 2, max = 20))]
    pub name: String,
    /// The AWS account and region this deployment is for. Optional: the
    /// template uses pseudo parameters everywhere; when given, the stack
    /// refuses to deploy anywhere else (a CloudFormation rule).
    #[serde(default, skip_serializing_if = "AwsTarget::is_empty")]
    pub aws: AwsTarget,
    /// The VPC: a new one (the default) or an existing one.
    #[serde(default)]
    pub network: NetworkConfig,
    /// The load balancer every server and the coordinator share.
    #[serde(default)]
    pub load_balancer: LoadBalancerConfig,
    /// The domain the servers are reached under, its hosted zone and
    /// certificate.
    pub dns: DnsConfig,
    /// The edge servers: at least one, long-running or serverless.
    pub edge_servers: EdgeServers,
    /// The coordinator, at most one per deployment (a second `coordinator`
    /// key is an error). Leave it out to use Datafi's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<CoordinatorConfig>,
    /// A Cloud Map namespace the servers register in, for other Datafi
    /// services in the VPC that call them directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_discovery: Option<ServiceDiscoveryConfig>,
    /// Days CloudWatch keeps the servers' and functions' logs.
    #[serde(default)]
    pub log_retention_days: RetentionDays,
    /// Days an overwritten or deleted object of a server's bucket can still
    /// be restored: the buckets are versioned, and older versions expire
    /// after this many days.
    #[serde(default = "crate::shared::default_recoverable_days")]
    #[schemars(range(min = 1, max = 3650))]
    pub bucket_recoverable_days: u32,
    /// Delete the buckets and log groups with the stack, or when an update
    /// replaces them. By default they are retained, as in the seed (a
    /// bucket is only deleted once empty).
    #[serde(default)]
    pub allow_delete_resources: bool,
}

/// The seed's `aws` section, both fields optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AwsTarget {
    /// The 12-digit account ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{12}$"))]
    pub account_id: Option<String>,
    /// The region, e.g. `us-east-1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z]{2}(-[a-z]+)+-\d$"))]
    pub region: Option<String>,
}

impl AwsTarget {
    fn is_empty(&self) -> bool {
        self.account_id.is_none() && self.region.is_none()
    }
}

/// The load balancer's connection timeout and access logs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerConfig {
    /// How long a connection may stay idle, in seconds. The seed's 3600
    /// keeps long queries and streams open.
    #[serde(default = "default_idle_timeout")]
    #[schemars(range(min = 1, max = 4000))]
    pub idle_timeout_seconds: u32,
    /// Access logs to the stack's bucket, kept 90 days by default.
    #[serde(default)]
    pub access_logs: AccessLogsConfig,
}

impl Default for LoadBalancerConfig {
    fn default() -> Self {
        LoadBalancerConfig {
            idle_timeout_seconds: default_idle_timeout(),
            access_logs: AccessLogsConfig::default(),
        }
    }
}

/// The domain, its hosted zone and its certificate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DnsConfig {
    /// The root domain, e.g. `datafi-edge.example.com`: edge servers answer
    /// at `<name>.<domain>`, the coordinator at `co.<domain>`, the update
    /// APIs at `update.<domain>/<name>`. At most 91 characters, so every
    /// host fits the load balancer's 128 (at most 64 when the stack creates
    /// the certificate: ACM's limit).
    #[schemars(regex = "DOMAIN_PATTERN", length(max = 91))]
    pub domain: String,
    /// `create` a public hosted zone for the domain (then delegate to its
    /// name servers, the `NameServers` output), or use an `existing` one
    /// (parameter `HostedZoneId`).
    #[serde(default)]
    pub hosted_zone: Provision,
    /// With `hostedZone: existing`, the default of the `HostedZoneId`
    /// parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = "^Z[0-9A-Z]{1,31}$"))]
    pub hosted_zone_id: Option<String>,
    /// `create` a certificate for the domain and `*.<domain>`, validated
    /// through DNS records in the hosted zone, or use an `existing` one
    /// (parameter `CertificateArn`) in the stack's region.
    #[serde(default)]
    pub certificate: Provision,
    /// With `certificate: existing`, the default of the `CertificateArn`
    /// parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex = "CERTIFICATE_ARN_PATTERN")]
    pub certificate_arn: Option<String>,
}

/// Whether the stack makes a resource or is given an existing one.
// The variants' docs are `#[doc = concat!(..)]`, which schemars does not
// read: with `///` the schema's `enum` becomes a `oneOf`, and a wrong
// value's error no longer lists the allowed values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Provision {
    #[doc = concat!("The stack makes it (the default).")]
    #[default]
    Create,
    #[doc = concat!("The stack is given one, through a parameter.")]
    Existing,
}

/// The seed's `edgeServers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EdgeServers {
    /// Fargate services, each with an update API.
    #[serde(default)]
    pub long_running: Vec<LongRunningServer>,
    /// Lambda functions from a container image, behind the load balancer.
    #[serde(default)]
    pub serverless: Vec<ServerlessServer>,
}

/// An edge server that runs as a Fargate service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LongRunningServer {
    /// A DNS label (lowercase letters, digits, hyphens): the server answers
    /// at `<name>.<domain>`, and its logical IDs and parameters start with
    /// `EdgeServer` and the name in PascalCase (`es-1` gives
    /// `EdgeServerEs1`).
    #[schemars(regex = "SERVER_NAME_PATTERN", length(max = 36))]
    pub name: String,
    /// The image repository, without the tag.
    #[serde(default = "default_edge_image")]
    #[schemars(regex = "IMAGE_PATTERN")]
    pub image: String,
    /// The image tag the stack deploys; the update API moves it later.
    #[serde(default = "default_tag")]
    #[schemars(regex = "TAG_PATTERN")]
    pub image_tag: String,
    /// CPU units (1024 is one vCPU); Fargate's sizes only.
    #[serde(default = "default_cpu")]
    #[schemars(schema_with = "crate::shared::fargate::cpu_schema")]
    pub cpu: u32,
    /// Memory in MiB, a size Fargate offers with `cpu`. Half of it is the
    /// server's cache limit (`MEMORY`) unless `environment` sets one.
    #[serde(default = "default_memory")]
    #[schemars(range(min = 512, max = 122880))]
    pub memory: u32,
    /// How many tasks run side by side.
    #[serde(default = "default_desired_count")]
    #[schemars(range(min = 0, max = 100))]
    pub desired_count: u32,
    /// Which slot of listener rule priorities the server's rules take
    /// (priorities 3·slot+1 to 3·slot+3). By default a hash of the name;
    /// set it only when `synth` reports that two names hash to one slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 16665))]
    pub rule_slot: Option<u32>,
    /// Give the server its own S3 bucket (the seed's `s3Enabled`).
    #[serde(default)]
    pub bucket: bool,
    /// Extra environment variables (the seed's `envVars`: `LOG_LEVEL`,
    /// `TIMEOUT`, `CACHE_LIFE`, ...). `KEY` and `JWT_JWKS` are secrets and
    /// come from parameters, never from here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

/// An edge server that runs as a Lambda function.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerlessServer {
    /// A DNS label, as for long-running servers; the names of both kinds
    /// share one namespace.
    #[schemars(regex = "SERVER_NAME_PATTERN", length(max = 36))]
    pub name: String,
    /// The ECR repository (in this account and region, as Lambda requires)
    /// holding the server's Lambda image.
    #[schemars(regex = "ECR_REPOSITORY_PATTERN")]
    pub repository: String,
    /// The tag of the image in `repository` the function runs (default
    /// `latest`).
    #[serde(default = "default_tag")]
    #[schemars(regex = "TAG_PATTERN")]
    pub image_tag: String,
    /// Memory in MiB; Lambda gives CPU in proportion.
    #[serde(default = "default_memory")]
    #[schemars(range(min = 128, max = 10240))]
    pub memory: u32,
    /// How long one request may run, in seconds (the seed's 28 for
    /// serverless servers).
    #[serde(default = "default_serverless_timeout")]
    #[schemars(range(min = 1, max = 900))]
    pub timeout_seconds: u32,
    /// Which slot of listener rule priorities the server's rules take
    /// (priorities 3·slot+1 to 3·slot+3). By default a hash of the name;
    /// set it only when `synth` reports that two names hash to one slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 16665))]
    pub rule_slot: Option<u32>,
    /// Extra environment variables; the key is not one of them (see
    /// `KEY_SECRET_ARN`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

/// The coordinator: one Fargate service at `co.<domain>`, its image pulled
/// from a private (Azure) container registry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoordinatorConfig {
    /// The registry's host, e.g. `datafi.azurecr.io`. Its credentials are
    /// the parameters `RegistryUsername` and `RegistryPassword`.
    #[schemars(regex = "REGISTRY_PATTERN")]
    pub registry: String,
    /// The repository in the registry.
    #[serde(default = "default_coordinator_repository")]
    #[schemars(regex = "IMAGE_PATTERN")]
    pub repository: String,
    /// The coordinator image's tag (default `latest`).
    #[serde(default = "default_tag")]
    #[schemars(regex = "TAG_PATTERN")]
    pub image_tag: String,
    /// CPU units (1024 is one vCPU); Fargate's sizes only. The default 1024
    /// is the seed's one vCPU.
    #[serde(default = "default_cpu")]
    #[schemars(schema_with = "crate::shared::fargate::cpu_schema")]
    pub cpu: u32,
    /// Memory in MiB, a size Fargate offers with `cpu`. The default 2048 is
    /// the seed's 2 GB.
    #[serde(default = "default_memory")]
    #[schemars(range(min = 512, max = 122880))]
    pub memory: u32,
    /// How many coordinator tasks run side by side (default 1).
    #[serde(default = "default_desired_count")]
    #[schemars(range(min = 0, max = 100))]
    pub desired_count: u32,
    /// Datafi's global coordinator (`GLOBAL_COORDINATOR`).
    #[serde(default = "default_global_coordinator")]
    #[schemars(regex = "HTTPS_URL_PATTERN")]
    pub global_coordinator: String,
    /// The identity provider whose tokens the coordinator accepts
    /// (`TOKEN_ISSUER`), e.g. a Cognito user pool URL.
    #[schemars(regex = "HTTPS_URL_PATTERN")]
    pub token_issuer: String,
    /// Which slot of listener rule priorities the coordinator's rules take
    /// (priorities 3·slot+1 to 3·slot+3). By default a hash of the name;
    /// set it only when `synth` reports that two names hash to one slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 16665))]
    pub rule_slot: Option<u32>,
    /// `MODE`.
    #[serde(default = "default_mode")]
    #[schemars(length(min = 1, max = 20))]
    pub mode: String,
    /// Extra environment variables. The coordinator's keys (`CO_KEYVAL`,
    /// `CO_JWT_KID`, `CO_JWT_KEY`, `JWT_JWKS`) are secrets and come from
    /// parameters, never from here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

/// The seed's optional service discovery namespace.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceDiscoveryConfig {
    /// The private DNS namespace, e.g. `datafi-edge.internal`: each server
    /// is `<name>.<namespace>` inside the VPC.
    #[schemars(regex = "DOMAIN_PATTERN", length(max = 200))]
    pub namespace: String,
}

/// Image repositories as Docker names them: `datafi/es`,
/// `registry.example.com:5000/team/app`.
pub const IMAGE_PATTERN: &str =
    r"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$";
/// An `https://` URL.
pub const HTTPS_URL_PATTERN: &str = r"^https://[^\s/?#]+[^\s]*$";
/// A Docker image tag.
pub const TAG_PATTERN: &str = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
/// An ECR repository name.
pub const ECR_REPOSITORY_PATTERN: &str =
    "^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$";
/// A registry host name, optionally with a port.
pub const REGISTRY_PATTERN: &str =
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]+)?$";

fn default_name() -> String {
    "datafi-edge".to_string()
}

/// The seed's default load balancer timeout.
fn default_idle_timeout() -> u32 {
    3600
}

/// The seed's image, on Docker Hub.
fn default_edge_image() -> String {
    "datafi/es".to_string()
}

fn default_coordinator_repository() -> String {
    "co".to_string()
}

fn default_tag() -> String {
    "latest".to_string()
}

/// The seed's 1 vCPU.
fn default_cpu() -> u32 {
    1024
}

/// The seed's 2 GB.
fn default_memory() -> u32 {
    2048
}

fn default_desired_count() -> u32 {
    1
}

/// The seed's timeout for serverless servers, under the 30 s a browser
/// usually waits.
fn default_serverless_timeout() -> u32 {
    28
}

fn default_global_coordinator() -> String {
    "https://co-global.api.home.datafi.us".to_string()
}

fn default_mode() -> String {
    "prod".to_string()
}

/// The rules the schema cannot express, checked when the config is loaded.
impl framework::config::Validate for EdgeConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<Problem>> {
        framework::config::none_of(super::rules::check(self))
    }
}
