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
    lambda::Function {
        package_type: Some(lambda::function::PackageType::Image.into()),
        vpc_config: Some(
            lambda::function::VpcConfig {
                security_group_ids: Some(vec![security_group.group_id()].into()),
                subnet_ids: Some(subnets.clone()),
                ..lambda::function::VpcConfig::default()
            }
            .into(),
        ),
        environment: Some(
            lambda::function::Environment {
                variables: Some(Value::Literal(environment.into_iter().collect())),
            }
            .into(),
        ),
        ..lambda::Function::new(
            lambda::function::Code {
                image_uri: Some(image_uri.into()),
                ..lambda::function::Code::default()
            },
            role,
        )
    }
}
