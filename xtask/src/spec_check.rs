//! `cargo xtask spec-check`: the vendored AWS service spec against the
//! installed cfn-lint's registry schemas, for every resource type a
//! snapshot uses.
//!
//! The model is generated from the spec, and cfn-lint checks every snapshot
//! against the registry schemas; where the two disagree about a type the
//! stacks use (its properties, what `!GetAtt` accepts, what replaces it),
//! a generated setter, attribute method or `synth diff` grade may be wrong.
//! Every difference must be listed in `schemas/spec-differences.json` with
//! the reason it is accepted; a listed difference that no longer occurs is
//! stale, and fails too, like `guard-exceptions.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::codegen::{facts, Spec};
use crate::project_root;

const SCRIPT: &str = include_str!("spec_check_cfn_lint.py");
const ACCEPTED: &str = "schemas/spec-differences.json";

/// One way the two sources disagree about one type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Difference {
    #[serde(rename = "type")]
    pub type_name: String,
    /// `type`, `properties`, `attributes` or `create-only`.
    pub aspect: String,
    /// `spec` or `cfn-lint`: the side that has `names` and the other lacks.
    pub only_in: String,
    pub names: Vec<String>,
}

/// A listed difference and why it is accepted.
#[derive(Debug, Deserialize, Serialize)]
struct Accepted {
    #[serde(flatten)]
    difference: Difference,
    why: String,
}

/// What the cfn-lint script prints for one type.
#[derive(Debug, Deserialize)]
struct CfnLintType {
    properties: Vec<String>,
    attributes: Vec<String>,
    create_only: Vec<String>,
}

pub fn run() -> Result<(), String> {
    let root = project_root();
    let types = snapshot_types(&root.join("snapshots"))?;
    let output = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(&types)
        .output()
        .map_err(|e| {
            format!("running python3: {e} (install Python 3 and `pip install cfn-lint`)")
        })?;
    if !output.status.success() {
        return Err(format!(
            "reading cfn-lint's schemas failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let cfn_lint: BTreeMap<String, Option<CfnLintType>> =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cfn-lint's schemas: {e}"))?;
    let spec = Spec::read(&root.join("schemas/aws-service-spec/db.json.gz"))?;
    let found = differences(&spec, &cfn_lint);
    let text = std::fs::read_to_string(root.join(ACCEPTED))
        .map_err(|e| format!("reading {ACCEPTED}: {e}"))?;
    let accepted: Vec<Accepted> =
        serde_json::from_str(&text).map_err(|e| format!("parsing {ACCEPTED}: {e}"))?;
    let listed: BTreeSet<&Difference> = accepted.iter().map(|a| &a.difference).collect();
    let unlisted: Vec<&Difference> = found.iter().filter(|d| !listed.contains(d)).collect();
    let stale: Vec<&&Difference> = listed.iter().filter(|d| !found.contains(d)).collect();
    if let Some(empty) = accepted.iter().find(|a| a.why.trim().is_empty()) {
        return Err(format!("{ACCEPTED}: {:?} has no reason", empty.difference));
    }
    if unlisted.is_empty() && stale.is_empty() {
        eprintln!(
            "spec-check: {} types, {} differences from cfn-lint, every one listed in {ACCEPTED}",
            types.len(),
            found.len()
        );
        return Ok(());
    }
    let mut message = String::new();
    if !unlisted.is_empty() {
        message.push_str(&format!(
            "{} differences between the spec and cfn-lint are not in {ACCEPTED}; list each with its reason (\"why\"):\n{}\n",
            unlisted.len(),
            serde_json::to_string_pretty(&unlisted).unwrap()
        ));
    }
    if !stale.is_empty() {
        message.push_str(&format!(
            "{} entries of {ACCEPTED} no longer occur; remove them:\n{}\n",
            stale.len(),
            serde_json::to_string_pretty(&stale).unwrap()
        ));
    }
    Err(message)
}

/// Every `AWS::` resource type a template snapshot uses, sorted.
fn snapshot_types(dir: &std::path::Path) -> Result<Vec<String>, String> {
    let mut types = BTreeSet::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        for line in text.lines() {
            let line = line.trim().trim_end_matches(',');
            let value = line
                .strip_prefix("Type: ")
                .or_else(|| line.strip_prefix("\"Type\": "))
                .map(|v| v.trim_matches('"'));
            if let Some(value) = value {
                if value.starts_with("AWS::") && value.split("::").count() == 3 {
                    types.insert(value.to_string());
                }
            }
        }
    }
    Ok(types.into_iter().collect())
}

