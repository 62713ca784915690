//! The syntax tree of the subset, and the parser that builds it from tokens.
//!
//! The subset is what `synth import` generates: `use` and `mod`
//! declarations, unit
//! structs, trait impls with associated types, constants and functions,
//! and function bodies of `let` and expression statements whose
//! expressions are paths, literals, calls, method calls, field accesses,
//! `?`, `&`, unary `-`/`!`, parentheses, tuples, arrays, struct literals,
//! `match x {}` and bracketed or parenthesised macro calls. Anything else
//! makes [`parse`] return `None`.

use super::tokens::{Kind, LitKind, Token};

/// A byte range of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A whole source file.
#[derive(Debug)]
pub struct File {
    /// `//!` lines, in order.
    pub inner_docs: Vec<Span>,
    pub items: Vec<Item>,
}

/// An item with its `///` lines.
#[derive(Debug)]
pub struct Item {
    pub docs: Vec<Span>,
    pub public: bool,
    pub kind: ItemKind,
    /// From the first token after the doc lines to the end of the item.
    pub span: Span,
    /// Whether an empty line precedes the item (or its doc lines).
    pub blank_before: bool,
}

#[derive(Debug)]
pub enum ItemKind {
    Use(UseTree),
    /// `struct Name;`
    UnitStruct(String),
    /// `mod name;`
    Mod(String),
    /// `impl Trait for Type { items }` (or an inherent `impl Type`).
    Impl {
        trait_ref: Option<Ty>,
        self_ty: Ty,
        items: Vec<Item>,
    },
    Fn {
        name: String,
        params: Vec<(Pat, Ty)>,
        ret: Option<Ty>,
        body: Block,
    },
    Const {
        name: String,
        ty: Ty,
        value: Expr,
    },
    TypeAlias {
        name: String,
        ty: Ty,
    },
}

/// A `use` tree, as rustfmt's `imports.rs` models it: a path whose last
/// segment may be a list of trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseTree {
    pub path: Vec<UseSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UseSegment {
    /// A name, with its `as` rename.
    Ident(String, Option<String>),
    /// `self`, with its `as` rename.
    Slf(Option<String>),
    Super,
    Crate,
    Glob,
    List(Vec<UseTree>),
}

/// A type.
#[derive(Debug)]
pub enum Ty {
    Path(Path),
    /// `&'a mut T`.
    Ref {
        lifetime: Option<String>,
        mutable: bool,
        inner: Box<Ty>,
    },
    /// `(A, B)`; the flag tells whether a comma ends the list in the source.
    Tuple(Vec<Ty>, bool),
}

/// A path such as `a::b::<T>::c`.
#[derive(Debug)]
pub struct Path {
    pub segments: Vec<Segment>,
}

#[derive(Debug)]
pub struct Segment {
    pub name: String,
    /// The generic arguments, when the segment has `<...>`.
    pub generics: Option<Vec<GenericArg>>,
}

#[derive(Debug)]
pub enum GenericArg {
    Type(Ty),
    Lifetime(String),
}

/// A binding pattern.
#[derive(Debug)]
pub enum Pat {
    Wild,
    Ident { mutable: bool, name: String },
}

/// A function body.
#[derive(Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    /// The statement's text in the source, `;` included.
    pub span: Span,
    pub blank_before: bool,
}

