//! The JSON report (`synth diff --format json`): the same facts as the
//! text, in a documented shape (README, "synth diff") that pipelines
//! parse. `schemaVersion` changes when a field changes meaning or goes.

use serde_json::{json, Value};

use super::grade::DataFate;
use super::replacement::{CauseKind, Effect};
use super::sections::{Change, Entry};
use super::security::{Rule, Statement, Table};
use super::value::Verdict;
use super::{Report, ResourceChange, ResourceReport};

/// Bumped when a field changes meaning or is removed.
const SCHEMA_VERSION: u32 = 1;

/// The report as one pretty-printed JSON document, newline-terminated.
pub fn render_json(report: &Report) -> String {
    let outcome = report.outcome();
    let count =
        |f: fn(&ResourceChange) -> bool| report.resources.iter().filter(|r| f(&r.kind)).count();
    let document = json!({
        "schemaVersion": SCHEMA_VERSION,
        "old": report.old_label,
        "new": report.new_label,
        "outcome": outcome.name(),
        "exitCode": outcome.exit_code(),
        "summary": {
            "added": count(|k| *k == ResourceChange::Added),
            "removed": count(|k| *k == ResourceChange::Removed),
            "renamed": report.renames.len(),
            "updated": count(|k| *k == ResourceChange::Updated),
            "mayBeReplaced": count(|k| *k == ResourceChange::MayBeReplaced),
            "replaced": count(|k| *k == ResourceChange::Replaced),
            "cannotClassify": count(|k| *k == ResourceChange::CannotClassify),
            "destructive": report.resources.iter().filter(|r| r.destructive()).count(),
        },
        "resources": report.resources.iter().map(|r| resource(r, report)).collect::<Vec<_>>(),
        "renames": report.renames.iter().map(|r| json!({
            "from": r.from, "to": r.to, "type": r.type_name, "evidence": r.evidence,
        })).collect::<Vec<_>>(),
        "iam": table(&report.iam, statement),
        "securityGroups": table(&report.security_groups, rule),
        "parameters": report.parameters.iter().map(entry).collect::<Vec<_>>(),
        "outputs": report.outputs.iter().map(entry).collect::<Vec<_>>(),
        "removedExports": report.removed_exports.iter().map(|e| json!({
            "output": e.output, "name": e.name,
        })).collect::<Vec<_>>(),
        "otherSections": report.other_sections,
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}

/// The `change` names of the JSON report.
pub fn change_name(kind: &ResourceChange) -> &'static str {
    match kind {
        ResourceChange::Added => "added",
        ResourceChange::Removed => "removed",
        ResourceChange::RenamedTo(_) => "renamed-to",
        ResourceChange::RenamedFrom(_) => "renamed-from",
        ResourceChange::Updated => "updated",
        ResourceChange::MayBeReplaced => "may-be-replaced",
        ResourceChange::Replaced => "replaced",
        ResourceChange::CannotClassify => "cannot-classify",
    }
}

fn resource(r: &ResourceReport, report: &Report) -> Value {
    let (data, fails) = match &r.grade {
        Some(grade) => (
            grade.data.as_ref().map(|(fate, policy)| {
                json!({
                    "fate": match fate {
                        DataFate::Lost => "lost",
                        DataFate::Snapshot => "snapshot",
                        DataFate::Kept => "kept",
                        DataFate::DependsOn(_) => "depends-on-policy",
                    },
                    "policy": policy.attribute,
                    "value": policy.value,
                    "defaulted": policy.defaulted,
                })
            }),
            grade
                .fails
                .as_ref()
                .map(|(property, value)| json!({"property": property, "value": value})),
        ),
        None => (None, None),
    };
    let mut object = json!({
        "logicalId": r.logical_id,
        "type": r.type_name,
        "oldType": r.old_type,
        "change": change_name(&r.kind),
        "stateful": r.stateful,
        "destructive": r.destructive(),
        "data": data,
        "fails": fails,
        "causes": r.causes.iter().map(|c| {
            let (kind, why) = match &c.kind {
                CauseKind::Type => ("type", None),
                CauseKind::CreateOnly => ("create-only", None),
                CauseKind::CreateOnlyUnknown { why } => ("create-only-unknown", Some(why.clone())),
                CauseKind::ConditionalCreateOnly => ("conditional-create-only", None),
            };
            json!({"path": c.path, "kind": kind, "why": why, "via": r.chain(c, report)})
        }).collect::<Vec<_>>(),
        "changes": r.changes.iter().map(|c| {
            let (verdict, why, via) = match &c.verdict {
                Verdict::Unknown { why } => ("unknown", Some(why.clone()), None),
                Verdict::Changed { via } => ("changed", None, via.clone()),
                Verdict::Same => ("same", None, None),
            };
            json!({
                "path": c.path,
                "old": c.old,
                "new": c.new,
                "verdict": verdict,
                "why": why,
                "via": via,
                "effect": match c.effect {
                    Effect::Replaces => "replaces",
                    Effect::MayReplace => "may-replace",
                    Effect::InPlace => "in-place",
                },
            })
        }).collect::<Vec<_>>(),
    });
    match &r.kind {
        ResourceChange::RenamedTo(to) => object["renamedTo"] = json!(to),
        ResourceChange::RenamedFrom(from) => object["renamedFrom"] = json!(from),
        _ => {}
    }
    object
}

fn table<T>(table: &Table<T>, row: fn(&T) -> Value) -> Value {
    json!({
        "added": table.added.iter().map(row).collect::<Vec<_>>(),
        "removed": table.removed.iter().map(row).collect::<Vec<_>>(),
    })
}

fn statement(s: &Statement) -> Value {
    json!({
        "owner": s.owner, "effect": s.effect, "principal": s.principal,
        "actions": s.actions, "resources": s.resources, "condition": s.condition,
    })
}

fn rule(r: &Rule) -> Value {
    json!({
        "group": r.group, "direction": r.direction, "protocol": r.protocol,
        "ports": r.ports, "peer": r.peer, "description": r.description,
    })
}

fn entry(e: &Entry) -> Value {
    json!({
        "name": e.name,
        "change": match e.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        },
        "details": e.details,
    })
}
