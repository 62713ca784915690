//! The report as GitHub-flavoured Markdown, for a pull-request comment: the
//! verdict and what it means, a table per kind of change (destructive
//! ones first), the changed values in collapsed details, the security
//! tables, and a Mermaid flowchart of the changed resources and their
//! direct neighbours, each box styled by what happens to it.
//!
//! GitHub refuses a comment over 65,536 characters: the details are cut
//! first, with a note, then the longest tables.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::Value;

use super::grade::DataFate;
use super::palette::{swatch, SWATCHES};
use super::replacement::Effect;
use super::show::show;
use super::value::{references, Verdict};
use super::{Outcome, Report, ResourceChange, ResourceReport};
use crate::diagram::names::short_type;
use crate::read::Template;

/// GitHub's limit on a comment, less room for what a workflow adds.
pub const MAX_COMMENT_CHARS: usize = 65_000;

/// Longest value a table cell or a detail line shows.
const MAX_VALUE: usize = 100;

/// The report on `old` and `new` as Markdown, at most
/// [`MAX_COMMENT_CHARS`] long.
pub fn render_markdown(report: &Report, old: &Template, new: &Template) -> String {
    let head = head(report);
    let tables = tables(report);
    let security = security(report);
    let diagram = diagram(report, old, new);
    let details = details(report);
    let fits = |parts: &[&str]| {
        parts.iter().map(|p| p.chars().count()).sum::<usize>() <= MAX_COMMENT_CHARS
    };
    if fits(&[&head, &tables, &details, &security, &diagram]) {
        return [head, tables, details, security, diagram].concat();
    }
    let note = "\n> The changes property by property are left out: the comment would pass \
                GitHub's size limit. `synth diff` prints them all.\n";
    if fits(&[&head, &tables, note, &security, &diagram]) {
        return [head, tables, note.to_string(), security, diagram].concat();
    }
    // Still too long: the tables first, cut at the limit with a note.
    let mut out = [head, note.to_string(), tables].concat();
    let cut = "\n> The report is cut here: it would pass GitHub's size limit. `synth diff` prints it all.\n";
    if out.chars().count() > MAX_COMMENT_CHARS {
        let keep = MAX_COMMENT_CHARS - cut.chars().count();
        let end = out.char_indices().nth(keep).map_or(out.len(), |(at, _)| at);
        let end = out[..end].rfind('\n').unwrap_or(end);
        out.truncate(end);
        out.push_str(cut);
    }
    out
}

/// The title and the verdict line, with what the exit code means.
fn head(report: &Report) -> String {
    let mut out = format!(
        "## `synth diff` {} → {}\n\n",
        code(&report.old_label),
        code(&report.new_label)
    );
    let destructive = report.resources.iter().filter(|r| r.destructive()).count();
    let at_risk = report.resources.iter().filter(|r| r.may_destroy()).count();
    let verdict = match report.outcome() {
        Outcome::NoDifference => {
            "**No differences** (exit 0): the two templates are the same to CloudFormation.".to_string()
        }
        Outcome::Destructive => format!(
            "**Destructive** (exit 3): {destructive} change(s) lose, snapshot or orphan data, or will fail."
        ),
        Outcome::Changes if at_risk > 0 => format!(
            "**May lose data** (exit 2): {at_risk} resource(s) holding data may be replaced; nothing is certain to."
        ),
        Outcome::Changes => {
            "**Changes** (exit 2): nothing holding data is replaced or removed, and nothing will fail."
                .to_string()
        }
    };
    writeln!(out, "{verdict}").unwrap();
    out
}

/// Whether a resource's change belongs in a grade's table.
type Member = fn(&ResourceReport) -> bool;

/// The grades, in the order a reviewer reads them.
const GRADES: [(&str, Member); 8] = [
    ("Will fail", |r| {
        r.grade.as_ref().is_some_and(|g| g.fails.is_some())
    }),
    ("Replaced", |r| r.kind == ResourceChange::Replaced),
    ("May be replaced", |r| {
        r.kind == ResourceChange::MayBeReplaced
    }),
    ("Removed", |r| r.kind == ResourceChange::Removed),
    ("Renamed", |r| {
        matches!(r.kind, ResourceChange::RenamedTo(_))
    }),
    ("Not classified", |r| {
        r.kind == ResourceChange::CannotClassify
    }),
    ("Updated in place", |r| r.kind == ResourceChange::Updated),
    ("Added", |r| r.kind == ResourceChange::Added),
];

/// A table per grade present, destructive rows first in each.
fn tables(report: &Report) -> String {
    let mut out = String::new();
    for (title, member) in GRADES {
        let mut rows: Vec<&ResourceReport> =
            report.resources.iter().filter(|r| member(r)).collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by_key(|r| !r.destructive());
        writeln!(out, "\n### {title} ({})\n", rows.len()).unwrap();
        out.push_str("| | Resource | Type | Holds data | What happens to the data |\n");
        out.push_str("|---|---|---|---|---|\n");
        for r in rows {
            let mark = if r.destructive() {
                "🔴"
            } else if r.may_destroy() {
                "🟠"
            } else {
                ""
            };
            let resource = match &r.kind {
                ResourceChange::RenamedTo(to) => format!("{} → {}", code(&r.logical_id), code(to)),
                _ => code(&r.logical_id),
            };
            writeln!(
                out,
                "| {mark} | {resource} | {} | {} | {} |",
                code(&r.type_name),
                if r.stateful { "yes" } else { "no" },
                cell(&data_fate(r)),
            )
            .unwrap();
        }
    }
    out
}

