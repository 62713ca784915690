//! Reads CloudFormation templates of any origin (this project's snapshots,
//! another tool's output, what `aws cloudformation get-template` prints)
//! and explains them.
//!
//! Unlike `constructs`, which builds templates from types, everything here
//! works on the long-form JSON value of a template that already exists, so
//! it explains templates this project did not write.

pub mod diagram;
pub mod diff;
pub mod read;
pub mod sarif;
