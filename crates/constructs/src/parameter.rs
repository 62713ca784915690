//! Template parameters: what only the person deploying knows (a VPC ID, an
//! image tag), typed by what `!Ref` to them yields.

use std::marker::PhantomData;

use crate::logical_id::LogicalId;
use crate::node::{Function, Node, ToNode};
use crate::value::{Expr, List};

/// The AWS-specific parameter types: CloudFormation checks such values
/// against the account before it creates anything, and the console offers
/// a picker for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsType {
    /// `AWS::EC2::AvailabilityZone::Name`, e.g. `eu-west-1a`.
    AvailabilityZoneName,
    /// `AWS::EC2::Image::Id`: an AMI ID.
    ImageId,
    /// `AWS::EC2::Instance::Id`: an EC2 instance ID.
    InstanceId,
    /// `AWS::EC2::KeyPair::KeyName`: an EC2 key pair's name.
    KeyPairName,
    /// `AWS::EC2::SecurityGroup::GroupName`: a security group's name.
    SecurityGroupName,
    /// `AWS::EC2::SecurityGroup::Id`: a security group's ID.
    SecurityGroupId,
    /// `AWS::EC2::Subnet::Id`: a subnet ID.
    SubnetId,
    /// `AWS::EC2::Volume::Id`: an EBS volume ID.
    VolumeId,
    /// `AWS::EC2::VPC::Id`: a VPC ID.
    VpcId,
    /// `AWS::Route53::HostedZone::Id`: a Route 53 hosted zone ID.
    HostedZoneId,
}

impl AwsType {
    /// Every AWS-specific parameter type, for code that reads a
    /// template's `Type` back into one (`synth import`).
    pub const ALL: &'static [AwsType] = &[
        AwsType::AvailabilityZoneName,
        AwsType::ImageId,
        AwsType::InstanceId,
        AwsType::KeyPairName,
        AwsType::SecurityGroupName,
        AwsType::SecurityGroupId,
        AwsType::SubnetId,
        AwsType::VolumeId,
        AwsType::VpcId,
        AwsType::HostedZoneId,
    ];

    /// The type as the template writes it, e.g. `AWS::EC2::VPC::Id`.
    pub fn as_str(self) -> &'static str {
        match self {
            AwsType::AvailabilityZoneName => "AWS::EC2::AvailabilityZone::Name",
            AwsType::ImageId => "AWS::EC2::Image::Id",
            AwsType::InstanceId => "AWS::EC2::Instance::Id",
            AwsType::KeyPairName => "AWS::EC2::KeyPair::KeyName",
            AwsType::SecurityGroupName => "AWS::EC2::SecurityGroup::GroupName",
            AwsType::SecurityGroupId => "AWS::EC2::SecurityGroup::Id",
            AwsType::SubnetId => "AWS::EC2::Subnet::Id",
            AwsType::VolumeId => "AWS::EC2::Volume::Id",
            AwsType::VpcId => "AWS::EC2::VPC::Id",
            AwsType::HostedZoneId => "AWS::Route53::HostedZone::Id",
        }
    }
}

/// What a parameter of type `AWS::SSM::Parameter::Value<...>` resolves the
/// named Systems Manager parameter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsmValue {
    /// `AWS::SSM::Parameter::Value<String>`: the stored string as is.
    String,
    /// `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` and the like: the
    /// stored string, checked as that AWS-specific type.
    Aws(AwsType),
}

/// List-valued variants of [`SsmValue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsmListValue {
    /// `AWS::SSM::Parameter::Value<List<String>>`: a `StringList` parameter.
    StringList,
    /// `AWS::SSM::Parameter::Value<CommaDelimitedList>`.
    CommaDelimitedList,
    /// `AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>` and the
    /// like: each item checked as that AWS-specific type.
    AwsList(AwsType),
}

/// The `Type` of a parameter, covering every type CloudFormation accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterType {
    /// `String`: any text.
    String,
    /// `Number`: an integer or a float.
    Number,
    /// `List<Number>`: comma-separated numbers.
    NumberList,
    /// `CommaDelimitedList`: comma-separated strings.
    CommaDelimitedList,
    /// An AWS-specific type, e.g. `AWS::EC2::VPC::Id`.
    Aws(AwsType),
    /// A list of an AWS-specific type, e.g. `List<AWS::EC2::Subnet::Id>`.
    AwsList(AwsType),
    /// `AWS::SSM::Parameter::Name`: a Systems Manager parameter's name.
    SsmParameterName,
    /// `AWS::SSM::Parameter::Value<...>`: a Systems Manager parameter's value.
    SsmValue(SsmValue),
    /// A list-valued `AWS::SSM::Parameter::Value<...>`.
    SsmListValue(SsmListValue),
}

