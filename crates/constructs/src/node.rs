//! The rendering tree every model value lowers into.
//!
//! Typed values ([`Value`](crate::Value), generated resource structs, policy
//! documents) exist so that mistakes do not compile; once a template is
//! assembled they are all lowered into this one untyped, ordered tree, which
//! the validator walks and the YAML and JSON renderers print. Keeping one tree
//! means both output formats see exactly the same document.

/// A CloudFormation document fragment. Maps keep insertion order, which is
/// what makes output deterministic and lets the model choose a conventional
/// key order (Type before Properties, and so on).
///
/// Strings are [`Text`]: property names, resource types and enum values
/// are `'static` and lowered without a copy, which is most of a template's
/// strings (a fleet lowers thousands of templates).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A number literal with a fraction.
    Float(f64),
    /// A string: names, IDs, ARNs, and numbers CloudFormation wants as
    /// strings.
    Str(Text),
    /// A list, in order.
    List(Vec<Node>),
    /// A map, keys in the order they are printed.
    Map(Vec<(Text, Node)>),
    /// An intrinsic function call with its single argument (a list for
    /// functions that take several).
    Fn(Function, Box<Node>),
}

/// A string of the tree: borrowed when it is a literal of the model,
/// owned when it was computed.
pub type Text = std::borrow::Cow<'static, str>;

/// The intrinsic and condition functions CloudFormation evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// `Ref`: a parameter's value or a resource's reference value.
    Ref,
    /// `Fn::GetAtt`: an attribute of a resource.
    GetAtt,
    /// `Fn::Sub`: a string with `${...}` placeholders substituted.
    Sub,
    /// `Fn::Join`: a list joined into one string.
    Join,
    /// `Fn::Select`: one item of a list, by index.
    Select,
    /// `Fn::Split`: a string split into a list.
    Split,
    /// `Fn::GetAZs`: the availability zones of a region.
    GetAZs,
    /// `Fn::ImportValue`: an output another stack exports.
    ImportValue,
    /// `Fn::GetStackOutput`: an output of another stack, exported or not,
    /// in any account or region of the partition.
    GetStackOutput,
    /// `Fn::FindInMap`: a value of a mapping.
    FindInMap,
    /// `Fn::If`: one of two values, by a condition.
    If,
    /// `Fn::Base64`: a string Base64-encoded (EC2 user data).
    Base64,
    /// `Fn::Cidr`: address blocks carved out of a CIDR range.
    Cidr,
    /// `Fn::Equals`: whether two values are equal.
    Equals,
    /// `Fn::And`: whether all conditions hold.
    And,
    /// `Fn::Or`: whether any condition holds.
    Or,
    /// `Fn::Not`: the negation of a condition.
    Not,
    /// `Condition`: a named condition of the template, used inside another.
    Condition,
    /// `Fn::Contains` (rules only): whether a list holds a value.
    Contains,
    /// `Fn::EachMemberEquals` (rules only): whether every item of a list
    /// equals a value.
    EachMemberEquals,
    /// `Fn::EachMemberIn` (rules only): whether every item of a list is in
    /// another.
    EachMemberIn,
    /// `Fn::RefAll` (rules only): every value of a parameter type in the
    /// account and region.
    RefAll,
    /// `Fn::ValueOf` (rules only): an attribute of a parameter's value
    /// (a VPC's `CidrBlock`).
    ValueOf,
    /// `Fn::ValueOfAll` (rules only): an attribute of every value of a
    /// parameter type.
    ValueOfAll,
}

