//! What every Lambda function behind the load balancer needs: a target
//! group the load balancer invokes it through, and the permission to.
//! Used by the update APIs and the serverless edge servers.

use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::aws::lambda;
use constructs::{pseudo, Handle, Resource, Template};

use framework::error::StackError;
use patterns::Scope;

/// A target group that sends requests to `function`, with the permission
/// the load balancer invokes it with (`<prefix>Permission`,
/// `<prefix>TargetGroup`).
pub fn add_lambda_target(
    template: &mut Template,
    prefix: &str,
    scope: &Scope,
    function: &Handle<lambda::Function>,
) -> Result<Handle<elb::TargetGroup>, StackError> {
    // The target group cannot name itself in the permission (it needs the
    // permission to exist first), so the permission names the service and
    // this account.
    let permission = template.add(Resource::new(
        &format!("{prefix}Permission"),
        lambda::Permission::new(lambda::PermissionRequired {
            action: "lambda:InvokeFunction".into(),
            function_name: function.arn().into(),
            principal: "elasticloadbalancing.amazonaws.com".into(),
        })
        .source_account(pseudo::account_id()),
    ))?;
    Ok(template.add(
        Resource::new(
            &format!("{prefix}TargetGroup"),
            elb::TargetGroup {
                tags: scope.tag_list(),
                ..elb::TargetGroup::default()
                    .target_type(elb::target_group::TargetType::Lambda)
                    .targets(vec![elb::target_group::TargetDescription::new(
                        function.arn(),
                    )])
            },
        )
        .depends_on(&permission),
    )?)
}
