//! Value equivalence: whether two template values are the same value to
//! CloudFormation, a different one, or one that cannot be known offline.
//!
//! CloudFormation compares what a value resolves to, not how it is written:
//! `"10"` and `10` are one value, `"true"` and `true` too, and
//! `!GetAtt A.B` is `[A, B]`. A `Ref` to a parameter with a default is its
//! default. A value only a deployment can know (`{{resolve:...}}`,
//! `Fn::ImportValue`, `Fn::GetStackOutput`, a parameter without a default,
//! an intrinsic this module does not evaluate) is unknown when the two
//! sides are written differently: it may or may not resolve to the same
//! thing, and the report must say so rather than guess. Written the same way on both sides, it
//! reads the same deploy-time input and the template change does not change
//! it. A `Ref` or `GetAtt` of a resource that the change replaces is a
//! changed value even when written the same way: the new resource has a new
//! ID and ARN.

use std::collections::BTreeMap;

use constructs::sub_syntax::{sub_parts, SubPart};
use serde_json::{Map, Value};

/// What comparing two values found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The same value to CloudFormation.
    Same,
    /// A different value.
    Changed {
        /// The replaced resource whose new `Ref`/`GetAtt` makes it
        /// different, when that is the reason.
        via: Option<String>,
    },
    /// Cannot be known offline.
    Unknown {
        /// What hides the value (a parameter without a default, a
        /// `{{resolve:...}}`, an import).
        why: String,
    },
}

impl Verdict {
    /// Two parts' verdicts as one: a definite change wins, then an unknown.
    pub fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::Changed { via: None }, c @ Verdict::Changed { .. }) => c,
            (c @ Verdict::Changed { .. }, _) | (_, c @ Verdict::Changed { .. }) => c,
            (u @ Verdict::Unknown { .. }, _) | (_, u @ Verdict::Unknown { .. }) => u,
            _ => Verdict::Same,
        }
    }

    /// Changed, for no reason beyond the values themselves.
    pub fn changed() -> Verdict {
        Verdict::Changed { via: None }
    }
}

/// How sure a replacement is, for references to the replaced resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    Certain,
    Possible,
}

/// What the comparison needs to know about both templates: their
/// parameters' defaults (`None` for a parameter without one) and the
/// resources the change replaces.
#[derive(Debug, Default)]
pub struct Context {
    pub old_parameters: BTreeMap<String, Option<Value>>,
    pub new_parameters: BTreeMap<String, Option<Value>>,
    pub replaced: BTreeMap<String, Replacement>,
}

/// Values the user knows and the templates do not: parameter values (as
/// `aws cloudformation deploy --parameter-overrides` gives them) and the
/// pseudo parameters of the account, region and partition deployed to.
/// They apply to both templates, so fewer values are unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Parameter values by name, over the templates' defaults.
    pub parameters: BTreeMap<String, String>,
    /// The value of `AWS::AccountId`.
    pub account: Option<String>,
    /// The value of `AWS::Region`.
    pub region: Option<String>,
    /// The value of `AWS::Partition`.
    pub partition: Option<String>,
}

impl Context {
    /// The parameters of both templates, with what `known` gives (nothing
    /// replaced yet): a given parameter value
    /// over the template's default, and the pseudo parameters, which a
    /// `Ref` or a `Fn::Sub` placeholder then reads as literals.
    pub fn with_known(old: &Value, new: &Value, known: &Known) -> Context {
        let fill = |template: &Value| {
            let mut parameters = parameters(template);
            for (name, value) in parameters.iter_mut() {
                if let Some(given) = known.parameters.get(name) {
                    *value = Some(Value::String(given.clone()));
                }
            }
            for (pseudo, value) in [
                ("AWS::AccountId", &known.account),
                ("AWS::Region", &known.region),
                ("AWS::Partition", &known.partition),
            ] {
                if let Some(value) = value {
                    parameters.insert(pseudo.to_string(), Some(Value::String(value.clone())));
                }
            }
            parameters
        };
        Context {
            old_parameters: fill(old),
            new_parameters: fill(new),
            replaced: BTreeMap::new(),
        }
    }

    fn parameters(&self, side: Side) -> &BTreeMap<String, Option<Value>> {
        match side {
            Side::Old => &self.old_parameters,
            Side::New => &self.new_parameters,
        }
    }
}