impl Function {
    /// The key of the JSON (long) form, e.g. `Fn::GetAtt`.
    pub fn long_name(self) -> &'static str {
        match self {
            Function::Ref => "Ref",
            Function::GetAtt => "Fn::GetAtt",
            Function::Sub => "Fn::Sub",
            Function::Join => "Fn::Join",
            Function::Select => "Fn::Select",
            Function::Split => "Fn::Split",
            Function::GetAZs => "Fn::GetAZs",
            Function::ImportValue => "Fn::ImportValue",
            Function::GetStackOutput => "Fn::GetStackOutput",
            Function::FindInMap => "Fn::FindInMap",
            Function::If => "Fn::If",
            Function::Base64 => "Fn::Base64",
            Function::Cidr => "Fn::Cidr",
            Function::Equals => "Fn::Equals",
            Function::And => "Fn::And",
            Function::Or => "Fn::Or",
            Function::Not => "Fn::Not",
            Function::Condition => "Condition",
            Function::Contains => "Fn::Contains",
            Function::EachMemberEquals => "Fn::EachMemberEquals",
            Function::EachMemberIn => "Fn::EachMemberIn",
            Function::RefAll => "Fn::RefAll",
            Function::ValueOf => "Fn::ValueOf",
            Function::ValueOfAll => "Fn::ValueOfAll",
        }
    }

    /// The YAML tag of the short form, e.g. `!GetAtt`.
    pub fn short_tag(self) -> &'static str {
        match self {
            Function::Ref => "!Ref",
            Function::GetAtt => "!GetAtt",
            Function::Sub => "!Sub",
            Function::Join => "!Join",
            Function::Select => "!Select",
            Function::Split => "!Split",
            Function::GetAZs => "!GetAZs",
            Function::ImportValue => "!ImportValue",
            Function::GetStackOutput => "!GetStackOutput",
            Function::FindInMap => "!FindInMap",
            Function::If => "!If",
            Function::Base64 => "!Base64",
            Function::Cidr => "!Cidr",
            Function::Equals => "!Equals",
            Function::And => "!And",
            Function::Or => "!Or",
            Function::Not => "!Not",
            Function::Condition => "!Condition",
            Function::Contains => "!Contains",
            Function::EachMemberEquals => "!EachMemberEquals",
            Function::EachMemberIn => "!EachMemberIn",
            Function::RefAll => "!RefAll",
            Function::ValueOf => "!ValueOf",
            Function::ValueOfAll => "!ValueOfAll",
        }
    }
}

/// Lowers a model value into a [`Node`]. Implemented by every type that can
/// stand in a template: literals, [`Value`](crate::Value), generated
/// resource and property types, policy documents.
pub trait ToNode {
    /// The value as it stands in the template.
    fn to_node(&self) -> Node;
}

impl ToNode for String {
    fn to_node(&self) -> Node {
        Node::Str(self.clone().into())
    }
}

impl ToNode for bool {
    fn to_node(&self) -> Node {
        Node::Bool(*self)
    }
}

impl ToNode for i64 {
    fn to_node(&self) -> Node {
        Node::Int(*self)
    }
}

impl ToNode for f64 {
    fn to_node(&self) -> Node {
        Node::Float(*self)
    }
}

impl<T: ToNode> ToNode for Box<T> {
    fn to_node(&self) -> Node {
        self.as_ref().to_node()
    }
}

impl<T: ToNode> ToNode for Vec<T> {
    fn to_node(&self) -> Node {
        Node::List(self.iter().map(ToNode::to_node).collect())
    }
}

impl<T: ToNode> ToNode for indexmap::IndexMap<String, T> {
    fn to_node(&self) -> Node {
        Node::Map(
            self.iter()
                .map(|(k, v)| (k.clone().into(), v.to_node()))
                .collect(),
        )
    }
}

/// Collects the properties of a struct in declaration order, skipping unset
/// optional ones. Generated code calls it once per field, which keeps each
/// generated `to_node` a flat list of property names.
#[derive(Default)]
pub struct Fields(Vec<(Text, Node)>);

impl Fields {
    /// No properties yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a property that is always written.
    pub fn required(&mut self, name: &'static str, value: &impl ToNode) {
        self.0.push((name.into(), value.to_node()));
    }

    /// Adds a property when it is set; an unset one is left out of the
    /// template rather than written as `null`.
    pub fn optional(&mut self, name: &'static str, value: &Option<impl ToNode>) {
        if let Some(value) = value {
            self.required(name, value);
        }
    }

    /// The properties as a map, in the order they were added.
    pub fn finish(self) -> Node {
        Node::Map(self.0)
    }
}
