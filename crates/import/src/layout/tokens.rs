//! The lexer: Rust source to a flat list of tokens with their byte spans.
//!
//! Only what the layout needs is distinguished. Anything the layout does
//! not handle (plain `//` or `/* */` comments, non-ASCII text
//! outside literals and doc comments) makes [`tokenize`] return `None`,
//! so the caller falls back to rustfmt.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Ident,
    /// `'a`, `'_`, `'static`.
    Lifetime,
    /// A literal, by how rustfmt treats it.
    Lit(LitKind),
    /// Punctuation: one character, or one of `::`, `->`, `=>`, `..`.
    Punct,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// A `///` line.
    OuterDoc,
    /// A `//!` line.
    InnerDoc,
}

/// Literal kinds that rustfmt lays out differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LitKind {
    /// `"..."`: must fit the width it is given.
    Str,
    /// `r"..."`, `r#"..."#`: kept as written even when too wide
    /// (`format_expr`, `ast::ExprKind::Lit`, in rustfmt's `expr.rs`).
    RawStr,
    /// Numbers, characters, byte strings: must fit like `Str`.
    Other,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Whether an empty line separates this token from the previous one.
    pub blank_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.start..self.end]
    }
}

/// `source` as tokens, or `None` when it holds something outside the subset.
pub fn tokenize(source: &str) -> Option<Vec<Token>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut newlines = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'\n' {
            newlines += 1;
            at += 1;
            continue;
        }
        if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        let kind;
        if source[at..].starts_with("//") {
            let line_end = source[at..].find('\n').map_or(bytes.len(), |n| at + n);
            let text = &source[at..line_end];
            kind = if text.starts_with("///") && !text.starts_with("////") {
                Kind::OuterDoc
            } else if text.starts_with("//!") {
                Kind::InnerDoc
            } else {
                return None;
            };
            at = line_end;
        } else if byte == b'/' && bytes.get(at + 1) == Some(&b'*') {
            return None;
        } else if let Some(end) = raw_string_end(source, at) {
            kind = Kind::Lit(LitKind::RawStr);
            at = end;
        } else if byte == b'"' || (byte == b'b' && bytes.get(at + 1) == Some(&b'"')) {
            let open = if byte == b'b' { at + 1 } else { at };
            at = quoted_end(bytes, open, b'"')?;
            kind = Kind::Lit(if byte == b'b' {
                LitKind::Other
            } else {
                LitKind::Str
            });
        } else if byte == b'\'' {
            if let Some(end) = char_literal_end(bytes, at) {
                kind = Kind::Lit(LitKind::Other);
                at = end;
            } else {
                at += 1;
                while at < bytes.len() && is_ident_byte(bytes[at]) {
                    at += 1;
                }
                if at == start + 1 {
                    return None;
                }
                kind = Kind::Lifetime;
            }
        } else if byte.is_ascii_digit() {
            at = number_end(bytes, at);
            kind = Kind::Lit(LitKind::Other);
        } else if byte.is_ascii_alphabetic() || byte == b'_' {
            // A raw identifier such as `r#type` is one token.
            let raw = source[at..].starts_with("r#");
            if raw {
                at += 2;
            }
            let name_start = at;
            while at < bytes.len() && is_ident_byte(bytes[at]) {
                at += 1;
            }
            // Literal prefixes other than `b"` and `r"` are not handled.
            if matches!(bytes.get(at), Some(b'#' | b'"' | b'\'')) || (raw && at == name_start) {
                return None;
            }
            kind = Kind::Ident;
        } else if matches!(byte, b'(' | b'[' | b'{') {
            at += 1;
            kind = Kind::Open;
        } else if matches!(byte, b')' | b']' | b'}') {
            at += 1;
            kind = Kind::Close;
        } else if byte.is_ascii_punctuation() {
            let pair = bytes.get(at..at + 2);
            at += match pair {
                Some(b"::" | b"->" | b"=>" | b"..") => 2,
                _ => 1,
            };
            kind = Kind::Punct;
        } else {
            return None;
        }
        tokens.push(Token {
            kind,
            start,
            end: at,
            blank_before: newlines >= 2,
        });
        newlines = 0;
    }
    Some(tokens)
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The end of a raw (byte) string starting at `at`, if one starts there.
fn raw_string_end(source: &str, at: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    if at > 0 && is_ident_byte(bytes[at - 1]) {
        return None;
    }
    let mut open = at;
    if bytes.get(open) == Some(&b'b') {
        open += 1;
    }
    if bytes.get(open) != Some(&b'r') {
        return None;
    }
    open += 1;
    let hashes = bytes[open..].iter().take_while(|b| **b == b'#').count();
    if bytes.get(open + hashes) != Some(&b'"') {
        return None;
    }
    let body = open + hashes + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    source[body..]
        .find(&closing)
        .map(|n| body + n + closing.len())
}

/// The end of a literal opened by `quote` at `open`, escapes honoured.
fn quoted_end(bytes: &[u8], open: usize, quote: u8) -> Option<usize> {
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// The end of a character literal at `at`, or `None` for a lifetime.
fn char_literal_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at + 1)? {
        b'\\' => quoted_end(bytes, at, b'\''),
        _ if bytes.get(at + 2) == Some(&b'\'') => Some(at + 3),
        _ => None,
    }
}

/// The end of a number literal (integer or float, with any suffix).
fn number_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_ident_byte(bytes[at]) {
        at += 1;
    }
    // A fraction: `1.5`, but not `1..2` or `1.method()`.
    if bytes.get(at) == Some(&b'.') && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
        at += 1;
        while at < bytes.len() && is_ident_byte(bytes[at]) {
            at += 1;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(Kind, &str)> {
        tokenize(source)
            .unwrap_or_default()
            .iter()
            .map(|t| (t.kind, t.text(source)))
            .collect()
    }

    #[test]
    fn splits_literals_and_punctuation() {
        assert_eq!(
            kinds("a::b(r#\"x\"y\"#, 1.5, 'c', &'static x)?"),
            vec![
                (Kind::Ident, "a"),
                (Kind::Punct, "::"),
                (Kind::Ident, "b"),
                (Kind::Open, "("),
                (Kind::Lit(LitKind::RawStr), "r#\"x\"y\"#"),
                (Kind::Punct, ","),
                (Kind::Lit(LitKind::Other), "1.5"),
                (Kind::Punct, ","),
                (Kind::Lit(LitKind::Other), "'c'"),
                (Kind::Punct, ","),
                (Kind::Punct, "&"),
                (Kind::Lifetime, "'static"),
                (Kind::Ident, "x"),
                (Kind::Close, ")"),
                (Kind::Punct, "?"),
            ]
        );
    }

    #[test]
    fn refuses_plain_comments() {
        assert!(tokenize("a // note\n").is_none());
        assert!(tokenize("a /* note */").is_none());
        assert!(tokenize("/// doc\n//! inner\n").is_some());
    }

    #[test]
    fn notes_blank_lines() {
        let source = "a\n\nb\nc";
        let tokens = tokenize(source).unwrap_or_default();
        let blanks: Vec<bool> = tokens.iter().map(|t| t.blank_before).collect();
        assert_eq!(blanks, vec![false, true, false]);
    }
}
