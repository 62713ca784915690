//! IAM policy documents as a typed builder.
//!
//! Policies written as JSON strings are where least privilege quietly
//! erodes: a typo in `Effect` or a forgotten `Resource` only shows at deploy
//! time. Here a statement is built from [`Effect`], actions, resources (which
//! may be `!GetAtt` ARNs), principals and typed condition operators.

use indexmap::IndexMap;

use crate::node::{Node, ToNode};
use crate::value::Value;

/// The only policy language version AWS recommends; older versions do not
/// support policy variables.
pub const POLICY_VERSION: &str = "2012-10-17";

/// Whether a statement allows or denies; an explicit deny wins over every
/// allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// `Allow`: grants the actions, unless another statement denies them.
    Allow,
    /// `Deny`: refuses the actions, whatever other statements allow.
    Deny,
}

/// A policy document: `Version`, an optional `Id`, and statements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyDocument {
    id: Option<Value<String>>,
    statements: Vec<Statement>,
}

impl PolicyDocument {
    /// A document of these statements, in order.
    pub fn new(statements: impl IntoIterator<Item = Statement>) -> Self {
        PolicyDocument {
            id: None,
            statements: statements.into_iter().collect(),
        }
    }

    /// The document's `Id`, a name some services ask for (SNS, SQS) and
    /// key and bucket policies often carry; IAM ignores it.
    pub fn id(mut self, id: impl Into<Value<String>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Adds a statement after the others.
    pub fn statement(mut self, statement: Statement) -> Self {
        self.statements.push(statement);
        self
    }

    /// The statements in order, for checks and tests that read a policy
    /// without rendering it.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}

impl ToNode for PolicyDocument {
    fn to_node(&self) -> Node {
        let mut fields = vec![("Version".into(), Node::Str(POLICY_VERSION.into()))];
        if let Some(id) = &self.id {
            fields.push(("Id".into(), id.to_node()));
        }
        fields.push((
            "Statement".into(),
            Node::List(self.statements.iter().map(ToNode::to_node).collect()),
        ));
        Node::Map(fields)
    }
}

/// Who a resource-based or trust policy applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    /// `"*"`: everyone. Only sensible together with a restricting condition.
    Any,
    /// AWS accounts, users or roles, by ARN or account ID.
    Aws(Vec<Value<String>>),
    /// AWS services, e.g. `ecs-tasks.amazonaws.com`, or an expression for
    /// one whose name differs by partition (`ec2.amazonaws.com.cn`).
    Service(Vec<Value<String>>),
    /// Identity providers for web identity or SAML federation, e.g. an EKS
    /// cluster's OIDC provider (`Ref` of an `AWS::IAM::OIDCProvider`).
    Federated(Vec<Value<String>>),
}

impl Principal {
    /// One AWS service, e.g. `ecs-tasks.amazonaws.com` in a task role's
    /// trust policy.
    pub fn service(service: impl Into<Value<String>>) -> Self {
        Principal::Service(vec![service.into()])
    }

    /// One identity provider, e.g. `cognito-identity.amazonaws.com` or an
    /// OIDC provider's ARN.
    pub fn federated(provider: impl Into<Value<String>>) -> Self {
        Principal::Federated(vec![provider.into()])
    }

    /// One account, user or role, by ARN or account ID (a literal or an
    /// expression such as [`pseudo::account_id`](crate::pseudo::account_id)).
    pub fn aws(principal: impl Into<Value<String>>) -> Self {
        Principal::Aws(vec![principal.into()])
    }
}

impl ToNode for Principal {
    fn to_node(&self) -> Node {
        self.node(false)
    }
}

impl Principal {
    /// The principal, its one account, service or provider as a scalar
    /// when `scalar` says so.
    fn node(&self, scalar: bool) -> Node {
        match self {
            Principal::Any => Node::Str("*".into()),
            Principal::Aws(items) => Node::Map(vec![(
                "AWS".into(),
                one_or_list(items.iter().map(ToNode::to_node).collect(), scalar),
            )]),
            Principal::Service(items) => Node::Map(vec![(
                "Service".into(),
                one_or_list(items.iter().map(ToNode::to_node).collect(), scalar),
            )]),
            Principal::Federated(items) => Node::Map(vec![(
                "Federated".into(),
                one_or_list(items.iter().map(ToNode::to_node).collect(), scalar),
            )]),
        }
    }
}

/// The parts of a statement that IAM reads alike as one string or a list
/// of strings (`"Action": "s3:GetObject"` or `["s3:GetObject"]`). The
/// builder writes lists; [`Statement::scalar`] keeps a hand-written
/// policy's scalar, so `synth import` can type a policy without changing
/// a byte of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// `Action`.
    Action,
    /// `NotAction`.
    NotAction,
    /// `Resource`.
    Resource,
    /// `NotResource`.
    NotResource,
    /// The accounts, services or providers of `Principal`.
    Principal,
}

