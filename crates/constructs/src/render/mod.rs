//! Printing a [`Node`] tree as CloudFormation YAML or JSON.
//!
//! Both printers are deterministic: they emit maps in insertion order and
//! numbers in a fixed notation, so the same model gives the same bytes.

mod json;
mod yaml;

use crate::node::Node;

/// The output format of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Short-form intrinsics (`!Ref`, `!Sub`), as people write templates.
    #[default]
    Yaml,
    /// Long-form intrinsics (`{"Fn::Sub": ...}`), two-space indented.
    Json,
}

/// Prints a tree (a whole template or a fragment) in `format`.
pub fn render(node: &Node, format: Format) -> String {
    match format {
        Format::Yaml => yaml::render(node),
        Format::Json => json::render(node),
    }
}

/// Whole numbers print without a fraction (`30`, not `30.0`): cfn-lint
/// resolves a `Number` parameter from its bounds and flags `30.0` where an
/// integer property takes it.
fn integral(f: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    (f.fract() == 0.0 && f.abs() < EXACT).then_some(f as i64)
}