#[derive(Debug)]
pub enum StmtKind {
    Let {
        pat: Pat,
        ty: Option<Ty>,
        init: Expr,
    },
    /// An expression statement; `semi` tells whether a `;` ends it.
    Expr { expr: Expr, semi: bool },
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// Arguments or elements between brackets.
#[derive(Debug)]
pub struct List {
    pub items: Vec<Expr>,
    /// Whether the source has a comma after the last item; it is kept
    /// inside macros (`choose_separator_tactic` in rustfmt's `expr.rs`).
    pub trailing_comma: bool,
}

#[derive(Debug)]
pub enum ExprKind {
    Path(Path),
    Lit(LitKind),
    Call {
        callee: Box<Expr>,
        args: List,
    },
    MethodCall {
        receiver: Box<Expr>,
        name: String,
        generics: Vec<GenericArg>,
        args: List,
    },
    Field {
        base: Box<Expr>,
        name: String,
    },
    Try(Box<Expr>),
    /// `-x` or `!x`.
    Unary {
        op: &'static str,
        operand: Box<Expr>,
    },
    /// `&x` or `&mut x`.
    AddrOf {
        mutable: bool,
        operand: Box<Expr>,
    },
    Paren(Box<Expr>),
    Tuple(List),
    Array(List),
    Struct {
        path: Path,
        fields: Vec<Field>,
        trailing_comma: bool,
    },
    /// `name!(...)` or `name![...]`.
    Macro(Macro),
    /// `match x {}`: a match without arms.
    EmptyMatch(Box<Expr>),
    /// `{}`, as in `json!({})`.
    EmptyBlock,
}

/// A field of a struct literal.
#[derive(Debug)]
pub struct Field {
    pub name: String,
    /// `None` for the shorthand `name`.
    pub value: Option<Expr>,
}

#[derive(Debug)]
pub struct Macro {
    /// The name with its `!`, as rustfmt's `rewrite_macro_name` spells it.
    pub name: String,
    /// Whether the source uses `[...]` rather than `(...)`.
    pub brackets: bool,
    /// The arguments, or `None` when they are not expressions, as with
    /// `json!({"a": 1})`: rustfmt then keeps the call as written.
    pub args: Option<List>,
}

/// Why parsing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fail {
    /// Valid Rust the subset does not cover.
    Unsupported,
    /// Not a Rust expression at all (a JSON object in `json!`): rustc's
    /// parser rejects it too, which rustfmt's macro handling relies on.
    NotRust,
}

type Parsed<T> = Result<T, Fail>;

/// The tree of `source`, or `None` when it is outside the subset.
pub fn parse(source: &str, tokens: &[Token]) -> Option<File> {
    let closers = match_brackets(source, tokens)?;
    let mut parser = Parser {
        source,
        tokens,
        closers,
        at: 0,
        end: tokens.len(),
    };
    parser.file().ok()
}

/// For each opening bracket, the index of its closing one.
fn match_brackets(source: &str, tokens: &[Token]) -> Option<Vec<usize>> {
    let mut closers = vec![usize::MAX; tokens.len()];
    let mut open: Vec<usize> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Open => open.push(index),
            Kind::Close => {
                let opener = open.pop()?;
                let pair = (tokens[opener].text(source), token.text(source));
                if !matches!(pair, ("(", ")") | ("[", "]") | ("{", "}")) {
                    return None;
                }
                closers[opener] = index;
            }
            _ => {}
        }
    }
    open.is_empty().then_some(closers)
}

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    closers: Vec<usize>,
    at: usize,
    /// One past the last token this parser may read.
    end: usize,
}

