//! What an operator may choose per tenant, as a config file checked against
//! the JSON Schema generated from these types (`synth schema tenant`).
//!
//! Everything has a default, so an empty file (or none) is a valid config;
//! values only the deployer knows (VPC, security groups, the file system,
//! the image) are CloudFormation parameters instead, see the module
//! `parameters`. A config changes the template's shape (which resources
//! exist); parameters change values inside one shape.

use framework::config::Problem;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::shared::RetentionDays;

/// The AskEdgi tenant stack's options.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TenantConfig {
    /// Delete the bucket, the access-key secrets and the log group with the
    /// stack (or when an update replaces them). By default they are
    /// retained, so deleting the stack never deletes a tenant's data.
    pub allow_delete_resources: bool,
    /// The default of the `LogLevel` parameter, which sets the data
    /// service's `LOG_LEVEL` (the seed uses `debug`).
    pub log_level: LogLevel,
    /// Days CloudWatch keeps the data service's logs.
    pub log_retention_days: RetentionDays,
    /// Days an overwritten or deleted object of the data bucket can still
    /// be restored: the bucket is versioned, and older versions expire
    /// after this many days (the runbook says how to restore one).
    #[schemars(range(min = 1, max = 3650))]
    pub recoverable_days: u32,
    /// Associate the two new private subnets with this existing route table
    /// (for example the VPC's private route table with its NAT route)
    /// instead of creating an empty route table for each. A new route table
    /// only routes inside the VPC: tasks then need VPC endpoints (ECR, S3,
    /// SQS, Secrets Manager, CloudWatch Logs) or a route added later.
    #[schemars(regex = "ROUTE_TABLE_ID_PATTERN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_route_table_id: Option<String>,
    /// The EFS file system already has mount targets in the new subnets'
    /// availability zones, so the stack creates none. EFS allows one mount
    /// target per availability zone: set this when the file system (shared
    /// with the OvalEdge UI and Job tasks) already has one there.
    pub efs_mount_targets_exist: bool,
    /// Who owns files written through the assets access point.
    pub assets_owner: PosixOwner,
    /// Receives of one message before SQS moves it to the queue's
    /// dead-letter queue.
    #[schemars(range(min = 1, max = 1000))]
    pub max_receive_count: u32,
    /// Use this existing ECS cluster instead of creating `askedgi-<tenant>`.
    #[schemars(regex = "CLUSTER_NAME_PATTERN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_cluster_name: Option<String>,
    /// Use this existing Cloud Map private DNS namespace instead of creating
    /// `<tenant>.askedgi.internal`.
    #[schemars(with = "ExistingNamespace")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_namespace: Option<ExistingNamespace>,
}

impl Default for TenantConfig {
    fn default() -> Self {
        TenantConfig {
            allow_delete_resources: false,
            log_level: LogLevel::default(),
            log_retention_days: RetentionDays::default(),
            recoverable_days: crate::shared::RECOVERABLE_DAYS,
            existing_route_table_id: None,
            efs_mount_targets_exist: false,
            assets_owner: PosixOwner::default(),
            max_receive_count: 10,
            existing_cluster_name: None,
            existing_namespace: None,
        }
    }
}

/// The tenant config has no rules beyond its schema: everything else is a
/// parameter, or the tenant name ([`super::TenantName`]).
impl framework::config::Validate for TenantConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<Problem>> {
        Ok(())
    }
}

/// An EC2 route table ID.
pub const ROUTE_TABLE_ID_PATTERN: &str = "^rtb-[0-9a-f]{8,17}$";
/// ECS cluster names: up to 255 letters, digits, hyphens and underscores.
pub const CLUSTER_NAME_PATTERN: &str = "^[A-Za-z0-9_-]{1,255}$";
/// A Cloud Map namespace ID.
pub const NAMESPACE_ID_PATTERN: &str = "^ns-[a-z0-9]{1,61}$";
/// A DNS domain name of at least two labels, as private namespaces use.
pub const DOMAIN_NAME_PATTERN: &str =
    "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
/// Octal permissions as EFS access points take them.
pub const PERMISSIONS_PATTERN: &str = "^[0-7]{3,4}$";

