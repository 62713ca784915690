//! The diagram as SVG, from [`Layout`]: groups, then edges, then nodes
//! over them, then edge labels on top so none is hidden. Plain SVG 1.1
//! with no script, fonts or images to fetch.

use std::fmt::Write;

use super::layout::{
    self, Layout, Rect, LINE_HEIGHT, LINE_SIZE, NODE_PAD_X, NODE_PAD_Y, TITLE_LINE, TITLE_SIZE,
};
use super::model::{Diagram, EdgeKind};
use super::style::{colours, Category};
use super::text::{self, xml};

/// Fonts every system has one of; widths in [`layout`] are generous.
pub const FONTS: &str = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// How a caller wants one node drawn instead of by its category: the
/// diff's picture colours every box by what the change does to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paint {
    /// The box's fill colour.
    pub fill: &'static str,
    /// Its border colour.
    pub stroke: &'static str,
    /// A dashed border (a removed resource).
    pub dashed: bool,
    /// Where a click on the box goes (`#change-DataBucket`).
    pub href: Option<String>,
}

/// A standalone SVG document.
pub fn render(diagram: &Diagram, layout: &Layout) -> String {
    render_painted(diagram, layout, &|_| None)
}

/// [`render`], each node painted as `paint` says where it says anything.
pub fn render_painted(
    diagram: &Diagram,
    layout: &Layout,
    paint: &dyn Fn(&str) -> Option<Paint>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONTS}\">",
        w = n(layout.width),
        h = n(layout.height)
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&diagram.title));
    out.push_str(concat!(
        "<defs>\n",
        "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#545b64\"/></marker>\n",
        "<marker id=\"arrow-reference\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#9aa3ad\"/></marker>\n",
        "</defs>\n",
    ));
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(layout.width),
        n(layout.height)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"18\" font-weight=\"bold\" fill=\"#232f3e\">{}</text>",
        n(layout::MARGIN),
        n(layout::MARGIN + 20.0),
        xml(&diagram.title)
    );
    for (index, group) in diagram.groups.iter().enumerate() {
        let rect = layout.groups[index];
        let (fill, stroke) = colours(group.kind);
        let dash = if group.external {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = writeln!(out, "<g class=\"group\" id=\"group-{}\">", xml(&group.id));
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
            n(rect.x),
            n(rect.y),
            n(rect.w),
            n(rect.h)
        );
        let x = rect.x + layout::GROUP_PAD;
        let mut y = rect.y + layout::GROUP_PAD / 2.0 + TITLE_SIZE;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{stroke}\">{}</text>",
            n(x),
            n(y),
            n(TITLE_SIZE),
            xml(&group.title)
        );
        y += TITLE_LINE - TITLE_SIZE + LINE_SIZE;
        for line in text::group_lines(group) {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#545b64\">{}</text>",
                n(x),
                n(y),
                n(LINE_SIZE),
                xml(&line)
            );
            y += LINE_HEIGHT;
        }
        out.push_str("</g>\n");
    }
    let rect_of = |id: &str| {
        diagram
            .nodes
            .iter()
            .position(|node| node.id == id)
            .map(|i| layout.nodes[i])
    };
    let mut labels = String::new();
    let mut placed: Vec<Rect> = Vec::new();
    for edge in &diagram.edges {
        let (Some(from), Some(to)) = (rect_of(&edge.from), rect_of(&edge.to)) else {
            continue;
        };
        let curve = route(&from, &to);
        let path = curve.path();
        let style = match edge.kind {
            EdgeKind::Flow => "stroke=\"#545b64\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"",
            EdgeKind::Reference => {
                "stroke=\"#9aa3ad\" stroke-width=\"1\" stroke-dasharray=\"4 3\" marker-end=\"url(#arrow-reference)\""
            }
        };
        let _ = writeln!(
            out,
            "<path class=\"edge\" data-from=\"{}\" data-to=\"{}\" d=\"{path}\" fill=\"none\" {style}/>",
            xml(&edge.from),
            xml(&edge.to)
        );
        if let Some(label) = &edge.label {
            let middle = label_place(&curve, label, &mut placed, &layout.nodes);
            let _ = writeln!(
                labels,
                "<text class=\"edge-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#232f3e\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                n(middle.0),
                n(middle.1 + 3.0),
                xml(label)
            );
        }
    }
    for (index, node) in diagram.nodes.iter().enumerate() {
        let rect = layout.nodes[index];
        let painted = paint(&node.id);
        let colour = painted
            .as_ref()
            .map_or(Category::of(&node.type_name).colour(), |p| p.stroke);
        let fill = painted.as_ref().map_or("#ffffff", |p| p.fill);
        let (dash, width) = match &painted {
            Some(p) if p.dashed => (" stroke-dasharray=\"6 4\"", "2.4"),
            Some(_) => ("", "2.4"),
            None if node.external => (" stroke-dasharray=\"6 4\"", "1.6"),
            None => ("", "1.6"),
        };
        if let Some(href) = painted.as_ref().and_then(|p| p.href.as_ref()) {
            let _ = writeln!(out, "<a href=\"{}\">", xml(href));
        }
        let _ = writeln!(out, "<g class=\"node\" id=\"node-{}\">", xml(&node.id));
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
            n(rect.x),
            n(rect.y),
            n(rect.w),
            n(rect.h)
        );
        let x = rect.x + NODE_PAD_X;
        let mut y = rect.y + NODE_PAD_Y + TITLE_SIZE;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#232f3e\">{}</text>",
            n(x),
            n(y),
            n(TITLE_SIZE),
            xml(&node.id)
        );
        y += TITLE_LINE - TITLE_SIZE + LINE_SIZE;
        for (line_index, line) in text::node_lines(node).iter().enumerate() {
            let fill = if line_index == 0 { colour } else { "#545b64" };
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\">{}</text>",
                n(x),
                n(y),
                n(LINE_SIZE),
                xml(line)
            );
            y += LINE_HEIGHT;
        }
        out.push_str("</g>\n");
        if painted.as_ref().is_some_and(|p| p.href.is_some()) {
            out.push_str("</a>\n");
        }
    }
    out.push_str(&labels);
    out.push_str("</svg>\n");
    out
}

