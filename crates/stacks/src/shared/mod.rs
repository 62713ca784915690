//! What more than one stack's config or wiring uses: config shapes (a
//! network, a new VPC, access logs, retention days), their rules, and
//! statements and parameters several stacks declare the same way. The
//! resources every stack builds alike are `patterns`, which takes no
//! configs.
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

pub use retention::RetentionDays;