/// What happens to a resource's data, in a few words.
fn data_fate(r: &ResourceReport) -> String {
    let Some(grade) = &r.grade else {
        return String::new();
    };
    let maybe = if r.kind == ResourceChange::MayBeReplaced {
        "if replaced: "
    } else {
        ""
    };
    let mut parts = Vec::new();
    if let Some((fate, policy)) = &grade.data {
        let policy = format!("{} {}", policy.attribute, policy.value);
        parts.push(match fate {
            DataFate::Lost => format!("{maybe}**data lost** ({policy})"),
            DataFate::Snapshot => format!("{maybe}snapshot, then deleted ({policy})"),
            DataFate::Kept => {
                format!("{maybe}old one kept, orphaned; the new one starts empty ({policy})")
            }
            DataFate::DependsOn(_) => format!("{maybe}depends on {policy}, known at deploy time"),
        });
    }
    if let Some((property, value)) = &grade.fails {
        parts.push(format!(
            "**will fail**: {property} stays {value:?}, and a custom-named resource cannot be replaced"
        ));
    }
    parts.join("; ")
}

/// Every changed value, per resource, in a collapsed block.
fn details(report: &Report) -> String {
    let changed: Vec<&ResourceReport> = report
        .resources
        .iter()
        .filter(|r| !r.changes.is_empty())
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("\n<details><summary>The changes, property by property</summary>\n\n");
    for r in changed {
        writeln!(
            out,
            "**{}** ({})\n",
            code(&r.logical_id),
            code(&r.type_name)
        )
        .unwrap();
        for change in &r.changes {
            let value =
                |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), |v| clip(&show(v)));
            let effect = match change.effect {
                Effect::Replaces => " — replaces",
                Effect::MayReplace => " — may replace",
                Effect::InPlace => "",
            };
            let note = match &change.verdict {
                Verdict::Unknown { why } => format!(" (unknown: {why})"),
                Verdict::Changed { via: Some(id) } => {
                    format!(" (changes: {} is replaced)", code(id))
                }
                _ => String::new(),
            };
            let (old, new) = (value(&change.old), value(&change.new));
            let values = if old == new {
                // Written the same, changed by a replaced resource behind it.
                code(&new)
            } else {
                format!("{} → {}", code(&old), code(&new))
            };
            writeln!(out, "- {}: {values}{effect}{note}", code(&change.path)).unwrap();
        }
        out.push('\n');
    }
    out.push_str("</details>\n");
    out
}

/// The IAM statement and security group rule tables.
fn security(report: &Report) -> String {
    let mut out = String::new();
    if !report.iam.is_empty() {
        out.push_str("\n### IAM statement changes\n\n| | Resource | Effect | Principal | Action | On | Condition |\n|---|---|---|---|---|---|---|\n");
        for (sign, list) in [("+", &report.iam.added), ("−", &report.iam.removed)] {
            for s in list {
                writeln!(
                    out,
                    "| {sign} | {} | {} | {} | {} | {} | {} |",
                    cell(&s.owner),
                    cell(&s.effect),
                    cell(&s.principal),
                    cell(&s.actions),
                    cell(&s.resources),
                    cell(&s.condition)
                )
                .unwrap();
            }
        }
    }
    if !report.security_groups.is_empty() {
        out.push_str("\n### Security group changes\n\n| | Group | Direction | Protocol | Ports | Peer |\n|---|---|---|---|---|---|\n");
        for (sign, list) in [
            ("+", &report.security_groups.added),
            ("−", &report.security_groups.removed),
        ] {
            for rule in list {
                writeln!(
                    out,
                    "| {sign} | {} | {} | {} | {} | {} |",
                    cell(&rule.group),
                    cell(&rule.direction),
                    cell(&rule.protocol),
                    cell(&rule.ports),
                    cell(&rule.peer)
                )
                .unwrap();
            }
        }
    }
    out
}

