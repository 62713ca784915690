//! The IAM roles of the stack: each with one inline policy and trusted by
//! one service (ECS tasks or Lambda), so a role grants exactly what its one
//! task or function needs.

use constructs::aws::iam;
use constructs::iam::Statement;

use patterns::access::{ecs_tasks_trust, lambda_trust};
use patterns::role::{one_policy_role, RoleSpec};
use patterns::Scope;

/// Who assumes a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumer {
    /// ECS, for a task's execution or task role (this account's tasks only).
    EcsTasks,
    /// Lambda, for a function.
    Lambda,
}

/// A role `assumer` takes, with `statements` as its only policy.
pub fn role(
    scope: &Scope,
    assumer: Assumer,
    description: String,
    policy_name: &str,
    statements: Vec<Statement>,
) -> iam::Role {
    let trust = match assumer {
        Assumer::EcsTasks => ecs_tasks_trust(),
        Assumer::Lambda => lambda_trust(),
    };
    one_policy_role(
        scope,
        RoleSpec {
            trust,
            description,
            policy_name,
            statements,
        },
    )
}
