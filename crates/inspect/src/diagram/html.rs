//! One self-contained HTML page: the stack's name, a legend, the SVG
//! inline, and every resource with how it is drawn. No script, font or
//! stylesheet is fetched, so it opens from a file anywhere.

use std::fmt::Write;

use super::layout::Layout;
use super::model::{Diagram, Drawn, GroupKind};
use super::style::{colours, Category};
use super::svg::{self, FONTS};
use super::text::xml;

const STYLE: &str = "
body { margin: 24px; color: #232f3e; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px 0; }
h2 { font-size: 16px; margin: 24px 0 8px 0; }
p.summary { margin: 0 0 16px 0; color: #545b64; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; margin-bottom: 16px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 22px; height: 14px; border-radius: 3px; border: 1.5px solid; }
.diagram { overflow: auto; border: 1px solid #d5dbdb; border-radius: 6px; }
.diagram svg { display: block; }
table { border-collapse: collapse; font-size: 12px; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eaeded; vertical-align: top; }
th { color: #545b64; }
td.id { font-weight: bold; }
";

/// The page.
pub fn render(diagram: &Diagram, layout: &Layout) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", xml(&diagram.title));
    let _ = writeln!(
        out,
        "<style>\nbody {{ font-family: {FONTS}; }}{STYLE}</style>\n</head>\n<body>"
    );
    let _ = writeln!(out, "<h1>{}</h1>", xml(&diagram.title));
    let folded = diagram
        .resources
        .iter()
        .filter(|r| matches!(r.drawn, Drawn::FoldedInto(_)))
        .count();
    let external = diagram.nodes.iter().filter(|n| n.external).count();
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} resources: {} drawn as boxes, {} folded into the boxes they serve; {} referenced by parameter (dashed).</p>",
        diagram.resources.len(),
        diagram.nodes.len() - external,
        folded,
        external
    );
    out.push_str(&legend());
    out.push_str("<div class=\"diagram\">\n");
    out.push_str(&svg::render(diagram, layout));
    out.push_str("</div>\n");
    out.push_str(
        "<h2>Resources</h2>\n<table>\n<tr><th>Logical ID</th><th>Type</th><th>Drawn as</th></tr>\n",
    );
    for entry in &diagram.resources {
        let drawn = match &entry.drawn {
            Drawn::Node => match diagram
                .nodes
                .iter()
                .find(|n| n.id == entry.id)
                .and_then(|n| n.group)
            {
                Some(group) => format!("a box in {}", xml(&diagram.groups[group].title)),
                None => "a box".to_string(),
            },
            Drawn::Group => "a group".to_string(),
            Drawn::FoldedInto(hosts) => format!("folded into {}", xml(&hosts.join(", "))),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{drawn}</td></tr>",
            xml(&entry.id),
            xml(&entry.type_name)
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

fn legend() -> String {
    let mut out = String::from("<div class=\"legend\">\n");
    let groups = [
        (GroupKind::Vpc, "VPC"),
        (GroupKind::Zone, "availability zone"),
        (GroupKind::Subnet { public: true }, "public subnet"),
        (GroupKind::Subnet { public: false }, "private subnet"),
        (GroupKind::Regional, "regional services"),
    ];
    for (kind, name) in groups {
        let (fill, stroke) = colours(kind);
        let _ = writeln!(
            out,
            "<span><i class=\"swatch\" style=\"background:{fill};border-color:{stroke}\"></i>{name}</span>"
        );
    }
    for category in Category::ALL {
        let _ = writeln!(
            out,
            "<span><i class=\"swatch\" style=\"background:#ffffff;border-color:{}\"></i>{}</span>",
            category.colour(),
            category.name()
        );
    }
    out.push_str(concat!(
        "<span><i class=\"swatch\" style=\"background:#ffffff;border-color:#545b64;border-style:dashed\"></i>external: a parameter names it</span>\n",
        "<span><svg width=\"34\" height=\"10\"><path d=\"M0,5 H28\" stroke=\"#545b64\" stroke-width=\"1.3\"/><path d=\"M26,1 L34,5 L26,9 z\" fill=\"#545b64\"/></svg>named relation (notifies, forwards, runs, a variable, IAM: a folded role or policy grants access)</span>\n",
        "<span><svg width=\"34\" height=\"10\"><path d=\"M0,5 H28\" stroke=\"#9aa3ad\" stroke-dasharray=\"4 3\"/><path d=\"M26,1 L34,5 L26,9 z\" fill=\"#9aa3ad\"/></svg>plain reference or DependsOn</span>\n",
        "</div>\n",
    ));
    out
}
