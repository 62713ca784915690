#![warn(missing_docs)]
//! Reads CloudFormation templates of any origin (this project's snapshots,
//! another tool's output, what `aws cloudformation get-template` prints)
//! and explains them.
//!
//! Unlike `constructs`, which builds templates from types, everything here
//! works on the long-form JSON value of a template that already exists, so
//! it explains templates this project did not write.
//!
//! - [`read`] turns a file, standard input or `get-template` output into a
//!   [`read::Template`].
//! - [`diff`] says what updating a stack from one template to another does:
//!   what is replaced, which of it holds data, what will fail.
//! - [`diagram`] draws a template (Mermaid, DOT, SVG, HTML).
//! - [`sarif`] writes findings for GitHub code scanning.
//!
//! ```
//! use inspect::{diff, read};
//!
//! let table = |key: &str| format!(
//!     "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      \
//!      KeySchema: [{{AttributeName: {key}, KeyType: HASH}}]\n"
//! );
//! let old = read::parse(&table("id"), "old.yaml").unwrap();
//! let new = read::parse(&table("orderId"), "new.yaml").unwrap();
//! let report = diff::diff(&old, &new);
//! // A new key schema replaces the table, and the table holds data.
//! assert_eq!(report.outcome(), diff::Outcome::Destructive);
//! assert_eq!(report.outcome().exit_code(), 3);
//! ```
//!
//! Not here: anything that calls AWS. A diff compares two templates and
//! never asks CloudFormation for a change set.

pub mod diagram;
pub mod diff;
pub mod read;
pub mod references;
pub mod sarif;

/// Text escaped for XML and HTML, as every page this crate writes escapes it.
pub use diagram::text::xml as escape_xml;
