//! IAM policy documents through the typed builder, where it writes exactly
//! what the template has.
//!
//! `constructs::iam` renders one form of each field (`Action` a list
//! unless [`Statement::scalar`] keeps a scalar, `Version` always
//! `2012-10-17`), while IAM reads several alike. A
//! document is written with the builder only when the builder, fed the
//! same statements here, renders a document equal to the template's; any
//! other goes through `untyped::value`, so the round trip never depends on
//! guessing the builder's form.

use constructs::iam::{ConditionOperator, Element, Operator, PolicyDocument, Principal, Statement};
use constructs::node::ToNode;
use constructs::{untyped, Json, Value as CValue};
use serde_json::{Map, Value};

use crate::code::{Code, Writer};
use crate::model::Ty;
use crate::rust;
use crate::ImportError;

/// One statement as the builder takes it, read from the template.
struct Plan<'v> {
    sid: Option<&'v str>,
    allow: bool,
    principal: Option<PrincipalPlan<'v>>,
    actions: Vec<&'v str>,
    not_actions: Vec<&'v str>,
    resources: Vec<&'v Value>,
    not_resources: Vec<&'v Value>,
    /// (operator as written, its parts, key, values, scalar form)
    conditions: Vec<(ConditionPlan, &'v str, Vec<&'v Value>, bool)>,
    /// The elements the template writes as a scalar.
    scalars: Vec<Element>,
}

