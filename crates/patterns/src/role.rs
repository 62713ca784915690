//! The one IAM role: trusted by one service, with one inline policy, so a
//! role grants exactly what its one task or function needs and no managed
//! policy widens it later; tagged with the scope's tags.

use constructs::aws::iam;
use constructs::iam::{PolicyDocument, Statement};

use crate::scope::Scope;

/// Who may assume the role, what it is for, and what it may do.
pub struct RoleSpec<'a> {
    /// The trust policy: one service, ideally on behalf of this account.
    pub trust: PolicyDocument,
    /// What the console shows beside the role.
    pub description: String,
    /// The name of its one inline policy.
    pub policy_name: &'a str,
    /// What the role may do: the statements of that policy.
    pub statements: Vec<Statement>,
}

/// The role `spec` describes.
pub fn one_policy_role(scope: &Scope, spec: RoleSpec) -> iam::Role {
    iam::Role {
        tags: scope.tag_list(),
        ..iam::Role::new(spec.trust)
            .description(spec.description)
            .policies(vec![iam::role::Policy::new(iam::role::PolicyRequired {
                policy_document: PolicyDocument::new(spec.statements).into(),
                policy_name: spec.policy_name.into(),
            })])
    }
}
