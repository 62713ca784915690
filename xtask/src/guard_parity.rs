//! `cargo xtask guard-parity`: `synth check` and the `cfn-guard` CLI find
//! the same failures (issue 27 item 1).
//!
//! `synth check` evaluates the vendored Control Tower rules through the
//! cfn-guard crate, on the template's long-form JSON, as a hook does. This
//! holds it to the reference: the `cfn-guard` binary that ships in the
//! same npm package as the rules (`@cdklabs/cdk-validator-cfnguard`, the
//! version `crates/check/rules/SOURCE.json` names; fetched with `npm pack`
//! into `target/guard-parity/`, or the binary `CFN_GUARD` names), run with
//! the same rule files over the same long-form JSON: every snapshot and
//! the public templates of `crates/check/tests/public/`. Both answers are
//! reduced to failures `(template, control, resource)`, and the two sets
//! must be equal. The forecast's own checks (`CFN.*`) are `synth check`'s
//! alone and are left out.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::lint::{all_snapshots, recreate_dir, snapshot_body};
use crate::project_root;

/// The vendored rules, relative to the root.
const RULES: &str = "crates/check/rules/control-tower";
/// Where the rules' package is recorded, relative to the root.
const SOURCE: &str = "crates/check/rules/SOURCE.json";
/// Public templates of other origins, relative to the root.
const PUBLIC: &str = "crates/check/tests/public";
/// The binary inside the npm package, for this machine.
const BINARY: &str = "package/bin/ubuntu/x86_64/cfn-guard";
/// Names a cfn-guard binary to use instead of fetching the package.
const BINARY_VAR: &str = "CFN_GUARD";

/// One failure: template, control, resource (empty: the template).
type Failure = (String, String, String);

/// Compares the two engines' failures over every snapshot and public
/// template.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let dir = root.join("target/guard-parity");
    recreate_dir(&dir)?;
    let guard = cfn_guard(&root, &dir)?;
    let data = dir.join("templates");
    fs::create_dir_all(&data).map_err(|e| format!("creating {}: {e}", data.display()))?;
    let templates = long_form_templates(&root, &data)?;
    let theirs = cfn_guard_failures(&guard, &root.join(RULES), &data)?;
    let ours = synth_check_failures(&root, &templates, &dir.join("report.json"))?;
    let only_theirs: Vec<&Failure> = theirs.difference(&ours).collect();
    let only_ours: Vec<&Failure> = ours.difference(&theirs).collect();
    if only_theirs.is_empty() && only_ours.is_empty() {
        println!(
            "guard-parity: {} templates, the same {} failures from synth check and the \
             cfn-guard CLI",
            templates.len(),
            ours.len()
        );
        return Ok(());
    }
    let show = |failures: &[&Failure]| {
        failures
            .iter()
            .map(|(template, control, resource)| format!("  {template}: {control} on {resource:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Err(format!(
        "synth check and the cfn-guard CLI disagree on {} templates.\nonly cfn-guard:\n{}\n\
         only synth check:\n{}",
        templates.len(),
        show(&only_theirs),
        show(&only_ours)
    ))
}