enum PrincipalPlan<'v> {
    Any,
    Aws(Vec<&'v Value>),
    Service(Vec<&'v Value>),
    Federated(Vec<&'v Value>),
}

#[derive(Clone, Copy)]
struct ConditionPlan {
    base: ConditionOperator,
    for_all: bool,
    for_any: bool,
    if_exists: bool,
}

impl ConditionPlan {
    fn parse(text: &str) -> Option<ConditionPlan> {
        let (for_all, for_any, rest) = if let Some(rest) = text.strip_prefix("ForAllValues:") {
            (true, false, rest)
        } else if let Some(rest) = text.strip_prefix("ForAnyValue:") {
            (false, true, rest)
        } else {
            (false, false, text)
        };
        let (if_exists, base) = match rest.strip_suffix("IfExists") {
            Some(base) => (true, base),
            None => (false, rest),
        };
        let base = *ConditionOperator::ALL.iter().find(|o| o.as_str() == base)?;
        Some(ConditionPlan {
            base,
            for_all,
            for_any,
            if_exists,
        })
    }

    fn operator(self) -> Operator {
        let mut operator = Operator::from(self.base);
        if self.for_all {
            operator = operator.for_all_values();
        }
        if self.for_any {
            operator = operator.for_any_value();
        }
        if self.if_exists {
            operator = operator.if_exists();
        }
        operator
    }

    fn code(self) -> String {
        let base = format!("ConditionOperator::{:?}", self.base);
        if !(self.for_all || self.for_any || self.if_exists) {
            return base;
        }
        let mut text = format!("Operator::from({base})");
        if self.for_all {
            text += ".for_all_values()";
        }
        if self.for_any {
            text += ".for_any_value()";
        }
        if self.if_exists {
            text += ".if_exists()";
        }
        text
    }
}

/// A list's strings, or a scalar string as one (`true` with it).
fn strings(value: &Value) -> Option<(Vec<&str>, bool)> {
    match value {
        Value::String(one) => Some((vec![one.as_str()], true)),
        _ => Some((
            value
                .as_array()?
                .iter()
                .map(Value::as_str)
                .collect::<Option<_>>()?,
            false,
        )),
    }
}

/// A list's items, or a scalar (a string, an intrinsic) as one (`true`
/// with it).
fn values(value: &Value) -> Option<(Vec<&Value>, bool)> {
    match value {
        Value::Array(items) => Some((items.iter().collect(), false)),
        Value::String(_) | Value::Object(_) => Some((vec![value], true)),
        _ => None,
    }
}

/// The statements, when every field has a form the builder writes.
fn plan(document: &Value) -> Option<Vec<Plan<'_>>> {
    let object = document.as_object()?;
    let known = |key: &String| ["Version", "Id", "Statement"].contains(&key.as_str());
    if !object.keys().all(known)
        || object.get("Version")?.as_str()? != constructs::iam::POLICY_VERSION
    {
        return None;
    }
    let mut plans = Vec::new();
    for statement in object.get("Statement")?.as_array()? {
        let statement = statement.as_object()?;
        let mut plan = Plan {
            sid: None,
            allow: true,
            principal: None,
            actions: Vec::new(),
            not_actions: Vec::new(),
            resources: Vec::new(),
            not_resources: Vec::new(),
            conditions: Vec::new(),
            scalars: Vec::new(),
        };
        for (key, value) in statement {
            match key.as_str() {
                "Sid" => plan.sid = Some(value.as_str()?),
                "Effect" => {
                    plan.allow = match value.as_str()? {
                        "Allow" => true,
                        "Deny" => false,
                        _ => return None,
                    }
                }
                "Principal" => {
                    let (given, scalar) = principal(value)?;
                    plan.principal = Some(given);
                    if scalar {
                        plan.scalars.push(Element::Principal);
                    }
                }
                "Action" | "NotAction" => {
                    let (items, scalar) = strings(value)?;
                    let (element, field) = if key == "Action" {
                        (Element::Action, &mut plan.actions)
                    } else {
                        (Element::NotAction, &mut plan.not_actions)
                    };
                    *field = items;
                    if scalar {
                        plan.scalars.push(element);
                    }
                }
                "Resource" | "NotResource" => {
                    let (items, scalar) = values(value)?;
                    let (element, field) = if key == "Resource" {
                        (Element::Resource, &mut plan.resources)
                    } else {
                        (Element::NotResource, &mut plan.not_resources)
                    };
                    *field = items;
                    if scalar {
                        plan.scalars.push(element);
                    }
                }
                "Condition" => {
                    for (operator, keys) in value.as_object()? {
                        let operator = ConditionPlan::parse(operator)?;
                        for (key, given) in keys.as_object()? {
                            match given {
                                Value::Array(items) => plan.conditions.push((
                                    operator,
                                    key,
                                    items.iter().collect(),
                                    false,
                                )),
                                _ => plan.conditions.push((operator, key, vec![given], true)),
                            }
                        }
                    }
                }
                _ => return None,
            }
        }
        plans.push(plan);
    }
    Some(plans)
}

/// The principal, and whether its accounts, services or providers are a
/// scalar.
fn principal(value: &Value) -> Option<(PrincipalPlan<'_>, bool)> {
    if value.as_str() == Some("*") {
        return Some((PrincipalPlan::Any, false));
    }
    let object = value.as_object()?;
    if object.len() != 1 {
        return None;
    }
    let (kind, given) = object.iter().next()?;
    Some(match kind.as_str() {
        "AWS" => {
            let (items, scalar) = values(given)?;
            (PrincipalPlan::Aws(items), scalar)
        }
        "Service" => {
            let (items, scalar) = values(given)?;
            (PrincipalPlan::Service(items), scalar)
        }
        "Federated" => {
            let (items, scalar) = values(given)?;
            (PrincipalPlan::Federated(items), scalar)
        }
        _ => return None,
    })
}

/// A string value for the builder as the template has it.
fn text(value: &Value) -> Option<CValue<String>> {
    match value {
        Value::String(text) => Some(CValue::from(text.as_str())),
        Value::Object(_) => Some(untyped::value::<String>(Json::from(value.clone())).into()),
        _ => None,
    }
}

/// The builder's document for `plans` (and the document's `Id`), to
/// compare with the template's.
fn build(plans: &[Plan], id: Option<&Value>) -> Option<PolicyDocument> {
    let mut statements = Vec::new();
    for plan in plans {
        let mut statement = if plan.allow {
            Statement::allow()
        } else {
            Statement::deny()
        };
        if let Some(sid) = plan.sid {
            statement = statement.sid(sid);
        }
        if let Some(principal) = &plan.principal {
            statement = statement.principal(match principal {
                PrincipalPlan::Any => Principal::Any,
                PrincipalPlan::Aws(items) => {
                    Principal::Aws(items.iter().map(|v| text(v)).collect::<Option<_>>()?)
                }
                PrincipalPlan::Service(items) => {
                    Principal::Service(items.iter().map(|v| text(v)).collect::<Option<_>>()?)
                }
                PrincipalPlan::Federated(items) => {
                    Principal::Federated(items.iter().map(|v| text(v)).collect::<Option<_>>()?)
                }
            });
        }
        statement = statement
            .actions(plan.actions.iter().copied())
            .not_actions(plan.not_actions.iter().copied())
            .resources(
                plan.resources
                    .iter()
                    .map(|v| text(v))
                    .collect::<Option<Vec<_>>>()?,
            )
            .not_resources(
                plan.not_resources
                    .iter()
                    .map(|v| text(v))
                    .collect::<Option<Vec<_>>>()?,
            );
        for (operator, key, items, scalar) in &plan.conditions {
            if let [Value::Bool(flag)] = items.as_slice() {
                statement = statement.condition_flag(operator.operator(), key, *flag);
                continue;
            }
            let items: Vec<CValue<String>> =
                items.iter().map(|v| text(v)).collect::<Option<_>>()?;
            statement = if *scalar {
                statement.condition_value(operator.operator(), key, items[0].clone())
            } else {
                statement.condition(operator.operator(), key, items)
            };
        }
        for element in &plan.scalars {
            statement = statement.scalar(*element);
        }
        statements.push(statement);
    }
    let document = PolicyDocument::new(statements);
    Some(match id {
        Some(id) => document.id(text(id)?),
        None => document,
    })
}

/// `document` with the builder, when the builder writes it back equal;
/// `None` sends it through the escape hatch.
pub fn typed(writer: &mut Writer, document: &Value, at: &str) -> Result<Option<Code>, ImportError> {
    let Some(plans) = plan(document) else {
        return Ok(None);
    };
    let id = document.get("Id");
    let Some(built) = build(&plans, id) else {
        return Ok(None);
    };
    let rendered = constructs::render(&built.to_node(), constructs::Format::Json);
    let same: bool =
        serde_json::from_str::<Value>(&rendered).is_ok_and(|r| same_value(&r, document));
    if !same {
        return Ok(None);
    }
    let mut statements = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let place = format!("{at}.Statement[{i}]");
        let mut code = if plan.allow {
            "Statement::allow()".to_string()
        } else {
            "Statement::deny()".to_string()
        };
        if let Some(sid) = plan.sid {
            code += &format!("\n.sid({})", rust::string(sid));
        }
        if let Some(principal) = &plan.principal {
            let text = match principal {
                PrincipalPlan::Any => "Principal::Any".to_string(),
                PrincipalPlan::Federated(items) => principal_code(
                    writer,
                    ("federated", "Federated", "Federated"),
                    items,
                    &place,
                )?,
                PrincipalPlan::Service(items) => {
                    principal_code(writer, ("service", "Service", "Service"), items, &place)?
                }
                PrincipalPlan::Aws(items) => {
                    principal_code(writer, ("aws", "Aws", "AWS"), items, &place)?
                }
            };
            code += &format!("\n.principal({text})");
        }
        if !plan.actions.is_empty() {
            code += &format!("\n.actions([{}])", literal_list(&plan.actions));
        }
        if !plan.not_actions.is_empty() {
            code += &format!("\n.not_actions([{}])", literal_list(&plan.not_actions));
        }
        if !plan.resources.is_empty() {
            let scalar = plan.scalars.contains(&Element::Resource);
            let list = value_list(
                writer,
                &plan.resources,
                &format!("{place}.Resource"),
                scalar,
            )?;
            code += &format!("\n.resources([{list}])");
        }
        if !plan.not_resources.is_empty() {
            let list = value_list(
                writer,
                &plan.not_resources,
                &format!("{place}.NotResource"),
                plan.scalars.contains(&Element::NotResource),
            )?;
            code += &format!("\n.not_resources([{list}])");
        }
        for (operator, key, items, scalar) in &plan.conditions {
            let at = format!("{place}.Condition.{key}");
            if let [Value::Bool(flag)] = items.as_slice() {
                code += &format!(
                    "\n.condition_flag({}, {}, {flag})",
                    operator.code(),
                    rust::string(key)
                );
            } else if *scalar {
                let value = writer.value(&Ty::String, items[0], &at)?;
                code += &format!(
                    "\n.condition_value({}, {}, {})",
                    operator.code(),
                    rust::string(key),
                    value.text
                );
            } else {
                code += &format!(
                    "\n.condition({}, {}, [{}])",
                    operator.code(),
                    rust::string(key),
                    value_list(writer, items, &at, false)?
                );
            }
            writer.imports.insert("ConditionOperator");
            if operator.code().starts_with("Operator::") {
                writer.imports.insert("Operator");
            }
        }
        for element in &plan.scalars {
            code += &format!("\n.scalar(Element::{element:?})");
            writer.imports.insert("Element");
        }
        statements.push(code);
    }
    let id = match id {
        Some(id) => format!(
            "\n.id({})",
            writer.value(&Ty::String, id, &format!("{at}.Id"))?.text
        ),
        None => String::new(),
    };
    writer.imports.insert("PolicyDocument");
    writer.imports.insert("Statement");
    if plans.iter().any(|p| p.principal.is_some()) {
        writer.imports.insert("Principal");
    }
    Ok(Some(Code {
        text: format!("PolicyDocument::new([\n{},\n]){id}", statements.join(",\n")),
        expr: false,
        ty: "PolicyDocument".to_string(),
    }))
}

