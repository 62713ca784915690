//! Where every box of the SVG goes, computed here so no Graphviz is
//! needed: a layered layout inside each group. A group's children (nodes
//! and groups) are ranked into columns left to right by the edges between
//! them (longest path, cycles broken where found), ordered in each column
//! by the mean position of what points at them, and stacked; a group is as
//! big as what it holds. Boxes never overlap by construction: columns are
//! side by side, a column's boxes one under another, and children inside
//! their group's padding.

use super::model::{Diagram, EdgeKind, GroupKind, Node};
use super::text;

/// Font sizes and the width of a character, generous so text always fits
/// its box whatever sans-serif font the viewer has.
pub const TITLE_SIZE: f64 = 13.0;
/// Font size of a box's lines, in SVG units.
pub const LINE_SIZE: f64 = 11.0;
const TITLE_CHAR: f64 = TITLE_SIZE * 0.62;
const LINE_CHAR: f64 = LINE_SIZE * 0.56;
/// Height of a box's first (title) line.
pub const TITLE_LINE: f64 = 17.0;
/// Height of every further line of a box.
pub const LINE_HEIGHT: f64 = 14.0;
/// Inside a node box, around its text.
pub const NODE_PAD_X: f64 = 10.0;
/// Space above and below a box's text.
pub const NODE_PAD_Y: f64 = 8.0;
/// Inside a group, around its children.
pub const GROUP_PAD: f64 = 16.0;
/// Between columns, with room for edge labels.
const COLUMN_GAP: f64 = 110.0;
/// Between boxes of one column.
const ROW_GAP: f64 = 22.0;
/// A column with more boxes is split into several side by side.
const MAX_COLUMN: usize = 7;
/// Around the whole picture, and the height of its title.
pub const MARGIN: f64 = 24.0;
/// Height of a group's title band, above its contents.
pub const HEADER: f64 = 36.0;

/// An axis-aligned box: `x`, `y` its top left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The right edge, for edges leaving the box and overlap checks.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge, for edges leaving the box and overlap checks.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside this one.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// The boxes of a diagram, indexed like its nodes and groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width of the whole picture.
    pub width: f64,
    /// Height of the whole picture.
    pub height: f64,
    /// One rectangle per node, in the order of the diagram's nodes.
    pub nodes: Vec<Rect>,
    /// One rectangle per group, in the order of the diagram's groups.
    pub groups: Vec<Rect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Node(usize),
    Group(usize),
}

impl Layout {
    /// Lays `diagram` out.
    pub fn of(diagram: &Diagram) -> Self {
        let mut layout = Layout {
            width: 0.0,
            height: 0.0,
            nodes: vec![zero(); diagram.nodes.len()],
            groups: vec![zero(); diagram.groups.len()],
        };
        let (w, h) = layout.place_children(diagram, None, MARGIN, MARGIN + HEADER);
        layout.width = (w + 2.0 * MARGIN)
            .max(title_width(diagram) + 2.0 * MARGIN)
            .ceil();
        layout.height = (h + 2.0 * MARGIN + HEADER).ceil();
        layout
    }

    /// Lays out the children of `parent` (the picture when `None`) with
    /// their top left at (`x`, `y`); returns their width and height.
    fn place_children(
        &mut self,
        diagram: &Diagram,
        parent: Option<usize>,
        x: f64,
        y: f64,
    ) -> (f64, f64) {
        let items: Vec<Item> = diagram
            .groups_in(parent)
            .map(|(i, _)| Item::Group(i))
            .chain(diagram.nodes_in(parent).map(|(i, _)| Item::Node(i)))
            .collect();
        if items.is_empty() {
            return (0.0, 0.0);
        }
        // Sizes first: a group's size is that of its laid-out children,
        // placed at the origin and moved later.
        let sizes: Vec<(f64, f64)> = items
            .iter()
            .map(|item| match item {
                Item::Node(n) => node_size(&diagram.nodes[*n]),
                Item::Group(g) => self.group_size(diagram, *g),
            })
            .collect();
        let columns = columns(diagram, parent, &items);
        let heights: Vec<f64> = columns
            .iter()
            .map(|column| {
                column.iter().map(|i| sizes[*i].1).sum::<f64>()
                    + ROW_GAP * (column.len().saturating_sub(1)) as f64
            })
            .collect();
        let total_height = heights.iter().cloned().fold(0.0, f64::max);
        let mut column_x = x;
        for (column, height) in columns.iter().zip(&heights) {
            let width = column.iter().map(|i| sizes[*i].0).fold(0.0, f64::max);
            let mut item_y = y + (total_height - height) / 2.0;
            for &index in column {
                let (w, h) = sizes[index];
                let item_x = column_x + (width - w) / 2.0;
                self.move_item(diagram, items[index], item_x, item_y);
                item_y += h + ROW_GAP;
            }
            column_x += width + COLUMN_GAP;
        }
        (column_x - COLUMN_GAP - x, total_height)
    }

