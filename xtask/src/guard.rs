//! `cargo xtask guard`: run AWS Control Tower's proactive controls over
//! every template the project emits.
//!
//! Control Tower enforces these controls with CloudFormation hooks, so an
//! account that turns one on refuses a template that fails it at deploy
//! time. The rules (cfn-guard files) and the `cfn-guard` binary ship in the
//! npm package `@cdklabs/cdk-validator-cfnguard`, which `.ci/run` installs
//! into `target/cfn-guard/`.
//!
//! Each snapshot body is checked twice: as written (short-form YAML) and as
//! CloudFormation resolves it (long-form JSON, by `resolve_templates.py`),
//! because some rules misread `!Ref`/`!GetAtt`. Every failure of either
//! form must be listed in `guard-exceptions.json` with its reason; a
//! listing that claims a short-form misread must pass on the JSON form, and
//! a listing nothing fails any more is stale. Either way the run fails.
//!
//! The deploy-test snapshots (`<stack>-deploy-test-*`) are left out: they
//! are the examples reshaped for moto (the account's default VPC as an
//! existing one, everything deletable so the test can clean up), not what
//! an account deploys; each stack's own snapshots are checked.

use std::collections::BTreeSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::lint::{extract_template, recreate_dir, all_snapshots};
use crate::project_root;

/// The package the rules and the binary come from (`.ci/run` installs it).
pub const PACKAGE_PIN: &str = "@cdklabs/cdk-validator-cfnguard@0.0.62";

/// Where `.ci/run` installs the package, relative to the workspace root.
const INSTALL_DIR: &str = "target/cfn-guard";

/// The committed list of accepted failures, relative to the workspace root.
const EXCEPTIONS_FILE: &str = "guard-exceptions.json";

/// What names a deploy-test snapshot (see the module docs).
const DEPLOY_TEST_MARKER: &str = "-deploy-test-";

const RESOLVE_SCRIPT: &str = include_str!("resolve_templates.py");

/// Checks every snapshot against the Control Tower rules and fails on a
/// failure the exceptions file does not list, or on a stale listing.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let package = root
        .join(INSTALL_DIR)
        .join("node_modules/@cdklabs/cdk-validator-cfnguard");
    let binary = guard_binary(&package)?;
    let rules = package.join("rules/control-tower/cfn-guard");

    let snapshots: Vec<PathBuf> = all_snapshots(&root)?
        .into_iter()
        .filter(|snapshot| {
            !snapshot
                .file_name()
                .is_some_and(|name| name.to_string_lossy().contains(DEPLOY_TEST_MARKER))
        })
        .collect();
    let yaml_dir = root.join("target/guard/as-written");
    let json_dir = root.join("target/guard/resolved");
    recreate_dir(&yaml_dir)?;
    recreate_dir(&json_dir)?;
    let templates = snapshots
        .iter()
        .map(|snapshot| extract_template(snapshot, &yaml_dir))
        .collect::<Result<Vec<_>, _>>()?;
    resolve(&templates, &json_dir)?;

    let as_written = failures(&run_guard(&binary, &rules, &yaml_dir)?)?;
    let resolved = failures(&run_guard(&binary, &rules, &json_dir)?)?;
    let exceptions = Exceptions::parse(&read(&root.join(EXCEPTIONS_FILE))?)?;
    let problems = exceptions.check(&as_written, &resolved);
    if !problems.is_empty() {
        return Err(format!(
            "{} Control Tower rule problems:\n  {}\nfix the resources, or list the failure with \
             its reason in {EXCEPTIONS_FILE}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    let all: BTreeSet<&Failure> = as_written.iter().chain(&resolved).collect();
    println!(
        "guard: {} templates, {} failures of Control Tower rules, every one listed in \
         {EXCEPTIONS_FILE}",
        templates.len(),
        all.len()
    );
    for open in exceptions.open() {
        println!("guard: open, not fixed yet: {open}");
    }
    Ok(())
}

/// The package's `cfn-guard` for this machine.
fn guard_binary(package: &Path) -> Result<PathBuf, String> {
    let os = match std::env::consts::OS {
        "linux" => "ubuntu",
        "macos" => "macos",
        other => return Err(format!("the cfn-guard package has no binary for {other}")),
    };
    let binary = package
        .join("bin")
        .join(os)
        .join(std::env::consts::ARCH)
        .join("cfn-guard");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is missing; install the rules with `npm install --no-save --prefix {INSTALL_DIR} \
             {PACKAGE_PIN}` (as .ci/run does)",
            binary.display()
        ))
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

/// Writes the long-form JSON of each template into `out_dir`.
fn resolve(templates: &[PathBuf], out_dir: &Path) -> Result<(), String> {
    let status = Command::new("python3")
        .arg("-c")
        .arg(RESOLVE_SCRIPT)
        .arg(out_dir)
        .args(templates)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => "python3 is not on PATH".to_string(),
            _ => format!("starting python3: {e}"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "resolving the templates to JSON failed ({status}); is cfn-lint installed?"
        ))
    }
}

