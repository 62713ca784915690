//! Pseudo parameters: values CloudFormation knows about the stack being
//! deployed. Using them instead of literals keeps templates portable across
//! accounts, regions and partitions.

use crate::node::{Function, Node};
use crate::value::{Expr, List};

/// Every pseudo parameter, by the name `!Ref` and `${...}` use.
pub const NAMES: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

fn reference<T>(name: &str) -> Expr<T> {
    Expr::new(Node::Fn(
        Function::Ref,
        Box::new(Node::Str(name.to_string().into())),
    ))
}

/// `AWS::AccountId`: the 12-digit ID of the account the stack is in.
pub fn account_id() -> Expr<String> {
    reference("AWS::AccountId")
}

/// `AWS::Region`: the region the stack is in, e.g. `eu-west-1`.
pub fn region() -> Expr<String> {
    reference("AWS::Region")
}

/// `aws`, `aws-cn` or `aws-us-gov`: build ARNs with it, never a literal.
pub fn partition() -> Expr<String> {
    reference("AWS::Partition")
}

/// `AWS::StackName`: the stack's name; prefix exports and physical names
/// with it so two stacks of one template do not collide.
pub fn stack_name() -> Expr<String> {
    reference("AWS::StackName")
}

/// `AWS::StackId`: the stack's ARN; unlike its name, never reused by a later
/// stack.
pub fn stack_id() -> Expr<String> {
    reference("AWS::StackId")
}

/// `amazonaws.com`, or the partition's equivalent.
pub fn url_suffix() -> Expr<String> {
    reference("AWS::URLSuffix")
}

/// `AWS::NotificationARNs`: the SNS topics the stack's events go to.
pub fn notification_arns() -> Expr<List<String>> {
    reference("AWS::NotificationARNs")
}

/// Removes the property it is assigned to; meant for a branch of
/// [`fns::if_`](crate::fns::if_).
pub fn no_value<T>() -> Expr<T> {
    reference("AWS::NoValue")
}
