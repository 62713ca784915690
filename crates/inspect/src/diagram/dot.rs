//! Graphviz DOT: groups as clusters, so `dot -Tsvg` nests them as the
//! SVG here does.

use std::fmt::Write;

use super::model::{Diagram, EdgeKind};
use super::style::colours;
use super::text::{self, xml};

/// The digraph, left to right.
pub fn render(diagram: &Diagram) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&diagram.title));
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, compound=true, fontname=\"Helvetica\", fontsize=12, label={}, labelloc=t];",
        quote(&diagram.title)
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    render_children(diagram, None, 1, &mut out);
    for edge in &diagram.edges {
        let mut attributes = Vec::new();
        if let Some(label) = &edge.label {
            attributes.push(format!("label={}", quote(label)));
        }
        if edge.kind == EdgeKind::Reference {
            attributes.push("style=dashed, color=gray50".to_string());
        }
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attributes.join(", "))
        };
        let _ = writeln!(
            out,
            "  {} -> {}{attributes};",
            quote(&edge.from),
            quote(&edge.to)
        );
    }
    out.push_str("}\n");
    out
}

fn render_children(diagram: &Diagram, parent: Option<usize>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for (index, group) in diagram.groups_in(parent) {
        let (fill, stroke) = colours(group.kind);
        let style = if group.external {
            "rounded,filled,dashed"
        } else {
            "rounded,filled"
        };
        let _ = writeln!(
            out,
            "{indent}subgraph {} {{",
            quote(&format!("cluster_{}", group.id))
        );
        let _ = writeln!(
            out,
            "{indent}  label=<{}>; style=\"{style}\"; fillcolor=\"{fill}\"; color=\"{stroke}\";",
            html_label(&group.title, &text::group_lines(group))
        );
        render_children(diagram, Some(index), depth + 1, out);
        // Graphviz leaves out an empty cluster; a subnet with nothing in
        // it is still worth seeing.
        let empty = !diagram.nodes.iter().any(|n| n.group == Some(index))
            && !diagram.groups.iter().any(|g| g.parent == Some(index));
        if empty {
            let _ = writeln!(
                out,
                "{indent}  {} [label=\"\", shape=point, style=invis];",
                quote(&format!("{}_empty", group.id))
            );
        }
        let _ = writeln!(out, "{indent}}}");
    }
    for (_, node) in diagram.nodes_in(parent) {
        let style = if node.external {
            ", style=\"rounded,filled,dashed\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{indent}{} [label=<{}>{style}];",
            quote(&node.id),
            html_label(&node.id, &text::node_lines(node))
        );
    }
}

/// A Graphviz HTML-like label: the title in bold, the lines smaller.
fn html_label(title: &str, lines: &[String]) -> String {
    let mut label = format!("<b>{}</b>", xml(title));
    for line in lines {
        let _ = write!(label, "<br/><font point-size=\"9\">{}</font>", xml(line));
    }
    label
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
