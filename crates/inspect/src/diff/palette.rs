//! The colours of a change, one per grade, shared by every picture of a
//! diff (the Markdown comment's Mermaid classes, the HTML page's boxes and
//! legend), so a reviewer reads red as "replaced" everywhere. AWS's
//! console colours: error red, warning orange, information blue, success
//! green.

use super::{ResourceChange, ResourceReport};

/// How one grade is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// The Mermaid class and HTML anchor word: `replaced`.
    pub class: &'static str,
    /// What the legend says.
    pub name: &'static str,
    /// The box's fill.
    pub fill: &'static str,
    /// The box's border.
    pub stroke: &'static str,
    /// A dashed border: the resource is gone, or its change unclassified.
    pub dashed: bool,
}

/// Every grade's swatch, most serious first.
pub const SWATCHES: [Swatch; 6] = [
    Swatch {
        class: "replaced",
        name: "replaced, or the update fails",
        fill: "#fde2e1",
        stroke: "#d13212",
        dashed: false,
    },
    Swatch {
        class: "maybe",
        name: "may be replaced",
        fill: "#fff4d6",
        stroke: "#e07700",
        dashed: false,
    },
    Swatch {
        class: "removed",
        name: "removed",
        fill: "#f2f3f3",
        stroke: "#d13212",
        dashed: true,
    },
    Swatch {
        class: "unknown",
        name: "changed, not classified",
        fill: "#f2f3f3",
        stroke: "#5f6b7a",
        dashed: true,
    },
    Swatch {
        class: "updated",
        name: "updated in place",
        fill: "#e8f1fb",
        stroke: "#0972d3",
        dashed: false,
    },
    Swatch {
        class: "added",
        name: "added",
        fill: "#e9f7e5",
        stroke: "#1d8102",
        dashed: false,
    },
];

/// The swatch of a changed resource.
pub fn swatch(r: &ResourceReport) -> &'static Swatch {
    let class = if r.grade.as_ref().is_some_and(|g| g.fails.is_some()) {
        "replaced"
    } else {
        match r.kind {
            ResourceChange::Replaced => "replaced",
            ResourceChange::MayBeReplaced => "maybe",
            ResourceChange::Updated => "updated",
            ResourceChange::Added | ResourceChange::RenamedFrom(_) => "added",
            ResourceChange::Removed | ResourceChange::RenamedTo(_) => "removed",
            ResourceChange::CannotClassify => "unknown",
        }
    };
    SWATCHES
        .iter()
        .find(|s| s.class == class)
        .expect("every class has a swatch")
}

/// Where a swatch ranks: lower is more serious, for a box that stands for
/// several changed resources (a service and the role folded into it).
pub fn rank(swatch: &Swatch) -> usize {
    SWATCHES
        .iter()
        .position(|s| s == swatch)
        .unwrap_or(SWATCHES.len())
}
