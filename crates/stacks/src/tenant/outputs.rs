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
use crate::error::StackError;

pub const BUCKET_NAME: &str = "BucketName";
pub const CLIENT_PREFIX: &str = "ClientPrefix";
pub const DATA_SYNC_QUEUE_NAME: &str = "DataSyncQueueName";
pub const AI_FUNCTIONS_QUEUE_NAME: &str = "AiFunctionsQueueName";
pub const DATA_SERVICE_FAMILY: &str = "DataServiceFamily";
pub const DATA_SERVICE_MEDIUM_FAMILY: &str = "DataServiceMediumFamily";
pub const DATA_SERVICE_XL_FAMILY: &str = "DataServiceXlFamily";
pub const CLUSTER_NAME: &str = "ClusterName";
pub const NAMESPACE_NAME: &str = "NamespaceName";
pub const NAMESPACE_ID: &str = "NamespaceId";
pub const SUBNETS: &str = "Subnets";
pub const SECURITY_GROUP_ID: &str = "SecurityGroupId";
pub const REGION: &str = "Region";
pub const EDGI_USER_ACCESS_KEY_SECRET_ARN: &str = "EdgiUserAccessKeySecretArn";
pub const BRIDGE_USER_ACCESS_KEY_SECRET_ARN: &str = "BridgeUserAccessKeySecretArn";
pub const ASSETS_ACCESS_POINT_ID: &str = "AssetsAccessPointId";
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
    pub names: &'a Names,
    pub bucket: &'a Handle<s3::Bucket>,
    pub queues: &'a Queues,
    pub network: &'a Network,
    pub discovery: &'a Discovery,
    pub key_secrets: &'a KeySecrets,
    pub access_point: &'a Handle<efs::AccessPoint>,
    pub log_group: &'a Handle<logs::LogGroup>,
}

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
