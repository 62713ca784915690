//! The platform's IAM roles ([`crate::shared::roles`]), described and
//! tagged as the platform's.

use constructs::aws::iam;
use constructs::iam::{PolicyDocument, Statement};

use super::names::Names;
use super::tags;
use crate::shared::roles::one_policy;

/// A role `trust` lets assume, with `statements` as its only policy.
pub fn role(
    names: &Names,
    trust: PolicyDocument,
    description: &str,
    policy_name: &str,
    statements: Vec<Statement>,
) -> iam::Role {
    one_policy(
        trust,
        format!("{}: {description}", names.system()),
        policy_name,
        statements,
        tags::standard(names),
    )
}
