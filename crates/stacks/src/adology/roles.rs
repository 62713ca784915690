//! The platform's IAM roles: each trusted by one service (ECS tasks,
//! Lambda) and holding one inline policy, so a role grants exactly what
//! its task or function needs and nothing is shared by accident.

use constructs::aws::iam;
use constructs::iam::{PolicyDocument, Statement};

use super::names::Names;
use super::tags;

/// A role `trust` lets assume, with `statements` as its only policy.
pub fn role(
    names: &Names,
    trust: PolicyDocument,
    description: &str,
    policy_name: &str,
    statements: Vec<Statement>,
) -> iam::Role {
    iam::Role {
        description: Some(format!("{}: {description}", names.system()).into()),
        policies: Some(
            vec![iam::role::Policy::new(
                PolicyDocument::new(statements),
                policy_name,
            )]
            .into(),
        ),
        tags: tags::standard(names, iam::role::Tag::new),
        ..iam::Role::new(trust)
    }
}
