//! Replacement classification: what updating one resource from its old
//! definition to its new one does, and why.
//!
//! A change at or under a `createOnlyProperties` path replaces the
//! resource; under a `conditionalCreateOnlyProperties` path it may; a
//! changed `Type` always does. Paths are matched whole, nested and through
//! list items (`RootDirectory/Path`, `Items/*/Key`), not by top-level key:
//! that is the hole in `cdk diff` this module exists to close. A create-only
//! value that cannot be known offline may replace the resource; it never
//! counts as unchanged.

use constructs::ResourceFacts;
use serde_json::Value;

use super::value::{compare, intrinsic, single, Context, Verdict};

/// What a change does to its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The change replaces the resource.
    Replaces,
    /// The change replaces the resource for some values.
    MayReplace,
    /// The change updates the resource in place.
    InPlace,
}

/// One changed value of a resource, at its deepest path both sides share.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyChange {
    /// A JSON pointer from the resource: `/Properties/RootDirectory/Path`,
    /// `/DependsOn`.
    pub path: String,
    /// The value in the old template, `None` when it has none.
    pub old: Option<Value>,
    /// The value in the new template, `None` when it has none.
    pub new: Option<Value>,
    /// Whether the two are the same to CloudFormation, differ, or cannot be known offline.
    pub verdict: Verdict,
    /// What the change does to the resource.
    pub effect: Effect,
}

/// Why a resource is (or may be) replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    /// `/Type`, or the concrete path of the create-only value that changed
    /// (`/Properties/Items/0/Key` for the pointer `Items/*/Key`).
    pub path: String,
    /// Which rule makes it a replacement.
    pub kind: CauseKind,
    /// The replaced resource whose new `Ref`/`GetAtt` changed the value.
    pub via: Option<String>,
}

/// The rules that replace a resource.
#[derive(Debug, Clone, PartialEq)]
pub enum CauseKind {
    /// The resource type changed.
    Type,
    /// A create-only value changed: replaced.
    CreateOnly,
    /// A create-only value that cannot be known offline: may be replaced.
    CreateOnlyUnknown {
        /// What hides the value.
        why: String,
    },
    /// A conditional create-only value changed: may be replaced.
    ConditionalCreateOnly,
}

impl Cause {
    /// Whether this cause makes the replacement certain.
    pub fn certain(&self) -> bool {
        matches!(self.kind, CauseKind::Type | CauseKind::CreateOnly)
    }
}

/// What happens to a resource present in both templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Written the same on both sides, and nothing it refers to is replaced.
    Unchanged,
    /// Changed in place.
    Update,
    /// Changed; replaced for some values.
    MayReplace,
    /// Changed; replaced.
    Replace,
    /// Changed, but its type has no vendored schema: the create-only paths
    /// are unknown, so the change is neither called in place nor guessed.
    CannotClassify,
}

/// The classification of one resource: its action, every changed value and
/// every replacement cause.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    pub action: Action,
    pub changes: Vec<PropertyChange>,
    pub causes: Vec<Cause>,
}

/// Resource attributes besides `Type` and `Properties`: updating them never
/// replaces anything. `Version` is custom resources' legacy attribute,
/// which CloudFormation ignores; a change to it is still a change to the
/// template, shown like one to `Metadata`.
const ATTRIBUTES: &[&str] = &[
    "Condition",
    "CreationPolicy",
    "DeletionPolicy",
    "DependsOn",
    "Metadata",
    "UpdatePolicy",
    "UpdateReplacePolicy",
    "Version",
];

