//! Step 10: the values the OvalEdge UI and Job task definitions need
//! (step 11 of the seed), as stack outputs exported as
//! `<stack name>-<output ID>`.
//!
//! | output | UI/Job environment |
//! | --- | --- |
//! | `BucketName` | `EDGI_BUCKET_NAME` |
//! | `ClientPrefix` | `EDGI_CLIENT_PREFIX` |
//! | `DataSyncQueueName` | (the queue `EDGI_CLIENT_PREFIX` names) |
//! | `AiFunctionsQueueName` | `EDGI_AI_FUNCTION_QUEUE` |
//! | `DataServiceFamily` | `EDGI_WORKSPACE_HOST`, `EDGI_STANDARD_DATATASK_FAMILYNAME` |
//! | `DataServiceMediumFamily` | `EDGI_MEDIUM_DATATASK_FAMILYNAME` |
//! | `DataServiceXlFamily` | `EDGI_LARGE_DATATASK_FAMILYNAME` |
//! | `ClusterName` | `EDGI_CLUSTER_NAME` |
//! | `NamespaceName` | `EDGI_WORKSPACE_NAMESPACE` |
//! | `NamespaceId` | `EDGI_WORKSPACE_NAMESPACE_ID` |
//! | `Subnets` | `EDGI_SUBNETS` (comma-separated) |
//! | `SecurityGroupId` | `EDGI_SECURITY_GROUP` |
//! | `Region` | `EDGI_AWS_REGION` |
//! | `EdgiUserAccessKeySecretArn` | `secrets`: `EDGI_AWS_ACCESS_ID`, `EDGI_AWS_SECRET_KEY` |
//! | `BridgeUserAccessKeySecretArn` | `secrets`: `BRIDGE_AWS_USER_ACCESS_KEY`, `BRIDGE_AWS_USER_SECRET_KEY` |
//! | `AssetsAccessPointId` | the UI and Job tasks' assets EFS volume |
//! | `LogGroupName` | (where to look when a workspace fails, step 12) |
//!
//! Outputs never carry a secret: the access keys are only reachable
//! through the secrets' ARNs.

use constructs::aws::{efs, logs, s3};
use constructs::{fns, pseudo, Handle, Output, Template, Value};

use super::discovery::Discovery;
use super::names::{self, DerivedName, Names};
use super::network::Network;
use super::queues::Queues;
use super::users::KeySecrets;
use framework::error::StackError;

/// The data bucket: `EDGI_BUCKET_NAME`.
pub const BUCKET_NAME: &str = "BucketName";
/// The tenant name, the SQS client prefix of its queue names:
/// `EDGI_CLIENT_PREFIX`.
pub const CLIENT_PREFIX: &str = "ClientPrefix";
/// The queue the bucket's object-created events go to, which
/// `EDGI_CLIENT_PREFIX` names.
pub const DATA_SYNC_QUEUE_NAME: &str = "DataSyncQueueName";
/// The AI functions queue: `EDGI_AI_FUNCTION_QUEUE`.
pub const AI_FUNCTIONS_QUEUE_NAME: &str = "AiFunctionsQueueName";
/// The data-service family (0.5 vCPU, 2 GB): `EDGI_WORKSPACE_HOST` and
/// `EDGI_STANDARD_DATATASK_FAMILYNAME`.
pub const DATA_SERVICE_FAMILY: &str = "DataServiceFamily";
/// The data-service-medium family (1 vCPU, 8 GB):
/// `EDGI_MEDIUM_DATATASK_FAMILYNAME`.
pub const DATA_SERVICE_MEDIUM_FAMILY: &str = "DataServiceMediumFamily";
/// The data-service-xl family (2 vCPU, 16 GB):
/// `EDGI_LARGE_DATATASK_FAMILYNAME`.
pub const DATA_SERVICE_XL_FAMILY: &str = "DataServiceXlFamily";
/// The ECS cluster data-service tasks run in: `EDGI_CLUSTER_NAME`.
pub const CLUSTER_NAME: &str = "ClusterName";
/// The Cloud Map namespace workspaces register in:
/// `EDGI_WORKSPACE_NAMESPACE`.
pub const NAMESPACE_NAME: &str = "NamespaceName";
/// That namespace's ID: `EDGI_WORKSPACE_NAMESPACE_ID`.
pub const NAMESPACE_ID: &str = "NamespaceId";
/// The data service's private subnets, comma-separated: `EDGI_SUBNETS`.
pub const SUBNETS: &str = "Subnets";
/// The data service's security group: `EDGI_SECURITY_GROUP`.
pub const SECURITY_GROUP_ID: &str = "SecurityGroupId";
/// The tenant's region: `EDGI_AWS_REGION`.
pub const REGION: &str = "Region";
/// The secret with the AskEdgi user's access key, which the task
/// definitions' `secrets` read as `EDGI_AWS_ACCESS_ID` and
/// `EDGI_AWS_SECRET_KEY`.
pub const EDGI_USER_ACCESS_KEY_SECRET_ARN: &str = "EdgiUserAccessKeySecretArn";
/// The secret with the bridge user's access key, which the task
/// definitions' `secrets` read as `BRIDGE_AWS_USER_ACCESS_KEY` and
/// `BRIDGE_AWS_USER_SECRET_KEY`.
pub const BRIDGE_USER_ACCESS_KEY_SECRET_ARN: &str = "BridgeUserAccessKeySecretArn";
/// The shared assets' EFS access point, for the UI and Job tasks' assets
/// volume.
pub const ASSETS_ACCESS_POINT_ID: &str = "AssetsAccessPointId";
/// The data service's log group, where to look when a workspace fails.
pub const LOG_GROUP_NAME: &str = "LogGroupName";