impl ParameterType {
    /// The `Type` as the template writes it, e.g.
    /// `List<AWS::EC2::Subnet::Id>`.
    pub fn render(self) -> String {
        match self {
            ParameterType::String => "String".into(),
            ParameterType::Number => "Number".into(),
            ParameterType::NumberList => "List<Number>".into(),
            ParameterType::CommaDelimitedList => "CommaDelimitedList".into(),
            ParameterType::Aws(t) => t.as_str().into(),
            ParameterType::AwsList(t) => format!("List<{}>", t.as_str()),
            ParameterType::SsmParameterName => "AWS::SSM::Parameter::Name".into(),
            ParameterType::SsmValue(SsmValue::String) => {
                "AWS::SSM::Parameter::Value<String>".into()
            }
            ParameterType::SsmValue(SsmValue::Aws(t)) => {
                format!("AWS::SSM::Parameter::Value<{}>", t.as_str())
            }
            ParameterType::SsmListValue(SsmListValue::StringList) => {
                "AWS::SSM::Parameter::Value<List<String>>".into()
            }
            ParameterType::SsmListValue(SsmListValue::CommaDelimitedList) => {
                "AWS::SSM::Parameter::Value<CommaDelimitedList>".into()
            }
            ParameterType::SsmListValue(SsmListValue::AwsList(t)) => {
                format!("AWS::SSM::Parameter::Value<List<{}>>", t.as_str())
            }
        }
    }
}

/// Links what `!Ref` to a parameter yields (`String`, `i64`, a list) to the
/// literal its `Default` and `AllowedValues` are written in.
pub trait ParameterValue {
    /// What a `Default` or an allowed value is written as, e.g.
    /// `Vec<String>` for a list parameter.
    type Literal;
    /// The literal as the template writes it, e.g. a list as one
    /// comma-separated string.
    fn literal_node(literal: &Self::Literal) -> Node;
}

impl ParameterValue for String {
    type Literal = String;
    fn literal_node(literal: &String) -> Node {
        Node::Str(literal.clone().into())
    }
}

impl ParameterValue for i64 {
    type Literal = i64;
    fn literal_node(literal: &i64) -> Node {
        Node::Int(*literal)
    }
}

impl ParameterValue for f64 {
    type Literal = f64;
    fn literal_node(literal: &f64) -> Node {
        Node::Float(*literal)
    }
}

/// List parameters take their default as one comma-separated string.
impl ParameterValue for List<String> {
    type Literal = Vec<String>;
    fn literal_node(literal: &Vec<String>) -> Node {
        Node::Str(literal.join(",").into())
    }
}

/// A parameter declaration. `T` is what `!Ref` to it yields.
#[derive(Debug, Clone)]
pub struct Parameter<T> {
    pub(crate) id: String,
    pub(crate) spec: ParameterSpec,
    value: PhantomData<fn() -> T>,
}

/// The untyped part of a parameter, as the template stores it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParameterSpec {
    pub kind: ParameterType,
    pub description: Option<String>,
    pub default: Option<Node>,
    pub allowed_values: Vec<Node>,
    pub allowed_pattern: Option<String>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub no_echo: bool,
    pub constraint_description: Option<String>,
}

impl ToNode for ParameterSpec {
    fn to_node(&self) -> Node {
        let mut fields = vec![("Type".into(), Node::Str(self.kind.render().into()))];
        let mut put = |key: &'static str, node: Option<Node>| {
            if let Some(node) = node {
                fields.push((key.into(), node));
            }
        };
        put(
            "Description",
            self.description.clone().map(|text| Node::Str(text.into())),
        );
        put("Default", self.default.clone());
        put(
            "AllowedValues",
            (!self.allowed_values.is_empty()).then(|| Node::List(self.allowed_values.clone())),
        );
        put(
            "AllowedPattern",
            self.allowed_pattern
                .clone()
                .map(|text| Node::Str(text.into())),
        );
        put("MinLength", self.min_length.map(|n| Node::Int(n.into())));
        put("MaxLength", self.max_length.map(|n| Node::Int(n.into())));
        put("MinValue", self.min_value.map(Node::Float));
        put("MaxValue", self.max_value.map(Node::Float));
        put("NoEcho", self.no_echo.then_some(Node::Bool(true)));
        put(
            "ConstraintDescription",
            self.constraint_description
                .clone()
                .map(|text| Node::Str(text.into())),
        );
        Node::Map(fields)
    }
}

impl<T> Parameter<T> {
    fn with_type(id: &str, kind: ParameterType) -> Self {
        Parameter {
            id: id.to_string(),
            spec: ParameterSpec {
                kind,
                description: None,
                default: None,
                allowed_values: Vec::new(),
                allowed_pattern: None,
                min_length: None,
                max_length: None,
                min_value: None,
                max_value: None,
                no_echo: false,
                constraint_description: None,
            },
            value: PhantomData,
        }
    }

    /// What the value is for, shown beside the field in the console.
    pub fn description(mut self, text: &str) -> Self {
        self.spec.description = Some(text.to_string());
        self
    }

    /// Hide the value in the console, the API and events. Use it for
    /// anything secret; the value still must never have a default.
    pub fn no_echo(mut self) -> Self {
        self.spec.no_echo = true;
        self
    }

    /// The message CloudFormation shows when a value breaks a constraint.
    pub fn constraint_description(mut self, text: &str) -> Self {
        self.spec.constraint_description = Some(text.to_string());
        self
    }
}

