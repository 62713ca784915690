//! The printer: rustfmt's layout algorithms, ported for the subset.
//!
//! Each function mirrors the rustfmt function named in its documentation
//! (rustfmt 1.9, `style_edition = "2021"`, default configuration), down to
//! its quirks, so that the output is byte-identical. Rewrites return
//! `None` where rustfmt's return `Err`: the caller then tries another
//! layout, or, at statement level, keeps the statement as written.
//!
//! Widths are counted in characters: the caller only passes text whose
//! non-ASCII characters are one column wide, where rustfmt's
//! `unicode_str_width` agrees. Where rustfmt measures in bytes (`str::len`)
//! this port does too.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::cmp::min;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

use super::tokens::LitKind;
use super::tree::{
    Block, Expr, ExprKind, Field, File, GenericArg, Item, ItemKind, List, Macro, Pat, Path, Span,
    StmtKind, Ty, UseSegment, UseTree,
};

/// `max_width`.
const MAX_WIDTH: usize = 100;
/// `tab_spaces`.
const TAB_SPACES: usize = 4;
/// `fn_call_width` under `use_small_heuristics = "Default"`.
const FN_CALL_WIDTH: usize = 60;
/// `chain_width` under `use_small_heuristics = "Default"`.
const CHAIN_WIDTH: usize = 60;
/// `array_width` under `use_small_heuristics = "Default"`.
const ARRAY_WIDTH: usize = 60;
/// `struct_lit_width` under `use_small_heuristics = "Default"`.
const STRUCT_LIT_WIDTH: usize = 18;
/// `short_array_element_width_threshold`.
const SHORT_ARRAY_ELEMENT_WIDTH_THRESHOLD: usize = 10;
/// Macros that rustfmt formats like `format!` (`SPECIAL_CASE_MACROS` in
/// `overflow.rs`); not covered here.
const SPECIAL_CASE_MACROS: &[&str] = &[
    "eprint!",
    "eprintln!",
    "format!",
    "format_args!",
    "print!",
    "println!",
    "panic!",
    "unreachable!",
    "debug!",
    "error!",
    "info!",
    "warn!",
    "assert!",
    "debug_assert!",
    "write!",
    "writeln!",
    "assert_eq!",
    "assert_ne!",
    "debug_assert_eq!",
    "debug_assert_ne!",
];

/// `file` laid out, or `None` when it holds something the port does not
/// cover after all.
pub fn print_file(source: &str, file: &File) -> Option<String> {
    let printer = Printer {
        source,
        inside_macro: Cell::new(false),
        force_one_line_chain: Cell::new(false),
        unsupported: Cell::new(false),
        rewrites: RefCell::new(HashMap::default()),
    };
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    for doc in &file.inner_docs {
        out.push_str(printer.snippet(*doc).trim_end());
        out.push('\n');
    }
    let leading_blank = !file.inner_docs.is_empty();
    printer.items(&mut out, &file.items, Indent::default(), leading_blank);
    if printer.unsupported.get() {
        return None;
    }
    Some(out)
}

/// A new line and indentation to slice from (rustfmt's `INDENT_BUFFER`).
const INDENT_BUFFER: &str = concat!(
    "\n",
    "                                                                ",
    "                                                                "
);

/// rustfmt's `Indent`: a block indent plus a visual alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Indent {
    block: usize,
    alignment: usize,
}

impl Indent {
    fn block_indent(self) -> Indent {
        Indent {
            block: self.block + TAB_SPACES,
            ..self
        }
    }

    fn block_only(self) -> Indent {
        Indent {
            alignment: 0,
            ..self
        }
    }

    fn width(self) -> usize {
        self.block + self.alignment
    }

    /// `Indent::to_string`.
    fn spaces(self) -> Cow<'static, str> {
        match INDENT_BUFFER.get(1..=self.width()) {
            Some(spaces) => Cow::Borrowed(spaces),
            None => Cow::Owned(" ".repeat(self.width())),
        }
    }

    /// `Indent::to_string_with_newline`.
    fn newline(self) -> Cow<'static, str> {
        match INDENT_BUFFER.get(..=self.width()) {
            Some(line) => Cow::Borrowed(line),
            None => Cow::Owned(format!("\n{}", self.spaces())),
        }
    }
}

/// rustfmt's `Shape`: the room an expression has. `width` is what is
/// left on the first line after `offset` columns of it are used.
#[derive(Debug, Clone, Copy)]
struct Shape {
    width: usize,
    indent: Indent,
    offset: usize,
}

impl Shape {
    fn legacy(width: usize, indent: Indent) -> Shape {
        Shape {
            width,
            indent,
            offset: indent.alignment,
        }
    }

    fn indented(indent: Indent) -> Shape {
        Shape::legacy(MAX_WIDTH.saturating_sub(indent.width()), indent)
    }

    fn with_max_width(self) -> Shape {
        Shape {
            width: MAX_WIDTH.saturating_sub(self.indent.width()),
            ..self
        }
    }

    fn visual_indent(self, delta: usize) -> Shape {
        let alignment = self.offset + delta;
        Shape {
            width: self.width,
            indent: Indent {
                block: self.indent.block,
                alignment,
            },
            offset: alignment,
        }
    }

    fn block_indent(self, delta: usize) -> Shape {
        if self.indent.alignment == 0 {
            Shape {
                width: self.width,
                indent: Indent {
                    block: self.indent.block + delta,
                    alignment: 0,
                },
                offset: 0,
            }
        } else {
            Shape {
                width: self.width,
                indent: Indent {
                    alignment: self.indent.alignment + delta,
                    ..self.indent
                },
                offset: self.indent.alignment + delta,
            }
        }
    }

    fn block(self) -> Shape {
        Shape {
            indent: self.indent.block_only(),
            ..self
        }
    }

    fn sub_width(self, delta: usize) -> Option<Shape> {
        Some(Shape {
            width: self.width.checked_sub(delta)?,
            ..self
        })
    }

    fn shrink_left(self, delta: usize) -> Option<Shape> {
        Some(Shape {
            width: self.width.checked_sub(delta)?,
            indent: Indent {
                alignment: self.indent.alignment + delta,
                ..self.indent
            },
            offset: self.offset + delta,
        })
    }

    fn offset_left(self, delta: usize) -> Option<Shape> {
        Some(Shape {
            width: self.width.checked_sub(delta)?,
            offset: self.offset + delta,
            ..self
        })
    }

    fn used_width(self) -> usize {
        self.indent.block + self.offset
    }

    fn rhs_overhead(self) -> usize {
        MAX_WIDTH.saturating_sub(self.used_width() + self.width)
    }

    /// `Shape::to_string_with_newline`: a new line indented to `offset`.
    fn newline(self) -> Cow<'static, str> {
        Indent {
            alignment: self.offset,
            ..self.indent
        }
        .newline()
    }
}

/// The width of `text` in columns: its length in bytes when it is ASCII.
fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// `text` up to its first newline.
fn first_line(text: &str) -> &str {
    match text.bytes().position(|b| b == b'\n') {
        Some(at) => &text[..at],
        None => text,
    }
}

/// `text` after its last newline.
fn last_line(text: &str) -> &str {
    match text.bytes().rposition(|b| b == b'\n') {
        Some(at) => &text[at + 1..],
        None => text,
    }
}

fn first_line_width(text: &str) -> usize {
    width(first_line(text))
}

fn last_line_width(text: &str) -> usize {
    width(last_line(text))
}

fn count_newlines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count()
}

/// `count_newlines(text) == 1`, without counting past the second.
fn has_one_newline(text: &str) -> bool {
    text.split_once('\n')
        .is_some_and(|(_, rest)| !rest.contains('\n'))
}

/// `text.lines().count()`.
fn line_count(text: &str) -> usize {
    if text.is_empty() {
        0
    } else {
        count_newlines(text) + usize::from(!text.ends_with('\n'))
    }
}

fn first_line_ends_with(text: &str, c: char) -> bool {
    text.lines().next().is_some_and(|line| line.ends_with(c))
}

/// `extra_offset` in rustfmt's `utils.rs`.
fn extra_offset(text: &str, shape: Shape) -> usize {
    match text.bytes().rposition(|b| b == b'\n') {
        Some(at) => text.len().saturating_sub(at + 1 + shape.used_width()),
        None => text.len(),
    }
}

/// `last_line_extendable` in rustfmt's `utils.rs`: the last line holds
/// only closing brackets and `?`s (or the text ends a raw string).
fn last_line_extendable(text: &str) -> bool {
    if text.ends_with("\"#") {
        return true;
    }
    for c in text.chars().rev() {
        match c {
            '(' | ')' | ']' | '}' | '?' | '>' => continue,
            '\n' => break,
            _ if c.is_whitespace() => continue,
            _ => return false,
        }
    }
    true
}

/// `filtered_str_fits` in rustfmt's `utils.rs` (there are no comments to
/// filter out in the subset).
fn fits(text: &str, shape: Shape) -> bool {
    let mut lines = text.split('\n');
    if lines.next().is_some_and(|first| width(first) > shape.width) {
        return false;
    }
    let mut last = None;
    for line in lines {
        // A line is at least as long in bytes as it is wide.
        if line.len() > MAX_WIDTH && width(line) > MAX_WIDTH {
            return false;
        }
        last = Some(line);
    }
    last.is_none_or(|last| width(last) <= shape.used_width() + shape.width)
}