/// `items` as a list, or its one item alone when `scalar` asks for it.
fn one_or_list(mut items: Vec<Node>, scalar: bool) -> Node {
    if scalar && items.len() == 1 {
        items.remove(0)
    } else {
        Node::List(items)
    }
}

fn strings(items: &[String], scalar: bool) -> Node {
    one_or_list(
        items.iter().map(|s| Node::Str(s.clone().into())).collect(),
        scalar,
    )
}

/// The IAM condition operators. [`Operator::if_exists`] and the set
/// qualifiers are modifiers on top of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConditionOperator {
    /// `StringEquals`: the key's value is one of these strings, exactly
    /// (case-sensitive).
    StringEquals,
    /// `StringNotEquals`: the key's value is none of these strings.
    StringNotEquals,
    /// `StringEqualsIgnoreCase`: `StringEquals`, ignoring case.
    StringEqualsIgnoreCase,
    /// `StringLike`: a case-sensitive match with `*` and `?` wildcards.
    StringLike,
    /// `StringNotLike`: matches none of these `StringLike` patterns.
    StringNotLike,
    /// `NumericEquals`: the number equals the value.
    NumericEquals,
    /// `NumericLessThan`: the number is below the value.
    NumericLessThan,
    /// `NumericLessThanEquals`: the number is at most the value.
    NumericLessThanEquals,
    /// `NumericGreaterThan`: the number is above the value.
    NumericGreaterThan,
    /// `NumericGreaterThanEquals`: the number is at least the value.
    NumericGreaterThanEquals,
    /// `DateLessThan`: the date (ISO 8601 or epoch seconds) is before the value.
    DateLessThan,
    /// `DateGreaterThan`: the date is after the value.
    DateGreaterThan,
    /// `Bool`: `"true"` or `"false"`, e.g. for `aws:SecureTransport`.
    Bool,
    /// `IpAddress`: the address is in one of these CIDR ranges, e.g. for
    /// `aws:SourceIp`.
    IpAddress,
    /// `NotIpAddress`: the address is in none of these CIDR ranges.
    NotIpAddress,
    /// `ArnEquals`: the ARN matches, `*` and `?` allowed (IAM treats it as `ArnLike`).
    ArnEquals,
    /// `ArnLike`: the ARN matches, e.g. `aws:SourceArn` against a bucket's ARN.
    ArnLike,
    /// `ArnNotEquals`: the ARN matches none of these.
    ArnNotEquals,
    /// `ArnNotLike`: the ARN matches none of these `ArnLike` patterns.
    ArnNotLike,
    /// `Null`: `"true"` when the key is absent from the request, `"false"` when present.
    Null,
}

