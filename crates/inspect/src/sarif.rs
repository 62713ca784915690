//! SARIF 2.1.0, the format GitHub code scanning reads: one writer for every
//! command that reports findings on a template (`synth diff` now), so each
//! finding is an alert on the line of the resource it is about.
//!
//! GitHub reads `ruleId`, `level`, `message.text`, the location's
//! `artifactLocation.uri` and `region.startLine`, and
//! `partialFingerprints` to follow an alert from one push to the next: the
//! fingerprint here is the rule and the logical ID, which survive edits
//! elsewhere in the file.

use serde_json::{json, Value};

/// A kind of finding, with a stable ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// `synth-diff/data-loss`: never renamed, alerts are tracked by it.
    pub id: &'static str,
    /// What it finds, in one line.
    pub short: &'static str,
    /// Why it matters and what to do, for the alert's help.
    pub help: &'static str,
}

/// How serious a finding is, as SARIF spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Code scanning shows it as an error: data loss, a failing update.
    Error,
    /// Code scanning shows it as a warning: worth a reviewer's look.
    Warning,
    /// Code scanning shows it as a note.
    Note,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// One finding about one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The ID of the rule it breaks.
    pub rule: &'static str,
    /// How serious it is.
    pub level: Level,
    /// What was found, in one sentence naming the resource.
    pub message: String,
    /// The logical ID the finding is about.
    pub logical_id: String,
    /// The template file, as given (a relative path stays relative, which
    /// is what code scanning matches against the repository).
    pub file: Option<String>,
    /// The 1-based line of the resource in `file`.
    pub line: Option<usize>,
}

/// The SARIF log of `findings` by the tool `name` `version`, with the
/// rules they use.
pub fn log(
    name: &str,
    version: &str,
    information: &str,
    rules: &[Rule],
    findings: &[Finding],
) -> Value {
    let rules: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.short},
                "fullDescription": {"text": rule.help},
                "help": {"text": rule.help},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let mut result = json!({
                "ruleId": finding.rule,
                "level": finding.level.as_str(),
                "message": {"text": finding.message},
                "partialFingerprints": {
                    "synthResource/v1": format!("{}:{}", finding.rule, finding.logical_id),
                },
            });
            if let Some(file) = &finding.file {
                let mut physical = json!({"artifactLocation": {"uri": uri(file)}});
                if let Some(line) = finding.line {
                    physical["region"] = json!({"startLine": line});
                }
                result["locations"] = json!([{
                    "physicalLocation": physical,
                    "logicalLocations": [{"name": finding.logical_id, "kind": "resource"}],
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": name,
                "version": version,
                "informationUri": information,
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// A path as a URI reference: forward slashes, spaces and other reserved
/// characters escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The 1-based line where `logical_id` is defined under `Resources` in a
/// template's text, YAML or JSON: the first line, after the `Resources`
/// key, whose key is the ID.
pub fn resource_line(text: &str, logical_id: &str) -> Option<usize> {
    let mut in_resources = false;
    for (index, line) in text.lines().enumerate() {
        let key = line.trim_start().trim_start_matches('"');
        if !in_resources {
            in_resources = key.starts_with("Resources\"") || key.starts_with("Resources:");
            continue;
        }
        if let Some(rest) = key.strip_prefix(logical_id) {
            let rest = rest.trim_start_matches('"').trim_start();
            if rest.starts_with(':') {
                return Some(index + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_found_by_line_in_yaml_and_json() {
        let yaml = "Parameters:\n  Bucket:\n    Type: String\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n";
        // The parameter of the same name comes before Resources.
        assert_eq!(resource_line(yaml, "Bucket"), Some(7));
        assert_eq!(resource_line(yaml, "Queue"), Some(5));
        assert_eq!(resource_line(yaml, "Que"), None);
        let json = "{\n  \"Resources\": {\n    \"Bucket\": {\"Type\": \"AWS::S3::Bucket\"}\n  }\n}";
        assert_eq!(resource_line(json, "Bucket"), Some(3));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("./snapshots/a b.yaml"), "snapshots/a%20b.yaml");
        assert_eq!(uri("dir\\t.json"), "dir/t.json");
    }
}
