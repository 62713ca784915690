//! The template sections besides `Resources`: parameters and outputs
//! added, removed or changed, exports removed, and which other sections
//! (`Conditions`, `Mappings`, ...) changed at all.
//!
//! A removed export matters on its own: CloudFormation refuses the update
//! while another stack imports it, and nothing in either template says
//! whether one does.

use serde_json::{Map, Value};

use super::show::show;
use super::value::{compare, Context, Verdict};

/// How a named entry of a section changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in the new template.
    Added,
    /// Only in the old template.
    Removed,
    /// In both, written differently.
    Changed,
}

/// One parameter or output that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The parameter's or output's name.
    pub name: String,
    /// Whether it was added, removed or changed.
    pub change: Change,
    /// For a change: each differing field, `Default: 1 → 2`.
    pub details: Vec<String>,
}

/// An export the old template declares and the new one does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedExport {
    /// The output that declared it.
    pub output: String,
    /// The export name, shown.
    pub name: String,
}

/// The sections other than `Resources`, `Parameters` and `Outputs`.
const OTHER_SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Conditions",
    "Description",
    "Mappings",
    "Metadata",
    "Rules",
    "Transform",
];

fn section<'t>(template: &'t Value, name: &str) -> Option<&'t Map<String, Value>> {
    template[name].as_object()
}

/// Entries of `name` (`Parameters` or `Outputs`) added, removed or changed.
pub fn entries(old: &Value, new: &Value, name: &str, context: &Context) -> Vec<Entry> {
    let empty = Map::new();
    let a = section(old, name).unwrap_or(&empty);
    let b = section(new, name).unwrap_or(&empty);
    let mut out = Vec::new();
    for (key, x) in a {
        match b.get(key) {
            None => out.push(Entry {
                name: key.clone(),
                change: Change::Removed,
                details: Vec::new(),
            }),
            Some(y) => {
                let details = field_changes(x, y, context);
                if !details.is_empty() {
                    out.push(Entry {
                        name: key.clone(),
                        change: Change::Changed,
                        details,
                    });
                }
            }
        }
    }
    for key in b.keys().filter(|k| !a.contains_key(*k)) {
        out.push(Entry {
            name: key.clone(),
            change: Change::Added,
            details: Vec::new(),
        });
    }
    out
}

fn field_changes(old: &Value, new: &Value, context: &Context) -> Vec<String> {
    let empty = Map::new();
    let a = old.as_object().unwrap_or(&empty);
    let b = new.as_object().unwrap_or(&empty);
    let mut fields: Vec<&String> = a
        .keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .collect();
    fields.dedup();
    let mut out = Vec::new();
    for field in fields {
        let (x, y) = (a.get(field), b.get(field));
        let verdict = match (x, y) {
            (Some(x), Some(y)) => compare(x, y, context),
            _ => Verdict::changed(),
        };
        let shown = |v: Option<&Value>| v.map(show).unwrap_or_else(|| "(none)".into());
        match verdict {
            Verdict::Same => {}
            Verdict::Changed {
                via: Some(resource),
            } if x.map(show) == y.map(show) => out.push(format!(
                "{field}: {} (changes: {resource} is replaced)",
                shown(y)
            )),
            Verdict::Unknown { why } => out.push(format!(
                "{field}: {} → {} (unknown: {why})",
                shown(x),
                shown(y)
            )),
            Verdict::Changed { .. } => out.push(format!("{field}: {} → {}", shown(x), shown(y))),
        }
    }
    out
}

/// Exports of `old` whose name `new` no longer exports.
pub fn removed_exports(old: &Value, new: &Value) -> Vec<RemovedExport> {
    let exports = |t: &Value| -> Vec<(String, String)> {
        section(t, "Outputs")
            .into_iter()
            .flatten()
            .filter_map(|(output, o)| Some((output.clone(), show(o.get("Export")?.get("Name")?))))
            .collect()
    };
    let kept: Vec<String> = exports(new).into_iter().map(|(_, name)| name).collect();
    exports(old)
        .into_iter()
        .filter(|(_, name)| !kept.contains(name))
        .map(|(output, name)| RemovedExport { output, name })
        .collect()
}