impl ConditionOperator {
    /// Every operator, for code that reads a policy back into the builder
    /// (`synth import`).
    pub const ALL: &'static [ConditionOperator] = &[
        ConditionOperator::StringEquals,
        ConditionOperator::StringNotEquals,
        ConditionOperator::StringEqualsIgnoreCase,
        ConditionOperator::StringLike,
        ConditionOperator::StringNotLike,
        ConditionOperator::NumericEquals,
        ConditionOperator::NumericLessThan,
        ConditionOperator::NumericLessThanEquals,
        ConditionOperator::NumericGreaterThan,
        ConditionOperator::NumericGreaterThanEquals,
        ConditionOperator::DateLessThan,
        ConditionOperator::DateGreaterThan,
        ConditionOperator::Bool,
        ConditionOperator::IpAddress,
        ConditionOperator::NotIpAddress,
        ConditionOperator::ArnEquals,
        ConditionOperator::ArnLike,
        ConditionOperator::ArnNotEquals,
        ConditionOperator::ArnNotLike,
        ConditionOperator::Null,
    ];

    /// The operator's name as a policy spells it, without modifiers.
    pub fn as_str(self) -> &'static str {
        use ConditionOperator::*;
        match self {
            StringEquals => "StringEquals",
            StringNotEquals => "StringNotEquals",
            StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            StringLike => "StringLike",
            StringNotLike => "StringNotLike",
            NumericEquals => "NumericEquals",
            NumericLessThan => "NumericLessThan",
            NumericLessThanEquals => "NumericLessThanEquals",
            NumericGreaterThan => "NumericGreaterThan",
            NumericGreaterThanEquals => "NumericGreaterThanEquals",
            DateLessThan => "DateLessThan",
            DateGreaterThan => "DateGreaterThan",
            Bool => "Bool",
            IpAddress => "IpAddress",
            NotIpAddress => "NotIpAddress",
            ArnEquals => "ArnEquals",
            ArnLike => "ArnLike",
            ArnNotEquals => "ArnNotEquals",
            ArnNotLike => "ArnNotLike",
            Null => "Null",
        }
    }
}

/// A condition operator with its modifiers, e.g. `ForAnyValue:StringLike`
/// or `StringEqualsIfExists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    base: ConditionOperator,
    set: Option<SetQualifier>,
    if_exists: bool,
}

/// How a condition compares multivalued context keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// `ForAllValues:`: every value of the key must match (also true when
    /// the request has no values for it).
    ForAllValues,
    /// `ForAnyValue:`: at least one value of the key must match.
    ForAnyValue,
}

impl Operator {
    /// Appends `IfExists`: the condition also holds when the request lacks
    /// the key.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// Prefixes `ForAllValues:`, for multivalued keys (see
    /// [`SetQualifier::ForAllValues`]).
    pub fn for_all_values(mut self) -> Self {
        self.set = Some(SetQualifier::ForAllValues);
        self
    }

    /// Prefixes `ForAnyValue:`, for multivalued keys (see
    /// [`SetQualifier::ForAnyValue`]).
    pub fn for_any_value(mut self) -> Self {
        self.set = Some(SetQualifier::ForAnyValue);
        self
    }

    fn render(self) -> String {
        let prefix = match self.set {
            Some(SetQualifier::ForAllValues) => "ForAllValues:",
            Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
            None => "",
        };
        let suffix = if self.if_exists { "IfExists" } else { "" };
        format!("{prefix}{}{suffix}", self.base.as_str())
    }
}

impl From<ConditionOperator> for Operator {
    fn from(base: ConditionOperator) -> Self {
        Operator {
            base,
            set: None,
            if_exists: false,
        }
    }
}

/// One statement of a policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    sid: Option<String>,
    effect: Effect,
    principal: Option<Principal>,
    actions: Vec<String>,
    not_actions: Vec<String>,
    resources: Vec<Value<String>>,
    not_resources: Vec<Value<String>>,
    conditions: IndexMap<Operator, IndexMap<String, ConditionValues>>,
    /// The elements whose one item is written as a scalar.
    scalars: Vec<Element>,
}

/// The values of one condition key. IAM reads a single value and a
/// one-item list alike, but policy checkers need not: AWS Control Tower's
/// CT.S3.PR.8 accepts only the scalar `"aws:SecureTransport": "false"`, so
/// a statement can ask for the scalar form ([`Statement::condition_value`]).
#[derive(Debug, Clone, PartialEq)]
enum ConditionValues {
    One(Value<String>),
    /// A JSON boolean ([`Statement::condition_flag`]).
    Flag(bool),
    Many(Vec<Value<String>>),
}