/// Classifies the update of one resource from `old` to `new` (their whole
/// definitions), with `facts` for the new type when it has a vendored
/// schema.
pub fn classify(
    old: &Value,
    new: &Value,
    facts: Option<&ResourceFacts>,
    context: &Context,
) -> Classified {
    let empty = Value::Object(Default::default());
    let old_properties = old.get("Properties").unwrap_or(&empty);
    let new_properties = new.get("Properties").unwrap_or(&empty);
    let mut changes = Vec::new();
    differences(
        Some(old_properties),
        Some(new_properties),
        &mut "/Properties".to_string(),
        context,
        &mut changes,
    );
    for attribute in ATTRIBUTES {
        let (a, b) = (old.get(*attribute), new.get(*attribute));
        let (a, b) = if *attribute == "DependsOn" {
            (a.map(depends_on), b.map(depends_on))
        } else {
            (a.cloned(), b.cloned())
        };
        let verdict = compare_present(a.as_ref(), b.as_ref(), context);
        if verdict != Verdict::Same {
            changes.push(PropertyChange {
                path: format!("/{attribute}"),
                old: a,
                new: b,
                verdict,
                effect: Effect::InPlace,
            });
        }
    }
    let mut causes = Vec::new();
    if old["Type"] != new["Type"] {
        causes.push(Cause {
            path: "/Type".into(),
            kind: CauseKind::Type,
            via: None,
        });
    }
    if let (Some(facts), false) = (facts, changes.is_empty()) {
        for pointer in facts.create_only {
            for (path, verdict) in at_pointer(old_properties, new_properties, pointer, context) {
                causes.push(match verdict {
                    Verdict::Changed { via } => Cause {
                        path,
                        kind: CauseKind::CreateOnly,
                        via,
                    },
                    Verdict::Unknown { why } => Cause {
                        path,
                        kind: CauseKind::CreateOnlyUnknown { why },
                        via: None,
                    },
                    Verdict::Same => unreachable!("at_pointer returns differences only"),
                });
            }
        }
        for pointer in facts.conditional_create_only {
            for (path, verdict) in at_pointer(old_properties, new_properties, pointer, context) {
                causes.push(Cause {
                    path,
                    kind: CauseKind::ConditionalCreateOnly,
                    via: match verdict {
                        Verdict::Changed { via } => via,
                        _ => None,
                    },
                });
            }
        }
    }
    // `RootDirectory` and `RootDirectory/Path` are both create-only: the
    // deepest path says what changed.
    let deeper = |c: &Cause, causes: &[Cause]| {
        causes.iter().any(|d| {
            d.path.len() > c.path.len()
                && overlaps(&d.path, &c.path)
                && (d.certain() || !c.certain())
        })
    };
    let all = causes.clone();
    causes.retain(|c| !deeper(c, &all));
    for change in &mut changes {
        let overlapping = causes
            .iter()
            .filter(|c| overlaps(&c.path, &change.path))
            .collect::<Vec<_>>();
        change.effect = if overlapping.iter().any(|c| c.certain()) {
            Effect::Replaces
        } else if overlapping.is_empty() {
            Effect::InPlace
        } else {
            Effect::MayReplace
        };
    }
    let action = if causes.iter().any(Cause::certain) {
        Action::Replace
    } else if changes.is_empty() {
        Action::Unchanged
    } else if facts.is_none() && changes.iter().any(|c| c.path.starts_with("/Properties")) {
        // Without the type's schema a property change may replace; an
        // attribute change never does.
        Action::CannotClassify
    } else if causes.is_empty() {
        Action::Update
    } else {
        Action::MayReplace
    };
    Classified {
        action,
        changes,
        causes,
    }
}

/// `DependsOn: X` is `[X]`, and its order does not matter.
fn depends_on(value: &Value) -> Value {
    let mut names: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    names.sort_by_key(|v| v.to_string());
    Value::Array(names)
}

fn compare_present(old: Option<&Value>, new: Option<&Value>, context: &Context) -> Verdict {
    match (old, new) {
        (None, None) => Verdict::Same,
        (Some(a), Some(b)) => compare(a, b, context),
        (Some(v), None) | (None, Some(v)) if is_no_value(v) => Verdict::Same,
        _ => Verdict::changed(),
    }
}

fn is_no_value(value: &Value) -> bool {
    single(value, "Ref").and_then(Value::as_str) == Some("AWS::NoValue")
}

/// A literal mapping or list that can be walked into (not an intrinsic).
fn walkable(value: Option<&Value>) -> bool {
    matches!(value, Some(v @ (Value::Object(_) | Value::Array(_))) if intrinsic(v).is_none())
}

