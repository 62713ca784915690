//! What people need after the deploy, as stack outputs.
//!
//! | output | what for |
//! | --- | --- |
//! | `NatPublicIp` | allow-list it in MongoDB Atlas (Network Access): every task connects from it |
//! | `BucketName`, `GeneratedFilesUri` | where the processes write; `s3://<bucket>/GeneratedFiles/` |
//! | `RepositoryUri` | `docker tag` / `docker push` target |
//! | `ClusterName` | where to run a task by hand before enabling the schedules |
//! | `PrivateSubnetId`, `TaskSecurityGroupId` | the network configuration of such a manual run |

use constructs::{fns, Output, Template, Value};

use super::names::Names;
use super::network::Network;
use super::storage::{Storage, GENERATED_FILES_PREFIX};
use framework::error::StackError;

/// The NAT gateway's address, which every task connects from: allow-list it
/// in MongoDB Atlas.
pub const NAT_PUBLIC_IP: &str = "NatPublicIp";
/// The files bucket's name.
pub const BUCKET_NAME: &str = "BucketName";
/// `s3://<bucket>/GeneratedFiles/`, where the processes write.
pub const GENERATED_FILES_URI: &str = "GeneratedFilesUri";
/// Where to `docker tag` and `docker push` the image.
pub const REPOSITORY_URI: &str = "RepositoryUri";
/// The cluster to run a task in by hand before enabling the schedules.
pub const CLUSTER_NAME: &str = "ClusterName";
/// The tasks' subnet, for a task run by hand.
pub const PRIVATE_SUBNET_ID: &str = "PrivateSubnetId";
/// The tasks' security group, for a task run by hand.
pub const TASK_SECURITY_GROUP_ID: &str = "TaskSecurityGroupId";

/// Everything the outputs report.
pub struct Sources<'a> {
    /// The names, for the repository's URI.
    pub names: &'a Names,
    /// The NAT gateway's address and the tasks' subnet and security group.
    pub network: &'a Network,
    /// The bucket and the repository.
    pub storage: &'a Storage,
    /// The cluster the tasks run in.
    pub cluster: &'a constructs::Handle<constructs::aws::ecs::Cluster>,
}

/// Adds the outputs people need after the deploy, each described with what
/// it is for.
pub fn add(template: &mut Template, sources: &Sources) -> Result<(), StackError> {
    let bucket = &sources.storage.bucket;
    let outputs: [(&str, Value<String>, &str); 7] = [
        (
            NAT_PUBLIC_IP,
            sources.network.nat_ip.reference().into(),
            "The address every task connects from: allow-list it in MongoDB Atlas (Network Access)",
        ),
        (BUCKET_NAME, bucket.reference().into(), "The files bucket"),
        (
            GENERATED_FILES_URI,
            fns::sub(format!(
                "s3://${{{}}}/{GENERATED_FILES_PREFIX}",
                bucket.logical_id()
            ))
            .into(),
            "Where the processes write generated files",
        ),
        (
            REPOSITORY_URI,
            sources.storage.repository.uri(sources.names).into(),
            "Tag and push the image here",
        ),
        (
            CLUSTER_NAME,
            sources.cluster.reference().into(),
            "The ECS cluster the tasks run in",
        ),
        (
            PRIVATE_SUBNET_ID,
            sources.network.private_subnet.reference().into(),
            "The tasks' subnet, for running a task by hand",
        ),
        (
            TASK_SECURITY_GROUP_ID,
            sources.network.security_group.group_id().into(),
            "The tasks' security group, for running a task by hand",
        ),
    ];
    for (id, value, description) in outputs {
        template.add_output(Output::new(id, value).description(description))?;
    }
    Ok(())
}
