//! The platform's IAM roles ([`patterns::role`]), described and
//! tagged as the platform's.

use constructs::aws::iam;
use constructs::iam::{PolicyDocument, Statement};

use super::names::Names;
use patterns::role::{one_policy_role, RoleSpec};
use patterns::Scope;

/// A role `trust` lets assume, with `statements` as its only policy.
pub fn role(
    names: &Names,
    scope: &Scope,
    trust: PolicyDocument,
    description: &str,
    policy_name: &str,
    statements: Vec<Statement>,
) -> iam::Role {
    one_policy_role(
        scope,
        RoleSpec {
            trust,
            description: format!("{}: {description}", names.system()),
            policy_name,
            statements,
        },
    )
}