/// Every difference between `old` and `new` below `path`, at the deepest
/// level both sides are literal mappings or equal-length lists.
///
/// Where both sides can be walked into, the children are compared and
/// the whole is not: two literal mappings (or lists) are the same exactly
/// when their children are, so comparing the whole first would compare
/// every leaf once per level above it. `path` is one buffer, grown and
/// cut back on the way, copied only into a change.
fn differences(
    old: Option<&Value>,
    new: Option<&Value>,
    path: &mut String,
    context: &Context,
    out: &mut Vec<PropertyChange>,
) {
    let below = |path: &mut String, segment: &dyn std::fmt::Display, x, y, out: &mut _| {
        use std::fmt::Write;
        let length = path.len();
        let _ = write!(path, "/{segment}");
        differences(x, y, path, context, out);
        path.truncate(length);
    };
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) if walkable(old) && walkable(new) => {
            for (key, x) in a {
                below(path, key, Some(x), b.get(key), out);
            }
            for (key, y) in b {
                if !a.contains_key(key) {
                    below(path, key, None, Some(y), out);
                }
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                below(path, &i, Some(x), Some(y), out);
            }
        }
        _ => {
            let verdict = compare_present(old, new, context);
            if verdict != Verdict::Same {
                out.push(PropertyChange {
                    path: path.clone(),
                    old: old.cloned(),
                    new: new.cloned(),
                    verdict,
                    effect: Effect::InPlace,
                });
            }
        }
    }
}

/// The differing values at `pointer` (a path below `Properties`, `*` for
/// any list item), each with its concrete path. Where a side is computed
/// (an intrinsic) before the pointer ends, the computed value is compared
/// whole at the path reached.
fn at_pointer(
    old: &Value,
    new: &Value,
    pointer: &str,
    context: &Context,
) -> Vec<(String, Verdict)> {
    let segments: Vec<&str> = pointer.split('/').collect();
    let mut out = Vec::new();
    walk(
        Some(old),
        Some(new),
        &segments,
        "/Properties".to_string(),
        context,
        &mut out,
    );
    out
}

fn walk<'v>(
    old: Option<&'v Value>,
    new: Option<&'v Value>,
    segments: &[&str],
    path: String,
    context: &Context,
    out: &mut Vec<(String, Verdict)>,
) {
    let Some((segment, rest)) = segments.split_first() else {
        let verdict = compare_present(old, new, context);
        if verdict != Verdict::Same {
            out.push((path, verdict));
        }
        return;
    };
    let computed = |v: Option<&Value>| v.is_some_and(|v| intrinsic(v).is_some());
    if computed(old) || computed(new) {
        let verdict = compare_present(old, new, context);
        if verdict != Verdict::Same {
            out.push((path, verdict));
        }
        return;
    }
    if *segment == "*" {
        let length = |v: Option<&Value>| v.and_then(Value::as_array).map_or(0, Vec::len);
        for i in 0..length(old).max(length(new)) {
            let item = |v: Option<&'v Value>| v.and_then(Value::as_array).and_then(|a| a.get(i));
            walk(
                item(old),
                item(new),
                rest,
                format!("{path}/{i}"),
                context,
                out,
            );
        }
    } else {
        let field = |v: Option<&'v Value>| v.and_then(|v| v.get(*segment));
        walk(
            field(old),
            field(new),
            rest,
            format!("{path}/{segment}"),
            context,
            out,
        );
    }
}

