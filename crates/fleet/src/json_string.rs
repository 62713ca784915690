//! Strings written as JSON strings, into a larger text: the manifest's
//! values (YAML reads them as double-quoted scalars) and the StackSets
//! parameter lists in `deploy.sh`. Pushed into the text rather than
//! returned, since a fleet writes tens of thousands of them.

/// Appends `text` as a JSON string, escaped exactly as `serde_json`
/// escapes it.
pub fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    let mut plain_from = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..index]);
        plain_from = index + 1;
        if escape.is_empty() {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for text in [
            "plain",
            "",
            "say \"hi\"",
            "back\\slash",
            "a\nb\r\tc",
            "\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "ünï \u{2028}",
        ] {
            let mut out = String::new();
            push_quoted(&mut out, text);
            assert_eq!(out, serde_json::Value::from(text).to_string(), "{text:?}");
        }
    }
}
