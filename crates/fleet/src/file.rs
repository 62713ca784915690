//! The fleet file as written: a home region, defaults every tenant starts
//! from, and the tenants, each with its account, regions, wave, config
//! overrides and parameter values (`synth schema fleet`).
//!
//! Configs stay JSON documents here, not [`TenantConfig`]s: a tenant's
//! overrides are merged over the defaults as documents first (module
//! `overrides`), and only the merged document is a tenant config. The
//! schema still describes both with the tenant config's schema, so an
//! editor completes them and a misspelt field is reported where it is
//! written (`/tenants/3/config/logLevl`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use stacks::tenant::TenantConfig;

/// A config document: part of a tenant config, merged over others.
pub type ConfigDocument = serde_json::Map<String, serde_json::Value>;

/// A fleet of AskEdgi tenants and how they roll out.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FleetFile {
    /// The home region: where Customizations for AWS Control Tower runs its
    /// pipeline (the manifest's `region`) and where `stacksets.sh`
    /// administers the stack sets.
    #[schemars(regex = "REGION_PATTERN")]
    pub region: String,
    /// What every tenant starts from.
    #[serde(default)]
    pub defaults: Defaults,
    /// How `stacksets.sh` rolls each tenant's stack set out to its regions.
    #[serde(default)]
    pub stack_sets: OperationPreferences,
    /// The tenants, in any order: waves, not positions, order the rollout.
    #[schemars(length(min = 1))]
    pub tenants: Vec<TenantEntry>,
}

/// The config and parameter values every tenant gets unless it says
/// otherwise.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Defaults {
    /// A tenant config (`synth schema tenant`), the base of every tenant's.
    #[serde(default)]
    #[schemars(with = "TenantConfig")]
    pub config: ConfigDocument,
    /// CloudFormation parameter values of the tenant template, by
    /// parameter name (`ContainerImage`, `LogLevel`, ...).
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

/// One tenant: one stack (`askedgi-<name>`) per region in one account.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantEntry {
    /// The tenant name, as `synth tenant NAME` takes it; every physical
    /// name derives from it, so it must be unique in the fleet.
    pub name: String,
    /// The 12-digit AWS account the tenant's stacks go to, as a string
    /// (quote it in YAML: a leading zero matters).
    #[schemars(regex = "ACCOUNT_PATTERN")]
    pub account: String,
    /// The regions of the tenant's stacks, each once.
    #[schemars(length(min = 1), inner(regex = "REGION_PATTERN"))]
    pub regions: Vec<String>,
    /// Rollout order: every tenant of wave 1 is deployed before any of
    /// wave 2, and a failure in a wave stops the rollout there.
    #[schemars(range(min = 1))]
    pub wave: u32,
    /// Overrides of `defaults.config`: objects merge key by key, anything
    /// else replaces the default.
    #[serde(default)]
    #[schemars(with = "TenantConfig")]
    pub config: ConfigDocument,
    /// Parameter values of this tenant, over `defaults.parameters`: its
    /// VPC, subnets, security groups, file system, secret, URL, image.
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

/// StackSets operation preferences of each tenant's `create-stack-instances`
/// call (one account, the tenant's regions).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct OperationPreferences {
    /// Regions that may fail before StackSets stops the operation.
    pub failure_tolerance_count: u32,
    /// Regions deployed at once.
    #[schemars(range(min = 1))]
    pub max_concurrent_count: u32,
}

impl Default for OperationPreferences {
    fn default() -> Self {
        OperationPreferences {
            failure_tolerance_count: 0,
            max_concurrent_count: 1,
        }
    }
}

/// An AWS account ID.
pub const ACCOUNT_PATTERN: &str = "^[0-9]{12}$";
/// A commercial, GovCloud or China region name (`us-east-1`, `us-gov-west-1`).
pub const REGION_PATTERN: &str = "^[a-z]{2}(-[a-z]+)+-[0-9]$";
