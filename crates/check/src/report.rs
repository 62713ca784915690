//! What `synth check` found, for people (text, grouped by template and
//! resource), pipelines (JSON) and code scanning (SARIF, through
//! `inspect::sarif`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::evaluate::Finding;
use crate::exceptions::{Because, Exceptions, Fact};

/// One template's findings, each with the listing that excepts it.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The file as given (`-` for standard input), which SARIF points at.
    pub file: String,
    /// The name exceptions know it by.
    pub name: String,
    /// Its text, for the line of each resource.
    pub text: String,
    /// Its long-form JSON, which the exceptions' facts are checked on.
    pub body: Value,
    /// Every finding, with the index of the exception covering it.
    pub findings: Vec<(Finding, Option<usize>)>,
}

impl Checked {
    /// `findings` of the template `name` read from `file`, matched with
    /// `exceptions`.
    pub fn new(
        file: &str,
        name: &str,
        text: &str,
        body: Value,
        findings: Vec<Finding>,
        exceptions: &Exceptions,
    ) -> Self {
        let findings = findings
            .into_iter()
            .map(|finding| {
                let covered = exceptions.covering(name, &finding);
                (finding, covered)
            })
            .collect();
        Checked {
            file: file.to_string(),
            name: name.to_string(),
            text: text.to_string(),
            body,
            findings,
        }
    }
}

/// Every checked template, and what the exceptions file says of them.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    /// In the order given.
    pub templates: Vec<Checked>,
    /// The listings the findings were matched with.
    pub exceptions: &'a Exceptions,
}

impl Outcome<'_> {
    /// Findings no listing excepts: what fails a deploy.
    pub fn failing(&self) -> usize {
        self.all()
            .filter(|(_, _, covered)| covered.is_none())
            .count()
    }

    /// Listings that cover no finding of any checked template: reasons no
    /// longer true, to delete.
    pub fn stale(&self) -> Vec<usize> {
        let mut used = vec![false; self.exceptions.0.len()];
        for (_, _, covered) in self.all() {
            if let Some(index) = covered {
                used[index] = true;
            }
        }
        (0..used.len()).filter(|&index| !used[index]).collect()
    }

    /// Facts a listing's reason rests on that do not hold, in a template
    /// where the listing excepts a failure: (listing, template name, the
    /// fact, what is there instead).
    pub fn untrue(&self) -> Vec<(usize, &str, &Fact, String)> {
        let mut out = Vec::new();
        for checked in &self.templates {
            let used: BTreeSet<usize> = checked.findings.iter().filter_map(|(_, c)| *c).collect();
            for index in used {
                for fact in &self.exceptions.0[index].holds {
                    if let Some(found) = fact.check(&checked.body) {
                        out.push((index, checked.name.as_str(), fact, found));
                    }
                }
            }
        }
        out
    }

    fn all(&self) -> impl Iterator<Item = (&Checked, &Finding, Option<usize>)> {
        self.templates.iter().flat_map(|checked| {
            checked
                .findings
                .iter()
                .map(move |(finding, covered)| (checked, finding, *covered))
        })
    }
}

/// The report for people: per template, its failing resources and the
/// controls each fails with how to fix them, then what is excepted, in
/// one line each. `color` paints failures red and exceptions dim (only on
/// a terminal).
pub fn render_text(outcome: &Outcome<'_>, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for checked in &outcome.templates {
        let failing: Vec<&Finding> = checked
            .findings
            .iter()
            .filter(|(_, covered)| covered.is_none())
            .map(|(finding, _)| finding)
            .collect();
        let excepted = checked.findings.len() - failing.len();
        let resources = by_resource(&failing);
        let summary = match (failing.len(), excepted) {
            (0, 0) => "passes every control".to_string(),
            (0, excepted) => format!("passes ({excepted} excepted)"),
            (failures, excepted) => format!(
                "{} on {} ({excepted} excepted)",
                count(failures, "failure"),
                count(resources.len(), "resource")
            ),
        };
        let shown = if checked.file == inspect::read::STDIN {
            "standard input"
        } else {
            &checked.file
        };
        out.push_str(&format!("{shown}: {summary}\n"));
        for (resource, findings) in resources {
            out.push_str(&format!("  {}\n", shown_resource(resource)));
            for finding in findings {
                out.push_str(&format!(
                    "    {}  {}{}\n      fix: {}\n",
                    paint("31", finding.control.id),
                    finding.control.title,
                    detail(finding),
                    finding.control.fix
                ));
            }
        }
        for (finding, covered) in &checked.findings {
            if let Some(index) = covered {
                let exception = &outcome.exceptions.0[*index];
                let line = format!(
                    "  excepted: {} on {} ({}): {}",
                    finding.control.id,
                    shown_resource(&finding.resource),
                    exception.because.as_str(),
                    yaml::excerpt(&exception.why, 100)
                );
                out.push_str(&paint("2", &line));
                out.push('\n');
            }
        }
    }
    let failing = outcome.failing();
    out.push_str(&if failing == 0 {
        "No control fails outside the exceptions.\n".to_string()
    } else {
        format!(
            "{} not excepted: fix each resource as its control says, or list the failure \
             with its reason in an exceptions file (--exceptions).\n",
            count(failing, "failure")
        )
    });
    out
}