/// `text` with every `${Name}` placeholder whose value is known (a
/// parameter's default or given value, a given pseudo parameter) filled
/// in; `local` names the placeholders a `Fn::Sub` binds itself.
fn substituted<'t>(
    text: &'t str,
    known: &BTreeMap<String, Option<Value>>,
    local: &[String],
) -> std::borrow::Cow<'t, str> {
    // Most strings have nothing to fill: no copy for them.
    if known.is_empty() || !text.contains("${") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    for part in sub_parts(text) {
        match part {
            SubPart::Text(text) | SubPart::Unclosed(text) => out.push_str(text),
            SubPart::Literal(literal) => {
                out.push_str("${!");
                out.push_str(literal);
                out.push('}');
            }
            SubPart::Placeholder { name, written } => {
                let value = (!local.iter().any(|l| l == name))
                    .then(|| known.get(name))
                    .flatten()
                    .and_then(|v| v.as_ref())
                    .filter(|v| !v.is_object() && !v.is_array());
                match value {
                    Some(value) => out.push_str(&scalar_text(value)),
                    None => out.push_str(written),
                }
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

fn parameters(template: &Value) -> BTreeMap<String, Option<Value>> {
    template["Parameters"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, p)| (name.clone(), p.get("Default").cloned()))
        .collect()
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// Compares `old` (from the old template) with `new` (from the new one).
pub fn compare(old: &Value, new: &Value, context: &Context) -> Verdict {
    let old = resolve(old, Side::Old, context);
    let new = resolve(new, Side::New, context);
    compare_resolved(&old, &new, context)
}

/// `{"Ref": parameter}` with a default becomes the default, and a dotted
/// `GetAtt` becomes its list form; anything else is returned as it is.
fn resolve<'v>(value: &'v Value, side: Side, context: &'v Context) -> std::borrow::Cow<'v, Value> {
    use std::borrow::Cow;
    if let Some(name) = single(value, "Ref").and_then(Value::as_str) {
        let parameters = match side {
            Side::Old => &context.old_parameters,
            Side::New => &context.new_parameters,
        };
        if let Some(Some(default)) = parameters.get(name) {
            return Cow::Borrowed(default);
        }
    }
    if let Some(Value::String(dotted)) = single(value, "Fn::GetAtt") {
        if let Some((resource, attribute)) = dotted.split_once('.') {
            let mut object = Map::new();
            object.insert(
                "Fn::GetAtt".into(),
                Value::Array(vec![resource.into(), attribute.into()]),
            );
            return Cow::Owned(Value::Object(object));
        }
    }
    Cow::Borrowed(value)
}

fn compare_resolved(old: &Value, new: &Value, context: &Context) -> Verdict {
    let (old_fn, new_fn) = (intrinsic(old), intrinsic(new));
    match (old_fn, new_fn) {
        (None, None) => match (old, new) {
            (Value::Array(a), Value::Array(b)) => {
                if a.len() != b.len() {
                    return Verdict::changed().and(replaced_behind(b, context));
                }
                a.iter()
                    .zip(b)
                    .fold(Verdict::Same, |v, (x, y)| v.and(compare(x, y, context)))
            }
            (Value::Object(a), Value::Object(b)) => compare_objects(a, b, context),
            (Value::Object(_) | Value::Array(_), _) | (_, Value::Object(_) | Value::Array(_)) => {
                Verdict::changed()
            }
            _ => compare_scalars(old, new),
        },
        (Some((f, x)), Some((g, y))) if f == g => compare_intrinsic(f, x, y, context),
        _ => {
            // One side is computed and the other is written differently:
            // a replaced resource behind the computed side changes it for
            // certain; otherwise only a deployment knows.
            if let Some(verdict) = through_replaced(new, context) {
                return verdict;
            }
            let (old_known, new_known) =
                (context.parameters(Side::Old), context.parameters(Side::New));
            if let (Some(a), Some(b)) = (fold(old, old_known), fold(new, new_known)) {
                return compare_scalars(&a, &b);
            }
            // A Fn::Sub against a literal: certain when no filling of its
            // placeholders gives the literal.
            if let (Some(a), Some(b)) = (pattern_of(old, old_known), pattern_of(new, new_known)) {
                if !may_match(&a, &b) {
                    return Verdict::changed();
                }
            }
            Verdict::Unknown {
                why: format!(
                    "{} cannot be evaluated offline",
                    describe_unknown(if new_fn.is_some() { new } else { old })
                ),
            }
        }
    }
}

/// A list that changed length changed, whatever its items hold; a
/// replaced resource behind one of the new items only adds the reason.
fn replaced_behind(items: &[Value], context: &Context) -> Verdict {
    items
        .iter()
        .find_map(|item| through_replaced(item, context))
        .unwrap_or(Verdict::Same)
}

fn compare_objects(a: &Map<String, Value>, b: &Map<String, Value>, context: &Context) -> Verdict {
    let mut verdict = Verdict::Same;
    for (key, x) in a {
        verdict = verdict.and(match b.get(key) {
            Some(y) => compare(x, y, context),
            None if is_no_value(x) => Verdict::Same,
            None => Verdict::changed(),
        });
    }
    for (key, y) in b {
        if !a.contains_key(key) && !is_no_value(y) {
            verdict = verdict.and(Verdict::changed());
        }
    }
    verdict
}

fn is_no_value(value: &Value) -> bool {
    single(value, "Ref").and_then(Value::as_str) == Some("AWS::NoValue")
}

/// Scalars as CloudFormation reads them: every scalar is a string to it,
/// so `10`, `"10"` and `10.0` are one value, and so are `true` and `"true"`.
fn compare_scalars(old: &Value, new: &Value) -> Verdict {
    let (a, b) = (scalar_str(old), scalar_str(new));
    if a == b {
        return Verdict::Same;
    }
    if a.contains("{{resolve:") || b.contains("{{resolve:") {
        return Verdict::Unknown {
            why: "a dynamic reference ({{resolve:...}}) is resolved at deploy time".into(),
        };
    }
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) if x == y => Verdict::Same,
        _ => Verdict::changed(),
    }
}

/// A scalar as the string CloudFormation sees.
pub fn scalar_text(value: &Value) -> String {
    scalar_str(value).into_owned()
}

/// [`scalar_text`] without copying a string: comparing two scalars is the
/// diff's commonest step.
fn scalar_str(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::String(s) => std::borrow::Cow::Borrowed(s),
        Value::Null => std::borrow::Cow::Borrowed(""),
        other => std::borrow::Cow::Owned(other.to_string()),
    }
}