/// `wrap_str`: `text` if it fits `shape`.
fn wrap_str(text: String, shape: Shape) -> Option<String> {
    fits(&text, shape).then_some(text)
}

/// rustfmt's `DefinitiveListTactic`, without the `SpecialMacro` case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tactic {
    Horizontal,
    Vertical,
    Mixed,
}

/// rustfmt's `ListTactic`, for the cases used here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListTactic {
    HorizontalVertical,
    LimitedHorizontalVertical(usize),
    Mixed,
}

/// rustfmt's `SeparatorTactic`: when a list gets a trailing comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trailing {
    Always,
    Never,
    /// Only when laid out one item per line (the `trailing_comma` default).
    Vertical,
}

/// Rewritten list items; `None` for an item whose rewrite failed.
type ListItems<T = String> = Vec<Option<T>>;

fn item_width<T: AsRef<str>>(item: &Option<T>) -> usize {
    width(item_text(item))
}

fn item_text<T: AsRef<str>>(item: &Option<T>) -> &str {
    item.as_ref().map_or("", AsRef::as_ref)
}

/// `definitive_tactic` in rustfmt's `lists.rs` (the subset has no
/// comments): horizontal when the items and their `, ` fit `width`.
fn definitive_tactic<T: AsRef<str>>(
    items: &[Option<T>],
    tactic: ListTactic,
    width: usize,
) -> Tactic {
    let limit = match tactic {
        ListTactic::LimitedHorizontalVertical(limit) => min(width, limit),
        ListTactic::Mixed | ListTactic::HorizontalVertical => width,
    };
    let multiline = items.iter().any(|item| item_text(item).contains('\n'));
    let fits = || {
        let total: usize = items.iter().map(item_width).sum();
        total + 2 * items.len().saturating_sub(1) <= limit
    };
    if !multiline && fits() {
        Tactic::Horizontal
    } else if tactic == ListTactic::Mixed {
        Tactic::Mixed
    } else {
        Tactic::Vertical
    }
}

/// rustfmt's `ListFormatting`, for the options the subset uses.
struct ListFormat {
    tactic: Tactic,
    trailing: Trailing,
    shape: Shape,
    ends_with_newline: bool,
    /// Import lists: a path with `::` starts a line of its own in `Mixed`.
    nested: bool,
}

/// `write_list` in rustfmt's `lists.rs`, without comments.
fn write_list<T: AsRef<str>>(items: &[Option<T>], format: &ListFormat) -> Option<String> {
    let mut result = String::new();
    write_list_into(&mut result, items, format)?;
    Some(result)
}

/// [`write_list`], appending to `result`.
fn write_list_into<T: AsRef<str>>(
    result: &mut String,
    items: &[Option<T>],
    format: &ListFormat,
) -> Option<()> {
    let start = result.len();
    // 2 = ", " or ",\n", before the indentation of a new line.
    let text_len: usize = items.iter().map(|item| item_text(item).len() + 2).sum();
    result.reserve(text_len);
    let mut trailing = match format.trailing {
        Trailing::Always => true,
        Trailing::Vertical => format.tactic == Tactic::Vertical,
        Trailing::Never => false,
    };
    let indent = format.shape.indent.spaces();
    let mut line_len = 0;
    let mut previous_is_nested_import = false;
    for (i, item) in items.iter().enumerate() {
        let inner = item.as_ref()?.as_ref();
        let first = i == 0;
        let last = i + 1 == items.len();
        let mut separate = !last || trailing;
        if inner.is_empty() {
            continue;
        }
        match format.tactic {
            Tactic::Horizontal if !first => result.push(' '),
            Tactic::Horizontal => {}
            Tactic::Vertical => {
                if !first && result.len() > start {
                    result.push('\n');
                    result.push_str(&indent);
                }
            }
            Tactic::Mixed => {
                let total_width = width(inner) + usize::from(separate);
                let nested_break = format.nested
                    && (previous_is_nested_import || (!first && inner.contains("::")));
                if (line_len > 0 && line_len + 1 + total_width > format.shape.width) || nested_break
                {
                    result.push('\n');
                    result.push_str(&indent);
                    line_len = 0;
                    if format.ends_with_newline {
                        trailing = true;
                    }
                } else if line_len > 0 {
                    result.push(' ');
                    line_len += 1;
                }
                if last && format.ends_with_newline {
                    separate = format.trailing != Trailing::Never;
                }
                line_len += total_width;
            }
        }
        result.push_str(inner);
        if separate {
            result.push(',');
        }
        previous_is_nested_import = format.nested && inner.contains("::");
    }
    Some(())
}

/// An element of an overflowable list: rustfmt's `OverflowableItem`.
#[derive(Clone, Copy)]
enum Element<'t> {
    Expr(&'t Expr),
    /// An argument of a macro call, parsed as an expression.
    MacroArg(&'t Expr),
    Ty(&'t Ty),
    Lifetime(&'t str),
}

/// The elements of an overflowable list, borrowed from the tree.
#[derive(Clone, Copy)]
enum Elements<'t> {
    Exprs(&'t [Expr]),
    MacroArgs(&'t [Expr]),
    Tys(&'t [Ty]),
    GenericArgs(&'t [GenericArg]),
}

impl<'t> Elements<'t> {
    fn len(self) -> usize {
        match self {
            Elements::Exprs(exprs) | Elements::MacroArgs(exprs) => exprs.len(),
            Elements::Tys(tys) => tys.len(),
            Elements::GenericArgs(args) => args.len(),
        }
    }

    fn get(self, at: usize) -> Option<Element<'t>> {
        match self {
            Elements::Exprs(exprs) => exprs.get(at).map(Element::Expr),
            Elements::MacroArgs(exprs) => exprs.get(at).map(Element::MacroArg),
            Elements::Tys(tys) => tys.get(at).map(Element::Ty),
            Elements::GenericArgs(args) => args.get(at).map(generic_element),
        }
    }

    fn first(self) -> Option<Element<'t>> {
        self.get(0)
    }

    fn last(self) -> Option<Element<'t>> {
        self.get(self.len().checked_sub(1)?)
    }

    fn iter(self) -> impl Iterator<Item = Element<'t>> {
        (0..self.len()).filter_map(move |at| self.get(at))
    }
}

impl<'t> Element<'t> {
    fn expr(self) -> Option<&'t Expr> {
        match self {
            Element::Expr(expr) | Element::MacroArg(expr) => Some(expr),
            Element::Ty(_) | Element::Lifetime(_) => None,
        }
    }

    /// `OverflowableItem::is_simple`.
    fn is_simple(self) -> bool {
        self.expr().is_some_and(is_simple_expr)
    }

    /// `OverflowableItem::can_be_overflowed`.
    fn can_be_overflowed(self, len: usize) -> bool {
        match self {
            Element::Expr(expr) | Element::MacroArg(expr) => can_be_overflowed_expr(expr, len),
            Element::Ty(ty) => can_be_overflowed_type(ty, len),
            Element::Lifetime(_) => false,
        }
    }
}

/// `is_simple_expr` in rustfmt's `expr.rs`.
fn is_simple_expr(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Lit(_) => true,
        ExprKind::Path(path) => path.segments.len() <= 1,
        ExprKind::AddrOf { operand, .. } | ExprKind::Unary { operand, .. } => {
            is_simple_expr(operand)
        }
        ExprKind::Field { base, .. } => is_simple_expr(base),
        ExprKind::Try(inner) => is_simple_expr(inner),
        _ => false,
    }
}

/// `can_be_overflowed_expr` in rustfmt's `expr.rs`: whether the last
/// argument may start on the line of the call and spill over.
fn can_be_overflowed_expr(expr: &Expr, len: usize) -> bool {
    match &expr.kind {
        ExprKind::EmptyMatch(_)
        | ExprKind::Array(_)
        | ExprKind::Struct { .. }
        | ExprKind::Macro(_)
        | ExprKind::Call { .. }
        | ExprKind::MethodCall { .. }
        | ExprKind::Tuple(_) => len == 1,
        ExprKind::EmptyBlock => true,
        ExprKind::AddrOf { operand, .. } | ExprKind::Unary { operand, .. } => {
            can_be_overflowed_expr(operand, len)
        }
        ExprKind::Try(inner) => can_be_overflowed_expr(inner, len),
        _ => false,
    }
}

/// `can_be_overflowed_type` in rustfmt's `types.rs`.
fn can_be_overflowed_type(ty: &Ty, len: usize) -> bool {
    match ty {
        Ty::Tuple(..) => len == 1,
        Ty::Ref { inner, .. } => can_be_overflowed_type(inner, len),
        Ty::Path(_) => false,
    }
}

/// `is_nested_call` in rustfmt's `expr.rs`.
fn is_nested_call(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Call { .. } | ExprKind::Macro(_) => true,
        ExprKind::AddrOf { operand, .. } | ExprKind::Unary { operand, .. } => {
            is_nested_call(operand)
        }
        ExprKind::Try(inner) => is_nested_call(inner),
        _ => false,
    }
}