/// A cubic Bézier curve: start, two control points, end.
struct Curve([(f64, f64); 4]);

impl Curve {
    fn at(&self, t: f64) -> (f64, f64) {
        let [p0, p1, p2, p3] = self.0;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        (
            a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
            a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
        )
    }

    fn path(&self) -> String {
        let [p0, p1, p2, p3] = self.0;
        format!(
            "M{},{} C{},{} {},{} {},{}",
            n(p0.0),
            n(p0.1),
            n(p1.0),
            n(p1.1),
            n(p2.0),
            n(p2.1),
            n(p3.0),
            n(p3.1)
        )
    }
}

/// A curve from `from`'s side facing `to` to `to`'s facing side.
fn route(from: &Rect, to: &Rect) -> Curve {
    let centre = |r: &Rect| (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (fc, tc) = (centre(from), centre(to));
    if to.x >= from.right() || to.right() <= from.x {
        let rightwards = to.x >= from.right();
        let (sx, ex) = if rightwards {
            (from.right(), to.x)
        } else {
            (from.x, to.right())
        };
        let bend = ((ex - sx).abs() / 2.0).max(24.0) * if rightwards { 1.0 } else { -1.0 };
        Curve([(sx, fc.1), (sx + bend, fc.1), (ex - bend, tc.1), (ex, tc.1)])
    } else {
        let downwards = tc.1 >= fc.1;
        let (sy, ey) = if downwards {
            (from.bottom(), to.y)
        } else {
            (from.y, to.bottom())
        };
        let bend = ((ey - sy).abs() / 2.0).max(24.0) * if downwards { 1.0 } else { -1.0 };
        Curve([(fc.0, sy), (fc.0, sy + bend), (tc.0, ey - bend), (tc.0, ey)])
    }
}

/// Where on the curve a label goes: its middle, or the nearest point
/// along it where the label covers no other label and no box.
fn label_place(curve: &Curve, label: &str, placed: &mut Vec<Rect>, nodes: &[Rect]) -> (f64, f64) {
    let width = label.chars().count() as f64 * 5.6 + 4.0;
    let height = 12.0;
    let box_at = |(x, y): (f64, f64)| Rect {
        x: x - width / 2.0,
        y: y - height / 2.0,
        w: width,
        h: height,
    };
    let tries = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];
    let free = |point: (f64, f64)| {
        let rect = box_at(point);
        !placed
            .iter()
            .chain(nodes)
            .any(|other| other.overlaps(&rect))
    };
    let point = tries
        .iter()
        .map(|t| curve.at(*t))
        .find(|p| free(*p))
        .unwrap_or_else(|| curve.at(0.5));
    placed.push(box_at(point));
    point
}

/// A coordinate with at most one decimal, the same on every machine.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}