/// Whether one path is the other or lies under it.
fn overlaps(a: &str, b: &str) -> bool {
    let under = |long: &str, short: &str| {
        long == short || (long.starts_with(short) && long[short.len()..].starts_with('/'))
    };
    under(a, b) || under(b, a)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const FACTS: ResourceFacts = ResourceFacts {
        type_name: "Test::Thing",
        create_only: &["Name", "Root/Path", "Items/*/Key"],
        conditional_create_only: &["Mode"],
        primary_identifier: &["Name"],
        name_property: Some("Name"),
        stateful: false,
        feature: None,
        name_rule: None,
    };

    fn thing(properties: Value) -> Value {
        json!({"Type": "Test::Thing", "Properties": properties})
    }

    fn run(old: Value, new: Value) -> Classified {
        classify(&thing(old), &thing(new), Some(&FACTS), &Context::default())
    }

    #[test]
    fn a_nested_create_only_pointer_replaces() {
        let c = run(
            json!({"Root": {"Path": "/a", "Owner": 1}}),
            json!({"Root": {"Path": "/b", "Owner": 1}}),
        );
        assert_eq!(c.action, Action::Replace);
        assert_eq!(c.causes[0].path, "/Properties/Root/Path");
        assert_eq!(c.changes[0].effect, Effect::Replaces);
    }

    #[test]
    fn a_sibling_of_a_nested_pointer_updates_in_place() {
        let c = run(
            json!({"Root": {"Path": "/a", "Owner": 1}}),
            json!({"Root": {"Path": "/a", "Owner": 2}}),
        );
        assert_eq!(c.action, Action::Update);
        assert_eq!(c.changes[0].path, "/Properties/Root/Owner");
        assert_eq!(c.changes[0].effect, Effect::InPlace);
    }

    #[test]
    fn a_list_item_pointer_replaces() {
        let c = run(
            json!({"Items": [{"Key": "a", "V": 1}, {"Key": "b"}]}),
            json!({"Items": [{"Key": "a", "V": 2}, {"Key": "c"}]}),
        );
        assert_eq!(c.action, Action::Replace);
        assert_eq!(c.causes.len(), 1);
        assert_eq!(c.causes[0].path, "/Properties/Items/1/Key");
        let v = c
            .changes
            .iter()
            .find(|ch| ch.path == "/Properties/Items/0/V")
            .unwrap();
        assert_eq!(v.effect, Effect::InPlace);
        // An item added: its key is a new create-only value.
        let c = run(json!({"Items": []}), json!({"Items": [{"Key": "a"}]}));
        assert_eq!(c.action, Action::Replace);
    }

    #[test]
    fn a_conditional_create_only_property_may_replace() {
        let c = run(json!({"Mode": "a"}), json!({"Mode": "b"}));
        assert_eq!(c.action, Action::MayReplace);
        assert_eq!(c.causes[0].kind, CauseKind::ConditionalCreateOnly);
        assert_eq!(c.changes[0].effect, Effect::MayReplace);
    }

    #[test]
    fn an_unknown_create_only_value_may_replace() {
        let c = run(
            json!({"Name": "fixed"}),
            json!({"Name": {"Fn::ImportValue": "Other-Name"}}),
        );
        assert_eq!(c.action, Action::MayReplace);
        assert!(matches!(
            c.causes[0].kind,
            CauseKind::CreateOnlyUnknown { .. }
        ));
    }

    #[test]
    fn a_type_change_replaces() {
        let old = json!({"Type": "Test::Thing", "Properties": {}});
        let new = json!({"Type": "Test::Other", "Properties": {}});
        let c = classify(&old, &new, None, &Context::default());
        assert_eq!(c.action, Action::Replace);
        assert_eq!(c.causes[0].kind, CauseKind::Type);
    }

    #[test]
    fn equivalent_values_change_nothing() {
        let old = json!({"Type": "Test::Thing", "DependsOn": "A", "Properties": {"Size": "10", "On": "true", "Arn": {"Fn::GetAtt": "A.Arn"}}});
        let new = json!({"Type": "Test::Thing", "DependsOn": ["A"], "Properties": {"Size": 10, "On": true, "Arn": {"Fn::GetAtt": ["A", "Arn"]}}});
        let c = classify(&old, &new, Some(&FACTS), &Context::default());
        assert_eq!(c.action, Action::Unchanged, "{c:?}");
    }

    #[test]
    fn attributes_update_in_place() {
        let old =
            json!({"Type": "Test::Thing", "Properties": {"Name": "a"}, "DeletionPolicy": "Delete"});
        let new =
            json!({"Type": "Test::Thing", "Properties": {"Name": "a"}, "DeletionPolicy": "Retain"});
        let c = classify(&old, &new, Some(&FACTS), &Context::default());
        assert_eq!(c.action, Action::Update);
        assert_eq!(c.changes[0].path, "/DeletionPolicy");
        // A custom resource's legacy `Version` dropped is a change too.
        let old = json!({"Type": "Custom::Seed", "Properties": {}, "Version": "1.0"});
        let new = json!({"Type": "Custom::Seed", "Properties": {}});
        let c = classify(&old, &new, None, &Context::default());
        assert_eq!(c.changes[0].path, "/Version", "{c:?}");
        assert_eq!(c.action, Action::Update, "an attribute needs no schema");
    }

    #[test]
    fn without_a_schema_a_change_cannot_be_classified() {
        let old = json!({"Type": "Custom::Thing", "Properties": {"A": 1}});
        let new = json!({"Type": "Custom::Thing", "Properties": {"A": 2}});
        assert_eq!(
            classify(&old, &new, None, &Context::default()).action,
            Action::CannotClassify
        );
        assert_eq!(
            classify(&old, &old, None, &Context::default()).action,
            Action::Unchanged
        );
    }
}