impl ConditionValues {
    fn extend(&mut self, values: impl IntoIterator<Item = Value<String>>) {
        match self {
            ConditionValues::One(value) => *self = ConditionValues::Many(vec![value.clone()]),
            ConditionValues::Flag(flag) => {
                *self = ConditionValues::Many(vec![Value::from(flag.to_string())])
            }
            ConditionValues::Many(_) => {}
        }
        if let ConditionValues::Many(all) = self {
            all.extend(values);
        }
    }
}

impl ToNode for ConditionValues {
    fn to_node(&self) -> Node {
        match self {
            ConditionValues::One(value) => value.to_node(),
            ConditionValues::Flag(flag) => Node::Bool(*flag),
            ConditionValues::Many(values) => values.to_node(),
        }
    }
}

impl Statement {
    fn with_effect(effect: Effect) -> Self {
        Statement {
            sid: None,
            effect,
            principal: None,
            actions: Vec::new(),
            not_actions: Vec::new(),
            resources: Vec::new(),
            not_resources: Vec::new(),
            conditions: IndexMap::new(),
            scalars: Vec::new(),
        }
    }

    /// A statement that allows what it lists.
    pub fn allow() -> Self {
        Self::with_effect(Effect::Allow)
    }

    /// A statement that denies what it lists, whatever other statements
    /// allow.
    pub fn deny() -> Self {
        Self::with_effect(Effect::Deny)
    }

    /// A statement ID: a short name that says why the statement exists.
    pub fn sid(mut self, sid: &str) -> Self {
        self.sid = Some(sid.to_string());
        self
    }

    /// Who the statement applies to; only resource-based and trust policies
    /// name one.
    pub fn principal(mut self, principal: Principal) -> Self {
        self.principal = Some(principal);
        self
    }

    /// Actions as `service:Action`, e.g. `s3:GetObject`.
    pub fn actions<S: Into<String>>(mut self, actions: impl IntoIterator<Item = S>) -> Self {
        self.actions.extend(actions.into_iter().map(Into::into));
        self
    }

    /// Every action except these (mostly for deny statements).
    pub fn not_actions<S: Into<String>>(mut self, actions: impl IntoIterator<Item = S>) -> Self {
        self.not_actions.extend(actions.into_iter().map(Into::into));
        self
    }

    /// The resources, as ARNs (usually `!GetAtt X.Arn` or `!Sub`).
    pub fn resources<V: Into<Value<String>>>(
        mut self,
        resources: impl IntoIterator<Item = V>,
    ) -> Self {
        self.resources.extend(resources.into_iter().map(Into::into));
        self
    }

    /// One resource, as [`Statement::resources`] takes them.
    pub fn resource(self, resource: impl Into<Value<String>>) -> Self {
        self.resources([resource.into()])
    }

    /// Every resource except these (mostly for deny statements).
    pub fn not_resources<V: Into<Value<String>>>(
        mut self,
        resources: impl IntoIterator<Item = V>,
    ) -> Self {
        self.not_resources
            .extend(resources.into_iter().map(Into::into));
        self
    }

    /// Adds `"operator": {"key": [values]}` to the statement's condition.
    pub fn condition<V: Into<Value<String>>>(
        mut self,
        operator: impl Into<Operator>,
        key: &str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        self.conditions
            .entry(operator.into())
            .or_default()
            .entry(key.to_string())
            .or_insert_with(|| ConditionValues::Many(Vec::new()))
            .extend(values.into_iter().map(Into::into));
        self
    }

    /// Adds `"operator": {"key": value}`, the value as a scalar rather than
    /// a one-item list, for checkers that read only that form (see
    /// the private `ConditionValues`). A later [`Statement::condition`] on the same
    /// key turns it into a list.
    pub fn condition_value(
        mut self,
        operator: impl Into<Operator>,
        key: &str,
        value: impl Into<Value<String>>,
    ) -> Self {
        let values = self.conditions.entry(operator.into()).or_default();
        match values.get_mut(key) {
            Some(existing) => existing.extend([value.into()]),
            None => {
                values.insert(key.to_string(), ConditionValues::One(value.into()));
            }
        }
        self
    }

