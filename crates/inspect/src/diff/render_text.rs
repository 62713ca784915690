//! The text report: destructive changes first, one line per resource with
//! the changed paths under it, then the security tables, parameters,
//! outputs and removed exports, and a one-line summary. Colour only when
//! asked (the caller knows whether stdout is a terminal).

use std::fmt::Write;

use super::grade::{DataFate, Grade};
use super::replacement::{CauseKind, Effect};
use super::sections::{Change, Entry};
use super::show::show;
use super::value::Verdict;
use super::{Report, ResourceChange, ResourceReport};

/// Longest value shown on a change line; longer ones end in `…`.
const MAX_VALUE: usize = 72;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn red(&self, text: &str) -> String {
        self.wrap("1;31", text)
    }
    fn yellow(&self, text: &str) -> String {
        self.wrap("33", text)
    }
    fn green(&self, text: &str) -> String {
        self.wrap("32", text)
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// The report as text; `colour` adds ANSI colours.
pub fn render_text(report: &Report, colour: bool) -> String {
    let paint = Paint { on: colour };
    let mut out = String::new();
    writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "synth diff {} → {}",
            report.old_label, report.new_label
        ))
    )
    .unwrap();
    if report.outcome().exit_code() == 0 {
        out.push_str("\nNo differences.\n");
        return out;
    }
    if !report.resources.is_empty() {
        out.push_str("\nResources\n");
        // Destructive first, then by how much the change does.
        let rank = |r: &ResourceReport| -> u8 {
            if r.destructive() {
                return 0;
            }
            match r.kind {
                ResourceChange::Replaced => 1,
                ResourceChange::MayBeReplaced => 2,
                ResourceChange::Removed | ResourceChange::RenamedTo(_) => 3,
                ResourceChange::CannotClassify => 4,
                ResourceChange::Updated => 5,
                ResourceChange::Added | ResourceChange::RenamedFrom(_) => 6,
            }
        };
        let mut ordered: Vec<&ResourceReport> = report.resources.iter().collect();
        ordered.sort_by_key(|r| rank(r));
        for resource in ordered {
            resource_lines(&mut out, resource, report, &paint);
        }
    }
    if !report.iam.is_empty() {
        out.push_str("\nIAM statement changes\n");
        let rows = |sign: &str, list: &[super::Statement]| -> Vec<Vec<String>> {
            list.iter()
                .map(|s| {
                    vec![
                        sign.to_string(),
                        s.owner.clone(),
                        s.effect.clone(),
                        s.principal.clone(),
                        s.actions.clone(),
                        s.resources.clone(),
                        s.condition.clone(),
                    ]
                })
                .collect()
        };
        let mut body = rows("+", &report.iam.added);
        body.extend(rows("-", &report.iam.removed));
        table(
            &mut out,
            &[
                "",
                "Resource",
                "Effect",
                "Principal",
                "Action",
                "On",
                "Condition",
            ],
            &body,
            &paint,
        );
    }
    if !report.security_groups.is_empty() {
        out.push_str("\nSecurity group changes\n");
        let rows = |sign: &str, list: &[super::Rule]| -> Vec<Vec<String>> {
            list.iter()
                .map(|r| {
                    vec![
                        sign.to_string(),
                        r.group.clone(),
                        r.direction.clone(),
                        r.protocol.clone(),
                        r.ports.clone(),
                        r.peer.clone(),
                    ]
                })
                .collect()
        };
        let mut body = rows("+", &report.security_groups.added);
        body.extend(rows("-", &report.security_groups.removed));
        table(
            &mut out,
            &["", "Group", "Direction", "Protocol", "Ports", "Peer"],
            &body,
            &paint,
        );
    }
    entries(&mut out, "Parameters", &report.parameters, &paint);
    entries(&mut out, "Outputs", &report.outputs, &paint);
    if !report.removed_exports.is_empty() {
        out.push_str("\nRemoved exports (the update fails while another stack imports one)\n");
        for export in &report.removed_exports {
            writeln!(
                out,
                "  {} {} (output {})",
                paint.red("-"),
                export.name,
                export.output
            )
            .unwrap();
        }
    }
    if !report.other_sections.is_empty() {
        writeln!(
            out,
            "\nOther sections changed: {}",
            report.other_sections.join(", ")
        )
        .unwrap();
    }
    out.push('\n');
    out.push_str(&summary(report, &paint));
    out.push('\n');
    out
}