    /// Lays the group out at the origin and returns its size.
    fn group_size(&mut self, diagram: &Diagram, group: usize) -> (f64, f64) {
        let header = group_header(diagram, group);
        let (w, h) = self.place_children(diagram, Some(group), GROUP_PAD, header);
        let width = (w + 2.0 * GROUP_PAD).max(group_text_width(diagram, group) + 2.0 * GROUP_PAD);
        let height = header + h + GROUP_PAD;
        self.groups[group] = Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
        };
        (width, height)
    }

    /// Moves an item laid out at the origin (and all inside it) to (x, y).
    fn move_item(&mut self, diagram: &Diagram, item: Item, x: f64, y: f64) {
        match item {
            Item::Node(n) => {
                let (w, h) = node_size(&diagram.nodes[n]);
                self.nodes[n] = Rect { x, y, w, h };
            }
            Item::Group(g) => {
                let (dx, dy) = (x - self.groups[g].x, y - self.groups[g].y);
                self.shift(diagram, g, dx, dy);
            }
        }
    }

    fn shift(&mut self, diagram: &Diagram, group: usize, dx: f64, dy: f64) {
        self.groups[group].x += dx;
        self.groups[group].y += dy;
        for (n, node) in diagram.nodes.iter().enumerate() {
            if node.group == Some(group) {
                self.nodes[n].x += dx;
                self.nodes[n].y += dy;
            }
        }
        for (g, child) in diagram.groups.iter().enumerate() {
            if child.parent == Some(group) {
                self.shift(diagram, g, dx, dy);
            }
        }
    }
}

fn zero() -> Rect {
    Rect {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    }
}

/// A node's box: its ID in bold over its lines.
pub fn node_size(node: &Node) -> (f64, f64) {
    let lines = text::node_lines(node);
    let width = text_width(&node.id, TITLE_CHAR).max(
        lines
            .iter()
            .map(|l| text_width(l, LINE_CHAR))
            .fold(0.0, f64::max),
    );
    (
        (width + 2.0 * NODE_PAD_X).ceil(),
        (TITLE_LINE + LINE_HEIGHT * lines.len() as f64 + 2.0 * NODE_PAD_Y).ceil(),
    )
}

/// The height of a group's title and lines, above its children.
pub fn group_header(diagram: &Diagram, group: usize) -> f64 {
    let lines = text::group_lines(&diagram.groups[group]).len() as f64;
    GROUP_PAD / 2.0 + TITLE_LINE + LINE_HEIGHT * lines + GROUP_PAD / 2.0
}

fn group_text_width(diagram: &Diagram, group: usize) -> f64 {
    let group = &diagram.groups[group];
    text_width(&group.title, TITLE_CHAR).max(
        text::group_lines(group)
            .iter()
            .map(|l| text_width(l, LINE_CHAR))
            .fold(0.0, f64::max),
    )
}

fn title_width(diagram: &Diagram) -> f64 {
    text_width(&diagram.title, TITLE_CHAR * 18.0 / TITLE_SIZE)
}

fn text_width(text: &str, char_width: f64) -> f64 {
    text.chars().count() as f64 * char_width
}