/// `is_method_call` in rustfmt's `expr.rs`.
fn is_method_call(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::MethodCall { .. } => true,
        ExprKind::AddrOf { operand, .. } | ExprKind::Unary { operand, .. } => {
            is_method_call(operand)
        }
        ExprKind::Try(inner) => is_method_call(inner),
        _ => false,
    }
}

/// `is_block_expr` in rustfmt's `utils.rs`: whether the last line of
/// `text`, the rewrite of `expr`, holds only closing brackets.
fn is_block_expr(expr: &Expr, text: &str) -> bool {
    match &expr.kind {
        ExprKind::Macro(_)
        | ExprKind::Call { .. }
        | ExprKind::MethodCall { .. }
        | ExprKind::Array(_)
        | ExprKind::Struct { .. }
        | ExprKind::EmptyMatch(_)
        | ExprKind::EmptyBlock => text.contains('\n'),
        ExprKind::Paren(inner) | ExprKind::Try(inner) => is_block_expr(inner, text),
        ExprKind::Unary { operand, .. } => is_block_expr(operand, text),
        ExprKind::Lit(_) => text.contains('\n') && trimmed_last_line_width(text) <= TAB_SPACES,
        ExprKind::AddrOf { .. }
        | ExprKind::Field { .. }
        | ExprKind::Path(_)
        | ExprKind::Tuple(_) => false,
    }
}

fn trimmed_last_line_width(text: &str) -> usize {
    width(last_line(text).trim())
}

/// One link of a method chain: rustfmt's `ChainItem`.
struct ChainLink<'t> {
    kind: LinkKind<'t>,
    /// The `?`s that follow it.
    tries: usize,
}

enum LinkKind<'t> {
    /// The expression the chain starts from.
    Parent(&'t Expr),
    MethodCall {
        name: &'t str,
        generics: &'t [GenericArg],
        args: &'t List,
    },
    /// `.name`. A tuple field after another one is written with a space
    /// before its dot (`x.0 .1`) in style edition 2021.
    Field {
        name: &'t str,
        after_tuple_field: bool,
    },
}

/// rustfmt's `RewriteContext` state, and the source for snippets.
struct Printer<'s> {
    source: &'s str,
    /// Inside the arguments of a macro call (`RewriteContext::inside_macro`).
    inside_macro: Cell<bool>,
    /// While overflowing a method call as a last argument, the chain must
    /// stay on one line (`RewriteContext::force_one_line_chain`).
    force_one_line_chain: Cell<bool>,
    /// Set when a construct turns out not to be covered after all.
    unsupported: Cell<bool>,
    /// Rewrites already made: see [`Printer::rewrite_expr`].
    rewrites: RefCell<HashMap<RewriteKey, Option<Rc<str>>, BuildHasherDefault<KeyHasher>>>,
}

/// A hasher for [`RewriteKey`]s (FxHash's multiply-rotate): the keys are a
/// few machine words, for which the default SipHash is needlessly slow.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u64(u64::from(byte));
    }
}

/// What a rewrite of an expression depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RewriteKey {
    /// The expression's address in the tree, which outlives the printer.
    expr: usize,
    width: usize,
    indent: Indent,
    offset: usize,
    inside_macro: bool,
    force_one_line_chain: bool,
}

impl Hash for RewriteKey {
    /// The address, then the shape and flags folded into one word (they
    /// are small): two rounds of the hasher instead of seven. Equality
    /// still compares every field.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.expr);
        let flags = usize::from(self.inside_macro) | usize::from(self.force_one_line_chain) << 1;
        state.write_usize(
            self.width
                ^ self.indent.block.rotate_left(16)
                ^ self.indent.alignment.rotate_left(32)
                ^ self.offset.rotate_left(48)
                ^ flags.rotate_left(62),
        );
    }
}

