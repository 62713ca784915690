//! `synth diagram`: any template drawn as an architecture picture, grouped
//! by where things run (VPC, zone, subnet, regional services beside),
//! with edges that say what flows, as Mermaid, Graphviz DOT, SVG or a
//! self-contained HTML page. The same template always gives the same
//! bytes, so a diagram is reviewed as a diff.
//!
//! `extract` turns the template into the format-free [`Diagram`] (using
//! `references`, `folding`, `placement`, `relations` and `names`); each
//! format is one renderer of it; `layout` places boxes for the SVG.

mod extract;
mod folding;
pub mod layout;
pub mod model;
pub(crate) mod names;
mod placement;
mod relations;
mod source;

mod dot;
mod html;
mod mermaid;
mod style;
pub mod svg;
pub(crate) mod text;

use serde_json::Value;

pub use model::Diagram;
pub use source::DiagramError;

/// How much to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// IAM roles and policies, log groups, route tables and other plumbing
    /// fold into the resources they serve.
    #[default]
    Folded,
    /// Every resource is a box of its own.
    Full,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `flowchart` with subgraphs: renders in GitHub and GitLab
    /// Markdown.
    Mermaid,
    /// Graphviz DOT with clusters.
    Dot,
    /// SVG laid out here, with no Graphviz needed.
    Svg,
    /// One self-contained page: the SVG, a legend and the resource list.
    Html,
}

/// The model of `template` (long-form JSON, as [`crate::read`] returns
/// it): set its `title` before rendering to name the stack otherwise.
pub fn diagram(template: &Value, detail: Detail) -> Result<Diagram, DiagramError> {
    extract::diagram(template, detail)
}

/// Draws `diagram` in `format`.
pub fn render(diagram: &Diagram, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid::render(diagram),
        Format::Dot => dot::render(diagram),
        Format::Svg => svg::render(diagram, &layout::Layout::of(diagram)),
        Format::Html => html::render(diagram, &layout::Layout::of(diagram)),
    }
}