/// The items' columns, left to right, each a list of indices into
/// `items` from top to bottom.
fn columns(diagram: &Diagram, parent: Option<usize>, items: &[Item]) -> Vec<Vec<usize>> {
    // The VPCs and the regional services stand side by side.
    if parent.is_none() && items.iter().all(|item| matches!(item, Item::Group(_))) {
        return (0..items.len()).map(|item| vec![item]).collect();
    }
    // The item of `items` holding a node, if any.
    let holder = |node_id: &str| -> Option<usize> {
        let node = diagram.nodes.iter().position(|n| n.id == node_id)?;
        if let Some(i) = items.iter().position(|it| *it == Item::Node(node)) {
            return Some(i);
        }
        let mut group = diagram.nodes[node].group;
        while let Some(g) = group {
            if let Some(i) = items.iter().position(|it| *it == Item::Group(g)) {
                return Some(i);
            }
            if diagram.groups[g].parent == parent {
                return None;
            }
            group = diagram.groups[g].parent;
        }
        None
    };
    // Only named relations rank: a service's security group or cluster,
    // or a DependsOn, says nothing about which way things flow.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for edge in diagram.edges.iter().filter(|e| e.kind == EdgeKind::Flow) {
        if let (Some(a), Some(b)) = (holder(&edge.from), holder(&edge.to)) {
            // Zones stand side by side in the first column, whatever
            // runs in them.
            let zone = |i: usize| matches!(items[i], Item::Group(g) if diagram.groups[g].kind == GroupKind::Zone);
            if a != b && !zone(a) && !zone(b) && !edges.contains(&(a, b)) {
                edges.push((a, b));
            }
        }
    }
    let ranks = ranks(items.len(), &edges);
    let rank_count = ranks.iter().max().map_or(0, |r| r + 1);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); rank_count];
    for (item, rank) in ranks.iter().enumerate() {
        columns[*rank].push(item);
    }
    // Order each column by the mean position of its neighbours in the
    // columns before (sweeping right), then after (sweeping left), so
    // edges cross less; ties keep template order.
    let mut position: Vec<f64> = vec![0.0; items.len()];
    for column in &columns {
        for (order, item) in column.iter().enumerate() {
            position[*item] = order as f64;
        }
    }
    for sweep in 0..4 {
        let rightwards = sweep % 2 == 0;
        let order: Vec<usize> = if rightwards {
            (0..columns.len()).collect()
        } else {
            (0..columns.len()).rev().collect()
        };
        for c in order {
            let mean = |item: usize| -> Option<f64> {
                let neighbours: Vec<f64> = edges
                    .iter()
                    .filter_map(|&(a, b)| {
                        let (me, other) = if b == item {
                            (b, a)
                        } else if a == item {
                            (a, b)
                        } else {
                            return None;
                        };
                        let before = ranks[other] < ranks[me];
                        (before == rightwards && ranks[other] != ranks[me]).then(|| position[other])
                    })
                    .collect();
                (!neighbours.is_empty())
                    .then(|| neighbours.iter().sum::<f64>() / neighbours.len() as f64)
            };
            let mut keyed: Vec<(f64, usize)> = columns[c]
                .iter()
                .map(|item| (mean(*item).unwrap_or(position[*item]), *item))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            columns[c] = keyed.into_iter().map(|(_, item)| item).collect();
            for (order, item) in columns[c].iter().enumerate() {
                position[*item] = order as f64;
            }
        }
    }
    // Split tall columns.
    columns
        .into_iter()
        .flat_map(|column| {
            let parts = column.len().div_ceil(MAX_COLUMN).max(1);
            let per_part = column.len().div_ceil(parts).max(1);
            column
                .chunks(per_part)
                .map(<[usize]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Longest-path ranks of `count` items over `edges`, ignoring the edges
/// that close a cycle (found by depth-first search in item order).
fn ranks(count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        item: usize,
        edges: &[(usize, usize)],
        marks: &mut [Mark],
        order: &mut Vec<usize>,
        kept: &mut Vec<(usize, usize)>,
    ) {
        marks[item] = Mark::Open;
        for &(a, b) in edges.iter().filter(|(a, _)| *a == item) {
            match marks[b] {
                Mark::New => {
                    kept.push((a, b));
                    visit(b, edges, marks, order, kept);
                }
                Mark::Done => kept.push((a, b)),
                Mark::Open => {}
            }
        }
        marks[item] = Mark::Done;
        order.push(item);
    }
    let mut marks = vec![Mark::New; count];
    let mut order = Vec::new();
    let mut kept = Vec::new();
    for item in 0..count {
        if marks[item] == Mark::New {
            visit(item, edges, &mut marks, &mut order, &mut kept);
        }
    }
    let mut ranks = vec![0; count];
    for &item in order.iter().rev() {
        for &(_, b) in kept.iter().filter(|(a, _)| *a == item) {
            ranks[b] = ranks[b].max(ranks[item] + 1);
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_edges_and_break_cycles() {
        assert_eq!(ranks(3, &[(0, 1), (1, 2)]), vec![0, 1, 2]);
        assert_eq!(ranks(3, &[(0, 1), (1, 0), (0, 2), (1, 2)]), vec![0, 1, 2]);
        assert_eq!(ranks(2, &[]), vec![0, 0]);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let b = Rect {
            x: 10.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let inner = Rect {
            x: 2.0,
            y: 2.0,
            w: 5.0,
            h: 5.0,
        };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&inner));
        assert!(a.contains(&inner));
        assert!(!a.contains(&b));
    }
}