fn compare_intrinsic(name: &str, old: &Value, new: &Value, context: &Context) -> Verdict {
    match name {
        "Ref" => match (old.as_str(), new.as_str()) {
            (Some(a), Some(b)) if a == b => reference_verdict(a, context).unwrap_or(Verdict::Same),
            _ => {
                let unknown = [old, new]
                    .iter()
                    .filter_map(|v| unknowable_ref(v.as_str()?, context))
                    .next();
                unknown.unwrap_or_else(Verdict::changed)
            }
        },
        "Fn::GetAtt" => {
            let target = |v: &Value| -> Option<(String, String)> {
                let list = v.as_array()?;
                Some((
                    list.first()?.as_str()?.to_string(),
                    scalar_text(list.get(1)?),
                ))
            };
            match (target(old), target(new)) {
                (Some(a), Some(b)) if a == b => {
                    reference_verdict(&a.0, context).unwrap_or(Verdict::Same)
                }
                _ => Verdict::changed(),
            }
        }
        "Fn::ImportValue" | "Fn::GetStackOutput" => match compare(old, new, context) {
            Verdict::Same => Verdict::Same,
            _ => Verdict::Unknown {
                why: format!(
                    "{name} reads another stack's {} at deploy time",
                    if name == "Fn::ImportValue" {
                        "export"
                    } else {
                        "output"
                    }
                ),
            },
        },
        "Fn::Sub" => compare_sub(old, new, context),
        _ => compare(old, new, context),
    }
}

/// A parameter without a default hides its value; `None` for anything
/// else. Identical references to it are the same value (see the module
/// doc), so this only matters when the two sides differ.
fn unknowable_ref(name: &str, context: &Context) -> Option<Verdict> {
    let in_old = matches!(context.old_parameters.get(name), Some(None));
    let in_new = matches!(context.new_parameters.get(name), Some(None));
    (in_old || in_new).then(|| Verdict::Unknown {
        why: format!("the parameter {name} has no default; its value is given at deploy time"),
    })
}

