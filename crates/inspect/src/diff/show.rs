//! Template values as a reviewer reads them: intrinsics in the short,
//! `cdk diff`-like notation (`${Bucket.Arn}`), everything else as compact
//! JSON, so a table cell or a change line stays on one line.

use serde_json::Value;

use super::value::intrinsic;

/// One line for `value`.
pub fn show(value: &Value) -> String {
    match intrinsic(value) {
        Some(("Ref", Value::String(name))) => format!("${{{name}}}"),
        Some(("Fn::GetAtt", Value::String(dotted))) => format!("${{{dotted}}}"),
        Some(("Fn::GetAtt", Value::Array(parts))) => {
            let parts: Vec<String> = parts.iter().map(show).collect();
            format!("${{{}}}", parts.join("."))
        }
        Some(("Fn::Sub", Value::String(text))) => text.clone(),
        _ => match value {
            Value::String(s) => s.clone(),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(show).collect();
                format!("[{}]", items.join(", "))
            }
            other => other.to_string(),
        },
    }
}

/// `value` as one or more strings: a list's items, or the value alone.
pub fn show_list(value: Option<&Value>) -> Vec<String> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(show).collect(),
        Some(other) => vec![show(other)],
    }
}

/// `text` cut to at most `max` characters, ending in `…` when cut: a
/// report line shows a value, not all of it.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max - 1).collect();
        format!("{kept}…")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn intrinsics_read_short() {
        assert_eq!(show(&json!({"Ref": "Bucket"})), "${Bucket}");
        assert_eq!(
            show(&json!({"Fn::GetAtt": ["Bucket", "Arn"]})),
            "${Bucket.Arn}"
        );
        assert_eq!(
            show(&json!({"Fn::Sub": "${Bucket.Arn}/*"})),
            "${Bucket.Arn}/*"
        );
        assert_eq!(show(&json!(["a", {"Ref": "B"}])), "[a, ${B}]");
        assert_eq!(
            show(&json!({"Fn::Join": ["", ["a"]]})),
            r#"{"Fn::Join":["",["a"]]}"#
        );
        assert_eq!(show(&json!(10)), "10");
    }

    #[test]
    fn lists_split_into_items() {
        assert_eq!(show_list(Some(&json!(["a", "b"]))), vec!["a", "b"]);
        assert_eq!(show_list(Some(&json!("a"))), vec!["a"]);
        assert!(show_list(None).is_empty());
    }
}
