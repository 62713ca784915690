//! `cargo xtask config-check`: every config the schemas accept deploys
//! (issue 28 item 8).
//!
//! The test `stacks/tests/schema_configs.rs` draws configs from each
//! stack's JSON Schema (seeded: the same ones every run; 25 per stack, or
//! `SCHEMA_CONFIG_CASES`), and checks that each is refused at a JSON
//! pointer or builds a template that passes the Control Tower controls but
//! for listed exceptions whose facts hold. It writes each built template
//! and its config to `target/config-check/`; this then runs cfn-lint over
//! those templates, where the bar is the snapshots' bar: zero findings. A
//! finding prints the config that caused it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::lint::cfn_lint_command;
use crate::project_root;

/// Where the test writes templates and configs, relative to the root.
const OUT_DIR: &str = "target/config-check";

/// Runs the test, then cfn-lint over the templates it built.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "test",
            "--quiet",
            "--package",
            "stacks",
            "--test",
            "schema_configs",
        ])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("starting cargo test: {e}"))?;
    if !status.success() {
        return Err("the schema-drawn configs failed (above: each with its config)".into());
    }
    let templates = built_templates(&root.join(OUT_DIR))?;
    if templates.is_empty() {
        return Err(format!(
            "no template in {OUT_DIR}: did the test build none?"
        ));
    }
    let relative: Vec<&Path> = templates
        .iter()
        .map(|template| template.strip_prefix(&root).unwrap_or(template))
        .collect();
    let output = cfn_lint_command(&relative)?
        .current_dir(&root)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("running cfn-lint: {e}"))?;
    let findings = String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        println!(
            "config-check: {} templates built from schema-drawn configs, 0 cfn-lint findings",
            templates.len()
        );
        return Ok(());
    }
    print!("{findings}");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    // Parseable findings start with the template's path.
    let failing: BTreeSet<&str> = findings
        .lines()
        .filter_map(|line| line.split(':').next())
        .filter(|path| path.ends_with(".yaml"))
        .collect();
    for template in &failing {
        let config = root.join(template.replace(".yaml", ".config.json"));
        let text = std::fs::read_to_string(&config)
            .map_err(|e| format!("reading {}: {e}", config.display()))?;
        eprintln!("{template} was built from this config:\n{text}");
    }
    Err(format!(
        "cfn-lint found problems in {} of {} templates built from configs the schemas accept",
        failing.len().max(1),
        templates.len()
    ))
}

/// The `*.yaml` templates in `dir`, sorted.
fn built_templates(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut templates: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    templates.sort();
    Ok(templates)
}