/// A Mermaid flowchart of the changed resources and the resources they
/// reference or are referenced by, each box styled by its grade; removed
/// ones (from OLD) dashed; the ones holding data say so.
fn diagram(report: &Report, old: &Template, new: &Template) -> String {
    let changed: BTreeMap<&str, &ResourceReport> = report
        .resources
        .iter()
        .map(|r| (r.logical_id.as_str(), r))
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    // Edges of NEW, and of OLD for what NEW no longer has.
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for (template, only_removed) in [(new, false), (old, true)] {
        let resources = template.resources();
        for (id, resource) in resources {
            if only_removed && new.resources().contains_key(id) {
                continue;
            }
            for target in references(resource) {
                if resources.contains_key(&target) && target != *id {
                    edges.insert((id.clone(), target));
                }
            }
        }
    }
    edges.retain(|(from, to)| {
        changed.contains_key(from.as_str()) || changed.contains_key(to.as_str())
    });
    let mut nodes: BTreeSet<&str> = changed.keys().copied().collect();
    for (from, to) in &edges {
        nodes.insert(from);
        nodes.insert(to);
    }
    let mut out = String::from("\n### The change, drawn\n\n```mermaid\nflowchart LR\n");
    for id in &nodes {
        let type_name = new
            .resources()
            .get(*id)
            .or_else(|| old.resources().get(*id))
            .and_then(|r| r["Type"].as_str())
            .unwrap_or("");
        let report = changed.get(id);
        let data = report.is_some_and(|r| r.stateful) || constructs::is_stateful(type_name);
        let label = format!(
            "{id}<br/>{}{}",
            short_type(type_name),
            if data { "<br/>holds data" } else { "" }
        );
        writeln!(
            out,
            "  {}[\"{}\"]",
            node_id(id),
            label.replace('"', "#quot;")
        )
        .unwrap();
        if let Some(report) = report {
            writeln!(out, "  class {} {}", node_id(id), swatch(report).class).unwrap();
        }
    }
    for (from, to) in &edges {
        writeln!(out, "  {} --> {}", node_id(from), node_id(to)).unwrap();
    }
    for swatch in &SWATCHES {
        let dash = if swatch.dashed {
            ",stroke-dasharray:5 5"
        } else {
            ""
        };
        writeln!(
            out,
            "  classDef {} fill:{},stroke:{},stroke-width:2px{dash}",
            swatch.class, swatch.fill, swatch.stroke
        )
        .unwrap();
    }
    out.push_str(
        "```\n\nRed: replaced (or the update fails); orange: may be replaced; blue: updated \
         in place; green: added; dashed: removed or not classified; plain: unchanged \
         neighbours.\n",
    );
    out
}

/// A logical ID as a Mermaid node ID: alphanumeric already, but `end` and
/// other keywords must not stand alone.
fn node_id(id: &str) -> String {
    format!("r_{id}")
}

/// Inline code that survives any backticks in `text`.
fn code(text: &str) -> String {
    let text = text.replace('|', "\\|").replace('\n', " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A table cell: one line, pipes escaped, clipped.
fn cell(text: &str) -> String {
    clip(text).replace('|', "\\|").replace('\n', " ")
}

fn clip(text: &str) -> String {
    super::show::clip(text, MAX_VALUE)
}

#[cfg(test)]
mod tests {
    use constructs::aws::type_names as types;
    use serde_json::json;

    use super::*;
    use crate::diff::diff;
    use crate::read::parse;

    fn template(resources: Value) -> Template {
        parse(&json!({"Resources": resources}).to_string(), "t.json").unwrap()
    }

    fn table(key: &str) -> Value {
        json!({"T": {"Type": types::dynamodb::TABLE, "Properties": {
            "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}]}},
            "F": {"Type": types::lambda::FUNCTION, "Properties": {
                "Role": {"Fn::GetAtt": ["R", "Arn"]}, "Code": {"ZipFile": "x"},
                "Environment": {"Variables": {"TABLE": {"Ref": "T"}}}}},
            "R": {"Type": types::iam::ROLE, "Properties": {"AssumeRolePolicyDocument": {}}}})
    }

    #[test]
    fn a_replaced_table_is_red_holds_data_and_brings_its_neighbour() {
        let (old, new) = (template(table("id")), template(table("orderId")));
        let report = diff(&old, &new);
        let text = render_markdown(&report, &old, &new);
        assert!(text.contains("**Destructive** (exit 3)"), "{text}");
        assert!(text.contains("### Replaced (1)"), "{text}");
        assert!(
            text.contains("| 🔴 | `T` | `AWS::DynamoDB::Table` | yes | **data lost** (UpdateReplacePolicy Delete) |"),
            "{text}"
        );
        assert!(text.contains("class r_T replaced"), "{text}");
        // The function reading the table's new name is updated; its role,
        // a neighbour the change does not touch, is drawn plain.
        assert!(text.contains("r_F --> r_T"), "{text}");
        assert!(text.contains("class r_F updated"), "{text}");
        assert!(text.contains("r_F --> r_R"), "{text}");
        assert!(!text.contains("class r_R"), "{text}");
        assert!(text.contains("<details>"), "{text}");
    }

    #[test]
    fn a_huge_report_stays_under_githubs_limit_details_cut_first() {
        let many = |value: &str| -> Value {
            (0..3000)
                .map(|i| {
                    (
                        format!("Q{i}"),
                        json!({"Type": types::sqs::QUEUE, "Properties": {"DelaySeconds": 1,
                            "Tags": [{"Key": "k", "Value": value}]}}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let (old, new) = (template(many("a")), template(many(&"b".repeat(60))));
        let report = diff(&old, &new);
        let text = render_markdown(&report, &old, &new);
        assert!(text.chars().count() <= MAX_COMMENT_CHARS, "{}", text.len());
        assert!(text.contains("left out"), "{}", &text[..500]);
    }
}
