//! What a failure tells its reader: the control's ID, its title and how
//! to fix it, as the rule file's message states them:
//!
//! ```text
//! [CT.SQS.PR.1]: Require any Amazon SQS queue to have a dead-letter queue configured
//! [FIX]: Create a 'RedrivePolicy' with a 'deadLetterTargetArn' value ...
//! ```
//!
//! Read from the embedded rule text, so every string is `'static` and a
//! report names exactly what the vendored rules say.

use crate::rules::RuleFile;

/// One Control Tower control as a rule file describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Control {
    /// `CT.SQS.PR.1`: what exceptions and code scanning name it by.
    pub id: &'static str,
    /// What it requires, in one line.
    pub title: &'static str,
    /// How to make a failing resource pass.
    pub fix: &'static str,
}

/// The control `id` as `rule` describes it, or `None` when its messages
/// never name it.
pub fn find(rule: &RuleFile, id: &str) -> Option<Control> {
    let marker = format!("[{id}]:");
    let start = rule.text.find(&marker)? + marker.len();
    let rest = &rule.text[start..];
    let title = rest.lines().next().unwrap_or_default().trim();
    let fix = rest
        .find("[FIX]:")
        .map(|at| {
            rest[at + "[FIX]:".len()..]
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
        })
        .unwrap_or_default();
    Some(Control {
        id: &rule.text[start - marker.len() + 1..start - 2],
        title,
        fix,
    })
}

/// The `[CT.SERVICE.PR.N]` IDs a failure message names.
pub fn ids_in(message: &str) -> impl Iterator<Item = &str> {
    message
        .split('[')
        .filter_map(|part| part.split_once(']'))
        .map(|(id, _)| id)
        .filter(|id| id.starts_with("CT.") && id.contains(".PR."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_is_read_from_its_rule_file() {
        let rule = crate::rules::all()
            .find(|rule| rule.name == "ct-sqs-pr-1")
            .unwrap();
        let control = find(&rule, "CT.SQS.PR.1").unwrap();
        assert_eq!(control.id, "CT.SQS.PR.1");
        assert_eq!(
            control.title,
            "Require any Amazon SQS queue to have a dead-letter queue configured"
        );
        assert!(
            control.fix.starts_with("Create a 'RedrivePolicy'"),
            "{}",
            control.fix
        );
        assert_eq!(find(&rule, "CT.S3.PR.1"), None);
    }

    #[test]
    fn every_rule_file_describes_the_controls_it_names() {
        for rule in crate::rules::all() {
            let ids: Vec<&str> = ids_in(rule.text).collect();
            assert!(!ids.is_empty(), "{} names no control", rule.name);
            for id in ids {
                let control = find(&rule, id).unwrap();
                assert!(!control.title.is_empty() && !control.fix.is_empty(), "{id}");
            }
        }
    }
}