/// The family output of each data-service size.
const FAMILIES: [(&str, DerivedName, &str); 3] = [
    (
        DATA_SERVICE_FAMILY,
        names::DATA_SERVICE_FAMILY,
        "Family of the data-service task definition (0.5 vCPU, 2 GB)",
    ),
    (
        DATA_SERVICE_MEDIUM_FAMILY,
        names::DATA_SERVICE_MEDIUM_FAMILY,
        "Family of the data-service-medium task definition (1 vCPU, 8 GB)",
    ),
    (
        DATA_SERVICE_XL_FAMILY,
        names::DATA_SERVICE_XL_FAMILY,
        "Family of the data-service-xl task definition (2 vCPU, 16 GB)",
    ),
];

/// Everything the outputs report.
pub struct Sources<'a> {
    /// The tenant's names, for the client prefix and the task families.
    pub names: &'a Names,
    /// `BucketName`.
    pub bucket: &'a Handle<s3::Bucket>,
    /// `DataSyncQueueName` and `AiFunctionsQueueName`.
    pub queues: &'a Queues,
    /// `Subnets` and `SecurityGroupId`.
    pub network: &'a Network,
    /// `ClusterName`, `NamespaceName` and `NamespaceId`.
    pub discovery: &'a Discovery,
    /// `EdgiUserAccessKeySecretArn` and `BridgeUserAccessKeySecretArn`.
    pub key_secrets: &'a KeySecrets,
    /// `AssetsAccessPointId`.
    pub access_point: &'a Handle<efs::AccessPoint>,
    /// `LogGroupName`.
    pub log_group: &'a Handle<logs::LogGroup>,
}

/// Adds the outputs the UI and Job task definitions need, each exported as
/// `<stack name>-<output ID>` (step 10).
pub fn add(template: &mut Template, sources: &Sources) -> Result<(), StackError> {
    let names = sources.names;
    let subnets = sources
        .network
        .subnets
        .iter()
        .map(|subnet| subnet.reference())
        .collect::<Vec<_>>();
    let mut outputs: Vec<(&str, Value<String>, &str)> = vec![
        (
            BUCKET_NAME,
            sources.bucket.reference().into(),
            "The data bucket",
        ),
        (
            CLIENT_PREFIX,
            names.tenant().into(),
            "The SQS client prefix of the tenant's queue names",
        ),
        (
            DATA_SYNC_QUEUE_NAME,
            sources.queues.data_sync.queue_name().into(),
            "The queue the bucket's object-created events go to",
        ),
        (
            AI_FUNCTIONS_QUEUE_NAME,
            sources.queues.ai_functions.queue_name().into(),
            "The AI functions queue",
        ),
    ];
    outputs.extend(
        FAMILIES.map(|(id, family, description)| (id, names.literal(family).into(), description)),
    );
    outputs.extend([
        (
            CLUSTER_NAME,
            sources.discovery.cluster_name.clone(),
            "The ECS cluster data-service tasks run in",
        ),
        (
            NAMESPACE_NAME,
            sources.discovery.namespace_name.as_str().into(),
            "The Cloud Map namespace workspaces register in",
        ),
        (
            NAMESPACE_ID,
            sources.discovery.namespace_id.clone(),
            "The Cloud Map namespace's ID",
        ),
        (
            SUBNETS,
            fns::join(",", subnets).into(),
            "The data service's private subnets, comma-separated",
        ),
        (
            SECURITY_GROUP_ID,
            sources.network.security_group.group_id().into(),
            "The data service's security group",
        ),
        (REGION, pseudo::region().into(), "The tenant's region"),
        (
            EDGI_USER_ACCESS_KEY_SECRET_ARN,
            sources.key_secrets.edgi_user.reference().into(),
            "ARN of the secret holding the AskEdgi user's access key",
        ),
        (
            BRIDGE_USER_ACCESS_KEY_SECRET_ARN,
            sources.key_secrets.bridge_user.reference().into(),
            "ARN of the secret holding the bridge user's access key",
        ),
        (
            ASSETS_ACCESS_POINT_ID,
            sources.access_point.reference().into(),
            "The EFS access point of the shared assets",
        ),
        (
            LOG_GROUP_NAME,
            sources.log_group.reference().into(),
            "The data service's log group",
        ),
    ]);
    for (id, value, description) in outputs {
        template.add_output(
            Output::new(id, value)
                .description(description)
                .export(fns::sub(format!("${{AWS::StackName}}-{id}"))),
        )?;
    }
    Ok(())
}