/// The verdict for a reference to `resource` when the change replaces it.
fn reference_verdict(resource: &str, context: &Context) -> Option<Verdict> {
    match context.replaced.get(resource)? {
        Replacement::Certain => Some(Verdict::Changed {
            via: Some(resource.to_string()),
        }),
        Replacement::Possible => Some(Verdict::Unknown {
            why: format!("{resource} may be replaced, which would change its Ref and attributes"),
        }),
    }
}

/// A `Fn::Sub`'s template string and the variables it binds itself,
/// borrowed: most of a diff's strings are compared, not kept.
fn sub_arguments(sub: &Value) -> (std::borrow::Cow<'_, str>, Option<&Map<String, Value>>) {
    match sub {
        Value::String(s) => (std::borrow::Cow::Borrowed(s.as_str()), None),
        Value::Array(items) => (
            items.first().map(scalar_str).unwrap_or_default(),
            items.get(1).and_then(Value::as_object),
        ),
        other => (std::borrow::Cow::Owned(other.to_string()), None),
    }
}

fn compare_sub(old: &Value, new: &Value, context: &Context) -> Verdict {
    let ((a, a_vars), (b, b_vars)) = (sub_arguments(old), sub_arguments(new));
    let local = |vars: Option<&Map<String, Value>>| -> Vec<String> {
        vars.iter().flat_map(|m| m.keys().cloned()).collect()
    };
    let b_local = local(b_vars);
    let a = substituted(&a, context.parameters(Side::Old), &local(a_vars));
    let b = substituted(&b, context.parameters(Side::New), &b_local);
    let vars = match (a_vars, b_vars) {
        (None, None) => Verdict::Same,
        (Some(x), Some(y)) => compare_objects(x, y, context),
        _ => Verdict::changed(),
    };
    let b_placeholders = sub_placeholders(&b);
    let mut verdict = if a == b {
        Verdict::Same
    } else if b_placeholders.is_empty() && sub_placeholders(&a).is_empty() {
        compare_scalars(&Value::String(a.to_string()), &Value::String(b.to_string()))
    } else if may_match(&sub_pattern(&a), &sub_pattern(&b)) {
        Verdict::Unknown {
            why: "two Fn::Sub strings whose placeholders may fill them alike".into(),
        }
    } else {
        Verdict::changed()
    };
    for placeholder in b_placeholders {
        let resource = placeholder.split('.').next().unwrap_or_default();
        if b_local.iter().any(|l| l == resource) {
            continue;
        }
        if let Some(v) = reference_verdict(resource, context) {
            verdict = verdict.and(v);
        }
    }
    verdict.and(vars)
}

/// One piece of a string as a pattern: a character, or a placeholder that
/// a deployment fills with any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Char(char),
    Any,
}

/// A `Fn::Sub` string as a pattern: its text, each `${...}` placeholder a
/// wildcard, `${!Literal}` the text `${Literal}`.
fn sub_pattern(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for part in sub_parts(text) {
        match part {
            SubPart::Text(text) | SubPart::Unclosed(text) => {
                pieces.extend(text.chars().map(Piece::Char));
            }
            SubPart::Literal(literal) => {
                pieces.extend("${".chars().map(Piece::Char));
                pieces.extend(literal.chars().map(Piece::Char));
                pieces.push(Piece::Char('}'));
            }
            SubPart::Placeholder { .. } => pieces.push(Piece::Any),
        }
    }
    pieces
}

/// The pattern of a literal string or a `Fn::Sub` (either form), if
/// `value` is one of those.
fn pattern_of(value: &Value, known: &BTreeMap<String, Option<Value>>) -> Option<Vec<Piece>> {
    match intrinsic(value) {
        None => value
            .as_str()
            .map(|text| text.chars().map(Piece::Char).collect()),
        Some(("Fn::Sub", Value::String(text))) => Some(sub_pattern(&substituted(text, known, &[]))),
        Some(("Fn::Sub", Value::Array(args))) => {
            let local: Vec<String> = args
                .get(1)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            args.first()?
                .as_str()
                .map(|text| sub_pattern(&substituted(text, known, &local)))
        }
        _ => None,
    }
}

