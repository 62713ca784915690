//! What more than one stack's config or wiring uses: config shapes (a
//! network, a new VPC, access logs, retention days), their rules, and
//! statements and parameters several stacks declare the same way. The
//! resources every stack builds alike are `patterns`, which takes no
//! configs.
//!
//! Nothing here knows about a particular seed; each stack keeps its own
//! names, tags and policies.

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

pub use retention::RetentionDays;

/// Days an overwritten or deleted object of a versioned bucket stays
/// restorable when a config does not say: a month to notice a bad upload
/// or a leaked key's deletes.
pub const RECOVERABLE_DAYS: u32 = 30;

/// [`RECOVERABLE_DAYS`], as serde's default for a config field.
pub fn default_recoverable_days() -> u32 {
    RECOVERABLE_DAYS
}