/// Runs every rule over every template in `data_dir` and returns
/// cfn-guard's structured report.
fn run_guard(binary: &Path, rules: &Path, data_dir: &Path) -> Result<Value, String> {
    let output = Command::new(binary)
        .args(["validate", "--structured", "--output-format", "json"])
        .args(["--show-summary", "none", "--rules"])
        .arg(rules)
        .arg("--data")
        .arg(data_dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("starting {}: {e}", binary.display()))?;
    // 0: everything passed; 19: some rule failed. Anything else is an error
    // of cfn-guard itself (a rule or template it cannot parse).
    if !matches!(output.status.code(), Some(0 | 19)) {
        return Err(format!(
            "cfn-guard failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("reading cfn-guard's report: {e}"))
}

/// One rule failing on one resource of one snapshot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Failure {
    snapshot: String,
    rule: String,
    resource: String,
}

impl Failure {
    /// The stack a snapshot belongs to: its name up to the first `-`
    /// (`tenant-acme` and `tenant-full-config` are both `tenant`).
    fn stack(&self) -> &str {
        stack_of(&self.snapshot)
    }
}

fn stack_of(snapshot: &str) -> &str {
    snapshot.split('-').next().unwrap_or(snapshot)
}

/// The failures in cfn-guard's structured report: one per rule (its
/// `[CT.X.PR.N]` id) and resource (a `/Resources/<id>` path it checked).
fn failures(report: &Value) -> Result<BTreeSet<Failure>, String> {
    let files = report
        .as_array()
        .ok_or("cfn-guard's report is not a list of files")?;
    let mut found = BTreeSet::new();
    for file in files {
        let name = file["name"]
            .as_str()
            .ok_or("a file in cfn-guard's report has no name")?;
        let snapshot = Path::new(name)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .ok_or_else(|| format!("cfn-guard reported an unnamed file {name}"))?;
        for rule in file["not_compliant"].as_array().into_iter().flatten() {
            let mut ids = BTreeSet::new();
            let mut resources = BTreeSet::new();
            collect(rule, &mut ids, &mut resources);
            if ids.is_empty() || resources.is_empty() {
                return Err(format!(
                    "a failure in {name} names no Control Tower rule id or no resource: {}",
                    rule["Rule"]["name"]
                ));
            }
            for id in &ids {
                for resource in &resources {
                    found.insert(Failure {
                        snapshot: snapshot.to_string(),
                        rule: id.clone(),
                        resource: resource.clone(),
                    });
                }
            }
        }
    }
    Ok(found)
}

/// Walks one failed rule's report for the rule ids in its messages and the
/// resources in its checked paths.
fn collect(value: &Value, ids: &mut BTreeSet<String>, resources: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                match (key.as_str(), field) {
                    ("custom_message", Value::String(message)) => ids.extend(rule_ids(message)),
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

/// The `[CT.SERVICE.PR.N]` ids a rule's message names.
fn rule_ids(message: &str) -> Vec<String> {
    message
        .split('[')
        .filter_map(|part| part.split_once(']'))
        .map(|(id, _)| id)
        .filter(|id| id.starts_with("CT.") && id.contains(".PR."))
        .map(str::to_string)
        .collect()
}

/// The logical ID in a path like `/Resources/DataBucket/Properties/...`.
fn resource_of(path: &str) -> Option<&str> {
    let id = path.strip_prefix("/Resources/")?.split('/').next()?;
    (!id.is_empty()).then_some(id)
}

/// Why a failure is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Because {
    /// The seed asks for exactly what the rule forbids.
    Seed,
    /// The rule's concern does not arise for this resource.
    DoesNotApply,
    /// The rule misreads short-form YAML: it passes on the resolved JSON.
    ShortForm,
    /// A real failure not fixed yet; `why` names the issue that tracks it.
    /// Listed so CI catches anything new meanwhile; the run reports them.
    Open,
}

impl Because {
    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "seed" => Ok(Because::Seed),
            "does-not-apply" => Ok(Because::DoesNotApply),
            "short-form" => Ok(Because::ShortForm),
            "open" => Ok(Because::Open),
            other => Err(format!(
                "`because` is `{other}`; expected `seed`, `does-not-apply`, `short-form` or \
                 `open`"
            )),
        }
    }
}

/// One accepted failure: a rule in a stack, on the listed resources or on
/// every resource when none are listed.
#[derive(Debug)]
struct Exception {
    stack: String,
    rule: String,
    resources: Option<BTreeSet<String>>,
    because: Because,
}

impl Exception {
    fn covers(&self, failure: &Failure) -> bool {
        self.stack == failure.stack()
            && self.rule == failure.rule
            && self
                .resources
                .as_ref()
                .is_none_or(|resources| resources.contains(&failure.resource))
    }

    fn describe(&self) -> String {
        match &self.resources {
            Some(resources) => format!(
                "{} {} on {}",
                self.stack,
                self.rule,
                resources.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
            None => format!("{} {}", self.stack, self.rule),
        }
    }
}

/// The parsed `guard-exceptions.json`: per stack, a list of
/// `{"rule", "because", "why", "resources"?}`.
#[derive(Debug)]
struct Exceptions(Vec<Exception>);

impl Exceptions {
    fn parse(text: &str) -> Result<Self, String> {
        let file = |message: String| format!("{EXCEPTIONS_FILE}: {message}");
        let document: Value =
            serde_json::from_str(text).map_err(|e| file(format!("not JSON: {e}")))?;
        let stacks = document
            .as_object()
            .ok_or_else(|| file("expected an object of stacks".to_string()))?;
        let mut exceptions = Vec::new();
        for (stack, entries) in stacks {
            let entries = entries
                .as_array()
                .ok_or_else(|| file(format!("{stack}: expected a list of exceptions")))?;
            for (index, entry) in entries.iter().enumerate() {
                let at = |message: String| file(format!("{stack}[{index}]: {message}"));
                let fields = entry
                    .as_object()
                    .ok_or_else(|| at("expected an object".to_string()))?;
                if let Some(unknown) = fields
                    .keys()
                    .find(|key| !["rule", "because", "why", "resources"].contains(&key.as_str()))
                {
                    return Err(at(format!("unknown field `{unknown}`")));
                }
                let text = |key: &str| {
                    fields
                        .get(key)
                        .and_then(Value::as_str)
                        .filter(|value| !value.trim().is_empty())
                        .ok_or_else(|| at(format!("`{key}` must be a non-empty string")))
                };
                let rule = text("rule")?.to_string();
                let because = Because::parse(text("because")?).map_err(at)?;
                text("why")?;
                let resources = match fields.get("resources") {
                    None => None,
                    Some(list) => Some(
                        list.as_array()
                            .filter(|list| !list.is_empty())
                            .and_then(|list| {
                                list.iter()
                                    .map(|id| id.as_str().map(str::to_string))
                                    .collect::<Option<BTreeSet<_>>>()
                            })
                            .ok_or_else(|| {
                                at("`resources` must be a non-empty list of logical IDs"
                                    .to_string())
                            })?,
                    ),
                };
                exceptions.push(Exception {
                    stack: stack.clone(),
                    rule,
                    resources,
                    because,
                });
            }
        }
        Ok(Exceptions(exceptions))
    }

    /// The listings of real failures still to fix.
    fn open(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .iter()
            .filter(|exception| exception.because == Because::Open)
            .map(Exception::describe)
    }

    /// What is wrong: failures nobody listed, short-form claims the resolved
    /// template disproves, and listings that match no failure.
    fn check(&self, as_written: &BTreeSet<Failure>, resolved: &BTreeSet<Failure>) -> Vec<String> {
        let mut problems = Vec::new();
        let mut used = vec![false; self.0.len()];
        let all: BTreeSet<&Failure> = as_written.iter().chain(resolved).collect();
        for failure in all {
            let Failure {
                snapshot,
                rule,
                resource,
            } = failure;
            let found = self
                .0
                .iter()
                .enumerate()
                .find(|(_, exception)| exception.covers(failure));
            match found {
                None => problems.push(format!("{snapshot}: {rule} fails on {resource}")),
                Some((index, exception)) => {
                    used[index] = true;
                    if exception.because == Because::ShortForm && resolved.contains(failure) {
                        problems.push(format!(
                            "{snapshot}: {rule} on {resource} is listed as a short-form \
                             misreading, but it fails on the resolved JSON too"
                        ));
                    }
                }
            }
        }
        for (exception, used) in self.0.iter().zip(used) {
            if !used {
                problems.push(format!(
                    "{}: listed, but nothing fails it any more; remove the listing",
                    exception.describe()
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failure(snapshot: &str, rule: &str, resource: &str) -> Failure {
        Failure {
            snapshot: snapshot.into(),
            rule: rule.into(),
            resource: resource.into(),
        }
    }

    fn set(failures: &[Failure]) -> BTreeSet<Failure> {
        failures.iter().cloned().collect()
    }

    #[test]
    fn reads_rule_ids_and_resources_from_the_report() {
        let report = json!([{
            "name": "/x/tenant-acme.yaml",
            "not_compliant": [{"Rule": {"name": "s3_check", "checks": [{
                "Rule": {"messages": {"custom_message": "\n [CT.S3.PR.8]: Require TLS\n [FIX]: x"},
                         "checks": [{"Clause": {"value": {"path": "/Resources/DataBucketPolicy/Properties/PolicyDocument"}}}]}
            }]}}]
        }]);
        assert_eq!(
            failures(&report).unwrap(),
            set(&[failure("tenant-acme", "CT.S3.PR.8", "DataBucketPolicy")])
        );
    }

    #[test]
    fn snapshots_belong_to_the_stack_before_the_first_dash() {
        assert_eq!(stack_of("tenant-acme-prerequisites"), "tenant");
        assert_eq!(stack_of("constructs-showcase.json"), "constructs");
    }

    fn exceptions(document: Value) -> Exceptions {
        Exceptions::parse(&document.to_string()).unwrap()
    }

    #[test]
    fn an_unlisted_failure_and_a_stale_listing_are_problems() {
        let listed = exceptions(json!({"tenant": [
            {"rule": "CT.S3.PR.2", "because": "does-not-apply", "why": "w"}
        ]}));
        let failing = set(&[failure("tenant-acme", "CT.S3.PR.8", "DataBucketPolicy")]);
        let problems = listed.check(&failing, &failing);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("CT.S3.PR.8 fails on DataBucketPolicy"));
        assert!(problems[1].contains("nothing fails it"));
    }

    #[test]
    fn a_short_form_listing_must_pass_on_the_resolved_template() {
        let listed = exceptions(json!({"adology": [
            {"rule": "CT.SQS.PR.1", "because": "does-not-apply", "why": "w", "resources": ["DeadLetterQueue"]},
            {"rule": "CT.SQS.PR.1", "because": "short-form", "why": "w"}
        ]}));
        let dead_letters = failure("adology-default", "CT.SQS.PR.1", "DeadLetterQueue");
        let tasks = failure("adology-default", "CT.SQS.PR.1", "TaskQueue");
        let as_written = set(&[dead_letters.clone(), tasks.clone()]);
        assert!(listed
            .check(&as_written, &set(std::slice::from_ref(&dead_letters)))
            .is_empty());
        let problems = listed.check(&as_written, &as_written);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("fails on the resolved JSON too"));
    }

    #[test]
    fn a_listing_needs_a_known_reason_kind_and_a_why() {
        let bad = [
            json!({"tenant": [{"rule": "CT.S3.PR.2", "because": "seed"}]}),
            json!({"tenant": [{"rule": "CT.S3.PR.2", "because": "lazy", "why": "w"}]}),
            json!({"tenant": [{"rule": "CT.S3.PR.2", "because": "seed", "why": "w", "extra": 1}]}),
        ];
        for document in bad {
            assert!(
                Exceptions::parse(&document.to_string()).is_err(),
                "{document}"
            );
        }
    }
}