impl<'s> Printer<'s> {
    fn snippet(&self, span: Span) -> &'s str {
        &self.source[span.start..span.end]
    }

    /// Gives up on the whole file.
    fn unsupported<T>(&self) -> Option<T> {
        self.unsupported.set(true);
        None
    }

    // ----- Items (rustfmt's `visitor.rs`, `items.rs`, `reorder.rs`) -----

    /// Items of a module or impl at `indent`: consecutive `use`s sorted
    /// together, empty lines between items kept (one at most), and before
    /// the first one only when `leading_blank` (after `//!` lines).
    fn items(&self, out: &mut String, items: &[Item], indent: Indent, leading_blank: bool) {
        let mut at = 0;
        while at < items.len() {
            let item = &items[at];
            if (at > 0 || leading_blank) && item.blank_before {
                out.push('\n');
            }
            if let ItemKind::Use(_) | ItemKind::Mod(_) = item.kind {
                let group = reorderable_group_len(&items[at..]);
                self.reorderable_group(out, &items[at..at + group], indent);
                at += group;
                continue;
            }
            for doc in &item.docs {
                out.push_str(&indent.spaces());
                out.push_str(self.snippet(*doc).trim());
                out.push('\n');
            }
            out.push_str(&indent.spaces());
            self.item(out, item, indent);
            out.push('\n');
            at += 1;
        }
    }

    fn item(&self, out: &mut String, item: &Item, indent: Indent) {
        let vis = if item.public { "pub " } else { "" };
        match &item.kind {
            ItemKind::Use(_) | ItemKind::Mod(_) => {
                self.unsupported::<()>();
            }
            ItemKind::UnitStruct(name) => {
                out.push_str(&format!("{vis}struct {name};"));
            }
            ItemKind::Impl {
                trait_ref,
                self_ty,
                items,
            } => {
                let trait_ref = trait_ref
                    .as_ref()
                    .map(|ty| format!("{} for ", self.one_line_ty(ty)))
                    .unwrap_or_default();
                let header = format!("{vis}impl {trait_ref}{}", self.one_line_ty(self_ty));
                // A header that does not fit on one line is wrapped by
                // rustfmt's `format_impl`, which is not ported.
                if indent.width() + header.len() + 2 > MAX_WIDTH {
                    self.unsupported::<()>();
                }
                out.push_str(&header);
                if items.is_empty() {
                    out.push_str(" {}");
                } else {
                    out.push_str(" {\n");
                    self.items(out, items, indent.block_indent(), false);
                    out.push_str(&indent.spaces());
                    out.push('}');
                }
            }
            ItemKind::Fn {
                name,
                params,
                ret,
                body,
            } => {
                let params: Vec<String> = params
                    .iter()
                    .map(|(pat, ty)| format!("{}: {}", pat_text(pat), self.one_line_ty(ty)))
                    .collect();
                let ret = ret
                    .as_ref()
                    .map(|ty| format!(" -> {}", self.one_line_ty(ty)))
                    .unwrap_or_default();
                let signature = format!("{vis}fn {name}({}){ret}", params.join(", "));
                // A signature that does not fit on one line is wrapped by
                // rustfmt's `rewrite_fn_base`, which is not ported.
                if indent.width() + signature.len() + 2 > MAX_WIDTH {
                    self.unsupported::<()>();
                }
                out.push_str(&signature);
                self.body(out, body, indent);
            }
            ItemKind::Const { name, ty, value } => {
                let rewrite = self.rewrite_const(vis, name, ty, value, indent);
                out.push_str(
                    &rewrite.unwrap_or_else(|| self.snippet(item.span).trim().to_string()),
                );
            }
            ItemKind::TypeAlias { name, ty } => {
                let text = format!("{vis}type {name} = {};", self.one_line_ty(ty));
                if indent.width() + text.len() > MAX_WIDTH {
                    self.unsupported::<()>();
                }
                out.push_str(&text);
            }
        }
    }

    /// A type on one line, for item headers (whose width the caller checks).
    fn one_line_ty(&self, ty: &Ty) -> String {
        let shape = Shape::legacy(usize::MAX / 2, Indent::default());
        match self.rewrite_ty(ty, shape) {
            Some(text) if !text.contains('\n') => text,
            _ => self.unsupported().unwrap_or_default(),
        }
    }

    /// `rewrite_static` in rustfmt's `items.rs`, for a `const` item.
    fn rewrite_const(
        &self,
        vis: &str,
        name: &str,
        ty: &Ty,
        value: &Expr,
        indent: Indent,
    ) -> Option<String> {
        let prefix = format!("{vis}const {name}: ");
        // 2 = " =".len()
        let ty_shape = Shape::indented(indent.block_only()).offset_left(prefix.len() + 2)?;
        let ty = self.rewrite_ty(ty, ty_shape)?;
        let lhs = format!("{prefix}{ty} =");
        // 1 = ;
        let shape = Shape::legacy(
            MAX_WIDTH.saturating_sub(indent.block + 1),
            indent.block_only(),
        );
        let rewrite = self.rewrite_assign_rhs(lhs, value, shape)?;
        Some(rewrite + ";")
    }

    /// A function body: `visit_block` in rustfmt's `visitor.rs`. A
    /// statement that cannot be laid out is kept as written.
    fn body(&self, out: &mut String, body: &Block, indent: Indent) {
        if body.stmts.is_empty() {
            out.push_str(" {}");
            return;
        }
        out.push_str(" {\n");
        let inner = indent.block_indent();
        let shape = Shape::indented(inner);
        for (i, stmt) in body.stmts.iter().enumerate() {
            if i > 0 && stmt.blank_before {
                out.push('\n');
            }
            out.push_str(&inner.spaces());
            let written = match &stmt.kind {
                StmtKind::Let { pat, ty, init } => self
                    .rewrite_let(pat, ty.as_ref(), init, shape)
                    .map(|text| out.push_str(&text)),
                StmtKind::Expr { expr, semi } => {
                    let suffix = if *semi { ";" } else { "" };
                    shape
                        .sub_width(suffix.len())
                        .and_then(|shape| self.rewrite_expr(expr, shape))
                        .map(|text| {
                            out.push_str(&text);
                            out.push_str(suffix);
                        })
                }
            };
            if written.is_none() {
                out.push_str(self.snippet(stmt.span).trim());
            }
            // Later statements never meet these expressions again.
            self.rewrites.borrow_mut().clear();
            out.push('\n');
        }
        out.push_str(&indent.spaces());
        out.push('}');
    }

    /// `impl Rewrite for ast::Local` in rustfmt's `items.rs`.
    fn rewrite_let(&self, pat: &Pat, ty: Option<&Ty>, init: &Expr, shape: Shape) -> Option<String> {
        let pat_shape = shape.offset_left(4)?.sub_width(1)?;
        let pat = pat_text(pat);
        if pat.len() > pat_shape.width {
            return None;
        }
        let mut result = format!("let {pat}");
        if let Some(ty) = ty {
            let ty_shape = shape
                .offset_left(last_line_width(&result) + 2)?
                .sub_width(2)?;
            result.push_str(": ");
            result.push_str(&self.rewrite_ty(ty, ty_shape)?);
        }
        result.push_str(" =");
        // 1 = trailing semicolon;
        let nested_shape = shape.sub_width(1)?;
        let result = self.rewrite_assign_rhs(result, init, nested_shape)?;
        Some(result + ";")
    }

    /// `rewrite_assign_rhs` and `choose_rhs` in rustfmt's `expr.rs`:
    /// `lhs` (ending in `=`) then the expression on the same line, or on
    /// the next one, block-indented, when that reads better.
    fn rewrite_assign_rhs(&self, lhs: String, expr: &Expr, shape: Shape) -> Option<String> {
        let lhs_width = last_line_width(&lhs).saturating_sub(if lhs.contains('\n') {
            shape.indent.width()
        } else {
            0
        });
        // 1 = space between operator and rhs.
        let orig_shape = shape.offset_left(lhs_width + 1).unwrap_or(Shape {
            width: 0,
            offset: shape.offset + lhs_width + 1,
            ..shape
        });
        let orig_rhs = self.rewrite_expr(expr, orig_shape);
        let rhs = match orig_rhs {
            Some(ref text) if text.is_empty() => String::new(),
            Some(ref text) if !text.contains('\n') && width(text) <= orig_shape.width => {
                format!(" {text}")
            }
            _ => {
                let new_shape = Shape::indented(orig_shape.indent.block_indent())
                    .sub_width(orig_shape.rhs_overhead())?;
                let new_rhs = self.rewrite_expr(expr, new_shape);
                let new_indent = orig_shape.indent.block_indent().newline();
                match (orig_rhs, new_rhs) {
                    (Some(orig), Some(new)) if !fits(&new, new_shape) => format!(" {orig}"),
                    (Some(orig), Some(new)) if prefer_next_line(&orig, &new) => {
                        format!("{new_indent}{new}")
                    }
                    (None, Some(new)) => format!("{new_indent}{new}"),
                    (None, None) => return None,
                    (Some(orig), _) => format!(" {orig}"),
                }
            }
        };
        Some(lhs + &rhs)
    }

    // ----- `use` declarations (rustfmt's `imports.rs`, `reorder.rs`) -----

    /// `rewrite_reorderable_or_regroupable_items`: a group of `use` items
    /// normalised, sorted and each laid out, or of `mod` declarations
    /// sorted by name.
    fn reorderable_group(&self, out: &mut String, items: &[Item], indent: Indent) {
        if items.iter().any(|item| !item.docs.is_empty()) {
            self.unsupported::<()>();
            return;
        }
        let mut modules: Vec<(bool, &str)> = items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Mod(name) => Some((item.public, name.as_str())),
                _ => None,
            })
            .collect();
        if !modules.is_empty() {
            // `compare_items`: by name, as strings.
            modules.sort_by(|a, b| a.1.cmp(b.1));
            for (public, name) in modules {
                let vis = if public { "pub " } else { "" };
                out.push_str(&format!("{}{vis}mod {name};\n", indent.spaces()));
            }
            return;
        }
        let mut trees = Vec::with_capacity(items.len());
        for item in items {
            if let ItemKind::Use(tree) = &item.kind {
                trees.push((item.public, normalize(tree.clone())));
            }
        }
        trees.sort_by(|a, b| compare_trees(&a.1, &b.1));
        // 4 = "use ", 1 = ";"
        let shape = Shape::indented(indent);
        let rewrites: Option<Vec<String>> = trees
            .iter()
            .map(|(public, tree)| {
                let vis = if *public { "pub " } else { "" };
                let shape = shape.offset_left(4)?.sub_width(1)?.offset_left(vis.len())?;
                let text = self.rewrite_use_tree(tree, shape)?;
                Some(format!("{vis}use {text};"))
            })
            .collect();
        match rewrites {
            Some(rewrites) => {
                for rewrite in rewrites {
                    out.push_str(&indent.spaces());
                    out.push_str(&rewrite);
                    out.push('\n');
                }
            }
            None => self.unsupported::<()>().unwrap_or(()),
        }
    }

    /// `impl Rewrite for UseTree`.
    fn rewrite_use_tree(&self, tree: &UseTree, mut shape: Shape) -> Option<String> {
        let mut result = String::new();
        for (i, segment) in tree.path.iter().enumerate() {
            let text = match segment {
                UseSegment::List(list) => {
                    // 1 = "{" and "}"
                    self.rewrite_use_list(list, shape.offset_left(1)?.sub_width(1)?)?
                }
                _ => segment_text(segment),
            };
            result.push_str(&text);
            if i + 1 < tree.path.len() {
                result.push_str("::");
                // 2 = "::"
                shape = shape.offset_left(2 + text.len())?;
            }
        }
        Some(result)
    }

    /// `rewrite_nested_use_tree`: `{a, b::{c, d}, e}`, packed as many to a
    /// line as fit (`imports_layout = "Mixed"`), a nested list on a line of
    /// its own.
    fn rewrite_use_list(&self, list: &[UseTree], shape: Shape) -> Option<String> {
        let nested_shape = shape
            .block_indent(TAB_SPACES)
            .with_max_width()
            .sub_width(1)?;
        let items: ListItems = list
            .iter()
            .map(|tree| self.rewrite_use_tree(tree, nested_shape))
            .collect();
        let has_nested_list = list
            .iter()
            .any(|tree| matches!(tree.path.last(), Some(UseSegment::List(_))));
        let remaining_width = if has_nested_list {
            0
        } else {
            shape.width.saturating_sub(2)
        };
        let tactic = definitive_tactic(&items, ListTactic::Mixed, remaining_width);
        let ends_with_newline = tactic != Tactic::Horizontal;
        let format = ListFormat {
            tactic,
            trailing: if ends_with_newline {
                Trailing::Vertical
            } else {
                Trailing::Never
            },
            shape: nested_shape,
            ends_with_newline,
            nested: has_nested_list,
        };
        let list = write_list(&items, &format)?;
        if list.contains('\n') || list.len() > remaining_width || tactic == Tactic::Vertical {
            Some(format!(
                "{{\n{}{list}\n{}}}",
                nested_shape.indent.spaces(),
                shape.indent.spaces()
            ))
        } else {
            Some(format!("{{{list}}}"))
        }
    }

    // ----- Types and paths (rustfmt's `types.rs`) -----

    /// `impl Rewrite for ast::Ty`, for the types of the subset.
    fn rewrite_ty(&self, ty: &Ty, shape: Shape) -> Option<String> {
        match ty {
            Ty::Path(path) => self.rewrite_path(path, false, shape),
            Ty::Ref {
                lifetime,
                mutable,
                inner,
            } => {
                let mut result = String::from("&");
                if let Some(lifetime) = lifetime {
                    let mut_len = if *mutable { 4 } else { 0 };
                    if lifetime.len() > shape.width.checked_sub(2 + mut_len)? {
                        return None;
                    }
                    result.push_str(lifetime);
                    result.push(' ');
                }
                if *mutable {
                    result.push_str("mut ");
                }
                let budget = shape.width.checked_sub(result.len())?;
                let inner_shape = Shape::legacy(
                    budget,
                    Indent {
                        alignment: shape.indent.alignment + result.len(),
                        ..shape.indent
                    },
                );
                result.push_str(&self.rewrite_ty(inner, inner_shape)?);
                Some(result)
            }
            // `rewrite_tuple`: laid out like call arguments.
            Ty::Tuple(items, trailing_comma) => {
                let trailing = if self.inside_macro.get() {
                    Some(if *trailing_comma {
                        Trailing::Always
                    } else {
                        Trailing::Never
                    })
                } else if items.len() == 1 {
                    Some(Trailing::Always)
                } else {
                    None
                };
                let elements = Elements::Tys(items);
                Overflow::new(
                    self,
                    "",
                    elements,
                    shape,
                    Delimiters::PARENS,
                    FN_CALL_WIDTH,
                    trailing,
                )
                .rewrite(shape)
            }
        }
    }

    /// `rewrite_path`: segments joined by `::`, generic arguments after
    /// `::` in expressions (`turbofish`).
    fn rewrite_path(&self, path: &Path, turbofish: bool, shape: Shape) -> Option<String> {
        let shape = shape.visual_indent(0);
        let names_len: usize = path.segments.iter().map(|s| s.name.len() + 2).sum();
        let mut result = String::with_capacity(names_len);
        for (i, segment) in path.segments.iter().enumerate() {
            if i > 0 {
                result.push_str("::");
            }
            let segment_shape = shape.shrink_left(extra_offset(&result, shape))?;
            // `rewrite_segment`.
            let args_shape = segment_shape.offset_left(segment.name.len())?;
            result.push_str(&segment.name);
            if let Some(args) = &segment.generics {
                if !args.is_empty() {
                    if turbofish {
                        result.push_str("::");
                    }
                    let elements = Elements::GenericArgs(args);
                    let overflow = Overflow::new(
                        self,
                        "",
                        elements,
                        args_shape,
                        Delimiters::ANGLE,
                        MAX_WIDTH,
                        None,
                    );
                    result.push_str(&overflow.rewrite(args_shape)?);
                }
            }
        }
        Some(result)
    }

    // ----- Expressions (rustfmt's `expr.rs`) -----

    /// `format_expr`, memoised.
    ///
    /// rustfmt tries several layouts at each level of nesting (the last
    /// argument overflowing or not, the last link of a chain on its own
    /// line or not), each rewriting the nested expressions again, which
    /// is exponential in the depth. A rewrite depends only on the
    /// expression, the shape and the two context flags, so remembering
    /// them changes nothing but the time taken.
    fn rewrite_expr(&self, expr: &Expr, shape: Shape) -> Option<Rc<str>> {
        let key = RewriteKey {
            expr: std::ptr::from_ref(expr) as usize,
            width: shape.width,
            indent: shape.indent,
            offset: shape.offset,
            inside_macro: self.inside_macro.get(),
            force_one_line_chain: self.force_one_line_chain.get(),
        };
        if let Some(known) = self.rewrites.borrow().get(&key) {
            return known.clone();
        }
        let rewrite: Option<Rc<str>> = self.format_expr(expr, shape).map(Rc::from);
        self.rewrites.borrow_mut().insert(key, rewrite.clone());
        rewrite
    }

    /// `format_expr`.
    fn format_expr(&self, expr: &Expr, shape: Shape) -> Option<String> {
        match &expr.kind {
            ExprKind::Array(list) => {
                let elements = Elements::Exprs(&list.items);
                let trailing = self.separator_tactic(list);
                self.rewrite_array("", elements, shape, trailing)
            }
            // A raw string that does not fit is kept anyway (`format_expr`).
            ExprKind::Lit(LitKind::RawStr) => Some(self.snippet(expr.span).to_string()),
            ExprKind::Lit(_) => {
                let text = self.snippet(expr.span);
                fits(text, shape).then(|| text.to_string())
            }
            ExprKind::Call { callee, args } => {
                let callee = self.rewrite_expr(callee, shape)?;
                self.rewrite_call(&callee, args, shape)
            }
            ExprKind::Paren(inner) => {
                // `rewrite_paren`; nested parentheses are removed.
                let mut inner = &**inner;
                while let ExprKind::Paren(next) = &inner.kind {
                    inner = next;
                }
                let shape = shape.offset_left(1)?.sub_width(1)?;
                Some(format!("({})", self.rewrite_expr(inner, shape)?))
            }
            ExprKind::Unary { op, operand } => self.rewrite_unary_prefix(op, operand, shape),
            ExprKind::AddrOf { mutable, operand } => {
                let op = if *mutable { "&mut " } else { "&" };
                self.rewrite_unary_prefix(op, operand, shape)
            }
            ExprKind::Struct {
                path,
                fields,
                trailing_comma,
            } => self.rewrite_struct_lit(path, fields, *trailing_comma, shape),
            ExprKind::Tuple(list) => {
                // `rewrite_tuple`: laid out like call arguments.
                let trailing = if self.inside_macro.get() {
                    Some(self.separator_tactic_in_macro(list))
                } else if list.items.len() == 1 {
                    Some(Trailing::Always)
                } else {
                    None
                };
                let elements = Elements::Exprs(&list.items);
                Overflow::new(
                    self,
                    "",
                    elements,
                    shape,
                    Delimiters::PARENS,
                    FN_CALL_WIDTH,
                    trailing,
                )
                .rewrite(shape)
            }
            ExprKind::EmptyMatch(scrutinee) => {
                // `rewrite_match` without arms.
                let cond_shape = Shape {
                    width: MAX_WIDTH.saturating_sub(shape.used_width()),
                    ..shape
                };
                // 6 = `match `
                let cond = self.rewrite_expr(scrutinee, cond_shape.offset_left(6)?)?;
                Some(format!("match {cond} {{}}"))
            }
            ExprKind::Path(path) => self.rewrite_path(path, true, shape),
            // `rewrite_block`: `{}` whatever the width (when it is too narrow
            // for `rewrite_empty_block`, the block visitor writes `{}` too).
            ExprKind::EmptyBlock => Some("{}".to_string()),
            ExprKind::Try(_) | ExprKind::Field { .. } | ExprKind::MethodCall { .. } => {
                self.rewrite_chain(expr, shape)
            }
            ExprKind::Macro(mac) => self.rewrite_macro(mac, expr.span, shape).or_else(|| {
                let text = self.snippet(expr.span);
                fits(text, shape).then(|| text.to_string())
            }),
        }
    }

    /// `choose_separator_tactic`: inside a macro the trailing comma is kept
    /// as written.
    fn separator_tactic(&self, list: &List) -> Option<Trailing> {
        self.inside_macro
            .get()
            .then(|| self.separator_tactic_in_macro(list))
    }

    fn separator_tactic_in_macro(&self, list: &List) -> Trailing {
        if list.trailing_comma {
            Trailing::Always
        } else {
            Trailing::Never
        }
    }

    /// `rewrite_unary_prefix`.
    fn rewrite_unary_prefix(&self, prefix: &str, operand: &Expr, shape: Shape) -> Option<String> {
        let shape = shape.offset_left(prefix.len())?;
        Some(format!("{prefix}{}", self.rewrite_expr(operand, shape)?))
    }

    /// `rewrite_call`: the arguments laid out by the overflow rules.
    fn rewrite_call(&self, callee: &str, args: &List, shape: Shape) -> Option<String> {
        let elements = Elements::Exprs(&args.items);
        Overflow::new(
            self,
            callee,
            elements,
            shape,
            Delimiters::PARENS,
            FN_CALL_WIDTH,
            self.separator_tactic(args),
        )
        .rewrite(shape)
    }

    /// `rewrite_array`: elements laid out by the overflow rules within
    /// `array_width`.
    fn rewrite_array(
        &self,
        name: &str,
        elements: Elements,
        shape: Shape,
        trailing: Option<Trailing>,
    ) -> Option<String> {
        Overflow::new(
            self,
            name,
            elements,
            shape,
            Delimiters::BRACKETS,
            ARRAY_WIDTH,
            trailing,
        )
        .rewrite(shape)
    }

    /// `rewrite_struct_lit`: fields on one line within `struct_lit_width`,
    /// else one per line.
    fn rewrite_struct_lit(
        &self,
        path: &Path,
        fields: &[Field],
        trailing_comma: bool,
        shape: Shape,
    ) -> Option<String> {
        // 2 = " {".len()
        let path = self.rewrite_path(path, true, shape.sub_width(2)?)?;
        if fields.is_empty() {
            return Some(format!("{path} {{}}"));
        }
        // `struct_lit_shape`: Foo { a: Foo } - indent is +3, width is -5.
        let v_shape = shape.block_indent(TAB_SPACES).with_max_width();
        let h_shape = shape
            .width
            .checked_sub(path.len() + 3 + 2)
            .map(|w| Shape::legacy(min(w, STRUCT_LIT_WIDTH), shape.indent));
        let one_line_width = h_shape.map_or(0, |shape| shape.width);
        let items: ListItems = fields
            .iter()
            .map(|field| self.rewrite_field(field, v_shape.sub_width(1)?))
            .collect();
        let tactic = match h_shape {
            Some(h_shape) => {
                definitive_tactic(&items, ListTactic::HorizontalVertical, h_shape.width)
            }
            None => Tactic::Vertical,
        };
        let nested_shape = match (tactic, h_shape) {
            (Tactic::Horizontal, Some(h_shape)) => h_shape,
            _ => v_shape,
        };
        let no_trailing_comma = self.inside_macro.get() && !trailing_comma;
        let format = ListFormat {
            tactic,
            trailing: if no_trailing_comma {
                Trailing::Never
            } else {
                Trailing::Vertical
            },
            shape: nested_shape,
            ends_with_newline: tactic == Tactic::Vertical,
            nested: false,
        };
        let fields = write_list(&items, &format)?;
        // `wrap_struct_field`.
        if fields.contains('\n') || fields.len() > one_line_width {
            Some(format!(
                "{path} {{{}{fields}{}}}",
                v_shape.indent.newline(),
                shape.indent.newline()
            ))
        } else {
            Some(format!("{path} {{ {fields} }}"))
        }
    }

    /// `rewrite_field`: `name: value`, the value on the next line when it
    /// does not fit after the name.
    fn rewrite_field(&self, field: &Field, shape: Shape) -> Option<String> {
        let Some(value) = &field.value else {
            return Some(field.name.clone());
        };
        let name = &field.name;
        let expr_shape = shape.offset_left(name.len() + 2)?;
        match self.rewrite_expr(value, expr_shape) {
            Some(text) => Some(format!("{name}: {text}")),
            None => {
                let offset = shape.indent.block_indent();
                let text = self.rewrite_expr(value, Shape::indented(offset))?;
                Some(format!("{name}:\n{}{text}", offset.spaces()))
            }
        }
    }

    // ----- Macros (rustfmt's `macros.rs`) -----

    /// `rewrite_macro`, with the `inside_macro` flag set while the
    /// arguments are laid out.
    fn rewrite_macro(&self, mac: &Macro, span: Span, shape: Shape) -> Option<String> {
        let nested = self.inside_macro.replace(true);
        let result = self.rewrite_macro_inner(mac, span, shape, nested);
        self.inside_macro.set(nested);
        result
    }

    /// `rewrite_macro_inner`: list-like macros as calls or arrays; `vec!`
    /// always as an array.
    fn rewrite_macro_inner(
        &self,
        mac: &Macro,
        span: Span,
        shape: Shape,
        nested: bool,
    ) -> Option<String> {
        if SPECIAL_CASE_MACROS.contains(&mac.name.as_str()) {
            return self.unsupported();
        }
        let forced_brackets = mac.name == "vec!";
        let brackets = mac.brackets || (forced_brackets && !nested);
        let Some(args) = &mac.args else {
            return self.macro_fallback(span, shape);
        };
        if args.items.is_empty() {
            let delimiters = if brackets { "[]" } else { "()" };
            return Some(format!("{}{delimiters}", mac.name));
        }
        let elements = Elements::MacroArgs(&args.items);
        let trailing = self.separator_tactic_in_macro(args);
        if !brackets {
            return Overflow::new(
                self,
                &mac.name,
                elements,
                shape,
                Delimiters::PARENS,
                FN_CALL_WIDTH,
                Some(trailing),
            )
            .rewrite(shape);
        }
        let trailing = if forced_brackets && !nested {
            self.inside_macro.set(false);
            Trailing::Vertical
        } else {
            trailing
        };
        self.rewrite_array(&mac.name, elements, shape, Some(trailing))
    }

    /// `return_macro_parse_failure_fallback`: arguments that are not
    /// expressions are kept as written, re-indented when the call ends on
    /// a line of closing brackets.
    fn macro_fallback(&self, span: Span, shape: Shape) -> Option<String> {
        let snippet = self.snippet(span);
        let block_like = snippet
            .lines()
            .last()
            .is_some_and(|line| line.trim().chars().all(|c| matches!(c, '}' | ')' | ']')));
        if !block_like {
            return Some(snippet.to_string());
        }
        trim_left_preserve_layout(snippet, shape.indent)
    }

    // ----- Method chains (rustfmt's `chains.rs`) -----

    /// `rewrite_chain` with `ChainFormatterBlock`.
    fn rewrite_chain(&self, expr: &Expr, shape: Shape) -> Option<String> {
        let (parent, children) = chain_links(expr);
        if children.is_empty() {
            return self.rewrite_link(&parent, shape);
        }

        // `format_root`: the parent, and the children that fit in a tab's
        // width after it so that it does not float on a line of its own.
        let mut root = self.rewrite_link(&parent, shape)?;
        let mut root_ends_with_block = match parent.kind {
            LinkKind::Parent(expr) => is_block_expr(expr, &root),
            _ => false,
        };
        let tab_width = TAB_SPACES.saturating_sub(shape.offset);
        let mut rest = &children[..];
        while root.len() <= tab_width && !root.contains('\n') {
            let Some(link) = rest.first() else { break };
            let link_shape = shape.offset_left(root.len())?;
            match self.rewrite_link(link, link_shape) {
                Some(text) => root.push_str(&text),
                None => break,
            }
            root_ends_with_block = last_line_extendable(&root);
            rest = &rest[1..];
            if rest.is_empty() {
                break;
            }
        }
        let Some((last, middle)) = rest.split_last() else {
            return wrap_str(root, shape);
        };

        // `get_block_child_shape`.
        let child_shape = if root_ends_with_block {
            shape.block_indent(0)
        } else {
            shape.block_indent(TAB_SPACES)
        }
        .with_max_width();

        let mut rewrites = vec![root];
        for link in middle {
            rewrites.push(self.rewrite_link(link, child_shape)?);
        }
        let (last_text, fits_single_line) =
            self.rewrite_last_link(last, &rewrites, children.len(), shape, child_shape)?;
        rewrites.push(last_text);

        // `join_rewrites`.
        let connector = if fits_single_line {
            Cow::Borrowed("")
        } else {
            if self.force_one_line_chain.get() {
                return None;
            }
            child_shape.newline()
        };
        let result = rewrites.join(&connector);
        wrap_str(result, shape)
    }

    /// `ChainFormatterShared::format_last_child`: the last link either
    /// stays on the line of the chain, its arguments overflowing, or goes
    /// on a line of its own like the others. Overflowing wins when it
    /// takes five lines or more, or no more lines than the alternative.
    fn rewrite_last_link(
        &self,
        last: &ChainLink,
        rewrites: &[String],
        child_count: usize,
        shape: Shape,
        child_shape: Shape,
    ) -> Option<(String, bool)> {
        let root = &rewrites[0];
        let extendable = last_line_extendable(root);
        let almost_total = if extendable {
            last_line_width(root)
        } else {
            rewrites.iter().map(|text| width(text)).sum()
        } + last.tries;
        let one_line_budget = if child_count == 1 {
            shape.width
        } else {
            min(shape.width, CHAIN_WIDTH)
        }
        .saturating_sub(almost_total);

        let all_in_one_line =
            rewrites.iter().all(|text| !text.contains('\n')) && one_line_budget > 0;
        let last_shape = if all_in_one_line {
            shape.sub_width(last.tries)?
        } else if extendable {
            child_shape.sub_width(last.tries)?
        } else {
            child_shape.sub_width(shape.rhs_overhead() + last.tries)?
        };

        let mut fits_single_line = false;
        let mut last_text = None;
        if all_in_one_line || extendable {
            if let Some(one_line_shape) = last_shape.offset_left(almost_total) {
                if let Some(overflowed) = self.rewrite_link(last, one_line_shape) {
                    let overflowed_lines = line_count(&overflowed);
                    let could_fit_single_line = first_line_width(&overflowed) <= one_line_budget;
                    if could_fit_single_line && overflowed_lines >= 5 {
                        last_text = Some(overflowed);
                        fits_single_line = all_in_one_line;
                    } else {
                        let own_line_shape =
                            child_shape.sub_width(shape.rhs_overhead() + last.tries)?;
                        match self.rewrite_link(last, own_line_shape) {
                            Some(own_line) if !could_fit_single_line => {
                                last_text = Some(own_line);
                            }
                            Some(own_line) if line_count(&own_line) >= overflowed_lines => {
                                last_text = Some(overflowed);
                                fits_single_line = could_fit_single_line && all_in_one_line;
                            }
                            Some(own_line) => last_text = Some(own_line),
                            None => {
                                last_text = Some(overflowed);
                                fits_single_line = could_fit_single_line && all_in_one_line;
                            }
                        }
                    }
                }
            }
        }
        // rustfmt evaluates this rewrite even when it is not used
        // (`unwrap_or` with an eager argument), and fails if it fails.
        let fallback = self.rewrite_link(last, last_shape)?;
        Some((last_text.unwrap_or(fallback), fits_single_line))
    }

    /// `impl Rewrite for ChainItem`.
    fn rewrite_link(&self, link: &ChainLink, shape: Shape) -> Option<String> {
        let shape = shape.sub_width(link.tries)?;
        let text = match &link.kind {
            LinkKind::Parent(expr) => {
                if let ExprKind::Lit(LitKind::Other) = expr.kind {
                    // `should_add_parens`: `1. .method()` is not covered.
                    if self.snippet(expr.span).ends_with('.') {
                        return self.unsupported();
                    }
                }
                self.rewrite_expr(expr, shape)?.to_string()
            }
            LinkKind::MethodCall {
                name,
                generics,
                args,
            } => {
                let mut callee = String::with_capacity(name.len() + 1);
                callee.push('.');
                callee.push_str(name);
                if !generics.is_empty() {
                    let types: Option<Vec<String>> = generics
                        .iter()
                        .map(|arg| self.rewrite_generic_arg(arg, shape))
                        .collect();
                    callee.push_str(&format!("::<{}>", types?.join(", ")));
                }
                self.rewrite_call(&callee, args, shape)?
            }
            LinkKind::Field {
                name,
                after_tuple_field,
            } => {
                if *after_tuple_field {
                    format!(" .{name}")
                } else {
                    format!(".{name}")
                }
            }
        };
        let mut text = text;
        text.extend(std::iter::repeat_n('?', link.tries));
        Some(text)
    }

    fn rewrite_generic_arg(&self, arg: &GenericArg, shape: Shape) -> Option<String> {
        match arg {
            GenericArg::Type(ty) => self.rewrite_ty(ty, shape),
            GenericArg::Lifetime(lifetime) => Some(lifetime.clone()),
        }
    }

    fn rewrite_element(&self, element: Element, shape: Shape) -> Option<Rc<str>> {
        match element {
            Element::Expr(expr) | Element::MacroArg(expr) => self.rewrite_expr(expr, shape),
            Element::Ty(ty) => self.rewrite_ty(ty, shape).map(Rc::from),
            Element::Lifetime(lifetime) => Some(Rc::from(lifetime)),
        }
    }
}

