//! The text of boxes, shared by every format so they say the same: a
//! node's kind and lines, wrapped to a readable width, and a group's.

use super::model::{Group, Node};

/// Lines longer than this are wrapped after a comma.
const WRAP: usize = 44;

/// The lines under a node's title (its logical ID).
pub fn node_lines(node: &Node) -> Vec<String> {
    std::iter::once(node.kind.clone())
        .chain(node.lines.iter().flat_map(|line| wrap(line)))
        .collect()
}

/// The lines under a group's title.
pub fn group_lines(group: &Group) -> Vec<String> {
    group.lines.iter().flat_map(|line| wrap(line)).collect()
}

/// Splits a `word: a, b, c` line after commas so no piece is longer than
/// [`WRAP`] characters where it can be helped; continuation lines are
/// indented.
fn wrap(line: &str) -> Vec<String> {
    if line.chars().count() <= WRAP {
        return vec![line.to_string()];
    }
    let mut lines = Vec::new();
    let mut current = String::new();
    for piece in line.split_inclusive(", ") {
        if !current.is_empty() && current.chars().count() + piece.trim_end().chars().count() > WRAP
        {
            lines.push(current.trim_end().to_string());
            current = "  ".to_string();
        }
        current.push_str(piece);
    }
    lines.push(current.trim_end().to_string());
    lines
}

/// Text escaped for XML: DOT's HTML-like labels, SVG and HTML.
pub fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_wrap_after_commas() {
        let line = "role: EdgeServerEsExecutionRole, EdgeServerEsTaskRole, EdgeServerEsUpdateRole";
        assert_eq!(
            wrap(line),
            vec![
                "role: EdgeServerEsExecutionRole,",
                "  EdgeServerEsTaskRole,",
                "  EdgeServerEsUpdateRole"
            ]
        );
        assert_eq!(wrap("short"), vec!["short"]);
    }
}