/// The data service's `LOG_LEVEL` values.
// The variants' docs are `#[doc = concat!(..)]`, which schemars does not
// read: with `///` the schema's `enum` becomes a `oneOf`, and a wrong
// value's error no longer lists the allowed values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    #[doc = concat!("Everything, with diagnostic detail: the seed's level (the default).")]
    #[default]
    Debug,
    #[doc = concat!("Routine events and above.")]
    Info,
    #[doc = concat!("Warnings and above.")]
    Warning,
    #[doc = concat!("Errors and above.")]
    Error,
    #[doc = concat!("Critical errors only.")]
    Critical,
}

impl LogLevel {
    /// Every level, in order: the `LogLevel` parameter's allowed values.
    pub const ALL: [LogLevel; 5] = [
        LogLevel::Debug,
        LogLevel::Info,
        LogLevel::Warning,
        LogLevel::Error,
        LogLevel::Critical,
    ];

    /// The value as the service reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warning => "warning",
            LogLevel::Error => "error",
            LogLevel::Critical => "critical",
        }
    }
}

/// The POSIX identity the assets access point enforces, and the owner and
/// permissions of its root directory when EFS creates it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PosixOwner {
    /// User ID every access through the access point runs as.
    pub uid: u32,
    /// Group ID every access through the access point runs as.
    pub gid: u32,
    /// Octal permissions of `/oe_edgi_assets_store` when EFS creates it.
    #[schemars(regex = "PERMISSIONS_PATTERN")]
    pub permissions: String,
}

impl Default for PosixOwner {
    fn default() -> Self {
        PosixOwner {
            uid: 1000,
            gid: 1000,
            permissions: "0755".to_string(),
        }
    }
}

/// A Cloud Map private DNS namespace that already exists in the VPC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExistingNamespace {
    /// The namespace ID (`EDGI_WORKSPACE_NAMESPACE_ID`), e.g. `ns-abcdefgh12345678`.
    #[schemars(regex = "NAMESPACE_ID_PATTERN")]
    pub id: String,
    /// The namespace's domain name (`EDGI_WORKSPACE_NAMESPACE`).
    #[schemars(regex = "DOMAIN_NAME_PATTERN", length(max = 253))]
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use framework::config;
    use framework::StackError;

    fn problems(text: &str) -> Vec<String> {
        match config::parse::<TenantConfig>(text, "t.yaml") {
            Err(StackError::Config { problems, .. }) => problems,
            other => panic!("{text:?} should be rejected, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_config_is_the_default() {
        assert_eq!(
            config::parse::<TenantConfig>("", "t.yaml")
                .unwrap()
                .into_inner(),
            TenantConfig::default()
        );
        assert_eq!(
            config::parse::<TenantConfig>("{}", "t.json")
                .unwrap()
                .into_inner(),
            TenantConfig::default()
        );
    }

    #[test]
    fn every_field_round_trips() {
        let text = "\
allowDeleteResources: true
logLevel: warning
logRetentionDays: 365
existingRouteTableId: rtb-0123456789abcdef0
efsMountTargetsExist: true
assetsOwner: {uid: 2000, gid: 3000, permissions: '0750'}
maxReceiveCount: 3
existingClusterName: shared_cluster-1
existingNamespace: {id: ns-abcdefgh12345678, name: workspaces.example.internal}
";
        let parsed = config::parse::<TenantConfig>(text, "t.yaml")
            .unwrap()
            .into_inner();
        assert_eq!(parsed.log_level, LogLevel::Warning);
        assert_eq!(parsed.log_retention_days.days(), 365);
        assert_eq!(parsed.assets_owner.permissions, "0750");
        let again = serde_json::to_string(&parsed).unwrap();
        assert_eq!(
            config::parse::<TenantConfig>(&again, "t.json")
                .unwrap()
                .into_inner(),
            parsed
        );
    }

    #[test]
    fn bad_values_name_the_field_and_rule() {
        let problems = problems(
            "logRetentionDays: 31\nlogLevel: loud\nexistingRouteTableId: rtb-xyz\n\
             existingClusterName: 'my cluster'\nmaxReceiveCount: 0\n\
             existingNamespace: {id: ns-abc, name: Not_A_Domain}\n\
             assetsOwner: {permissions: '999'}\nsurprise: 1\n",
        );
        for expected in [
            "/logRetentionDays",
            "/logLevel",
            "/existingRouteTableId",
            "/existingClusterName",
            "/maxReceiveCount",
            "/existingNamespace/name",
            "/assetsOwner/permissions",
            "surprise",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected} missing from {problems:#?}"
            );
        }
    }
}
