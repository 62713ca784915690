//! The intrinsic functions, typed by what they return.
//!
//! `!Ref` and `!GetAtt` come from handles (so they can only name things that
//! were added to a template); the rest are here. Each returns an
//! [`Expr<T>`], which only fits where a `T` is expected: `split` yields a
//! list, so it cannot be put where a string goes without `join` or `select`.

use crate::condition::ConditionHandle;
use crate::mapping::MappingHandle;
use crate::node::{Function, Node, ToNode};
use crate::parameter::ParameterHandle;
use crate::value::{Expr, List, Value};

fn call<T>(function: Function, arg: Node) -> Expr<T> {
    Expr::new(Node::Fn(function, Box::new(arg)))
}

/// `Fn::Sub` with `${Name}` placeholders that refer to parameters,
/// resources (`${Bucket.Arn}`) and pseudo parameters (`${AWS::Region}`).
/// Every name is checked against the template at synthesis.
pub fn sub(template: impl Into<String>) -> Expr<String> {
    call(Function::Sub, Node::Str(template.into().into()))
}

/// `Fn::Sub` with a variable map for placeholders that are not template
/// entities.
pub fn sub_with<K: Into<String>>(
    template: impl Into<String>,
    variables: impl IntoIterator<Item = (K, Value<String>)>,
) -> Expr<String> {
    let variables = variables
        .into_iter()
        .map(|(name, value)| (name.into().into(), value.to_node()))
        .collect();
    call(
        Function::Sub,
        Node::List(vec![
            Node::Str(template.into().into()),
            Node::Map(variables),
        ]),
    )
}

/// `Fn::Join`: the items joined with `delimiter`.
pub fn join(delimiter: &str, items: impl Into<Value<List<String>>>) -> Expr<String> {
    call(
        Function::Join,
        Node::List(vec![
            Node::Str(delimiter.to_string().into()),
            items.into().to_node(),
        ]),
    )
}

/// `Fn::Select`: the item at `index` (from zero).
pub fn select<T: ToNode>(index: u32, list: impl Into<Value<List<T>>>) -> Expr<T> {
    call(
        Function::Select,
        Node::List(vec![Node::Int(index.into()), list.into().to_node()]),
    )
}

/// `Fn::Split`: a string cut at every `delimiter`.
pub fn split(delimiter: &str, source: impl Into<Value<String>>) -> Expr<List<String>> {
    call(
        Function::Split,
        Node::List(vec![
            Node::Str(delimiter.to_string().into()),
            source.into().to_node(),
        ]),
    )
}

/// `Fn::GetAZs`: the availability zones of a region (`""` for the stack's).
pub fn get_azs(region: impl Into<Value<String>>) -> Expr<List<String>> {
    call(Function::GetAZs, region.into().to_node())
}

/// `Fn::ImportValue`: a value another stack exported.
pub fn import_value(export_name: impl Into<Value<String>>) -> Expr<String> {
    call(Function::ImportValue, export_name.into().to_node())
}

/// Where [`get_stack_output`] reads: an output of a stack by name, in this
/// stack's account and region unless told otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct StackOutput {
    stack_name: Value<String>,
    output_name: Value<String>,
    region: Option<Value<String>>,
    role_arn: Option<Value<String>>,
}

impl StackOutput {
    /// The output `output_name` (its key in the other template's
    /// `Outputs`) of the stack named `stack_name`.
    pub fn new(
        stack_name: impl Into<Value<String>>,
        output_name: impl Into<Value<String>>,
    ) -> Self {
        StackOutput {
            stack_name: stack_name.into(),
            output_name: output_name.into(),
            region: None,
            role_arn: None,
        }
    }

