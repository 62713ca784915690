//! What every Lambda function behind the load balancer needs: a role
//! Lambda assumes, and a target group the load balancer invokes it
//! through. Used by the update APIs and the serverless edge servers.

use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::aws::{iam, lambda};
use constructs::iam::{PolicyDocument, Principal, Statement};
use constructs::{Handle, Resource, Template};

use super::tags;
use crate::error::StackError;

/// A target group that sends requests to `function`, with the permission
/// the load balancer invokes it with (`<prefix>Permission`,
/// `<prefix>TargetGroup`).
pub fn add_lambda_target(
    template: &mut Template,
    prefix: &str,
    deployment: &str,
    function: &Handle<lambda::Function>,
) -> Result<Handle<elb::TargetGroup>, StackError> {
    // The target group cannot name itself in the permission (it needs the
    // permission to exist first), so the permission names the service.
    let permission = template.add(Resource::new(
        &format!("{prefix}Permission"),
        lambda::Permission::new(
            "lambda:InvokeFunction",
            function.arn(),
            "elasticloadbalancing.amazonaws.com",
        ),
    ))?;
    Ok(template.add(
        Resource::new(
            &format!("{prefix}TargetGroup"),
            elb::TargetGroup {
                target_type: Some(elb::target_group::TargetType::Lambda.into()),
                targets: Some(
                    vec![elb::target_group::TargetDescription::new(function.arn())].into(),
                ),
                tags: tags::deployment(deployment, elb::target_group::Tag::new),
                ..elb::TargetGroup::default()
            },
        )
        .depends_on(&permission),
    )?)
}

/// A role Lambda assumes, with one inline policy.
pub fn lambda_role(
    deployment: &str,
    description: String,
    policy_name: &str,
    statements: Vec<Statement>,
) -> iam::Role {
    iam::Role {
        description: Some(description.into()),
        policies: Some(
            vec![iam::role::Policy::new(
                PolicyDocument::new(statements),
                policy_name,
            )]
            .into(),
        ),
        tags: tags::deployment(deployment, iam::role::Tag::new),
        ..iam::Role::new(PolicyDocument::new([Statement::allow()
            .principal(Principal::service("lambda.amazonaws.com"))
            .actions(["sts:AssumeRole"])]))
    }
}
