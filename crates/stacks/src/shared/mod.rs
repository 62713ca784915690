//! Building blocks more than one stack uses: the same rule written once, so
//! the tenant and the schedules stacks cannot drift apart on how a bucket is
//! encrypted, how plain HTTP is refused, or who may assume an ECS role.
//!
//! Nothing here knows about a particular seed; each stack keeps its own
//! names, tags and policies.

pub mod access;
pub mod bucket;
pub mod cidr;
pub mod ecs;
pub mod fargate;
pub mod load_balancer;
pub mod logs;
pub mod network;
pub mod parameters;
pub mod postgres;
pub mod registry;
pub mod retention;
pub mod security_groups;
pub mod tags;
pub mod templates;
pub mod vpc;

use constructs::{Policy, Resource, ResourceType};

pub use retention::RetentionDays;

/// A resource that holds data: kept (not deleted) when it leaves the stack
/// or an update replaces it, unless the operator allowed deleting it
/// (`allowDeleteResources`); either way the policy is explicit.
pub fn stateful<R: ResourceType>(resource: Resource<R>, allow_delete: bool) -> Resource<R> {
    let policy = if allow_delete {
        Policy::Delete
    } else {
        Policy::Retain
    };
    resource
        .deletion_policy(policy)
        .update_replace_policy(policy)
}