/// Whether some string matches both patterns: the two could be the same
/// value once deployed.
fn may_match(a: &[Piece], b: &[Piece]) -> bool {
    // reach[i][j]: the first i pieces of `a` and j of `b` can produce one
    // string.
    let mut reach = vec![vec![false; b.len() + 1]; a.len() + 1];
    reach[0][0] = true;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            if !reach[i][j] {
                continue;
            }
            if i < a.len() && a[i] == Piece::Any {
                // The wildcard takes nothing more, or `b`'s next piece.
                reach[i + 1][j] = true;
                if j < b.len() {
                    reach[i][j + 1] = true;
                }
            }
            if j < b.len() && b[j] == Piece::Any {
                reach[i][j + 1] = true;
                if i < a.len() {
                    reach[i + 1][j] = true;
                }
            }
            if let (Some(Piece::Char(x)), Some(Piece::Char(y))) = (a.get(i), b.get(j)) {
                if x == y {
                    reach[i + 1][j + 1] = true;
                }
            }
        }
    }
    reach[a.len()][b.len()]
}

/// The `${...}` placeholders of a `Fn::Sub` string (not `${!literal}`).
pub fn sub_placeholders(text: &str) -> Vec<&str> {
    sub_parts(text)
        .filter_map(|part| match part {
            SubPart::Placeholder { name, .. } => Some(name),
            _ => None,
        })
        .collect()
}

/// A verdict for `value` when it reaches a replaced resource, wherever
/// inside it the reference sits.
fn through_replaced(value: &Value, context: &Context) -> Option<Verdict> {
    if context.replaced.is_empty() {
        return None;
    }
    let mut found = None;
    for resource in references(value) {
        if let Some(v) = reference_verdict(&resource, context) {
            found = Some(match found {
                None => v,
                Some(prior) => v.and(prior),
            });
        }
    }
    found
}

/// Every logical ID `value` names through `Ref`, `GetAtt` or a `Sub`
/// placeholder, in order of appearance.
pub fn references(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_references(value, &mut out);
    out
}

fn collect_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_references(v, out)),
        Value::Object(map) => {
            if let Some(Value::String(name)) = single(value, "Ref") {
                out.push(name.clone());
                return;
            }
            if let Some(target) = single(value, "Fn::GetAtt") {
                let name = match target {
                    Value::String(dotted) => dotted.split('.').next().map(str::to_string),
                    Value::Array(list) => list.first().and_then(Value::as_str).map(str::to_string),
                    _ => None,
                };
                out.extend(name);
                return;
            }
            if let Some(sub) = single(value, "Fn::Sub") {
                let text = match sub {
                    Value::String(s) => Some(s.as_str()),
                    Value::Array(items) => items.first().and_then(Value::as_str),
                    _ => None,
                };
                for placeholder in sub_placeholders(text.unwrap_or_default()) {
                    out.push(
                        placeholder
                            .split('.')
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                    );
                }
                if let Some(vars) = sub.get(1) {
                    collect_references(vars, out);
                }
                return;
            }
            map.values().for_each(|v| collect_references(v, out));
        }
        _ => {}
    }
}

/// The value of a one-key object `{key: value}`.
pub fn single<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(key),
        _ => None,
    }
}

pub use crate::references::intrinsic;

/// A computed value folded to its literal when nothing in it needs a
/// deployment: a known parameter, `Fn::Join` of literals, `Fn::Sub` whose
/// placeholders are all known.
fn fold(value: &Value, known: &BTreeMap<String, Option<Value>>) -> Option<Value> {
    match intrinsic(value) {
        None => match value {
            Value::Object(_) | Value::Array(_) => None,
            scalar => Some(scalar.clone()),
        },
        Some(("Ref", Value::String(name))) => known
            .get(name)
            .and_then(|v| v.as_ref())
            .filter(|v| !v.is_object() && !v.is_array())
            .cloned(),
        Some(("Fn::Sub", Value::String(text))) => {
            let text = substituted(text, known, &[]);
            sub_placeholders(&text)
                .is_empty()
                .then(|| Value::String(text.into_owned()))
        }
        Some(("Fn::Join", Value::Array(args))) if args.len() == 2 => {
            let separator = fold(&args[0], known)?;
            let items = args[1].as_array()?;
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|i| fold(i, known).map(|v| scalar_text(&v)))
                .collect();
            Some(Value::String(parts?.join(&scalar_text(&separator))))
        }
        _ => None,
    }
}