    /// The other stack's region; by default this stack's.
    pub fn region(mut self, region: impl Into<Value<String>>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A role this stack's deploying role assumes to read the other stack
    /// (it needs `cloudformation:DescribeStacks` on it): for a stack in
    /// another account.
    pub fn role_arn(mut self, role_arn: impl Into<Value<String>>) -> Self {
        self.role_arn = Some(role_arn.into());
        self
    }
}

/// `Fn::GetStackOutput`: an output of another stack, which needs no export
/// and may live in another account or region of the partition. A weak
/// reference, unlike [`import_value`]: the value is read when this stack is
/// created or updated, and nothing stops the other stack from changing or
/// deleting the output afterwards.
pub fn get_stack_output(output: StackOutput) -> Expr<String> {
    let mut fields = vec![
        ("StackName".into(), output.stack_name.to_node()),
        ("OutputName".into(), output.output_name.to_node()),
    ];
    if let Some(region) = output.region {
        fields.push(("Region".into(), region.to_node()));
    }
    if let Some(role_arn) = output.role_arn {
        fields.push(("RoleArn".into(), role_arn.to_node()));
    }
    call(Function::GetStackOutput, Node::Map(fields))
}

/// `Fn::FindInMap`: a value from a mapping of this template. Mappings hold
/// what the caller put in them, so the caller names the type:
/// `find_in_map::<i64>(&sizes, env, "Retention")`.
pub fn find_in_map<T>(
    mapping: &MappingHandle,
    top_key: impl Into<Value<String>>,
    second_key: impl Into<Value<String>>,
) -> Expr<T> {
    call(
        Function::FindInMap,
        Node::List(vec![
            Node::Str(mapping.id().to_string().into()),
            top_key.into().to_node(),
            second_key.into().to_node(),
        ]),
    )
}

/// `Fn::If`: `then` when the condition holds, else `otherwise`. Pass
/// [`pseudo::no_value`](crate::pseudo::no_value) to leave a property unset.
pub fn if_<T: ToNode>(
    condition: &ConditionHandle,
    then: impl Into<Value<T>>,
    otherwise: impl Into<Value<T>>,
) -> Expr<T> {
    call(
        Function::If,
        Node::List(vec![
            Node::Str(condition.id().to_string().into()),
            then.into().to_node(),
            otherwise.into().to_node(),
        ]),
    )
}

/// `Fn::Base64`: for EC2 user data.
pub fn base64(value: impl Into<Value<String>>) -> Expr<String> {
    call(Function::Base64, value.into().to_node())
}

/// `Fn::Cidr`: `count` CIDR blocks of `cidr_bits` host bits carved out of
/// `ip_block`.
pub fn cidr(
    ip_block: impl Into<Value<String>>,
    count: impl Into<Value<i64>>,
    cidr_bits: impl Into<Value<i64>>,
) -> Expr<List<String>> {
    call(
        Function::Cidr,
        Node::List(vec![
            ip_block.into().to_node(),
            count.into().to_node(),
            cidr_bits.into().to_node(),
        ]),
    )
}

/// `Fn::RefAll` (rules only): every value of the parameter type
/// `parameter_type` (`AWS::EC2::VPC::Id`) in the account and region.
pub fn ref_all(parameter_type: &str) -> Expr<List<String>> {
    call(
        Function::RefAll,
        Node::Str(parameter_type.to_string().into()),
    )
}

/// `Fn::ValueOf` (rules only): `attribute` of the value of `parameter`
/// (a VPC ID parameter's `CidrBlock`, a subnet's `VpcId`).
pub fn value_of<T>(parameter: &ParameterHandle<T>, attribute: &str) -> Expr<String> {
    call(
        Function::ValueOf,
        Node::List(vec![
            Node::Str(parameter.logical_id().to_string().into()),
            Node::Str(attribute.to_string().into()),
        ]),
    )
}

/// `Fn::ValueOfAll` (rules only): `attribute` of every value of the
/// parameter type `parameter_type` in the account and region.
pub fn value_of_all(parameter_type: &str, attribute: &str) -> Expr<List<String>> {
    call(
        Function::ValueOfAll,
        Node::List(vec![
            Node::Str(parameter_type.to_string().into()),
            Node::Str(attribute.to_string().into()),
        ]),
    )
}
