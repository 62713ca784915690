//! The systems this project deploys, each a function from a validated
//! configuration to a [`constructs::Template`].
//!
//! Stacks are pure: no network, no AWS credentials, no clock. Whatever only
//! the deployer knows becomes a CloudFormation parameter; whatever the
//! operator chooses comes from a config file checked against its JSON
//! Schema ([`config`]).

pub mod adology;
pub mod config;
pub mod dataspace;
pub mod edge;
pub mod error;
pub mod examples;
pub mod schedules;
pub mod shared;
pub mod tenant;

pub use error::StackError;