/// The cfn-guard binary: `CFN_GUARD`, or the one in the rules' package.
fn cfn_guard(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    if let Some(binary) = std::env::var_os(BINARY_VAR) {
        return Ok(PathBuf::from(binary));
    }
    let source: Value = serde_json::from_str(
        &fs::read_to_string(root.join(SOURCE)).map_err(|e| format!("reading {SOURCE}: {e}"))?,
    )
    .map_err(|e| format!("reading {SOURCE}: {e}"))?;
    let package = format!(
        "{}@{}",
        source["package"].as_str().unwrap_or_default(),
        source["version"].as_str().unwrap_or_default()
    );
    let output = Command::new("npm")
        .args(["pack", "--silent", &package])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("starting npm (to fetch {package}): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack {package} failed: {}; or set {BINARY_VAR} to a cfn-guard binary",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let tarball = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let status = Command::new("tar")
        .args(["xzf", &tarball, BINARY])
        .current_dir(dir)
        .status()
        .map_err(|e| format!("starting tar: {e}"))?;
    if !status.success() {
        return Err(format!(
            "unpacking {BINARY} from {tarball} failed ({status})"
        ));
    }
    Ok(dir.join(BINARY))
}

/// Every snapshot's and public template's long-form JSON, written to
/// `data` as `<name>.json`; their paths.
fn long_form_templates(root: &Path, data: &Path) -> Result<Vec<PathBuf>, String> {
    let mut sources: Vec<(String, String)> = Vec::new();
    for snapshot in all_snapshots(root)? {
        let text = fs::read_to_string(&snapshot)
            .map_err(|e| format!("reading {}: {e}", snapshot.display()))?;
        let body = snapshot_body(&text)
            .ok_or_else(|| format!("{} is not an insta snapshot", snapshot.display()))?;
        sources.push((stem(&snapshot), body.to_string()));
    }
    let mut public: Vec<PathBuf> = fs::read_dir(root.join(PUBLIC))
        .map_err(|e| format!("reading {PUBLIC}: {e}"))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    public.sort();
    for path in public {
        let text =
            fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        sources.push((stem(&path), text));
    }
    let mut written = Vec::new();
    for (name, text) in sources {
        let template = yaml::parse_template(&text).map_err(|e| format!("{name}: {e}"))?;
        let path = data.join(format!("{name}.json"));
        fs::write(&path, serde_json::to_string_pretty(&template).unwrap())
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What `cfn-guard validate` finds, one JSON report per rule file and
/// template: each not-compliant rule's control (`[CT.X.PR.N]` of its
/// message) on each resource its failed checks name.
fn cfn_guard_failures(
    guard: &Path,
    rules: &Path,
    data: &Path,
) -> Result<BTreeSet<Failure>, String> {
    let output = Command::new(guard)
        .args([
            "validate",
            "--output-format",
            "json",
            "--show-summary",
            "none",
            "--rules",
        ])
        .arg(rules)
        .arg("--data")
        .arg(data)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("starting {}: {e}", guard.display()))?;
    // 19 is cfn-guard's exit status when a rule fails.
    if !output.status.success() && output.status.code() != Some(19) {
        return Err(format!(
            "cfn-guard failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let mut failures = BTreeSet::new();
    for report in serde_json::Deserializer::from_slice(&output.stdout).into_iter::<Value>() {
        let report = report.map_err(|e| format!("reading cfn-guard's JSON: {e}"))?;
        let template = Path::new(report["name"].as_str().unwrap_or_default());
        for rule in report["not_compliant"].as_array().into_iter().flatten() {
            let mut controls = BTreeSet::new();
            let mut resources = BTreeSet::new();
            collect(rule, &mut controls, &mut resources);
            if resources.is_empty() {
                resources.insert(String::new());
            }
            for control in &controls {
                for resource in &resources {
                    failures.insert((stem(template), control.clone(), resource.clone()));
                }
            }
        }
    }
    Ok(failures)
}

/// The controls (`[CT.X.PR.N]` in custom messages) and the resources
/// (`/Resources/<Id>/...` paths of failed clauses) below `node`.
fn collect(node: &Value, controls: &mut BTreeSet<String>, resources: &mut BTreeSet<String>) {
    match node {
        Value::Object(fields) => {
            if let Some(message) = fields.get("custom_message").and_then(Value::as_str) {
                if let Some(control) = message
                    .split_once('[')
                    .and_then(|(_, rest)| rest.split_once(']'))
                    .map(|(control, _)| control)
                    .filter(|control| control.starts_with("CT."))
                {
                    controls.insert(control.to_string());
                }
            }
            if let Some(path) = fields.get("path").and_then(Value::as_str) {
                if let Some(id) = path
                    .strip_prefix("/Resources/")
                    .and_then(|rest| rest.split('/').next())
                {
                    resources.insert(id.to_string());
                }
            }
            fields
                .values()
                .for_each(|v| collect(v, controls, resources));
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, controls, resources)),
        _ => {}
    }
}

/// What `synth check` finds on `templates` (no exceptions), the forecast's
/// `CFN.*` checks left out.
fn synth_check_failures(
    root: &Path,
    templates: &[PathBuf],
    report: &Path,
) -> Result<BTreeSet<Failure>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--package", "synth", "--", "check"])
        .args(templates)
        .args(["--format", "json", "-o"])
        .arg(report)
        .current_dir(root)
        .status()
        .map_err(|e| format!("starting cargo to run synth check: {e}"))?;
    // 2: failures found, which is the point.
    if !status.success() && status.code() != Some(2) {
        return Err(format!("synth check failed ({status})"));
    }
    let report: Value = serde_json::from_str(
        &fs::read_to_string(report).map_err(|e| format!("reading {}: {e}", report.display()))?,
    )
    .map_err(|e| format!("reading synth check's report: {e}"))?;
    let mut failures = BTreeSet::new();
    for template in report["templates"].as_array().into_iter().flatten() {
        let name = stem(Path::new(template["file"].as_str().unwrap_or_default()));
        for finding in template["findings"].as_array().into_iter().flatten() {
            let control = finding["control"].as_str().unwrap_or_default();
            if control.starts_with("CFN.") {
                continue;
            }
            let resource = finding["resource"].as_str().unwrap_or_default();
            failures.insert((name.clone(), control.to_string(), resource.to_string()));
        }
    }
    Ok(failures)
}