fn describe_unknown(value: &Value) -> String {
    match intrinsic(value) {
        Some(("Fn::ImportValue", _)) => "Fn::ImportValue (another stack's export)".into(),
        Some(("Fn::GetStackOutput", _)) => "Fn::GetStackOutput (another stack's output)".into(),
        Some(("Ref", Value::String(name))) => format!("Ref {name}"),
        Some((name, _)) => name.to_string(),
        None => "the value".into(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn same(a: Value, b: Value) -> Verdict {
        compare(&a, &b, &Context::default())
    }

    #[test]
    fn scalars_compare_as_strings() {
        assert_eq!(same(json!("10"), json!(10)), Verdict::Same);
        assert_eq!(same(json!(10), json!(10.0)), Verdict::Same);
        assert_eq!(same(json!("true"), json!(true)), Verdict::Same);
        assert_eq!(same(json!("false"), json!(true)), Verdict::changed());
        assert_eq!(same(json!("a"), json!("b")), Verdict::changed());
    }

    #[test]
    fn getatt_dotted_equals_list() {
        assert_eq!(
            same(
                json!({"Fn::GetAtt": "A.Arn"}),
                json!({"Fn::GetAtt": ["A", "Arn"]})
            ),
            Verdict::Same
        );
        assert_eq!(
            same(
                json!({"Fn::GetAtt": "A.Arn"}),
                json!({"Fn::GetAtt": ["A", "Id"]})
            ),
            Verdict::changed()
        );
    }

    #[test]
    fn no_value_equals_absent() {
        assert_eq!(
            same(json!({"A": {"Ref": "AWS::NoValue"}}), json!({})),
            Verdict::Same
        );
    }

    #[test]
    fn unknowable_values_are_unknown_when_written_differently() {
        let unknown = |v: Verdict| matches!(v, Verdict::Unknown { .. });
        assert!(unknown(same(
            json!("{{resolve:ssm:/a}}"),
            json!("{{resolve:ssm:/b}}")
        )));
        assert!(unknown(same(json!("literal"), json!("{{resolve:ssm:/b}}"))));
        assert!(unknown(same(
            json!("x"),
            json!({"Fn::ImportValue": "Other-Name"})
        )));
        assert!(unknown(same(
            json!({"Fn::ImportValue": "A"}),
            json!({"Fn::ImportValue": "B"})
        )));
        // Written the same way, it reads the same input.
        assert_eq!(
            same(
                json!({"Fn::ImportValue": "A"}),
                json!({"Fn::ImportValue": "A"})
            ),
            Verdict::Same
        );
        let output = |stack: &str| json!({"Fn::GetStackOutput": {"StackName": stack, "OutputName": "TopicName"}});
        assert_eq!(same(output("a"), output("a")), Verdict::Same);
        assert!(matches!(
            same(output("a"), output("b")),
            Verdict::Unknown { why } if why == "Fn::GetStackOutput reads another stack's output at deploy time"
        ));
        assert!(unknown(same(json!("x"), output("a"))));
    }

    #[test]
    fn parameters_are_their_defaults_or_unknown() {
        let old = json!({"Parameters": {"Size": {"Type": "Number", "Default": "10"}, "Vpc": {"Type": "String"}}});
        let context = Context::with_known(&old, &old, &Known::default());
        assert_eq!(
            compare(&json!({"Ref": "Size"}), &json!(10), &context),
            Verdict::Same
        );
        assert_eq!(
            compare(&json!({"Ref": "Size"}), &json!(11), &context),
            Verdict::changed()
        );
        assert!(matches!(
            compare(&json!("vpc-1"), &json!({"Ref": "Vpc"}), &context),
            Verdict::Unknown { .. }
        ));
        assert_eq!(
            compare(&json!({"Ref": "Vpc"}), &json!({"Ref": "Vpc"}), &context),
            Verdict::Same
        );
    }

    #[test]
    fn references_to_replaced_resources_change() {
        let mut context = Context::default();
        context.replaced.insert("Key".into(), Replacement::Certain);
        context
            .replaced
            .insert("Maybe".into(), Replacement::Possible);
        let via = Verdict::Changed {
            via: Some("Key".into()),
        };
        assert_eq!(
            compare(&json!({"Ref": "Key"}), &json!({"Ref": "Key"}), &context),
            via
        );
        assert_eq!(
            compare(
                &json!({"Fn::GetAtt": "Key.Arn"}),
                &json!({"Fn::GetAtt": ["Key", "Arn"]}),
                &context
            ),
            via
        );
        assert_eq!(
            compare(
                &json!({"Fn::Sub": "${Key.Arn}/x"}),
                &json!({"Fn::Sub": "${Key.Arn}/x"}),
                &context
            ),
            via
        );
        assert!(matches!(
            compare(&json!({"Ref": "Maybe"}), &json!({"Ref": "Maybe"}), &context),
            Verdict::Unknown { .. }
        ));
        assert_eq!(
            compare(&json!({"Ref": "Other"}), &json!({"Ref": "Other"}), &context),
            Verdict::Same
        );
    }

    #[test]
    fn literal_folds() {
        assert_eq!(
            same(json!("a-b"), json!({"Fn::Join": ["-", ["a", "b"]]})),
            Verdict::Same
        );
        assert_eq!(same(json!("a"), json!({"Fn::Sub": "a"})), Verdict::Same);
        assert!(matches!(
            same(json!("acme-x"), json!({"Fn::Sub": "${AWS::StackName}-x"})),
            Verdict::Unknown { .. }
        ));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            sub_placeholders("${A}-${B.Arn}-${!Literal}-${ AWS::Region }"),
            vec!["A", "B.Arn", "AWS::Region"]
        );
    }

    #[test]
    fn sub_patterns_match_when_their_placeholders_could_fill_them_alike() {
        let matches = |a: &str, b: &str| may_match(&sub_pattern(a), &sub_pattern(b));
        assert!(matches("askedgi-${Tenant}-data", "askedgi-acme-data"));
        assert!(!matches(
            "askedgi-acme-data-${AWS::AccountId}",
            "askedgi-acme-data"
        ));
        assert!(!matches(
            "${AWS::StackName}-data",
            "${AWS::StackName}-data2"
        ));
        assert!(matches("${A}-x", "${B}-x"));
        assert!(matches("${A}${B}", "anything"));
        assert!(!matches("${!Literal}", "Literal"));
        assert!(matches("${!Literal}", "${Literal}"));
    }

    #[test]
    fn a_sub_against_a_literal_it_cannot_produce_is_a_certain_change() {
        let context = Context::default();
        let bucket = json!({"Fn::Sub": "askedgi-acme-data-${AWS::AccountId}"});
        assert_eq!(
            compare(&bucket, &json!("askedgi-acme-data"), &context),
            Verdict::changed()
        );
        assert!(matches!(
            compare(&bucket, &json!("askedgi-acme-data-123456789012"), &context),
            Verdict::Unknown { .. }
        ));
        let other = json!({"Fn::Sub": "askedgi-acme-logs-${AWS::AccountId}"});
        assert_eq!(compare(&bucket, &other, &context), Verdict::changed());
    }

    #[test]
    fn known_parameters_and_pseudo_parameters_are_read_as_literals() {
        let template = json!({"Parameters": {"Name": {"Type": "String", "Default": "a"}}});
        let known = Known {
            parameters: [("Name".to_string(), "given".to_string())].into(),
            account: Some("123456789012".into()),
            ..Known::default()
        };
        let context = Context::with_known(&template, &template, &known);
        let bucket = json!({"Fn::Sub": "askedgi-acme-data-${AWS::AccountId}"});
        assert_eq!(
            compare(&bucket, &json!("askedgi-acme-data-123456789012"), &context),
            Verdict::Same
        );
        assert_eq!(
            compare(&bucket, &json!("askedgi-acme-data-999999999999"), &context),
            Verdict::changed()
        );
        // A given value wins over the default.
        assert_eq!(
            compare(&json!({"Ref": "Name"}), &json!("given"), &context),
            Verdict::Same
        );
        assert_eq!(
            compare(
                &json!({"Fn::Sub": "${Name}-x"}),
                &json!({"Fn::Sub": "given-x"}),
                &context
            ),
            Verdict::Same
        );
        // The region is still unknown.
        assert!(matches!(
            compare(
                &json!({"Fn::Sub": "${AWS::Region}"}),
                &json!("eu-west-1"),
                &context
            ),
            Verdict::Unknown { .. }
        ));
    }
}
