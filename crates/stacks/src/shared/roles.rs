//! IAM roles as every stack writes them: one trusted service and one
//! inline policy, so a role grants exactly what its one task or function
//! needs and no managed policy widens it later.

use constructs::aws::iam;
use constructs::iam::{PolicyDocument, Statement};
use constructs::{List, Value};

/// A role `trust` lets assume, with `statements` as its only policy.
pub fn one_policy(
    trust: PolicyDocument,
    description: String,
    policy_name: &str,
    statements: Vec<Statement>,
    tags: Option<Value<List<iam::role::Tag>>>,
) -> iam::Role {
    iam::Role {
        tags,
        ..iam::Role::new(trust)
            .description(description)
            .policies(vec![iam::role::Policy::new(
                PolicyDocument::new(statements),
                policy_name,
            )])
    }
}