/// Whether two JSON values are the same document, objects compared as
/// sets of keys (the builder's key order is its own).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => same_object(a, b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
        }
        _ => a == b,
    }
}

fn same_object(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| same_value(v, w)))
}

fn literal_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| rust::string(s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One principal of a kind through its constructor (`Principal::aws(..)`,
/// `::service`, `::federated`), several through the variant
/// (`Principal::Aws(vec![..])`): the items as the template has them,
/// literals or expressions. `constructor`, `variant`
/// and `key` name the principal kind in the builder and in the template.
fn principal_code(
    writer: &mut Writer,
    (constructor, variant, key): (&str, &str, &str),
    items: &[&Value],
    place: &str,
) -> Result<String, ImportError> {
    let at = format!("{place}.Principal.{key}");
    if let [one] = items {
        let code = writer.value(&Ty::String, one, &at)?;
        return Ok(format!("Principal::{constructor}({})", code.text));
    }
    let items = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            Ok(writer
                .value(&Ty::String, item, &format!("{at}[{i}]"))?
                .into_value())
        })
        .collect::<Result<Vec<_>, ImportError>>()?;
    Ok(format!("Principal::{variant}(vec![{}])", items.join(",\n")))
}

/// Values for `impl IntoIterator<Item = impl Into<Value<String>>>`: all
/// literals, all expressions, or each a `Value` when mixed. The items are
/// at `at[i]` in messages, or at `at` itself when the template writes the
/// one item as a `scalar`.
fn value_list(
    writer: &mut Writer,
    items: &[&Value],
    at: &str,
    scalar: bool,
) -> Result<String, ImportError> {
    let codes = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let place = match scalar {
                true => at.to_string(),
                false => format!("{at}[{i}]"),
            };
            writer.value(&Ty::String, item, &place)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let uniform = codes.iter().all(|c| c.expr) || codes.iter().all(|c| !c.expr);
    if uniform {
        return Ok(codes
            .into_iter()
            .map(|c| c.text)
            .collect::<Vec<_>>()
            .join(",\n"));
    }
    writer.imports.insert("Value");
    Ok(codes
        .into_iter()
        .map(|c| format!("Value::from({})", c.text))
        .collect::<Vec<_>>()
        .join(",\n"))
}
