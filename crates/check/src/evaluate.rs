//! Evaluating the rules on one template, in-process, through the
//! `cfn-guard` crate: the engine of the `cfn-guard` CLI, on the long-form
//! JSON a Control Tower hook evaluates.
//!
//! Only the rule files that name a type the template has are evaluated
//! ([`RuleFile::types`]): every other rule would skip, yet costs the
//! engine its parse and a walk of the template. The files left run on
//! every core. The `the_same_failures_as_every_rule` test holds this to
//! evaluating every file.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::controls::{self, Control};
use crate::rules::{self, RuleFile};

/// One control failing on one resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// The resource's logical ID.
    pub resource: String,
    /// The control it fails.
    pub control: Control,
    /// The rule file that found it, e.g. `ct-sqs-pr-1`, or
    /// [`crate::forecast::SOURCE`].
    pub rule_file: &'static str,
    /// What was found beyond the control's title (`501 resources`), or
    /// empty.
    pub detail: String,
}

/// Why the rules could not be evaluated: cfn-guard failed, or said
/// something this crate cannot read. Never a finding about the template:
/// a bug to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// cfn-guard refused to run, in its own words.
    Guard(String),
    /// cfn-guard's report is not a list of failures this crate can place
    /// by control and resource.
    Report(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Guard(message) => write!(f, "cfn-guard: {message}"),
            EngineError::Report(message) => write!(f, "cfn-guard's report: {message}"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Every failure of the vendored rules on `template` (long-form JSON, as
/// `inspect::read` gives it), by resource and control.
pub fn evaluate(template: &Value) -> Result<Vec<Finding>, EngineError> {
    let present: BTreeSet<&str> = template["Resources"]
        .as_object()
        .into_iter()
        .flat_map(|resources| resources.values())
        .filter_map(|resource| resource["Type"].as_str())
        .collect();
    let relevant: Vec<RuleFile> = rules::all()
        .filter(|rule| rule.types().any(|kind| present.contains(kind)))
        .collect();
    evaluate_rules(template, &relevant)
}

/// Every failure of `rules` on `template`, evaluating each of them:
/// the rules split in one share per core, each share one run of
/// cfn-guard's `validate --payload --structured` (the CLI's own code path,
/// which reads the template once per run).
pub fn evaluate_rules(template: &Value, rules: &[RuleFile]) -> Result<Vec<Finding>, EngineError> {
    if rules.is_empty() {
        return Ok(Vec::new());
    }
    let data = template.to_string();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rules.len());
    let share = rules.len().div_ceil(workers);
    let results: Vec<Result<Vec<Finding>, EngineError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = rules
            .chunks(share)
            .map(|chunk| scope.spawn(|| validate(&data, chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut findings = BTreeSet::new();
    for result in results {
        findings.extend(result?);
    }
    Ok(findings.into_iter().collect())
}

/// The failures of `rules` on the template's JSON text: one structured
/// `validate` run over a payload, written to memory.
fn validate(data: &str, rules: &[RuleFile]) -> Result<Vec<Finding>, EngineError> {
    use cfn_guard::commands::validate::{OutputFormatType, ShowSummaryType};
    use cfn_guard::commands::Executable;
    use cfn_guard::utils::reader::{ReadBuffer, Reader};
    use cfn_guard::utils::writer::{WriteBuffer, Writer};
    use cfn_guard::CommandBuilder;

    let engine = |e: cfn_guard::Error| EngineError::Guard(e.to_string());
    let command = cfn_guard::ValidateBuilder::default()
        .payload(true)
        .structured(true)
        .output_format(OutputFormatType::JSON)
        .show_summary(vec![ShowSummaryType::None])
        .try_build()
        .map_err(engine)?;
    let payload = serde_json::json!({
        "rules": rules.iter().map(|rule| rule.text).collect::<Vec<_>>(),
        "data": [data],
    });
    let mut reader = Reader::new(ReadBuffer::Cursor(std::io::Cursor::new(
        payload.to_string().into_bytes(),
    )));
    let mut writer = Writer::new(WriteBuffer::Vec(Vec::new()));
    command.execute(&mut writer, &mut reader).map_err(engine)?;
    let report = writer
        .into_string()
        .map_err(|e| EngineError::Report(format!("not UTF-8: {e}")))?;
    let report: Value =
        serde_json::from_str(&report).map_err(|e| EngineError::Report(format!("not JSON: {e}")))?;
    let mut found = Vec::new();
    for file in report.as_array().into_iter().flatten() {
        found.extend(failures(file, rules)?);
    }
    Ok(found)
}

/// The failures in the report on one template: per failed rule, the
/// controls its messages name (each found in the rule file that describes
/// it) and the resources its checks visited (`/Resources/<id>/...`).
fn failures(report: &Value, rules: &[RuleFile]) -> Result<Vec<Finding>, EngineError> {
    let mut found = Vec::new();
    for failed in report["not_compliant"].as_array().into_iter().flatten() {
        let mut ids = BTreeSet::new();
        let mut resources = BTreeSet::new();
        collect(failed, &mut ids, &mut resources);
        if ids.is_empty() || resources.is_empty() {
            return Err(EngineError::Report(format!(
                "a failure of {} that names no control or no resource",
                failed["Rule"]["name"]
            )));
        }
        for id in &ids {
            let (rule_file, control) = rules
                .iter()
                .find_map(|rule| controls::find(rule, id).map(|control| (rule.name, control)))
                .ok_or_else(|| {
                    EngineError::Report(format!("{id}, which no rule file describes"))
                })?;
            found.extend(resources.iter().map(|resource| Finding {
                resource: resource.clone(),
                control,
                rule_file,
                detail: String::new(),
            }));
        }
    }
    Ok(found)
}

/// Walks a failed rule's report for the control IDs in its messages and
/// the resources in its checked paths.
fn collect(value: &Value, ids: &mut BTreeSet<String>, resources: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                match (key.as_str(), field) {
                    ("custom_message", Value::String(message)) => {
                        ids.extend(controls::ids_in(message).map(str::to_string));
                    }
                    ("path", Value::String(path)) => {
                        if let Some(resource) = resource_of(path) {
                            resources.insert(resource.to_string());
                        }
                    }
                    _ => collect(field, ids, resources),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, ids, resources)),
        _ => {}
    }
}

/// The logical ID in a path like `/Resources/DataBucket/Properties/...`.
fn resource_of(path: &str) -> Option<&str> {
    let id = path.strip_prefix("/Resources/")?.split('/').next()?;
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_queue_without_a_dead_letter_queue_fails_ct_sqs_pr_1() {
        let template = json!({"Resources": {
            "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": true}},
        }});
        let findings = evaluate(&template).unwrap();
        let sqs: Vec<_> = findings
            .iter()
            .filter(|finding| finding.control.id == "CT.SQS.PR.1")
            .collect();
        assert_eq!(sqs.len(), 1, "{findings:#?}");
        assert_eq!(sqs[0].resource, "Jobs");
        assert_eq!(sqs[0].rule_file, "ct-sqs-pr-1");
    }

    #[test]
    fn a_template_of_types_no_rule_names_is_not_evaluated() {
        let template = json!({"Resources": {
            "Topic": {"Type": "AWS::SNS::Subscription", "Properties": {}},
        }});
        assert_eq!(evaluate(&template).unwrap(), Vec::new());
    }
}
