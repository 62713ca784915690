//! Errors a user can fix: each names the field, the rule and what was given.

use std::fmt;

pub use yaml::excerpt;

/// Why a stack could not be built from the given input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackError {
    /// A config file that does not parse or breaks its schema.
    Config {
        /// Where the config came from: its file, or the stack's defaults.
        source: String,
        /// Each broken rule, as `"<JSON pointer>: <given value> <rule>"`.
        problems: Vec<String>,
    },
    /// A value (a tenant name, a derived resource name) that breaks a rule.
    InvalidInput {
        /// What was given: a tenant name, a derived name, a flag.
        field: String,
        /// What it must be, phrased to follow its value.
        rule: String,
        /// The value as given; messages quote at most [`MAX_QUOTED`]
        /// characters of it.
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
                write!(f, "invalid config {}:", excerpt(source, MAX_QUOTED))?;
                for problem in problems.iter().take(MAX_PROBLEMS) {
                    write!(f, "\n  - {}", excerpt(problem, MAX_PROBLEM))?;
                }
                if problems.len() > MAX_PROBLEMS {
                    write!(f, "\n  and {} more", problems.len() - MAX_PROBLEMS)?;
                }
                Ok(())
            }
            StackError::InvalidInput { field, rule, given } => {
                write!(
                    f,
                    "invalid {field} {:?}: {rule}",
                    excerpt(given, MAX_QUOTED)
                )
            }
            StackError::Template(error) => write!(f, "template error: {error}"),
            StackError::Internal(what) => write!(f, "internal error (a bug in synth): {what}"),
        }
    }
}

impl std::error::Error for StackError {}

/// Problems listed before "and N more": enough to fix a file in passes,
/// few enough that a fleet of 5,000 broken tenants prints a screenful.
pub const MAX_PROBLEMS: usize = 20;
/// The longest value an error quotes.
pub const MAX_QUOTED: usize = 80;
/// The longest problem line: a pointer, a rule and a quoted value.
const MAX_PROBLEM: usize = 240;

impl From<constructs::Error> for StackError {
    fn from(error: constructs::Error) -> Self {
        StackError::Template(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_capped_and_long_values_cut() {
        let error = StackError::Config {
            source: "fleet.yaml".into(),
            problems: (0..5000)
                .map(|i| format!("/tenants/{i}: {}", "x".repeat(1000)))
                .collect(),
        };
        let text = error.to_string();
        // Twenty cut lines and the count of the rest, whatever was given.
        let bound = "invalid config fleet.yaml:".len() + MAX_PROBLEMS * (MAX_PROBLEM + 9) + 20;
        assert!(text.len() < bound, "{} bytes", text.len());
        assert!(text.ends_with("\n  and 4980 more"), "{text}");
        let error = StackError::InvalidInput {
            field: "tenant name".into(),
            rule: "at most 20 characters".into(),
            given: "a".repeat(100_000),
        };
        assert!(error.to_string().len() < 200);
        assert!(error.to_string().contains("aaa...\""), "{error}");
        assert_eq!(excerpt("short", 80), "short");
    }
}