impl Parser<'_> {
    fn peek_at(&self, offset: usize) -> Option<&Token> {
        let index = self.at + offset;
        (index < self.end).then(|| &self.tokens[index])
    }

    fn text_at(&self, offset: usize) -> &str {
        self.peek_at(offset).map_or("", |t| t.text(self.source))
    }

    fn is(&self, text: &str) -> bool {
        self.text_at(0) == text
    }

    fn kind(&self) -> Option<Kind> {
        self.peek_at(0).map(|t| t.kind)
    }

    fn eat(&mut self, text: &str) -> bool {
        let found = self.is(text);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, text: &str) -> Parsed<()> {
        if self.eat(text) {
            Ok(())
        } else {
            Err(Fail::Unsupported)
        }
    }

    fn ident(&mut self) -> Parsed<String> {
        match self.kind() {
            Some(Kind::Ident) => {
                let name = self.text_at(0).to_string();
                self.at += 1;
                Ok(name)
            }
            _ => Err(Fail::Unsupported),
        }
    }

    /// Where the previous token ends.
    fn last_end(&self) -> usize {
        self.at
            .checked_sub(1)
            .and_then(|index| self.tokens.get(index))
            .map_or(0, |t| t.end)
    }

    fn start(&self) -> usize {
        self.peek_at(0).map_or_else(|| self.last_end(), |t| t.start)
    }

    fn blank_before(&self) -> bool {
        self.peek_at(0).is_some_and(|t| t.blank_before)
    }

    fn file(&mut self) -> Parsed<File> {
        let mut inner_docs = Vec::new();
        while self.kind() == Some(Kind::InnerDoc) {
            let token = self.tokens[self.at];
            inner_docs.push(Span {
                start: token.start,
                end: token.end,
            });
            self.at += 1;
        }
        let mut items = Vec::new();
        while self.at < self.end {
            items.push(self.item()?);
        }
        Ok(File { inner_docs, items })
    }

    fn item(&mut self) -> Parsed<Item> {
        let blank_before = self.blank_before();
        let mut docs = Vec::new();
        while self.kind() == Some(Kind::OuterDoc) {
            let token = self.tokens[self.at];
            docs.push(Span {
                start: token.start,
                end: token.end,
            });
            self.at += 1;
            // rustfmt keeps empty lines among attributes; not covered.
            if self.blank_before() {
                return Err(Fail::Unsupported);
            }
        }
        let start = self.start();
        let public = self.eat("pub");
        let kind = if self.eat("use") {
            let tree = self.use_tree()?;
            self.expect(";")?;
            ItemKind::Use(tree)
        } else if self.eat("mod") {
            let name = self.ident()?;
            self.expect(";")?;
            ItemKind::Mod(name)
        } else if self.eat("struct") {
            let name = self.ident()?;
            self.expect(";")?;
            ItemKind::UnitStruct(name)
        } else if self.eat("impl") {
            self.impl_body()?
        } else if self.eat("fn") {
            self.function()?
        } else if self.eat("const") {
            let name = self.ident()?;
            self.expect(":")?;
            let ty = self.ty()?;
            self.expect("=")?;
            let value = self.expr(true)?;
            self.expect(";")?;
            ItemKind::Const { name, ty, value }
        } else if self.eat("type") {
            let name = self.ident()?;
            self.expect("=")?;
            let ty = self.ty()?;
            self.expect(";")?;
            ItemKind::TypeAlias { name, ty }
        } else {
            return Err(Fail::Unsupported);
        };
        Ok(Item {
            docs,
            public,
            kind,
            span: Span {
                start,
                end: self.last_end(),
            },
            blank_before,
        })
    }

    fn impl_body(&mut self) -> Parsed<ItemKind> {
        let first = self.ty()?;
        let (trait_ref, self_ty) = if self.eat("for") {
            (Some(first), self.ty()?)
        } else {
            (None, first)
        };
        let close = self.open_group("{")?;
        let mut items = Vec::new();
        while self.at < close {
            items.push(self.item()?);
        }
        self.at = close + 1;
        Ok(ItemKind::Impl {
            trait_ref,
            self_ty,
            items,
        })
    }

    fn function(&mut self) -> Parsed<ItemKind> {
        let name = self.ident()?;
        let close = self.open_group("(")?;
        let mut params = Vec::new();
        while self.at < close {
            self.refuse_blank_line()?;
            let pat = self.pat()?;
            self.expect(":")?;
            params.push((pat, self.ty()?));
            if !self.eat(",") && self.at < close {
                return Err(Fail::Unsupported);
            }
        }
        self.at = close + 1;
        let ret = if self.eat("->") {
            Some(self.ty()?)
        } else {
            None
        };
        let body = self.block()?;
        Ok(ItemKind::Fn {
            name,
            params,
            ret,
            body,
        })
    }

    /// Fails before an element preceded by an empty line where rustfmt
    /// keeps such lines (`preserve_newline` lists: struct literal fields,
    /// `use` lists, parameters), which is not covered.
    fn refuse_blank_line(&self) -> Parsed<()> {
        if self.blank_before() {
            Err(Fail::Unsupported)
        } else {
            Ok(())
        }
    }

    /// Enters the group opened by `open`, returning its closer's index.
    fn open_group(&mut self, open: &str) -> Parsed<usize> {
        if !self.is(open) {
            return Err(Fail::Unsupported);
        }
        let close = self.closers[self.at];
        self.at += 1;
        Ok(close)
    }

    fn use_tree(&mut self) -> Parsed<UseTree> {
        let mut path = Vec::new();
        loop {
            if self.is("{") {
                let close = self.open_group("{")?;
                let mut list = Vec::new();
                while self.at < close {
                    self.refuse_blank_line()?;
                    list.push(self.use_tree()?);
                    if !self.eat(",") && self.at < close {
                        return Err(Fail::Unsupported);
                    }
                }
                self.at = close + 1;
                path.push(UseSegment::List(list));
                break;
            }
            if self.eat("*") {
                path.push(UseSegment::Glob);
                break;
            }
            let name = self.ident()?;
            let rename = if self.eat("as") {
                Some(self.ident()?)
            } else {
                None
            };
            path.push(match name.as_str() {
                "self" => UseSegment::Slf(rename),
                "super" if rename.is_none() => UseSegment::Super,
                "crate" if rename.is_none() => UseSegment::Crate,
                "super" | "crate" => return Err(Fail::Unsupported),
                _ => UseSegment::Ident(name, rename),
            });
            if !self.eat("::") {
                break;
            }
        }
        Ok(UseTree { path })
    }

    fn pat(&mut self) -> Parsed<Pat> {
        if self.eat("_") {
            return Ok(Pat::Wild);
        }
        let mutable = self.eat("mut");
        let name = self.ident()?;
        Ok(Pat::Ident { mutable, name })
    }

    fn ty(&mut self) -> Parsed<Ty> {
        if self.eat("&") {
            let lifetime = if self.kind() == Some(Kind::Lifetime) {
                let lifetime = self.text_at(0).to_string();
                self.at += 1;
                Some(lifetime)
            } else {
                None
            };
            let mutable = self.eat("mut");
            let inner = Box::new(self.ty()?);
            return Ok(Ty::Ref {
                lifetime,
                mutable,
                inner,
            });
        }
        if self.is("(") {
            let close = self.open_group("(")?;
            let mut items = Vec::new();
            let mut trailing_comma = false;
            while self.at < close {
                items.push(self.ty()?);
                trailing_comma = self.eat(",");
                if !trailing_comma && self.at < close {
                    return Err(Fail::Unsupported);
                }
            }
            // `(T)` is a parenthesised type, not a tuple.
            if items.len() == 1 && !trailing_comma {
                return Err(Fail::Unsupported);
            }
            self.at = close + 1;
            return Ok(Ty::Tuple(items, trailing_comma));
        }
        Ok(Ty::Path(self.path(false)?))
    }

    /// A path; in expressions (`turbofish`), generic arguments follow `::`.
    fn path(&mut self, turbofish: bool) -> Parsed<Path> {
        if self.is("::") {
            return Err(Fail::Unsupported);
        }
        let mut segments = Vec::new();
        loop {
            let name = self.ident()?;
            let mut generics = None;
            let opens_generics = if turbofish {
                self.is("::") && self.text_at(1) == "<"
            } else {
                self.is("<")
            };
            if opens_generics {
                if turbofish {
                    self.at += 1;
                }
                generics = Some(self.generic_args()?);
            }
            segments.push(Segment { name, generics });
            if self.is("::") && self.peek_at(1).is_some_and(|t| t.kind == Kind::Ident) {
                self.at += 1;
            } else {
                break;
            }
        }
        Ok(Path { segments })
    }

    /// `<A, 'b, C<D>>`, the `<` being the current token.
    fn generic_args(&mut self) -> Parsed<Vec<GenericArg>> {
        self.expect("<")?;
        let mut args = Vec::new();
        while !self.eat(">") {
            if self.kind() == Some(Kind::Lifetime) {
                args.push(GenericArg::Lifetime(self.text_at(0).to_string()));
                self.at += 1;
            } else {
                args.push(GenericArg::Type(self.ty()?));
            }
            if !self.eat(",") && !self.is(">") {
                return Err(Fail::Unsupported);
            }
        }
        Ok(args)
    }

    fn block(&mut self) -> Parsed<Block> {
        let close = self.open_group("{")?;
        let mut stmts = Vec::new();
        while self.at < close {
            let blank_before = self.blank_before();
            let start = self.start();
            let kind = if self.eat("let") {
                let pat = self.pat()?;
                let ty = if self.eat(":") {
                    Some(self.ty()?)
                } else {
                    None
                };
                self.expect("=")?;
                let init = self.expr(true)?;
                self.expect(";")?;
                StmtKind::Let { pat, ty, init }
            } else {
                let expr = self.expr(true)?;
                let semi = self.eat(";");
                if !semi && self.at < close {
                    return Err(Fail::Unsupported);
                }
                StmtKind::Expr { expr, semi }
            };
            stmts.push(Stmt {
                kind,
                span: Span {
                    start,
                    end: self.last_end(),
                },
                blank_before,
            });
        }
        self.at = close + 1;
        Ok(Block { stmts })
    }

    /// An expression; `structs` tells whether `Path { .. }` may be a struct
    /// literal (not in a `match` scrutinee).
    fn expr(&mut self, structs: bool) -> Parsed<Expr> {
        let expr = self.expr_unary(structs)?;
        // Binary operators, casts, ranges and assignments are not covered.
        match self.kind() {
            None | Some(Kind::Close) => Ok(expr),
            Some(Kind::Open) if !structs && self.is("{") => Ok(expr),
            Some(_) if matches!(self.text_at(0), "," | ";") => Ok(expr),
            Some(_) => Err(Fail::Unsupported),
        }
    }

    fn expr_unary(&mut self, structs: bool) -> Parsed<Expr> {
        let start = self.start();
        let kind = if self.eat("&") {
            let mutable = self.eat("mut");
            let operand = Box::new(self.expr_unary(structs)?);
            ExprKind::AddrOf { mutable, operand }
        } else if self.is("-") || self.is("!") {
            let op = if self.is("-") { "-" } else { "!" };
            self.at += 1;
            let operand = Box::new(self.expr_unary(structs)?);
            ExprKind::Unary { op, operand }
        } else {
            return self.expr_postfix(structs);
        };
        Ok(Expr {
            kind,
            span: Span {
                start,
                end: self.last_end(),
            },
        })
    }

    fn expr_postfix(&mut self, structs: bool) -> Parsed<Expr> {
        let start = self.start();
        let mut expr = self.expr_primary(structs)?;
        loop {
            let kind = if self.eat("?") {
                ExprKind::Try(Box::new(expr))
            } else if self.is("(") {
                let args = self.list("(")?;
                ExprKind::Call {
                    callee: Box::new(expr),
                    args,
                }
            } else if self.eat(".") {
                match self.kind() {
                    Some(Kind::Ident) => {
                        let name = self.ident()?;
                        let generics = if self.is("::") && self.text_at(1) == "<" {
                            self.at += 1;
                            self.generic_args()?
                        } else {
                            Vec::new()
                        };
                        if self.is("(") {
                            let args = self.list("(")?;
                            ExprKind::MethodCall {
                                receiver: Box::new(expr),
                                name,
                                generics,
                                args,
                            }
                        } else if generics.is_empty() {
                            ExprKind::Field {
                                base: Box::new(expr),
                                name,
                            }
                        } else {
                            return Err(Fail::Unsupported);
                        }
                    }
                    // Tuple fields such as `.0`; `.0.1` lexes as a float.
                    Some(Kind::Lit(LitKind::Other))
                        if self.text_at(0).bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        let name = self.text_at(0).to_string();
                        self.at += 1;
                        ExprKind::Field {
                            base: Box::new(expr),
                            name,
                        }
                    }
                    _ => return Err(Fail::Unsupported),
                }
            } else {
                return Ok(expr);
            };
            expr = Expr {
                kind,
                span: Span {
                    start,
                    end: self.last_end(),
                },
            };
        }
    }

    fn expr_primary(&mut self, structs: bool) -> Parsed<Expr> {
        let start = self.start();
        let token = *self.peek_at(0).ok_or(Fail::Unsupported)?;
        let kind = match token.kind {
            Kind::Lit(kind) => {
                self.at += 1;
                ExprKind::Lit(kind)
            }
            Kind::Open if self.is("(") => {
                let list = self.list("(")?;
                if list.items.len() == 1 && !list.trailing_comma {
                    let mut items = list.items;
                    ExprKind::Paren(Box::new(items.remove(0)))
                } else {
                    ExprKind::Tuple(list)
                }
            }
            Kind::Open if self.is("[") => ExprKind::Array(self.list("[")?),
            Kind::Open if self.closers[self.at] == self.at + 1 => {
                self.at += 2;
                ExprKind::EmptyBlock
            }
            Kind::Open => return Err(self.block_expression()),
            Kind::Ident if self.is("match") => {
                self.at += 1;
                let scrutinee = self.expr(false)?;
                let close = self.open_group("{")?;
                if self.at != close {
                    return Err(Fail::Unsupported);
                }
                self.at = close + 1;
                ExprKind::EmptyMatch(Box::new(scrutinee))
            }
            Kind::Ident if is_reserved(self.text_at(0)) => return Err(Fail::Unsupported),
            Kind::Ident => {
                let path = self.path(true)?;
                if self.is("!") && path.segments.iter().all(|s| s.generics.is_none()) {
                    self.at += 1;
                    ExprKind::Macro(self.macro_call(&path)?)
                } else if structs && self.is("{") {
                    self.struct_literal(path)?
                } else {
                    ExprKind::Path(path)
                }
            }
            _ => return Err(Fail::Unsupported),
        };
        Ok(Expr {
            kind,
            span: Span {
                start,
                end: self.last_end(),
            },
        })
    }

    /// A `{` where an expression starts. Blocks other than `{}` are not
    /// covered, but
    /// `{"key": value}` (a JSON object) is not Rust at all: rustc's parser
    /// stops at the `:`.
    fn block_expression(&self) -> Fail {
        let first = self.peek_at(1).map(|t| t.kind);
        let is_key = matches!(first, Some(Kind::Lit(_) | Kind::Ident));
        if is_key && self.text_at(2) == ":" {
            Fail::NotRust
        } else {
            Fail::Unsupported
        }
    }

    /// Comma-separated expressions in the group opened by `open`.
    fn list(&mut self, open: &str) -> Parsed<List> {
        let close = self.open_group(open)?;
        let outer_end = self.end;
        self.end = close;
        let result = self.list_items();
        self.end = outer_end;
        let list = result?;
        self.at = close + 1;
        Ok(list)
    }

    fn list_items(&mut self) -> Parsed<List> {
        let mut items = Vec::new();
        let mut trailing_comma = false;
        while self.at < self.end {
            items.push(self.expr(true)?);
            trailing_comma = self.eat(",");
            if !trailing_comma && self.at < self.end {
                return Err(Fail::Unsupported);
            }
        }
        Ok(List {
            items,
            trailing_comma,
        })
    }

    fn macro_call(&mut self, path: &Path) -> Parsed<Macro> {
        let names: Vec<&str> = path.segments.iter().map(|s| s.name.as_str()).collect();
        let name = format!("{}!", names.join("::"));
        let brackets = self.is("[");
        if !brackets && !self.is("(") {
            return Err(Fail::Unsupported);
        }
        let open = self.at;
        let close = self.closers[open];
        let args = match self.list(if brackets { "[" } else { "(" }) {
            Ok(list) => Some(list),
            Err(Fail::NotRust) => None,
            Err(e) => return Err(e),
        };
        self.at = close + 1;
        Ok(Macro {
            name,
            brackets,
            args,
        })
    }

    fn struct_literal(&mut self, path: Path) -> Parsed<ExprKind> {
        let close = self.open_group("{")?;
        let outer_end = self.end;
        self.end = close;
        let mut fields = Vec::new();
        let mut trailing_comma = false;
        while self.at < close {
            self.refuse_blank_line()?;
            let name = self.ident()?;
            let value = if self.eat(":") {
                Some(self.expr(true)?)
            } else {
                None
            };
            fields.push(Field { name, value });
            trailing_comma = self.eat(",");
            if !trailing_comma && self.at < close {
                return Err(Fail::Unsupported);
            }
        }
        self.end = outer_end;
        self.at = close + 1;
        Ok(ExprKind::Struct {
            path,
            fields,
            trailing_comma,
        })
    }
}

/// Keywords that would start an expression the subset does not cover.
fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "as" | "async"
            | "await"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "union"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}
