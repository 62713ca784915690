#![warn(missing_docs)]
//! `synth import`: CloudFormation templates into a Cargo package of typed
//! Rust stacks that synthesize them back unchanged.
//!
//! Each template becomes one module defining a [`framework::Stack`]:
//! every parameter, mapping, condition, rule, resource and output through
//! the generated types of `constructs`, references as typed handles, so a
//! reference to a resource that does not exist does not compile. What
//! the model cannot spell (a custom resource, a property newer than the
//! spec, a string parameter where an integer goes) goes through
//! `constructs::untyped`, and the report says where.
//!
//! The round trip is the contract: the package's stack prints a template
//! that `synth diff` finds identical to the one imported
//! (`cargo xtask import-check` proves it on every snapshot and a corpus
//! of public templates).
//!
//! Names come from codegen, never guessed: `model.jsonl`, written by
//! `cargo xtask codegen` beside the generated code, says what each type,
//! property, attribute and enum value became in Rust.

mod code;
pub mod command;
mod layout;
mod model;
mod package;
mod policy;
pub mod report;
mod rust;
mod stack;

use std::fmt;

pub use command::ImportCommand;
pub use package::{package, Package, Source};

/// Why a template cannot be imported: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The place in the template: `Resources.Queue.Properties.Tags[0]`.
    pub location: String,
    /// What is wrong there.
    pub problem: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.problem)
    }
}

impl std::error::Error for ImportError {}