    /// Adds `"operator": {"key": true}` (or `false`) with a JSON boolean,
    /// as YAML writes `aws:SecureTransport: false` unquoted; IAM reads it
    /// as the string [`Statement::condition_value`] would write. A later
    /// [`Statement::condition`] on the same key turns it into a list of
    /// strings.
    pub fn condition_flag(mut self, operator: impl Into<Operator>, key: &str, flag: bool) -> Self {
        let values = self.conditions.entry(operator.into()).or_default();
        match values.get_mut(key) {
            Some(existing) => existing.extend([Value::from(flag.to_string())]),
            None => {
                values.insert(key.to_string(), ConditionValues::Flag(flag));
            }
        }
        self
    }

    /// Writes `element` as a scalar (`"Action": "s3:GetObject"`) when it
    /// has one item, as hand-written policies do; IAM reads it as the
    /// one-item list the builder writes otherwise. An element with several
    /// items stays a list.
    pub fn scalar(mut self, element: Element) -> Self {
        if !self.scalars.contains(&element) {
            self.scalars.push(element);
        }
        self
    }

    /// Whether the statement allows or denies, for checks and tests that
    /// read a policy without rendering it.
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// The actions as given to [`Statement::actions`], for the same checks.
    pub fn action_names(&self) -> &[String] {
        &self.actions
    }

    /// The resources as given to [`Statement::resources`], for the same
    /// checks.
    pub fn resource_values(&self) -> &[Value<String>] {
        &self.resources
    }
}

