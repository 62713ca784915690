//! The vendored rules: AWS Control Tower's proactive controls as cfn-guard
//! files (npm `@cdklabs/cdk-validator-cfnguard`, pinned in
//! `rules/SOURCE.json`), compiled into the binary.

/// One rule file: usually one control (`ct-sqs-pr-1`), sometimes a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleFile {
    /// The file's name without `.guard`, e.g. `ct-sqs-pr-1`.
    pub name: &'static str,
    /// The rules, in cfn-guard's language.
    pub text: &'static str,
}

impl RuleFile {
    /// Every resource type the file names in quotes: those it selects
    /// (`Resources.*[ Type == %SQS_QUEUE_TYPE ]`, the constant a quoted
    /// string) and those it follows references to. A rule only reports on
    /// resources it selects by type, so on a template with none of these
    /// types each of its rules skips: evaluating it is known to find
    /// nothing. (The files' "Reports on" headers are not used: they
    /// misspell some types.)
    pub fn types(&self) -> impl Iterator<Item = &'static str> {
        let text = self.text;
        text.match_indices("AWS::").filter_map(move |(start, _)| {
            let quote = *text.as_bytes().get(start.checked_sub(1)?)?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let length = text[start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))?;
            let end = start + length;
            let kind = &text[start..end];
            (text.as_bytes()[end] == quote && is_resource_type(kind)).then_some(kind)
        })
    }
}

/// `AWS::Service::Resource`.
fn is_resource_type(text: &str) -> bool {
    let mut parts = text.split("::");
    parts.next() == Some("AWS")
        && parts
            .by_ref()
            .take(2)
            .filter(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
            .count()
            == 2
        && parts.next().is_none()
}

/// Every vendored rule file, by name.
pub fn all() -> impl Iterator<Item = RuleFile> {
    RULE_FILES
        .iter()
        .map(|&(name, text)| RuleFile { name, text })
}

/// `(name, text)` of every file of `rules/control-tower/`, from `build.rs`.
static RULE_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_names_the_types_it_selects() {
        assert_eq!(all().count(), 237);
        for rule in all() {
            assert!(rule.types().next().is_some(), "{} names no type", rule.name);
        }
        let sqs = all().find(|rule| rule.name == "ct-sqs-pr-1").unwrap();
        assert_eq!(sqs.types().collect::<Vec<_>>(), ["AWS::SQS::Queue"]);
        assert!(!is_resource_type("AWS::S3::"));
        assert!(!is_resource_type("AWS::S3::Bucket::Extra"));
    }

    /// The embedded files are the ones `rules/SOURCE.json` pins, byte for
    /// byte: nobody edited a vendored rule.
    #[test]
    fn the_vendored_rules_match_their_source_record() {
        use sha2::{Digest, Sha256};
        let source: serde_json::Value =
            serde_json::from_str(include_str!("../rules/SOURCE.json")).unwrap();
        let mut digest = Sha256::new();
        for rule in all() {
            digest.update(format!("{}.guard\0", rule.name));
            digest.update(rule.text);
            digest.update("\0");
        }
        let hex: String = digest
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(source["sha256"], hex.as_str());
        assert_eq!(source["count"], all().count());
    }
}