/// The one template format version there is; a template without the
/// section is read as this version, so adding or dropping it changes
/// nothing. An empty section (`Mappings: {}`) is no section either.
const FORMAT_VERSION: &str = "2010-09-09";

/// The other sections that differ, by name.
pub fn other_sections(old: &Value, new: &Value, context: &Context) -> Vec<String> {
    let read = |template: &Value, name: &str| match (template.get(name), name) {
        (None, "AWSTemplateFormatVersion") => Some(Value::from(FORMAT_VERSION)),
        (Some(Value::Object(entries)), _) if entries.is_empty() => None,
        (value, _) => value.cloned(),
    };
    OTHER_SECTIONS
        .iter()
        .filter(|name| {
            let verdict = match (read(old, name), read(new, name)) {
                (None, None) => Verdict::Same,
                (Some(a), Some(b)) => compare(&a, &b, context),
                _ => Verdict::changed(),
            };
            verdict != Verdict::Same
        })
        .map(|name| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diff::value::Known;

    #[test]
    fn a_missing_format_version_is_the_only_version() {
        let old = json!({"Resources": {}});
        let new = json!({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}});
        let context = Context::with_known(&old, &new, &Known::default());
        assert!(other_sections(&old, &new, &context).is_empty());
        let other = json!({"AWSTemplateFormatVersion": "2011-01-01", "Resources": {}});
        let context = Context::with_known(&old, &other, &Known::default());
        assert_eq!(
            other_sections(&old, &other, &context),
            vec!["AWSTemplateFormatVersion"]
        );
        let empty = json!({"Mappings": {}, "Conditions": {}, "Resources": {}});
        let context = Context::with_known(&old, &empty, &Known::default());
        assert!(other_sections(&old, &empty, &context).is_empty());
    }

    #[test]
    fn parameters_added_removed_and_changed() {
        let old = json!({"Parameters": {"A": {"Type": "String", "Default": "1"}, "Gone": {"Type": "String"}}});
        let new = json!({"Parameters": {"A": {"Type": "String", "Default": "2"}, "New": {"Type": "String"}}});
        let entries = entries(
            &old,
            &new,
            "Parameters",
            &Context::with_known(&old, &new, &Known::default()),
        );
        assert_eq!(
            entries,
            vec![
                Entry {
                    name: "A".into(),
                    change: Change::Changed,
                    details: vec!["Default: 1 → 2".into()]
                },
                Entry {
                    name: "Gone".into(),
                    change: Change::Removed,
                    details: vec![]
                },
                Entry {
                    name: "New".into(),
                    change: Change::Added,
                    details: vec![]
                },
            ]
        );
    }

    #[test]
    fn a_removed_or_renamed_export_is_reported() {
        let old = json!({"Outputs": {
            "Arn": {"Value": "x", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-Arn"}}},
            "Kept": {"Value": "y", "Export": {"Name": "kept"}}}});
        let new = json!({"Outputs": {"Kept": {"Value": "y", "Export": {"Name": "kept"}}}});
        assert_eq!(
            removed_exports(&old, &new),
            vec![RemovedExport {
                output: "Arn".into(),
                name: "${AWS::StackName}-Arn".into()
            }]
        );
        assert!(removed_exports(&new, &new).is_empty());
    }

    #[test]
    fn other_sections_by_name() {
        let old = json!({"Description": "a", "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}});
        let new = json!({"Description": "b", "Conditions": {"C": {"Fn::Equals": ["a", "a"]}}});
        assert_eq!(
            other_sections(&old, &new, &Context::default()),
            vec!["Description"]
        );
    }
}