impl ToNode for Statement {
    fn to_node(&self) -> Node {
        let scalar = |element: Element| self.scalars.contains(&element);
        let values = |items: &[Value<String>], element: Element| {
            one_or_list(items.iter().map(ToNode::to_node).collect(), scalar(element))
        };
        let mut fields = Vec::new();
        if let Some(sid) = &self.sid {
            fields.push(("Sid".into(), Node::Str(sid.clone().into())));
        }
        let effect = match self.effect {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        };
        fields.push(("Effect".into(), Node::Str(effect.into())));
        if let Some(principal) = &self.principal {
            fields.push((
                "Principal".into(),
                principal.node(scalar(Element::Principal)),
            ));
        }
        if !self.actions.is_empty() {
            fields.push((
                "Action".into(),
                strings(&self.actions, scalar(Element::Action)),
            ));
        }
        if !self.not_actions.is_empty() {
            fields.push((
                "NotAction".into(),
                strings(&self.not_actions, scalar(Element::NotAction)),
            ));
        }
        if !self.resources.is_empty() {
            fields.push((
                "Resource".into(),
                values(&self.resources, Element::Resource),
            ));
        }
        if !self.not_resources.is_empty() {
            fields.push((
                "NotResource".into(),
                values(&self.not_resources, Element::NotResource),
            ));
        }
        if !self.conditions.is_empty() {
            let operators = self
                .conditions
                .iter()
                .map(|(operator, keys)| (operator.render().into(), keys.to_node()))
                .collect();
            fields.push(("Condition".into(), Node::Map(operators)));
        }
        Node::Map(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition_of(statement: &Statement) -> Node {
        let Node::Map(fields) = statement.to_node() else {
            panic!("a statement renders as a map");
        };
        fields
            .into_iter()
            .find(|(key, _)| key == "Condition")
            .map(|(_, node)| node)
            .expect("the statement has a condition")
    }

    #[test]
    fn a_scalar_element_is_written_alone_when_it_has_one_item() {
        let statement = Statement::allow()
            .principal(Principal::service("lambda.amazonaws.com"))
            .actions(["s3:GetObject"])
            .resources(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"])
            .scalar(Element::Action)
            .scalar(Element::Resource)
            .scalar(Element::Principal);
        let json = crate::render(&statement.to_node(), crate::Format::Json);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "s3:GetObject",
                "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"],
            })
        );
        let listed = crate::render(
            &Statement::allow().actions(["s3:GetObject"]).to_node(),
            crate::Format::Json,
        );
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
        assert_eq!(listed["Action"], serde_json::json!(["s3:GetObject"]));
    }

    #[test]
    fn a_condition_flag_is_a_json_boolean_until_a_list_extends_it() {
        let flag =
            Statement::deny().condition_flag(ConditionOperator::Bool, "aws:SecureTransport", false);
        let Node::Map(operators) = condition_of(&flag) else {
            panic!("a condition is a map");
        };
        assert_eq!(
            operators[0].1,
            Node::Map(vec![("aws:SecureTransport".into(), Node::Bool(false))])
        );
        let extended = flag.condition(ConditionOperator::Bool, "aws:SecureTransport", ["true"]);
        let Node::Map(operators) = condition_of(&extended) else {
            panic!("a condition is a map");
        };
        assert_eq!(
            operators[0].1,
            Node::Map(vec![(
                "aws:SecureTransport".into(),
                Node::List(vec![Node::Str("false".into()), Node::Str("true".into())])
            )])
        );
    }

    #[test]
    fn a_document_id_follows_the_version() {
        let Node::Map(fields) = PolicyDocument::new([]).id("key-policy").to_node() else {
            panic!("a document is a map");
        };
        let keys: Vec<&str> = fields.iter().map(|(key, _)| key.as_ref()).collect();
        assert_eq!(keys, ["Version", "Id", "Statement"]);
        assert_eq!(fields[1].1, Node::Str("key-policy".into()));
    }

    /// `ALL` holds every operator once: a new variant that is not listed
    /// fails here (the match has no wildcard).
    #[test]
    fn all_operators_are_listed() {
        let listed = |operator: ConditionOperator| match operator {
            ConditionOperator::StringEquals
            | ConditionOperator::StringNotEquals
            | ConditionOperator::StringEqualsIgnoreCase
            | ConditionOperator::StringLike
            | ConditionOperator::StringNotLike
            | ConditionOperator::NumericEquals
            | ConditionOperator::NumericLessThan
            | ConditionOperator::NumericLessThanEquals
            | ConditionOperator::NumericGreaterThan
            | ConditionOperator::NumericGreaterThanEquals
            | ConditionOperator::DateLessThan
            | ConditionOperator::DateGreaterThan
            | ConditionOperator::Bool
            | ConditionOperator::IpAddress
            | ConditionOperator::NotIpAddress
            | ConditionOperator::ArnEquals
            | ConditionOperator::ArnLike
            | ConditionOperator::ArnNotEquals
            | ConditionOperator::ArnNotLike
            | ConditionOperator::Null => ConditionOperator::ALL.contains(&operator),
        };
        assert!(ConditionOperator::ALL.iter().all(|o| listed(*o)));
        let names: std::collections::BTreeSet<&str> =
            ConditionOperator::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(names.len(), 20);
    }

    #[test]
    fn condition_value_renders_a_scalar_and_condition_a_list() {
        let scalar = Statement::deny().condition_value(
            ConditionOperator::Bool,
            "aws:SecureTransport",
            "false",
        );
        let list =
            Statement::deny().condition(ConditionOperator::Bool, "aws:SecureTransport", ["false"]);
        let bool_key = |value: Node| {
            Node::Map(vec![(
                "Bool".into(),
                Node::Map(vec![("aws:SecureTransport".into(), value)]),
            )])
        };
        assert_eq!(condition_of(&scalar), bool_key(Node::Str("false".into())));
        assert_eq!(
            condition_of(&list),
            bool_key(Node::List(vec![Node::Str("false".into())]))
        );
    }

    #[test]
    fn a_second_value_for_a_scalar_key_makes_a_list() {
        let statement = Statement::allow()
            .condition_value(ConditionOperator::StringEquals, "aws:SourceAccount", "1")
            .condition(ConditionOperator::StringEquals, "aws:SourceAccount", ["2"]);
        let expected = Node::Map(vec![(
            "StringEquals".into(),
            Node::Map(vec![(
                "aws:SourceAccount".into(),
                Node::List(vec![Node::Str("1".into()), Node::Str("2".into())]),
            )]),
        )]);
        assert_eq!(condition_of(&statement), expected);
    }
}
