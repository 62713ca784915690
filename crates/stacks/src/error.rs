//! Errors a user can fix: each names the field, the rule and what was given.

use std::fmt;

/// Why a stack could not be built from the given input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackError {
    /// A config file that does not parse or breaks its schema.
    Config {
        source: String,
        problems: Vec<String>,
    },
    /// A value (a tenant name, a derived resource name) that breaks a rule.
    InvalidInput {
        field: String,
        rule: String,
        given: String,
    },
    /// The template model refused what the stack built: a bug in the stack,
    /// reported rather than hidden.
    Template(constructs::Error),
    /// Something the project ships (a bundled template, a generated
    /// schema) failed: a bug, reported rather than a panic.
    Internal(String),
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StackError::Config { source, problems } => {
                write!(f, "invalid config {source}:")?;
                for problem in problems {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
            StackError::InvalidInput { field, rule, given } => {
                write!(f, "invalid {field} {given:?}: {rule}")
            }
            StackError::Template(error) => write!(f, "template error: {error}"),
            StackError::Internal(what) => write!(f, "internal error (a bug in synth): {what}"),
        }
    }
}

impl std::error::Error for StackError {}

impl From<constructs::Error> for StackError {
    fn from(error: constructs::Error) -> Self {
        StackError::Template(error)
    }
}
