//! YAML output that reads like a hand-written template.
//!
//! Intrinsics use the short form (`!Ref`, `!GetAtt Bucket.Arn`), with short
//! argument lists in flow style (`!Select [0, !GetAZs '']`). CloudFormation
//! rejects a short-form function whose argument is directly another
//! short-form function (`!Base64 !Sub ...`), so the outer one is then
//! written in its long form (`Fn::Base64: !Sub ...`), as is a `GetAtt` of a
//! dotted attribute (`Fn::GetAtt: [Database, Endpoint.Address]`), which
//! some parsers misread in the short form, and every `Fn::GetStackOutput`,
//! whose documentation forbids its short form around other short forms.
//!
//! Strings are quoted whenever a YAML 1.1 parser (which CloudFormation's
//! is) could read them as anything but a string: `yes`, `off`, `2012-10-17`,
//! `0755`, or text starting with an indicator such as `*`, `&` or `!`.

use crate::node::{Function, Node, Text};

/// Flow-style argument lists longer than this go to block style.
const MAX_FLOW_WIDTH: usize = 72;

pub(super) fn render(node: &Node) -> String {
    let mut out = String::with_capacity(32 * 1024);
    match node {
        Node::Map(fields) if !fields.is_empty() => block_map(&mut out, fields, 0),
        other => after_dash_or_root(&mut out, other, 0),
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn block_map(out: &mut String, fields: &[(Text, Node)], indent: usize) {
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        push_scalar(out, key, false);
        out.push(':');
        after_key(out, value, indent);
    }
}

fn block_list(out: &mut String, items: &[Node], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        out.push_str("- ");
        after_dash_or_root(out, item, indent + 2);
    }
}

/// Writes `node` right after `key:`, where `indent` is the key's column.
fn after_key(out: &mut String, node: &Node, indent: usize) {
    out.push(' ');
    if push_inline(out, node) {
        out.push('\n');
        return;
    }
    out.pop();
    match node {
        Node::Map(fields) => {
            out.push('\n');
            pad(out, indent + 2);
            block_map(out, fields, indent + 2);
        }
        Node::List(items) => {
            out.push('\n');
            pad(out, indent + 2);
            block_list(out, items, indent + 2);
        }
        Node::Str(text) => {
            out.push(' ');
            literal_block(out, text, indent + 2);
        }
        Node::Fn(function, arg) => {
            if needs_long_form(*function, arg) {
                // `{Fn::Name: arg}` as a block map under the key.
                out.push('\n');
                pad(out, indent + 2);
                out.push_str(function.long_name());
                out.push(':');
                after_key(out, arg, indent + 2);
            } else {
                out.push(' ');
                out.push_str(function.short_tag());
                after_key(out, arg, indent);
            }
        }
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Float(_) => {
            unreachable!("scalars are always inline")
        }
    }
}

/// Writes `node` where its first line continues the current one (after
/// `- `, or at the start of the document); `indent` is its column.
fn after_dash_or_root(out: &mut String, node: &Node, indent: usize) {
    if push_inline(out, node) {
        out.push('\n');
        return;
    }
    match node {
        Node::Map(fields) => block_map(out, fields, indent),
        Node::List(items) => block_list(out, items, indent),
        Node::Str(text) => literal_block(out, text, indent),
        Node::Fn(function, arg) => {
            if needs_long_form(*function, arg) {
                out.push_str(function.long_name());
                out.push(':');
                after_key(out, arg, indent);
            } else {
                out.push_str(function.short_tag());
                after_key(out, arg, indent.saturating_sub(2));
            }
        }
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Float(_) => {
            unreachable!("scalars are always inline")
        }
    }
}

/// Whether `{Fn::Name: arg}` must stand for the short form: its argument
/// is itself a function call, or the function is `Fn::GetStackOutput`,
/// whose short form CloudFormation's documentation forbids around other
/// short forms (its fields usually hold one: `StackName: !Ref Producer`).
fn needs_long_form(function: Function, arg: &Node) -> bool {
    function == Function::GetStackOutput
        || matches!(arg, Node::Fn(..))
        || is_nested_get_att(function, arg)
}

