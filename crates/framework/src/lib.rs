#![warn(missing_docs)]
//! What a stack is, apart from any particular system: a [`Stack`] is a
//! function from a validated configuration to a [`constructs::Template`],
//! with what the command line, the tests and the deploy tasks need to know
//! about it. `synth::run` builds a whole command line from a list of them,
//! plus any extra [`Command`]s a binary registers.
//!
//! Stacks are pure: no network, no AWS credentials, no clock. Whatever only
//! the deployer knows becomes a CloudFormation parameter; whatever the
//! operator chooses comes from a config file checked against its JSON
//! Schema and its [`config::Validate`] rules.
//!
//! ```
//! use framework::config::{self, problem, Validate};
//! use schemars::JsonSchema;
//! use serde::Deserialize;
//!
//! #[derive(Debug, Deserialize, JsonSchema)]
//! #[serde(rename_all = "camelCase", deny_unknown_fields)]
//! struct QueueConfig {
//!     retention_days: u32,
//! }
//!
//! impl Validate for QueueConfig {
//!     type Facts = ();
//!     fn check(&self) -> Result<(), Vec<config::Problem>> {
//!         config::none_of(if self.retention_days <= 14 {
//!             Vec::new()
//!         } else {
//!             vec![problem("/retentionDays", self.retention_days, "is over 14 days")]
//!         })
//!     }
//! }
//!
//! // The schema catches a wrong type, the rules what a schema cannot say.
//! assert!(config::parse::<QueueConfig>("retentionDays: four\n", "q.yaml").is_err());
//! let error = config::parse::<QueueConfig>("retentionDays: 30\n", "q.yaml").unwrap_err();
//! assert!(error.to_string().contains("/retentionDays: 30 is over 14 days"));
//! assert_eq!(config::parse::<QueueConfig>("retentionDays: 4\n", "q.yaml").unwrap().retention_days, 4);
//! ```

pub mod command;
pub mod config;
pub mod error;
pub mod examples;
pub mod stack;

pub use command::{Command, CommandError, FileError};
pub use error::StackError;
pub use stack::{AnyStack, Stack};

/// The stack whose verb is `verb` among `stacks`.
pub fn find<'a>(stacks: &[&'a dyn AnyStack], verb: &str) -> Option<&'a dyn AnyStack> {
    stacks.iter().copied().find(|stack| stack.verb() == verb)
}