fn resource_lines(out: &mut String, r: &ResourceReport, report: &Report, paint: &Paint) {
    let (sign, what) = match &r.kind {
        ResourceChange::Added => (paint.green("+"), paint.green("added")),
        ResourceChange::Removed => (paint.red("-"), paint.red("removed")),
        ResourceChange::RenamedTo(to) => (
            paint.yellow(">"),
            paint.yellow(&format!("probably renamed to {to}")),
        ),
        ResourceChange::RenamedFrom(from) => (
            paint.yellow("<"),
            paint.yellow(&format!("probably renamed from {from}")),
        ),
        ResourceChange::Updated => (paint.yellow("~"), "updated in place".to_string()),
        ResourceChange::MayBeReplaced => (paint.yellow("?"), paint.yellow("MAY BE REPLACED")),
        ResourceChange::Replaced => (paint.red("!"), paint.red("REPLACED")),
        ResourceChange::CannotClassify => (
            paint.yellow("?"),
            paint.yellow("changed; cannot classify (no vendored schema for this type)"),
        ),
    };
    let type_name = match &r.old_type {
        Some(old) => format!("{old} → {}", r.type_name),
        None => r.type_name.clone(),
    };
    writeln!(
        out,
        "  {sign} {} {type_name}: {what}",
        paint.bold(&r.logical_id)
    )
    .unwrap();
    if let Some(grade) = &r.grade {
        let maybe = r.kind == ResourceChange::MayBeReplaced;
        for line in grade_lines(grade, &r.kind, maybe) {
            let line = if r.destructive() {
                paint.red(&line)
            } else {
                paint.yellow(&line)
            };
            writeln!(out, "      {line}").unwrap();
        }
    }
    if let ResourceChange::RenamedTo(_) = r.kind {
        writeln!(
            out,
            "      {}; `--refactor-mappings FILE --stack-name NAME` writes the stack refactor that renames it in place",
            report
                .renames
                .iter()
                .find(|n| n.from == r.logical_id)
                .map(|n| n.evidence.clone())
                .unwrap_or_default()
        )
        .unwrap();
    }
    for cause in &r.causes {
        let chain = r.chain(cause, report);
        let why = match &cause.kind {
            CauseKind::Type => "the resource type changed".to_string(),
            // The change line under it says so: `[replaces]`.
            CauseKind::CreateOnly if chain.is_empty() => continue,
            CauseKind::CreateOnly => format!(
                "{} is create-only and references {}, which is replaced (chain: {})",
                cause.path,
                chain[0],
                chain.join(" ← ")
            ),
            CauseKind::CreateOnlyUnknown { why } => {
                format!(
                    "{} is create-only and cannot be known offline: {why}",
                    cause.path
                )
            }
            CauseKind::ConditionalCreateOnly => format!(
                "{} is conditionally create-only: some changes to it replace the resource",
                cause.path
            ),
        };
        writeln!(out, "      because {why}").unwrap();
    }
    for change in &r.changes {
        let shown = |v: &Option<serde_json::Value>| match v {
            Some(v) => clip(&show(v)),
            None => "(none)".to_string(),
        };
        let mut note = match &change.verdict {
            Verdict::Unknown { why } => format!(" (unknown: {why})"),
            Verdict::Changed { via: Some(id) } => format!(" (changes: {id} is replaced)"),
            _ => String::new(),
        };
        match change.effect {
            Effect::Replaces => note.push_str(" [replaces]"),
            Effect::MayReplace => note.push_str(" [may replace]"),
            Effect::InPlace => {}
        }
        let (old, new) = (shown(&change.old), shown(&change.new));
        if old == new {
            // Written the same, changed by a replaced resource behind it.
            writeln!(out, "      {}: {new}{note}", change.path).unwrap();
        } else {
            writeln!(out, "      {}: {old} → {new}{note}", change.path).unwrap();
        }
    }
}