/// `!GetAtt Database.Endpoint.Address` is valid CloudFormation, but parsers
/// that split the short form at every dot (moto's among them) take the
/// attribute to be `Endpoint`; the long form names it unambiguously.
fn is_nested_get_att(function: Function, arg: &Node) -> bool {
    matches!((function, arg), (Function::GetAtt, Node::List(parts))
        if matches!(parts.as_slice(), [_, Node::Str(attribute)] if attribute.contains('.')))
}

/// Appends the one-line rendering of `node`, if it has one; else appends
/// nothing and returns false.
fn push_inline(out: &mut String, node: &Node) -> bool {
    match node {
        Node::Str(text) if text.contains('\n') => false,
        Node::List(items) if items.is_empty() => {
            out.push_str("[]");
            true
        }
        Node::Map(fields) if fields.is_empty() => {
            out.push_str("{}");
            true
        }
        Node::List(_) | Node::Map(_) => false,
        Node::Fn(..) => {
            let start = out.len();
            let fits = push_flow(out, node)
                && (out.len() - start <= MAX_FLOW_WIDTH || !has_list_arg(node));
            if !fits {
                out.truncate(start);
            }
            fits
        }
        Node::Str(text) => {
            push_scalar(out, text, false);
            true
        }
        scalar_node => push_flow(out, scalar_node),
    }
}

fn has_list_arg(node: &Node) -> bool {
    matches!(node, Node::Fn(function, arg) if *function != Function::GetAtt && matches!(**arg, Node::List(_)))
}

/// Appends the flow-style rendering of `node`: scalars, lists of flowable
/// nodes and short-form functions of those. Maps and multi-line strings
/// have none: then what was appended is to be cut off (false).
fn push_flow(out: &mut String, node: &Node) -> bool {
    use std::fmt::Write as _;
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Node::Float(f) => {
            let _ = match super::integral(*f) {
                Some(i) => write!(out, "{i}"),
                None => write!(out, "{f:?}"),
            };
        }
        Node::Str(text) if text.contains('\n') => return false,
        Node::Str(text) => push_scalar(out, text, true),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !push_flow(out, item) {
                    return false;
                }
            }
            out.push(']');
        }
        Node::Map(fields) if fields.is_empty() => out.push_str("{}"),
        Node::Map(_) => return false,
        Node::Fn(function, arg) => {
            if needs_long_form(*function, arg) {
                return false;
            }
            if let (Function::GetAtt, Node::List(parts)) = (function, &**arg) {
                if let [Node::Str(resource), Node::Str(attribute)] = parts.as_slice() {
                    out.push_str("!GetAtt ");
                    out.push_str(resource);
                    out.push('.');
                    out.push_str(attribute);
                    return true;
                }
            }
            out.push_str(function.short_tag());
            out.push(' ');
            return push_flow(out, arg);
        }
    }
    true
}

/// A multi-line string as a literal block (`|`), or double-quoted when a
/// literal block cannot represent it exactly.
fn literal_block(out: &mut String, text: &str, indent: usize) {
    let representable = !text.starts_with([' ', '\n'])
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control());
    if !representable {
        out.push_str(&double_quoted(text));
        out.push('\n');
        return;
    }
    let body = text.trim_end_matches('\n');
    let chomp = match text.len() - body.len() {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    out.push_str(chomp);
    out.push('\n');
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Appends a single-line string, plain when that is unambiguous, else
/// quoted.
fn push_scalar(out: &mut String, text: &str, in_flow: bool) {
    if is_plain_safe(text, in_flow) {
        out.push_str(text);
    } else if text.chars().any(char::is_control) {
        out.push_str(&double_quoted(text));
    } else {
        out.push('\'');
        out.push_str(&text.replace('\'', "''"));
        out.push('\'');
    }
}

/// YAML 1.1 reads these (in any case) as booleans or null.
const YAML_11_KEYWORDS: &[&str] = &[
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
];

fn is_plain_safe(text: &str, in_flow: bool) -> bool {
    if text.is_ascii() {
        is_plain_safe_ascii(text.as_bytes(), in_flow)
    } else {
        is_plain_safe_any(text, in_flow)
    }
}

/// [`is_plain_safe_any`] for ASCII text in one pass over the bytes: most
/// of a template's strings (IDs, ARNs, property values) are ASCII, and the
/// renderer asks this of every one.
fn is_plain_safe_ascii(bytes: &[u8], in_flow: bool) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if b"-?:,[]{}#&*!|>'\"%@`=<+.".contains(&first)
        || first.is_ascii_digit()
        || first == b' '
        || last == b' '
    {
        return false;
    }
    for (index, &byte) in bytes.iter().enumerate() {
        let safe = match byte {
            0..=0x1f | 0x7f => false,
            b':' => match bytes.get(index + 1) {
                None | Some(b' ') => false,
                Some(b'?') => !in_flow,
                Some(_) => true,
            },
            b'#' => bytes[index - 1] != b' ',
            b',' | b'[' | b']' | b'{' | b'}' => !in_flow,
            _ => true,
        };
        if !safe {
            return false;
        }
    }
    !(bytes.len() <= 5
        && YAML_11_KEYWORDS
            .iter()
            .any(|keyword| keyword.as_bytes().eq_ignore_ascii_case(bytes)))
}