/// Every difference, per type and aspect, each side's names sorted.
fn differences(spec: &Spec, cfn_lint: &BTreeMap<String, Option<CfnLintType>>) -> Vec<Difference> {
    let by_type: BTreeMap<&str, &crate::codegen::SpecResource> = spec
        .resources
        .values()
        .map(|r| (r.type_name.as_str(), r))
        .collect();
    let mut out = Vec::new();
    for (type_name, theirs) in cfn_lint {
        let ours = by_type.get(type_name.as_str());
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            out.push(Difference {
                type_name: type_name.clone(),
                aspect: "type".into(),
                only_in: if ours.is_some() { "spec" } else { "cfn-lint" }.into(),
                names: vec![type_name.clone()],
            });
            continue;
        };
        let our_facts = facts(spec, ours);
        let aspects: [(&str, Vec<String>, Vec<String>); 3] = [
            (
                "properties",
                ours.properties.keys().cloned().collect(),
                theirs.properties.clone(),
            ),
            (
                "attributes",
                ours.attributes.keys().cloned().collect(),
                theirs.attributes.clone(),
            ),
            (
                "create-only",
                outermost(&our_facts.create_only),
                outermost(&theirs.create_only),
            ),
        ];
        for (aspect, ours, theirs) in aspects {
            for (only_in, names) in [
                ("spec", minus(&ours, &theirs)),
                ("cfn-lint", minus(&theirs, &ours)),
            ] {
                if !names.is_empty() {
                    out.push(Difference {
                        type_name: type_name.clone(),
                        aspect: aspect.into(),
                        only_in: only_in.into(),
                        names,
                    });
                }
            }
        }
    }
    out.sort();
    out
}

/// The paths not under another path of the list: `RootDirectory/Path`
/// says nothing `RootDirectory` does not.
fn outermost(paths: &[String]) -> Vec<String> {
    paths
        .iter()
        .filter(|p| !paths.iter().any(|q| p.starts_with(&format!("{q}/"))))
        .cloned()
        .collect()
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_paths_under_a_listed_one_say_nothing_more() {
        let paths: Vec<String> = ["RootDirectory", "RootDirectory/Path", "Name", "Items/*/Key"]
            .map(String::from)
            .to_vec();
        assert_eq!(outermost(&paths), ["RootDirectory", "Name", "Items/*/Key"]);
    }

    #[test]
    fn snapshot_types_are_read_from_yaml_and_json() {
        let dir = std::env::temp_dir().join(format!("spec-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("a.snap"),
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::EC2::Subnet::Id\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("b.snap"),
            "{\n  \"Type\": \"AWS::SQS::Queue\",\n}\n",
        )
        .unwrap();
        std::fs::write(dir.join("c.txt"), "Type: AWS::SNS::Topic\n").unwrap();
        let types = snapshot_types(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(types, ["AWS::S3::Bucket", "AWS::SQS::Queue"]);
    }

    /// The committed list is well-formed and every entry says why.
    #[test]
    fn every_accepted_difference_has_a_reason() {
        let text = std::fs::read_to_string(project_root().join(ACCEPTED)).unwrap();
        let accepted: Vec<Accepted> = serde_json::from_str(&text).unwrap();
        for entry in accepted {
            assert!(!entry.why.trim().is_empty(), "{:?}", entry.difference);
        }
    }
}