fn grade_lines(grade: &Grade, kind: &ResourceChange, maybe: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let prefix = if maybe { "if replaced: " } else { "" };
    let gone = match kind {
        ResourceChange::Removed | ResourceChange::RenamedTo(_) => "deleted",
        _ => "replaced",
    };
    if let Some((fate, policy)) = &grade.data {
        let policy_text = format!(
            "{} {}{}",
            policy.attribute,
            policy.value,
            if policy.defaulted {
                ", the default"
            } else {
                ""
            }
        );
        lines.push(match fate {
            DataFate::Lost => format!("{prefix}DATA LOSS: it holds data and {policy_text} deletes it"),
            DataFate::Snapshot => {
                format!("{prefix}holds data: snapshot, then {gone} ({policy_text})")
            }
            DataFate::Kept => format!(
                "{prefix}holds data: the old one is kept, orphaned from the stack ({policy_text}); the new one starts empty"
            ),
            DataFate::DependsOn(_) => format!(
                "{prefix}holds data: what happens to it depends on {policy_text}, known only at deploy time"
            ),
        });
    }
    if let Some((property, value)) = &grade.fails {
        lines.push(format!(
            "WILL FAIL: {property} stays {value:?}, and CloudFormation cannot replace a resource with a custom name"
        ));
    }
    lines
}

fn clip(text: &str) -> String {
    super::show::clip(text, MAX_VALUE)
}

fn entries(out: &mut String, title: &str, list: &[Entry], paint: &Paint) {
    if list.is_empty() {
        return;
    }
    writeln!(out, "\n{title}").unwrap();
    for entry in list {
        let sign = match entry.change {
            Change::Added => paint.green("+"),
            Change::Removed => paint.red("-"),
            Change::Changed => paint.yellow("~"),
        };
        writeln!(out, "  {sign} {}", entry.name).unwrap();
        for detail in &entry.details {
            writeln!(out, "      {}", clip(detail)).unwrap();
        }
    }
}

/// Columns padded to their widest cell; the first column is the +/- sign.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], paint: &Paint) {
    let clipped: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| clip(cell)).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            clipped
                .iter()
                .map(|row| row[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        format!("  {}", padded.join(" │ ").trim_end())
    };
    writeln!(
        out,
        "{}",
        line(header.iter().map(|h| h.to_string()).collect())
    )
    .unwrap();
    for row in clipped {
        let text = line(row.clone());
        let text = match row[0].as_str() {
            "+" => paint.green(&text),
            _ => paint.red(&text),
        };
        writeln!(out, "{text}").unwrap();
    }
}

fn summary(report: &Report, paint: &Paint) -> String {
    let count =
        |f: &dyn Fn(&ResourceReport) -> bool| report.resources.iter().filter(|r| f(r)).count();
    let mut parts = Vec::new();
    let mut push = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    push(count(&|r| r.kind == ResourceChange::Replaced), "replaced");
    push(
        count(&|r| r.kind == ResourceChange::MayBeReplaced),
        "may be replaced",
    );
    push(count(&|r| r.kind == ResourceChange::Removed), "removed");
    push(report.renames.len(), "probably renamed");
    push(
        count(&|r| r.kind == ResourceChange::Updated),
        "updated in place",
    );
    push(count(&|r| r.kind == ResourceChange::Added), "added");
    push(
        count(&|r| r.kind == ResourceChange::CannotClassify),
        "not classified",
    );
    let resources = if parts.is_empty() {
        "no resource changes".to_string()
    } else {
        parts.join(", ")
    };
    let destructive = count(&|r| r.destructive());
    let at_risk = count(&|r| r.may_destroy());
    let also = match at_risk {
        0 => String::new(),
        n => format!(" {n} more may, if CloudFormation replaces what may be replaced."),
    };
    if destructive > 0 {
        paint.red(&format!(
            "Destructive: {destructive} change(s) lose or orphan data or will fail.{also} Resources: {resources}."
        ))
    } else if at_risk > 0 {
        // Said first: "nothing holding data is replaced" would be untrue
        // of a change that may replace a bucket.
        paint.yellow(&format!(
            "May lose data: {at_risk} change(s) may replace a resource holding data, or fail. Resources: {resources}."
        ))
    } else {
        format!("Nothing holding data is replaced or removed. Resources: {resources}.")
    }
}
