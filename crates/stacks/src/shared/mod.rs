//! Building blocks more than one stack uses: the same rule written once, so
//! the stacks cannot drift apart on how a bucket is encrypted, how plain
//! HTTP is refused, who may assume an ECS role, or how data is kept.
//!
//! Nothing here knows about a particular seed; each stack keeps its own
//! names, tags and policies.

pub mod access;
pub mod cidr;
pub mod discovery;
pub mod ecs;
pub mod environment;
pub mod fargate;
pub mod image_tag;
pub mod lambda;
pub mod load_balancer;
pub mod network;
pub mod parameters;
pub mod postgres;
pub mod registry;
pub mod retention;
pub mod roles;
pub mod security_groups;
pub mod tags;
pub mod templates;
pub mod vpc;

use constructs::{Policy, Resource, ResourceType};

pub use retention::RetentionDays;

/// A resource that holds data: kept (not deleted) when it leaves the stack
/// or an update replaces it, unless the operator allowed deleting it
/// (`allowDeleteResources`); either way the policy is explicit.
///
/// Kept `RetainExceptOnCreate`: when the stack's first create fails and
/// rolls back, the resource goes too (it holds nothing yet), so a named
/// bucket or log group does not block the retry with "already exists".
pub fn stateful<R: ResourceType>(resource: Resource<R>, allow_delete: bool) -> Resource<R> {
    if allow_delete {
        resource
            .deletion_policy(Policy::Delete)
            .update_replace_policy(Policy::Delete)
    } else {
        resource
            .deletion_policy(Policy::RetainExceptOnCreate)
            .update_replace_policy(Policy::Retain)
    }
}

/// A secret whose value is a template parameter: what deleting it loses,
/// the next deploy puts back, so it goes with the stack (`Delete` for both
/// policies, written out like every stateful resource's) rather than
/// staying behind, orphaned, holding a credential.
pub fn rebuilt_from_parameters<R: ResourceType>(resource: Resource<R>) -> Resource<R> {
    resource
        .deletion_policy(Policy::Delete)
        .update_replace_policy(Policy::Delete)
}

/// A database or cache: a final snapshot when it leaves the stack or an
/// update replaces it, unless the operator allowed deleting it.
pub fn snapshotted<R: ResourceType>(resource: Resource<R>, allow_delete: bool) -> Resource<R> {
    let policy = if allow_delete {
        Policy::Delete
    } else {
        Policy::Snapshot
    };
    resource
        .deletion_policy(policy)
        .update_replace_policy(policy)
}