/// A finding's resource as reports name it: the template itself when it
/// has none.
fn shown_resource(resource: &str) -> &str {
    if resource.is_empty() {
        "(the template)"
    } else {
        resource
    }
}

/// ` (501 resources)`, or nothing.
fn detail(finding: &Finding) -> String {
    if finding.detail.is_empty() {
        String::new()
    } else {
        format!(" ({})", finding.detail)
    }
}

fn by_resource<'a>(findings: &[&'a Finding]) -> BTreeMap<&'a str, Vec<&'a Finding>> {
    let mut grouped: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        grouped
            .entry(finding.resource.as_str())
            .or_default()
            .push(finding);
    }
    grouped
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The report for pipelines (its shape is in the README):
/// `{"templates": [{"file", "name", "findings": [{"resource", "control",
/// "title", "fix", "ruleFile", "line", "exception": null | {"because",
/// "why"}}]}], "failing": N, "staleExceptions": [...]}`.
pub fn render_json(outcome: &Outcome<'_>) -> Value {
    let templates: Vec<Value> = outcome
        .templates
        .iter()
        .map(|checked| {
            let findings: Vec<Value> = checked
                .findings
                .iter()
                .map(|(finding, covered)| {
                    json!({
                        "resource": finding.resource,
                        "control": finding.control.id,
                        "title": finding.control.title,
                        "fix": finding.control.fix,
                        "detail": finding.detail,
                        "ruleFile": finding.rule_file,
                        "line": line(checked, finding),
                        "exception": covered.map(|index| {
                            let exception = &outcome.exceptions.0[index];
                            json!({"because": exception.because.as_str(), "why": exception.why})
                        }),
                    })
                })
                .collect();
            json!({"file": checked.file, "name": checked.name, "findings": findings})
        })
        .collect();
    let stale: Vec<Value> = outcome
        .stale()
        .into_iter()
        .map(|index| {
            let exception = &outcome.exceptions.0[index];
            json!({
                "template": exception.template,
                "rule": exception.rule,
                "resources": exception.resources,
            })
        })
        .collect();
    json!({"templates": templates, "failing": outcome.failing(), "staleExceptions": stale})
}

/// The line of the finding's resource in its template's text; none for a
/// finding about the whole template.
fn line(checked: &Checked, finding: &Finding) -> Option<usize> {
    if finding.resource.is_empty() {
        None
    } else {
        inspect::sarif::resource_line(&checked.text, &finding.resource)
    }
}

/// The SARIF log: an error on the line of each resource a control fails
/// and no listing excepts, a warning for each `open` listing's (a real
/// failure, accepted for now). The rule IDs are the controls' IDs.
pub fn render_sarif(outcome: &Outcome<'_>, version: &str) -> Value {
    let mut rules = BTreeMap::new();
    let mut findings = Vec::new();
    for checked in &outcome.templates {
        for (finding, covered) in &checked.findings {
            let level = match covered.map(|index| outcome.exceptions.0[index].because) {
                None => inspect::sarif::Level::Error,
                Some(Because::Open) => inspect::sarif::Level::Warning,
                Some(_) => continue,
            };
            rules.insert(
                finding.control.id,
                inspect::sarif::Rule {
                    id: finding.control.id,
                    short: finding.control.title,
                    help: finding.control.fix,
                },
            );
            findings.push(inspect::sarif::Finding {
                rule: finding.control.id,
                level,
                message: format!(
                    "{} fails {}: {}{}",
                    shown_resource(&finding.resource),
                    finding.control.id,
                    finding.control.title,
                    detail(finding)
                ),
                logical_id: finding.resource.clone(),
                file: (checked.file != inspect::read::STDIN).then(|| checked.file.clone()),
                line: line(checked, finding),
            });
        }
    }
    inspect::sarif::log(
        "synth check",
        version,
        "https://docs.aws.amazon.com/controltower/latest/controlreference/proactive-controls.html",
        &rules.into_values().collect::<Vec<_>>(),
        &findings,
    )
}
