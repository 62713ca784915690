//! The report as one self-contained HTML page: the `synth diagram`
//! picture of NEW, with the resources OLD had and NEW has not drawn dashed
//! in place, every box coloured by what the change does to it (a box also
//! stands for the roles, policies and log groups folded into it), a legend,
//! and below the picture each changed resource's list of changes, which
//! its box links to. No script, font or stylesheet is fetched.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::grade::DataFate;
use super::palette::{rank, swatch, Swatch};
use super::show::show;
use super::{Report, ResourceChange, ResourceReport};
use crate::diagram::layout::Layout;
use crate::diagram::model::Drawn;
use crate::diagram::svg::{self, Paint, FONTS};
use crate::diagram::text::xml;
use crate::diagram::{self, Detail, DiagramError};
use crate::read::Template;

const STYLE: &str = "
body { margin: 24px; color: #232f3e; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px 0; }
h2 { font-size: 16px; margin: 24px 0 8px 0; }
h3 { font-size: 14px; margin: 16px 0 4px 0; }
h3 small { color: #545b64; font-weight: normal; }
p.verdict { margin: 0 0 16px 0; font-size: 15px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; margin-bottom: 16px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 22px; height: 14px; border-radius: 3px; border: 2px solid; }
.diagram { overflow: auto; border: 1px solid #d5dbdb; border-radius: 6px; }
.diagram svg { display: block; }
section { border-left: 4px solid; padding: 2px 0 2px 12px; margin: 12px 0; }
ul { margin: 4px 0; padding-left: 18px; font-size: 12px; }
code { font-size: 12px; }
";

/// The page for `report` on `old` and `new`; an error only when NEW (with
/// OLD's removed resources) cannot be drawn.
pub fn render_html(
    report: &Report,
    old: &Template,
    new: &Template,
) -> Result<String, DiagramError> {
    let mut picture = diagram::diagram(&with_removed(report, old, new), Detail::Folded)?;
    picture.title = format!("synth diff: {} → {}", old.label, new.label);
    let changed: BTreeMap<&str, &ResourceReport> = report
        .resources
        .iter()
        .map(|r| (r.logical_id.as_str(), r))
        .collect();
    // A box's swatch: its own change, or the most serious of the resources
    // folded into it.
    let mut boxes: BTreeMap<String, (&'static Swatch, String)> = BTreeMap::new();
    for entry in &picture.resources {
        let Some(r) = changed.get(entry.id.as_str()) else {
            continue;
        };
        let hosts = match &entry.drawn {
            Drawn::FoldedInto(hosts) => hosts.clone(),
            _ => vec![entry.id.clone()],
        };
        for host in hosts {
            let candidate = (swatch(r), format!("#change-{}", r.logical_id));
            match boxes.get(&host) {
                Some((current, _)) if rank(current) <= rank(candidate.0) => {}
                _ => {
                    boxes.insert(host, candidate);
                }
            }
        }
    }
    let paint = |id: &str| {
        boxes.get(id).map(|(swatch, href)| Paint {
            fill: swatch.fill,
            stroke: swatch.stroke,
            dashed: swatch.dashed,
            href: Some(href.clone()),
        })
    };
    let layout = Layout::of(&picture);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    writeln!(out, "<title>{}</title>", xml(&picture.title)).unwrap();
    writeln!(
        out,
        "<style>\nbody {{ font-family: {FONTS}; }}{STYLE}</style>\n</head>\n<body>"
    )
    .unwrap();
    writeln!(out, "<h1>{}</h1>", xml(&picture.title)).unwrap();
    writeln!(out, "<p class=\"verdict\">{}</p>", xml(&verdict(report))).unwrap();
    out.push_str(&legend(boxes.values().map(|(s, _)| *s)));
    out.push_str("<div class=\"diagram\">\n");
    out.push_str(&svg::render_painted(&picture, &layout, &paint));
    out.push_str("</div>\n<h2>Changes</h2>\n");
    let mut ordered: Vec<&ResourceReport> = report.resources.iter().collect();
    ordered.sort_by_key(|r| rank(swatch(r)));
    for r in ordered {
        changes(&mut out, r);
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// NEW's body with the resources only OLD has (and the parameters they
/// name that NEW lacks), so a removed resource is drawn where it was.
fn with_removed(report: &Report, old: &Template, new: &Template) -> Value {
    let mut body = new.body.clone();
    for r in &report.resources {
        if !matches!(
            r.kind,
            ResourceChange::Removed | ResourceChange::RenamedTo(_)
        ) {
            continue;
        }
        if let Some(definition) = old.resources().get(&r.logical_id) {
            body["Resources"][&r.logical_id] = definition.clone();
        }
    }
    if let Some(parameters) = old.body.get("Parameters").and_then(Value::as_object) {
        for (name, parameter) in parameters {
            if body.get("Parameters").and_then(|p| p.get(name)).is_none() {
                body["Parameters"][name] = parameter.clone();
            }
        }
    }
    body
}

/// The verdict line: what the exit code says.
fn verdict(report: &Report) -> String {
    let destructive = report.resources.iter().filter(|r| r.destructive()).count();
    let at_risk = report.resources.iter().filter(|r| r.may_destroy()).count();
    match report.outcome().exit_code() {
        0 => "No differences (exit 0).".to_string(),
        3 => format!("Destructive (exit 3): {destructive} change(s) lose, snapshot or orphan data, or will fail."),
        _ if at_risk > 0 => format!("May lose data (exit 2): {at_risk} resource(s) holding data may be replaced."),
        _ => "Changes (exit 2): nothing holding data is replaced or removed, and nothing will fail."
            .to_string(),
    }
}

/// The swatches the picture uses, then what an unchanged box looks like.
fn legend(used: impl Iterator<Item = &'static Swatch>) -> String {
    let mut present: Vec<&Swatch> = used.collect();
    present.sort_by_key(|s| rank(s));
    present.dedup();
    let mut out = String::from("<div class=\"legend\">\n");
    for s in present {
        let style = if s.dashed { "dashed" } else { "solid" };
        writeln!(
            out,
            "<span><i class=\"swatch\" style=\"background:{};border-color:{};border-style:{style}\"></i>{}</span>",
            s.fill, s.stroke, s.name
        )
        .unwrap();
    }
    out.push_str("<span><i class=\"swatch\" style=\"background:#ffffff;border-color:#9aa3ad\"></i>unchanged (border: the service's category)</span>\n</div>\n");
    out
}

/// One changed resource's section, which its box links to.
fn changes(out: &mut String, r: &ResourceReport) {
    let s = swatch(r);
    writeln!(
        out,
        "<section id=\"change-{}\" style=\"border-color:{}\">\n<h3>{} <small>{} — {}</small></h3>",
        xml(&r.logical_id),
        s.stroke,
        xml(&r.logical_id),
        xml(&r.type_name),
        s.name
    )
    .unwrap();
    if let Some(grade) = &r.grade {
        let maybe = if r.kind == ResourceChange::MayBeReplaced {
            "if replaced: "
        } else {
            ""
        };
        if let Some((fate, policy)) = &grade.data {
            let fate = match fate {
                DataFate::Lost => "its data is deleted",
                DataFate::Snapshot => "its data is snapshotted, then deleted",
                DataFate::Kept => "the old one is kept, orphaned; the new one starts empty",
                DataFate::DependsOn(_) => "what happens to its data is known only at deploy time",
            };
            writeln!(
                out,
                "<p>{maybe}holds data: {fate} ({} {}).</p>",
                policy.attribute,
                xml(&policy.value)
            )
            .unwrap();
        }
        if let Some((property, value)) = &grade.fails {
            writeln!(
                out,
                "<p>The update will fail: {} stays {}, and a custom-named resource cannot be replaced.</p>",
                xml(property),
                xml(&format!("{value:?}"))
            )
            .unwrap();
        }
    }
    if !r.changes.is_empty() {
        out.push_str("<ul>\n");
        for change in &r.changes {
            let value = |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), show);
            writeln!(
                out,
                "<li><code>{}</code>: <code>{}</code> → <code>{}</code></li>",
                xml(&change.path),
                xml(&value(&change.old)),
                xml(&value(&change.new))
            )
            .unwrap();
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use constructs::aws::type_names as types;
    use serde_json::json;

    use super::*;
    use crate::diff::diff;
    use crate::read::parse;

    #[test]
    fn boxes_are_coloured_by_grade_and_link_to_their_changes() {
        let old = json!({"Resources": {
            "Queue": {"Type": types::sqs::QUEUE, "Properties": {"QueueName": "a"}},
            "Topic": {"Type": types::sns::TOPIC, "Properties": {"DisplayName": "t"}},
            "Gone": {"Type": types::sns::TOPIC},
        }});
        let new = json!({"Resources": {
            "Queue": {"Type": types::sqs::QUEUE, "Properties": {"QueueName": "b"}},
            "Topic": {"Type": types::sns::TOPIC, "Properties": {"DisplayName": "u"}},
        }});
        let old = parse(&old.to_string(), "old.json").unwrap();
        let new = parse(&new.to_string(), "new.json").unwrap();
        let report = diff(&old, &new);
        let page = render_html(&report, &old, &new).unwrap();
        assert!(page.contains("<a href=\"#change-Queue\">"), "{page}");
        assert!(
            page.contains("fill=\"#fde2e1\" stroke=\"#d13212\""),
            "replaced"
        );
        assert!(
            page.contains("fill=\"#e8f1fb\" stroke=\"#0972d3\""),
            "updated"
        );
        // The removed topic is drawn, dashed, from OLD.
        assert!(page.contains("id=\"node-Gone\""), "{page}");
        assert!(page.contains("<section id=\"change-Gone\""), "{page}");
        assert!(page.contains("removed</span>"), "the legend names it");
        assert!(!page.contains("<script"));
    }
}
