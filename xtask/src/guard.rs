//! `cargo xtask guard`: AWS Control Tower's proactive controls over every
//! template the project emits, through `synth check`.
//!
//! Control Tower enforces these controls with CloudFormation hooks, so an
//! account that turns one on refuses a template that fails it at deploy
//! time. `synth check` evaluates the vendored rules in-process on each
//! template's long-form JSON, as a hook does: no npm, no cfn-guard binary,
//! no Python. Every failure must be listed in `guard-exceptions.json` with
//! its reason, and a listing nothing fails any more is stale: either way
//! the run fails.
//!
//! The deploy-test snapshots (`<stack>-deploy-test-*`) are left out: they
//! are the examples reshaped for moto (the account's default VPC as an
//! existing one, everything deletable so the test can clean up), not what
//! an account deploys; each stack's own snapshots are checked.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::lint::{all_snapshots, extract_template, recreate_dir};
use crate::project_root;

/// The committed list of accepted failures, relative to the workspace root.
const EXCEPTIONS_FILE: &str = "guard-exceptions.json";

/// What names a deploy-test snapshot (see the module docs).
const DEPLOY_TEST_MARKER: &str = "-deploy-test-";

/// Checks every snapshot against the Control Tower controls and fails on a
/// failure the exceptions file does not list, or on a stale listing.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let snapshots: Vec<PathBuf> = all_snapshots(&root)?
        .into_iter()
        .filter(|snapshot| {
            !snapshot
                .file_name()
                .is_some_and(|name| name.to_string_lossy().contains(DEPLOY_TEST_MARKER))
        })
        .collect();
    let dir = root.join("target/guard");
    recreate_dir(&dir)?;
    let templates = snapshots
        .iter()
        .map(|snapshot| extract_template(snapshot, &dir))
        .collect::<Result<Vec<_>, _>>()?;
    let report = dir.join("report.json");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--package", "synth", "--", "check"])
        .args(&templates)
        .args(["--exceptions", EXCEPTIONS_FILE, "--format", "json", "-o"])
        .arg(&report)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("starting cargo to run synth check: {e}"))?;
    let text = std::fs::read_to_string(&report)
        .map_err(|e| format!("reading {}: {e}", report.display()))?;
    let report: Value =
        serde_json::from_str(&text).map_err(|e| format!("reading synth check's report: {e}"))?;
    let findings: Vec<&Value> = report["templates"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|template| template["findings"].as_array().into_iter().flatten())
        .collect();
    let unlisted: Vec<String> = report["templates"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|template| {
            template["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|finding| finding["exception"].is_null())
                .map(move |finding| {
                    let resource = finding["resource"].as_str().unwrap_or_default();
                    format!(
                        "{}: {} fails on {}",
                        template["name"].as_str().unwrap_or_default(),
                        finding["control"].as_str().unwrap_or_default(),
                        if resource.is_empty() {
                            "the template"
                        } else {
                            resource
                        }
                    )
                })
        })
        .collect();
    if !status.success() {
        return Err(format!(
            "synth check failed ({status}){}; fix the resources, or list each failure with its \
             reason in {EXCEPTIONS_FILE}",
            if unlisted.is_empty() {
                String::new()
            } else {
                format!(":\n  {}\n", unlisted.join("\n  "))
            }
        ));
    }
    println!(
        "guard: {} templates, {} failures of Control Tower controls, every one listed in \
         {EXCEPTIONS_FILE}",
        templates.len(),
        findings.len()
    );
    let mut open: Vec<String> = findings
        .iter()
        .filter(|finding| finding["exception"]["because"] == "open")
        .map(|finding| finding["control"].as_str().unwrap_or_default().to_string())
        .collect();
    open.sort();
    open.dedup();
    for control in open {
        println!("guard: open, not fixed yet: {control}");
    }
    Ok(())
}