/// The links of the chain `expr`, parent first: `Chain::from_ast`. Each
/// `?` counts towards the link before it.
fn chain_links(expr: &Expr) -> (ChainLink<'_>, Vec<ChainLink<'_>>) {
    let mut links = Vec::new();
    let mut tries = 0;
    let mut current = expr;
    loop {
        match &current.kind {
            ExprKind::Try(inner) => {
                tries += 1;
                current = inner;
            }
            ExprKind::MethodCall {
                receiver,
                name,
                generics,
                args,
            } => {
                links.push(ChainLink {
                    kind: LinkKind::MethodCall {
                        name,
                        generics,
                        args,
                    },
                    tries,
                });
                tries = 0;
                current = receiver;
            }
            ExprKind::Field { base, name } => {
                let is_tuple_field = |name: &str| name.bytes().all(|b| b.is_ascii_digit());
                let after_tuple_field = is_tuple_field(name)
                    && matches!(&base.kind, ExprKind::Field { name, .. } if is_tuple_field(name));
                links.push(ChainLink {
                    kind: LinkKind::Field {
                        name,
                        after_tuple_field,
                    },
                    tries,
                });
                tries = 0;
                current = base;
            }
            _ => {
                let parent = ChainLink {
                    kind: LinkKind::Parent(current),
                    tries,
                };
                links.reverse();
                return (parent, links);
            }
        }
    }
}

