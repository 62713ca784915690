//! Mermaid `flowchart` with one subgraph per group: GitHub and GitLab
//! render it where Markdown shows a ```mermaid block.

use std::fmt::Write;

use super::model::{Diagram, EdgeKind};
use super::style::colours;
use super::text;

/// The flowchart, left to right.
pub fn render(diagram: &Diagram) -> String {
    let mut out = String::from("flowchart LR\n");
    render_children(diagram, None, 1, &mut out);
    for edge in &diagram.edges {
        let arrow = match edge.kind {
            EdgeKind::Flow => "-->",
            EdgeKind::Reference => "-.->",
        };
        let label = match &edge.label {
            Some(label) => format!("|{}|", escape(label)),
            None => String::new(),
        };
        let _ = writeln!(out, "  {} {arrow}{label} {}", id(&edge.from), id(&edge.to));
    }
    out.push_str("  classDef external stroke-dasharray: 5 5\n");
    let external: Vec<String> = diagram
        .nodes
        .iter()
        .filter(|n| n.external)
        .map(|n| id(&n.id))
        .collect();
    if !external.is_empty() {
        let _ = writeln!(out, "  class {} external", external.join(","));
    }
    for group in &diagram.groups {
        let (fill, stroke) = colours(group.kind);
        let dash = if group.external {
            ",stroke-dasharray: 5 5"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  style {} fill:{fill},stroke:{stroke}{dash}",
            id(&group.id)
        );
    }
    out
}

fn render_children(diagram: &Diagram, parent: Option<usize>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for (index, group) in diagram.groups_in(parent) {
        // Mermaid sizes a subgraph by what it holds, not by its title,
        // and keeps no room for a second line: the title and the group's
        // kind on one line (the folded route tables show in the other
        // formats).
        let mut label = vec![format!("<b>{}</b>", escape(&group.title))];
        label.extend(group.lines.first().map(|l| escape(l)));
        let _ = writeln!(
            out,
            "{indent}subgraph {}[\"{}\"]",
            id(&group.id),
            label.join(" · ")
        );
        render_children(diagram, Some(index), depth + 1, out);
        let _ = writeln!(out, "{indent}end");
    }
    for (_, node) in diagram.nodes_in(parent) {
        let mut label = vec![format!("<b>{}</b>", escape(&node.id))];
        label.extend(text::node_lines(node).iter().map(|l| escape(l)));
        let _ = writeln!(out, "{indent}{}[\"{}\"]", id(&node.id), label.join("<br/>"));
    }
}

/// Logical IDs are alphanumeric, so they are Mermaid IDs as they are,
/// except `end`, which closes a subgraph.
fn id(name: &str) -> String {
    if name.eq_ignore_ascii_case("end") {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// Mermaid's entity codes for what would end a label.
fn escape(text: &str) -> String {
    text.replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('|', "#124;")
}