impl<T: ParameterValue> Parameter<T> {
    /// The value used when a deploy gives none. A [`Parameter::no_echo`]
    /// parameter must not have one.
    pub fn default(mut self, literal: impl Into<T::Literal>) -> Self {
        self.spec.default = Some(T::literal_node(&literal.into()));
        self
    }

    /// `AllowedValues`: the only values CloudFormation accepts; the console
    /// offers them as a drop-down.
    pub fn allowed_values<L: Into<T::Literal>>(
        mut self,
        values: impl IntoIterator<Item = L>,
    ) -> Self {
        self.spec.allowed_values = values
            .into_iter()
            .map(|v| T::literal_node(&v.into()))
            .collect();
        self
    }
}

impl Parameter<String> {
    /// A `String` parameter, for any text.
    pub fn string(id: &str) -> Self {
        Self::with_type(id, ParameterType::String)
    }

    /// A value CloudFormation checks exists in the account and region.
    pub fn aws(id: &str, kind: AwsType) -> Self {
        Self::with_type(id, ParameterType::Aws(kind))
    }

    /// The name of a Systems Manager parameter (not its value).
    pub fn ssm_parameter_name(id: &str) -> Self {
        Self::with_type(id, ParameterType::SsmParameterName)
    }

    /// The value of the Systems Manager parameter whose name is given,
    /// resolved at deploy time (for example the ECS-optimized AMI ID).
    pub fn ssm_value(id: &str, kind: SsmValue) -> Self {
        Self::with_type(id, ParameterType::SsmValue(kind))
    }

    /// `AllowedPattern`: a regular expression the value must match.
    pub fn allowed_pattern(mut self, pattern: &str) -> Self {
        self.spec.allowed_pattern = Some(pattern.to_string());
        self
    }

    /// `MinLength`: the fewest characters the value may have.
    pub fn min_length(mut self, length: u32) -> Self {
        self.spec.min_length = Some(length);
        self
    }

    /// `MaxLength`: the most characters the value may have.
    pub fn max_length(mut self, length: u32) -> Self {
        self.spec.max_length = Some(length);
        self
    }
}

impl Parameter<i64> {
    /// A `Number` parameter used where the schema wants an integer.
    pub fn integer(id: &str) -> Self {
        Self::with_type(id, ParameterType::Number)
    }
}

impl Parameter<f64> {
    /// A `Number` parameter used where the schema wants a number.
    pub fn number(id: &str) -> Self {
        Self::with_type(id, ParameterType::Number)
    }
}

macro_rules! numeric_bounds {
    ($t:ty) => {
        impl Parameter<$t> {
            /// `MinValue`: the smallest number CloudFormation accepts.
            pub fn min_value(mut self, value: f64) -> Self {
                self.spec.min_value = Some(value);
                self
            }

            /// `MaxValue`: the largest number CloudFormation accepts.
            pub fn max_value(mut self, value: f64) -> Self {
                self.spec.max_value = Some(value);
                self
            }
        }
    };
}
numeric_bounds!(i64);
numeric_bounds!(f64);

impl Parameter<List<String>> {
    /// `CommaDelimitedList`: one string, which `!Ref` yields as the list
    /// of the parts between its commas.
    pub fn comma_delimited_list(id: &str) -> Self {
        Self::with_type(id, ParameterType::CommaDelimitedList)
    }

    /// `List<Number>`: CloudFormation hands the numbers over as strings.
    pub fn number_list(id: &str) -> Self {
        Self::with_type(id, ParameterType::NumberList)
    }

    /// A list of AWS-specific values, e.g. `List<AWS::EC2::Subnet::Id>`.
    pub fn aws_list(id: &str, kind: AwsType) -> Self {
        Self::with_type(id, ParameterType::AwsList(kind))
    }

    /// The list value of the Systems Manager parameter whose name is
    /// given, resolved at deploy time like [`Parameter::ssm_value`].
    pub fn ssm_list_value(id: &str, kind: SsmListValue) -> Self {
        Self::with_type(id, ParameterType::SsmListValue(kind))
    }
}

/// A parameter that was added to a template.
#[derive(Debug)]
pub struct ParameterHandle<T> {
    id: LogicalId,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for ParameterHandle<T> {
    fn clone(&self) -> Self {
        ParameterHandle::new(self.id.clone())
    }
}

impl<T> ParameterHandle<T> {
    pub(crate) fn new(id: LogicalId) -> Self {
        ParameterHandle {
            id,
            value: PhantomData,
        }
    }

    /// The parameter's logical ID: the name a deploy gives its value under,
    /// and `${Name}` in `Fn::Sub`.
    pub fn logical_id(&self) -> &LogicalId {
        &self.id
    }

    /// `!Ref` to the parameter: the value given at deploy time.
    pub fn reference(&self) -> Expr<T> {
        Expr::new(Node::Fn(
            Function::Ref,
            Box::new(Node::Str(self.id.to_string().into())),
        ))
    }
}