/// Whether `text` can be written as a plain scalar: YAML reads it back as
/// the same string, whether in a flow collection (`in_flow`) or not.
fn is_plain_safe_any(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let starts_badly = "-?:,[]{}#&*!|>'\"%@`=<".contains(first)
        || first.is_ascii_digit()
        || first == '+'
        || first == '.'
        || first.is_whitespace();
    !(starts_badly
        || text.ends_with(char::is_whitespace)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| c.is_control() || c == '\u{feff}')
        || (in_flow && text.contains([',', '[', ']', '{', '}']))
        // In a flow collection libyaml also ends a plain scalar at `:`
        // followed by `?` (the other flow indicators are quoted above).
        || (in_flow && text.contains(":?"))
        || YAML_11_KEYWORDS
            .iter()
            .any(|keyword| keyword.eq_ignore_ascii_case(text)))
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_yaml_11_would_misread() {
        for text in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "null",
            "~",
            "2012-10-17",
            "0755",
            "1.5",
            "+1",
            ".inf",
            "-1",
            "*alias",
            "&anchor",
            "!tag",
            "a: b",
            "a #b",
            "trailing:",
            "",
            " lead",
            "trail ",
            "@x",
            "`x",
            "%x",
            "|x",
            ">x",
            "'x",
            "\"x",
            "{x",
            "[x",
            "<<",
            "=",
        ] {
            assert!(!is_plain_safe(text, false), "{text:?} must be quoted");
        }
        for text in [
            "DataBucket",
            "s3:GetObject",
            "arn:aws:s3:::b/*",
            "${AWS::StackName}-x",
            "a-b_c.d/e",
        ] {
            assert!(is_plain_safe(text, false), "{text:?} can stay plain");
        }
        assert!(!is_plain_safe("a,b", true));
        assert!(!is_plain_safe("a:?b", true));
        assert!(is_plain_safe("a:?b", false));
    }

    #[test]
    fn the_ascii_fast_path_agrees_with_the_general_rule() {
        // Every string of up to three of these characters, and keywords.
        let alphabet: Vec<char> = " :?#,[]{}-.0aN\t'\"".chars().collect();
        let mut texts: Vec<String> = YAML_11_KEYWORDS.iter().map(|k| k.to_uppercase()).collect();
        for &a in &alphabet {
            texts.push(a.to_string());
            for &b in &alphabet {
                texts.push(format!("{a}{b}"));
                for &c in &alphabet {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            for in_flow in [false, true] {
                assert_eq!(
                    is_plain_safe_ascii(text.as_bytes(), in_flow),
                    is_plain_safe_any(text, in_flow),
                    "{text:?}, in_flow: {in_flow}"
                );
            }
        }
    }

    fn scalar(text: &str, in_flow: bool) -> String {
        let mut out = String::new();
        push_scalar(&mut out, text, in_flow);
        out
    }

    #[test]
    fn single_quotes_escape_by_doubling() {
        assert_eq!(scalar("it's", false), "it's");
        assert_eq!(scalar("'quoted'", false), "'''quoted'''");
        assert_eq!(scalar("tab\there", false), "\"tab\\there\"");
    }
}