/// Brackets around an overflowable list, and those written in the output
/// (`custom_delims`: `vec!(..)` is written `vec![..]`).
#[derive(Clone, Copy)]
struct Delimiters {
    open: &'static str,
    close: &'static str,
}

impl Delimiters {
    const PARENS: Delimiters = Delimiters {
        open: "(",
        close: ")",
    };
    const BRACKETS: Delimiters = Delimiters {
        open: "[",
        close: "]",
    };
    const ANGLE: Delimiters = Delimiters {
        open: "<",
        close: ">",
    };
}

/// A list that may overflow its last element: rustfmt's `overflow::Context`.
///
/// The elements go on one line if they fit (within `item_max_width`);
/// else the last one may start on that line and spill over (when it is
/// a call, a macro call, an array, a struct literal, ... alone, see
/// [`can_be_overflowed_expr`]); else they go one per line.
struct Overflow<'p, 's, 't> {
    printer: &'p Printer<'s>,
    ident: &'p str,
    elements: Elements<'t>,
    delimiters: Delimiters,
    one_line_shape: Shape,
    nested_shape: Shape,
    item_max_width: usize,
    one_line_width: usize,
    trailing: Option<Trailing>,
}

impl<'p, 's, 't> Overflow<'p, 's, 't> {
    /// `Context::new`.
    fn new(
        printer: &'p Printer<'s>,
        ident: &'p str,
        elements: Elements<'t>,
        shape: Shape,
        delimiters: Delimiters,
        item_max_width: usize,
        trailing: Option<Trailing>,
    ) -> Self {
        let used_width = extra_offset(ident, shape);
        // 2 = `()`
        let one_line_width = shape.width.saturating_sub(used_width + 2);
        // 1 = "(" or ")"
        let one_line_shape = shape
            .offset_left(last_line_width(ident) + 1)
            .and_then(|shape| shape.sub_width(1))
            .unwrap_or(Shape { width: 0, ..shape });
        // `shape_from_indent_style`; 1 = ","
        let nested = shape.block().block_indent(TAB_SPACES).with_max_width();
        let nested_shape = Shape {
            width: nested.width.saturating_sub(1),
            ..nested
        };
        Overflow {
            printer,
            ident,
            elements,
            delimiters,
            one_line_shape,
            nested_shape,
            item_max_width,
            one_line_width,
            trailing,
        }
    }

