//! Lambda functions the stacks run from their own container images, in
//! the VPC's private subnets: they reach what the ECS tasks reach, and the
//! internet only through the NAT gateways.

use std::collections::BTreeMap;

use constructs::aws::{ec2, lambda};
use constructs::{Expr, Handle, List, Value};

/// A function running `image_uri` as `role`, attached to `subnets` with
/// `security_group`, with `environment` (sorted by name, as the console
/// shows it). The caller names, sizes and tags it.
pub fn image_in_vpc(
    image_uri: Expr<String>,
    role: Expr<String>,
    security_group: &Handle<ec2::SecurityGroup>,
    subnets: &Value<List<String>>,
    environment: BTreeMap<String, Value<String>>,
) -> lambda::Function {
    lambda::Function::new(lambda::FunctionRequired {
        code: lambda::function::Code::default()
            .image_uri(image_uri)
            .into(),
        role: role.into(),
    })
    .package_type(lambda::function::PackageType::Image)
    .vpc_config(
        lambda::function::VpcConfig::default()
            .security_group_ids(vec![security_group.group_id()])
            .subnet_ids(subnets.clone()),
    )
    .environment(
        lambda::function::Environment::default()
            .variables(Value::Literal(environment.into_iter().collect())),
    )
}
