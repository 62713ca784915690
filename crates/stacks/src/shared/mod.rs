//! Building blocks more than one stack uses: the same rule written once, so
//! the stacks cannot drift apart on how a bucket is encrypted, how plain
//! HTTP is refused, who may assume an ECS role, or how data is kept.
//!
//! Nothing here knows about a particular seed; each stack keeps its own
//! names, tags and policies.

pub mod access;
pub mod cidr;
pub mod discovery;
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
pub mod templates;
pub mod vpc;

use constructs::{Policy, Resource, ResourceType};

pub use retention::RetentionDays;

/// A secret whose value is a template parameter: what deleting it loses,
/// the next deploy puts back, so it goes with the stack (`Delete` for both
/// policies, written out like every stateful resource's) rather than
/// staying behind, orphaned, holding a credential.
pub fn rebuilt_from_parameters<R: ResourceType>(resource: Resource<R>) -> Resource<R> {
    resource
        .deletion_policy(Policy::Delete)
        .update_replace_policy(Policy::Delete)
}