    /// `Context::rewrite`.
    fn rewrite(&self, shape: Shape) -> Option<String> {
        let (items, format) = self.rewrite_items();
        // Room for the items on lines of their own and the brackets.
        let line_len = self.nested_shape.indent.width() + 3;
        let capacity = items
            .iter()
            .map(|item| item_text(item).len() + line_len)
            .sum::<usize>()
            + self.ident.len()
            + shape.indent.width()
            + 4;
        let mut result = String::with_capacity(capacity);
        result.push_str(self.ident);
        result.push_str(self.delimiters.open);
        let start = result.len();
        write_list_into(&mut result, &items, &format)?;
        self.wrap_items(
            &mut result,
            start,
            shape,
            format.tactic == Tactic::Horizontal,
        );
        Some(result)
    }

    /// `Context::rewrite_items`: the elements laid out, and how to write
    /// them.
    fn rewrite_items(&self) -> (ListItems<Rc<str>>, ListFormat) {
        let mut items: ListItems<Rc<str>> = self
            .elements
            .iter()
            .map(|element| self.printer.rewrite_element(element, self.nested_shape))
            .collect();
        let tactic = self.try_overflow_last_item(&mut items);
        let ends_with_newline = matches!(tactic, Tactic::Vertical | Tactic::Mixed);
        let format = ListFormat {
            tactic,
            trailing: self.trailing.unwrap_or(Trailing::Vertical),
            shape: self.nested_shape,
            ends_with_newline,
            nested: false,
        };
        (items, format)
    }

    /// `Context::try_overflow_last_item`.
    fn try_overflow_last_item(&self, items: &mut ListItems<Rc<str>>) -> Tactic {
        let count = self.elements.len();
        let combine_arg_with_callee = count == 1
            && self.elements.first().and_then(Element::expr).is_some()
            && self.ident.len() < TAB_SPACES;
        let overflow_last = combine_arg_with_callee
            || self
                .elements
                .last()
                .is_some_and(|last| last.can_be_overflowed(count));

        // Replace the last item with its first line to see if it fits with
        // the first ones.
        let placeholder = if overflow_last {
            let force = self.printer.force_one_line_chain.get();
            if let Some(Element::Expr(expr)) = self.elements.last() {
                if !combine_arg_with_callee && is_method_call(expr) {
                    self.printer.force_one_line_chain.set(true);
                }
            }
            let result = self.last_item_shape(items).and_then(|shape| {
                let rewrite = self.rewrite_last_item_with_overflow(shape)?;
                items[count - 1] = rewrite.split('\n').next().map(Rc::from);
                Some(rewrite)
            });
            self.printer.force_one_line_chain.set(force);
            result
        } else {
            None
        };

        let mut tactic = definitive_tactic(
            items,
            ListTactic::LimitedHorizontalVertical(self.item_max_width),
            self.one_line_width,
        );

        // Replace the stub with the full overflowing last argument if the
        // rewrite succeeded and its first line fits with the other ones.
        match (overflow_last, tactic, placeholder) {
            (true, Tactic::Horizontal, Some(overflowed)) if count == 1 => {
                // A nested call whose overflow takes two lines: prefer it
                // on a line of its own when it fits there on one line.
                items[count - 1] = if has_one_newline(&overflowed) {
                    match self.rewrite_last(self.nested_shape) {
                        Some(own_line) if !own_line.contains('\n') => Some(own_line),
                        _ => Some(overflowed),
                    }
                } else {
                    Some(overflowed)
                };
            }
            (true, Tactic::Horizontal, Some(overflowed)) => {
                items[count - 1] = Some(overflowed);
            }
            _ if count > 0 => {
                items[count - 1] = self.rewrite_last(self.nested_shape);
                // A single argument that fits on one line stays there.
                if count == 1
                    && self.one_line_width != 0
                    && !item_text(&items[0]).contains('\n')
                    && item_width(&items[0]) <= self.one_line_width
                {
                    tactic = Tactic::Horizontal;
                } else {
                    tactic = definitive_tactic(
                        items,
                        ListTactic::LimitedHorizontalVertical(self.item_max_width),
                        self.one_line_width,
                    );
                    // Short simple elements are packed, several to a line.
                    if tactic == Tactic::Vertical
                        && self.elements.iter().all(Element::is_simple)
                        && items.iter().all(|item| {
                            item_text(item).len() <= SHORT_ARRAY_ELEMENT_WIDTH_THRESHOLD
                        })
                    {
                        tactic = Tactic::Mixed;
                    }
                }
            }
            _ => {}
        }
        tactic
    }

