#![warn(missing_docs)]
//! The deploy-test manifest: what `synth examples --out-dir DIR` writes as
//! `DIR/manifest.json` and `cargo xtask deploy-test` reads, typed once for
//! both sides.
//!
//! It is a crate of its own, with serde as its only dependency, so that
//! xtask can read it without depending on the crates that generated code
//! builds (xtask's codegen must work when that code does not compile).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The manifest's file name in the examples directory.
pub const FILE_NAME: &str = "manifest.json";

/// Every example stack, in the order they are deployed.
pub type Manifest = Vec<Entry>;

/// One stack to create, update and delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// File-name-safe label, e.g. `tenant-acme`.
    pub name: String,
    /// The template's file, relative to the manifest.
    pub template: String,
    /// The CloudFormation stack's name, the same for its create, update
    /// and delete.
    pub stack_name: String,
    /// Parameter overrides for the create.
    pub create_parameters: Parameters,
    /// Overrides for the update; unless there is an update template, at
    /// least one differs from the create's (moto fails on an update that
    /// changes nothing).
    pub update_parameters: Parameters,
    /// The template of the update, when it differs (a config change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_template: Option<String>,
    /// What must exist first (security groups the stack only references),
    /// deployed as `<stack_name>-prerequisites` before the stack and
    /// deleted after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
}

/// Parameter overrides by name, in the order given.
pub type Parameters = IndexMap<String, ParameterValue>;

/// A parameter value for a deploy: in JSON a string,
/// `{"prerequisite_output": NAME}` or `{"lookup": "default-vpc-id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParameterValue {
    /// The value of this output of the example's prerequisites stack.
    #[serde(rename = "prerequisite_output")]
    PrerequisiteOutput(String),
    /// What only the deploy-test account knows.
    #[serde(rename = "lookup")]
    Lookup(Lookup),
    /// The value itself, written as a plain JSON string.
    #[serde(untagged)]
    Literal(String),
}

/// What deploy-test looks up in the account before deploying, since a
/// template cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lookup {
    /// The ID of the region's default VPC.
    DefaultVpcId,
    /// The ID of a default subnet of the default VPC (the first by
    /// availability zone): a public subnet, as its route table sends
    /// 0.0.0.0/0 to the internet gateway.
    DefaultSubnetId,
    /// Two default subnets of the default VPC, in two availability zones,
    /// comma-separated as a `List<AWS::EC2::Subnet::Id>` parameter takes
    /// them.
    DefaultSubnetIds,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_values_have_the_documented_json_shapes() {
        let values = [
            ParameterValue::Literal("x".to_string()),
            ParameterValue::PrerequisiteOutput("EfsFileSystemId".to_string()),
            ParameterValue::Lookup(Lookup::DefaultVpcId),
            ParameterValue::Lookup(Lookup::DefaultSubnetIds),
        ];
        let json = serde_json::to_string(&values).unwrap();
        assert_eq!(
            json,
            r#"["x",{"prerequisite_output":"EfsFileSystemId"},{"lookup":"default-vpc-id"},{"lookup":"default-subnet-ids"}]"#
        );
        let back: Vec<ParameterValue> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, values);
    }

    #[test]
    fn an_unknown_lookup_is_refused() {
        let refused = serde_json::from_str::<ParameterValue>(r#"{"lookup":"default-vpc"}"#);
        assert!(refused.is_err());
    }
}
