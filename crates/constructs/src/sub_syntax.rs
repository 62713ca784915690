//! The syntax of a `Fn::Sub` string: text, `${Name}` placeholders and
//! `${!Literal}` escapes.
//!
//! One reader for every tool that looks inside such a string: synthesis
//! checks that each placeholder names something, `synth diff` fills in
//! known values and compares strings as patterns, `synth import` turns
//! placeholders into handles. Each used to scan for `${` on its own.

/// One piece of a `Fn::Sub` string, in the order written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubPart<'t> {
    /// Text CloudFormation copies as it is.
    Text(&'t str),
    /// `${Name}` or `${Resource.Attribute}`: `name` is what is inside the
    /// braces, trimmed; `written` the whole placeholder as written.
    Placeholder {
        /// `Name`, `AWS::Region`, `Resource.Attribute`.
        name: &'t str,
        /// `${Name}`, spaces and all.
        written: &'t str,
    },
    /// `${!Literal}`, which CloudFormation writes as the text `${Literal}`;
    /// this holds `Literal`.
    Literal(&'t str),
    /// A `${` that no `}` closes, to the end of the string: a mistake
    /// CloudFormation refuses.
    Unclosed(&'t str),
}

/// The pieces of `text`, a `Fn::Sub` string.
///
/// ```
/// use constructs::sub_syntax::{sub_parts, SubPart};
/// let parts: Vec<_> = sub_parts("arn:${AWS::Partition}:s3:::${!Name}").collect();
/// assert_eq!(
///     parts,
///     [
///         SubPart::Text("arn:"),
///         SubPart::Placeholder { name: "AWS::Partition", written: "${AWS::Partition}" },
///         SubPart::Text(":s3:::"),
///         SubPart::Literal("Name"),
///     ]
/// );
/// ```
pub fn sub_parts(text: &str) -> SubParts<'_> {
    SubParts { rest: text }
}

/// The iterator [`sub_parts`] returns.
#[derive(Debug, Clone)]
pub struct SubParts<'t> {
    rest: &'t str,
}

impl<'t> Iterator for SubParts<'t> {
    type Item = SubPart<'t>;

    fn next(&mut self) -> Option<SubPart<'t>> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        let start = match rest.find("${") {
            None => rest.len(),
            Some(start) => start,
        };
        if start > 0 {
            self.rest = &rest[start..];
            return Some(SubPart::Text(&rest[..start]));
        }
        let inside = &rest[2..];
        let Some(end) = inside.find('}') else {
            self.rest = "";
            return Some(SubPart::Unclosed(rest));
        };
        self.rest = &inside[end + 1..];
        let inner = &inside[..end];
        // The `!` escapes only right after the brace, as CloudFormation
        // documents it.
        Some(match inner.strip_prefix('!') {
            Some(literal) => SubPart::Literal(literal),
            None => SubPart::Placeholder {
                name: inner.trim(),
                written: &rest[..end + 3],
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_in_order_with_spaces_trimmed_from_names_only() {
        let parts: Vec<_> = sub_parts("${A}-${ B.Arn }${!C}x${Open").collect();
        assert_eq!(
            parts,
            [
                SubPart::Placeholder {
                    name: "A",
                    written: "${A}"
                },
                SubPart::Text("-"),
                SubPart::Placeholder {
                    name: "B.Arn",
                    written: "${ B.Arn }"
                },
                SubPart::Literal("C"),
                SubPart::Text("x"),
                SubPart::Unclosed("${Open"),
            ]
        );
    }

    #[test]
    fn the_pieces_spell_the_string_again() {
        for text in ["", "plain", "${A}", "a${!B}c", "${", "x${y", "${}", "}{$"] {
            let again: String = sub_parts(text)
                .map(|part| match part {
                    SubPart::Text(t) | SubPart::Unclosed(t) => t.to_string(),
                    SubPart::Placeholder { written, .. } => written.to_string(),
                    SubPart::Literal(l) => format!("${{!{l}}}"),
                })
                .collect();
            assert_eq!(again, text);
        }
    }
}