    fn rewrite_last(&self, shape: Shape) -> Option<Rc<str>> {
        let last = self.elements.last()?;
        self.printer.rewrite_element(last, shape)
    }

    /// `Context::rewrite_last_item_with_overflow`.
    fn rewrite_last_item_with_overflow(&self, shape: Shape) -> Option<Rc<str>> {
        if let Some(Element::Expr(expr)) = self.elements.last() {
            if let ExprKind::EmptyMatch(_) = expr.kind {
                // Overflowing a `match` checks its condition (`rewrite_cond`).
                return self.printer.unsupported();
            }
        }
        self.rewrite_last(shape)
    }

    /// `last_item_shape`: what is left after the other items on the line.
    fn last_item_shape(&self, items: &[Option<Rc<str>>]) -> Option<Shape> {
        let first_is_nested_call = self
            .elements
            .first()
            .and_then(|element| element.expr())
            .is_some_and(is_nested_call);
        if items.len() == 1 && !first_is_nested_call {
            return Some(self.one_line_shape);
        }
        // 2 = ", "
        let offset: usize = items
            .iter()
            .take(items.len().saturating_sub(1))
            .map(|item| 2 + item_text(item).len())
            .sum();
        Shape {
            width: min(self.item_max_width, self.one_line_shape.width),
            ..self.one_line_shape
        }
        .offset_left(offset)
    }

    /// `Context::wrap_items`: the brackets around the items (which
    /// `result` holds from `start`), on the same line or with the items
    /// block-indented between them.
    fn wrap_items(&self, result: &mut String, start: usize, shape: Shape, is_extendable: bool) {
        let items = &result[start..];
        let shape = Shape {
            width: shape.width.saturating_sub(last_line_width(self.ident)),
            ..shape
        };
        let extend_width = if items.is_empty() {
            2
        } else {
            first_line_width(items) + 1
        };
        // 2 = `()`
        let fits_one_line = items.len() + 2 <= shape.width;
        let force_single_line =
            (self.printer.inside_macro.get() && !items.contains('\n') && fits_one_line)
                || (is_extendable && extend_width <= shape.width);
        if !force_single_line {
            if !items.is_empty() {
                result.insert_str(start, &self.nested_shape.indent.newline());
            }
            result.push_str(&shape.block().indent.newline());
        }
        result.push_str(self.delimiters.close);
    }
}

fn generic_element(arg: &GenericArg) -> Element<'_> {
    match arg {
        GenericArg::Type(ty) => Element::Ty(ty),
        GenericArg::Lifetime(lifetime) => Element::Lifetime(lifetime),
    }
}

fn prefer_next_line(orig: &str, next: &str) -> bool {
    !next.contains('\n')
        || count_newlines(orig) > count_newlines(next) + 1
        || first_line_ends_with(orig, '(') && !first_line_ends_with(next, '(')
        || first_line_ends_with(orig, '{') && !first_line_ends_with(next, '{')
        || first_line_ends_with(orig, '[') && !first_line_ends_with(next, '[')
}

fn pat_text(pat: &Pat) -> String {
    match pat {
        Pat::Wild => "_".to_string(),
        Pat::Ident {
            mutable: true,
            name,
        } => format!("mut {name}"),
        Pat::Ident {
            mutable: false,
            name,
        } => name.clone(),
    }
}

/// `trim_left_preserve_layout` in rustfmt's `utils.rs`: `text` with its
/// lines after the first moved so that the least indented is at `indent`.
fn trim_left_preserve_layout(text: &str, indent: Indent) -> Option<String> {
    let mut lines = text.lines();
    let first = lines.next()?.trim_end();
    let rest: Vec<&str> = lines.collect();
    let min_prefix = rest
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| prefix_space_width(line))
        .min()?;
    let mut result = String::with_capacity(text.len());
    result.push_str(first);
    for line in rest {
        result.push('\n');
        if !line.trim().is_empty() {
            let new_indent = indent.width() + prefix_space_width(line).saturating_sub(min_prefix);
            result.push_str(&" ".repeat(new_indent));
            result.push_str(line.trim());
        }
    }
    Some(result)
}

/// `get_prefix_space_width`: leading whitespace in columns.
fn prefix_space_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { TAB_SPACES } else { 1 })
        .sum()
}

/// How many items from the first make one group of `use` or `mod`
/// declarations: rustfmt sorts them together until an empty line or
/// another kind of item (`walk_reorderable_or_regroupable_items`).
fn reorderable_group_len(items: &[Item]) -> usize {
    let same_kind = |item: &Item| {
        matches!(
            (&items[0].kind, &item.kind),
            (ItemKind::Use(_), ItemKind::Use(_)) | (ItemKind::Mod(_), ItemKind::Mod(_))
        )
    };
    items
        .iter()
        .enumerate()
        .take_while(|(i, item)| same_kind(item) && (*i == 0 || !item.blank_before))
        .count()
}

fn segment_text(segment: &UseSegment) -> String {
    match segment {
        UseSegment::Ident(name, Some(rename)) => format!("{name} as {rename}"),
        UseSegment::Ident(name, None) => name.clone(),
        UseSegment::Slf(Some(rename)) => format!("self as {rename}"),
        UseSegment::Slf(None) => "self".to_string(),
        UseSegment::Super => "super".to_string(),
        UseSegment::Crate => "crate".to_string(),
        UseSegment::Glob => "*".to_string(),
        UseSegment::List(_) => String::new(),
    }
}

/// `UseTree::normalize`: `a::{b}` becomes `a::b`, lists are sorted and
/// deduplicated.
fn normalize(mut tree: UseTree) -> UseTree {
    let Some(last) = tree.path.pop() else {
        return tree;
    };
    match last {
        UseSegment::List(list) if list.len() == 1 && list[0].path != [UseSegment::Slf(None)] => {
            tree.path.extend(list.into_iter().flat_map(|t| t.path));
            normalize(tree)
        }
        UseSegment::List(list) => {
            let mut list: Vec<UseTree> = list.into_iter().map(normalize).collect();
            list.sort_by(compare_trees);
            list.dedup();
            tree.path.push(UseSegment::List(list));
            tree
        }
        other => {
            tree.path.push(other);
            tree
        }
    }
}

/// `impl Ord for UseTree`.
fn compare_trees(a: &UseTree, b: &UseTree) -> std::cmp::Ordering {
    for (x, y) in a.path.iter().zip(&b.path) {
        let order = compare_segments(x, y);
        if order != std::cmp::Ordering::Equal
            && compare_segments(&without_alias(x), &without_alias(y)) != std::cmp::Ordering::Equal
        {
            return order;
        }
    }
    a.path.len().cmp(&b.path.len())
}

fn without_alias(segment: &UseSegment) -> UseSegment {
    match segment {
        UseSegment::Ident(name, _) => UseSegment::Ident(name.clone(), None),
        UseSegment::Slf(_) => UseSegment::Slf(None),
        other => other.clone(),
    }
}

/// `impl Ord for UseSegment` in style edition 2021: `self`, `super`,
/// `crate`, then names as snake_case < CamelCase < UPPER_SNAKE_CASE, then
/// `*`, then lists.
fn compare_segments(a: &UseSegment, b: &UseSegment) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Greater, Less};
    fn rank(segment: &UseSegment) -> u8 {
        match segment {
            UseSegment::Slf(_) => 0,
            UseSegment::Super => 1,
            UseSegment::Crate => 2,
            UseSegment::Ident(..) => 3,
            UseSegment::Glob => 4,
            UseSegment::List(_) => 5,
        }
    }
    fn sorting_key(ident: &str) -> (bool, bool, &str) {
        let upper_snake = ident
            .chars()
            .all(|c| c.is_uppercase() || c == '_' || c.is_numeric());
        (upper_snake, ident.starts_with(char::is_uppercase), ident)
    }
    match (a, b) {
        (UseSegment::Slf(x), UseSegment::Slf(y)) => x.cmp(y),
        (UseSegment::Ident(x, x_alias), UseSegment::Ident(y, y_alias)) => sorting_key(x)
            .cmp(&sorting_key(y))
            .then_with(|| match (x_alias, y_alias) {
                (None, Some(_)) => Less,
                (Some(_), None) => Greater,
                _ => x_alias.cmp(y_alias),
            }),
        (UseSegment::List(x), UseSegment::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                let order = compare_trees(p, q);
                if order.is_ne() {
                    return order;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => rank(a).cmp(&rank(b)),
    }
}
