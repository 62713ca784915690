//! `cargo xtask fleet-check`: what `synth fleet examples/fleet.yaml`
//! writes, checked with the tools that will read it.
//!
//! - `manifest.yaml` against Customizations for AWS Control Tower's own
//!   manifest schema (vendored in `schemas/cfct/`), with pykwalify, as CfCT
//!   validates it;
//! - every tenant template with cfn-lint, zero findings (the fleet's
//!   templates carry config overrides no snapshot has);
//! - `deploy.sh --dry-run`, both paths, runs to the end.

use std::io::ErrorKind;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::project_root;

/// The pykwalify release CfCT's validation is matched against (`.ci/run`
/// installs it).
const PYKWALIFY_PIN: &str = "pykwalify==1.8.0";
const SCHEMA: &str = "schemas/cfct/manifest-v2.schema.yaml";
const FLEET: &str = "examples/fleet.yaml";

pub fn run() -> Result<(), String> {
    let root = project_root();
    let out_dir = root.join("target/fleet-check");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "run",
            "--quiet",
            "--package",
            "synth",
            "--",
            "fleet",
            FLEET,
            "--out-dir",
        ])
        .arg(&out_dir)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("starting cargo to run synth: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`synth fleet {FLEET}` failed ({status}); fix the error above"
        ));
    }
    let manifest = out_dir.join("manifest.yaml");
    run_tool(
        Command::new("pykwalify")
            .arg("-d")
            .arg(&manifest)
            .arg("-s")
            .arg(root.join(SCHEMA)),
        "pykwalify",
        PYKWALIFY_PIN,
    )
    .map_err(|e| format!("{} against CfCT's schema: {e}", manifest.display()))?;
    let templates = templates(&out_dir.join("templates"))?;
    run_tool(
        Command::new("cfn-lint")
            .args(["--format", "parseable", "--"])
            .args(&templates),
        "cfn-lint",
        "cfn-lint==1.51.0",
    )
    .map_err(|e| format!("cfn-lint over the fleet's templates: {e}"))?;
    for flags in [&["--dry-run"][..], &["--dry-run", "--stack-sets"]] {
        run_tool(
            Command::new("bash")
                .arg(out_dir.join("deploy.sh"))
                .args(flags),
            "bash",
            "bash",
        )
        .map_err(|e| format!("deploy.sh {}: {e}", flags.join(" ")))?;
    }
    println!(
        "fleet-check: manifest valid for CfCT, {} templates with 0 findings, deploy.sh dry runs",
        templates.len()
    );
    Ok(())
}

fn templates(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut templates: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    templates.sort();
    if templates.is_empty() {
        return Err(format!("no templates in {}", dir.display()));
    }
    Ok(templates)
}

/// Runs `command` with its output shown, quietly on success for dry runs.
fn run_tool(command: &mut Command, tool: &str, install: &str) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => {
                format!("{tool} is not on PATH; install it (`pip install {install}`)")
            }
            _ => format!("starting {tool}: {e}"),
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{tool} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}
