//! `cargo xtask lint`: run cfn-lint over every template the project emits.
//!
//! The insta snapshots in `snapshots/` (and `examples/own-stack/snapshots/`,
//! the stack written outside the workspace) are the reviewed record of every
//! template the project emits, so linting them checks exactly what ships.
//! cfn-lint reads templates, not snapshots: each snapshot body is extracted
//! into `target/lint/` first. The bar is zero findings: any error, warning
//! or informational finding fails the run.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::project_root;

/// The cfn-lint release the findings are pinned to (`.ci/run` installs it).
const CFN_LINT_PIN: &str = "cfn-lint==1.51.0";

/// Extracts every snapshot, lints them all in one cfn-lint run and fails
/// on any finding.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let snapshots = all_snapshots(&root)?;
    if snapshots.is_empty() {
        return Err(
            "no snapshots/*.snap files to lint; run `cargo test --workspace` and review the \
             new snapshots with `cargo insta review` first"
                .to_string(),
        );
    }
    let out_dir = root.join("target/lint");
    recreate_dir(&out_dir)?;
    let templates = snapshots
        .iter()
        .map(|snapshot| extract_template(snapshot, &out_dir))
        .collect::<Result<Vec<_>, _>>()?;
    let relative: Vec<&Path> = templates
        .iter()
        .map(|template| template.strip_prefix(&root).unwrap_or(template))
        .collect();
    run_cfn_lint(&root, &relative)?;
    println!("lint: {} templates, 0 findings", templates.len());
    Ok(())
}

/// Where the templates the project emits are snapshotted: the
/// workspace's, and the stack written outside it (`examples/own-stack`).
pub(crate) const SNAPSHOT_DIRS: &[&str] = &["snapshots", "examples/own-stack/snapshots"];

/// The `*.snap` files of every [`SNAPSHOT_DIRS`] entry.
pub(crate) fn all_snapshots(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for dir in SNAPSHOT_DIRS {
        files.extend(snapshot_files(&root.join(dir))?);
    }
    Ok(files)
}

/// The `*.snap` files in `dir`, sorted; pending `*.snap.new` files are not
/// reviewed yet and are left out.
pub(crate) fn snapshot_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| {
        format!(
            "reading {}: {e}; the snapshot tests of `cargo test --workspace` fill it",
            dir.display()
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("reading {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "snap") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Deletes `dir` if present and creates it empty, so no stale output of an
/// earlier run is picked up (deploy-test and function-test use it too).
pub(crate) fn recreate_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

/// Writes the body of `snapshot` to `out_dir/<stem>.json` when it is JSON,
/// else `out_dir/<stem>.yaml`, and returns the written path.
pub(crate) fn extract_template(snapshot: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let text =
        fs::read_to_string(snapshot).map_err(|e| format!("reading {}: {e}", snapshot.display()))?;
    let body = snapshot_body(&text).ok_or_else(|| {
        format!(
            "{} is not an insta snapshot (expected a `---` header block before the body); \
             delete it and re-run `cargo test --workspace`",
            snapshot.display()
        )
    })?;
    let extension = if body.trim_start().starts_with('{') {
        "json"
    } else {
        "yaml"
    };
    let stem = snapshot
        .file_stem()
        .expect("snapshot_files only lists files named *.snap");
    let template = out_dir.join(stem).with_extension(extension);
    fs::write(&template, body).map_err(|e| format!("writing {}: {e}", template.display()))?;
    Ok(template)
}

/// The text after insta's header: a `---` line, yaml metadata such as
/// `source:` and `expression:`, and a closing `---` line.
pub(crate) fn snapshot_body(text: &str) -> Option<&str> {
    let metadata = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in metadata.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return Some(&metadata[offset..]);
        }
    }
    None
}

/// cfn-lint over `templates`, findings one per line (`parseable`: each
/// starts with the template's path); an error when cfn-lint is not
/// installed.
pub(crate) fn cfn_lint_command(templates: &[&Path]) -> Result<Command, String> {
    match Command::new("cfn-lint").arg("--version").output() {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(format!(
                "cfn-lint is not on PATH; install it with `pip install {CFN_LINT_PIN}`"
            ))
        }
        Err(e) => return Err(format!("starting cfn-lint: {e}")),
    }
    let mut command = Command::new("cfn-lint");
    command
        .args(["--format", "parseable", "--"])
        .args(templates);
    Ok(command)
}

/// Runs cfn-lint once over `templates` (paths relative to `root`), passing
/// its findings through to the terminal.
fn run_cfn_lint(root: &Path, templates: &[&Path]) -> Result<(), String> {
    let status = cfn_lint_command(templates)?
        .current_dir(root)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("starting cfn-lint: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cfn-lint failed over {} templates: {}; fix the code that generates the \
             templates named above, then update the snapshots (`cargo test --workspace`, \
             `cargo insta review`)",
            templates.len(),
            describe_exit(status)
        ))
    }
}

/// Decodes cfn-lint's exit status, a bitmask: 2 errors, 4 warnings,
/// 8 informational findings; 1 means cfn-lint itself failed.
fn describe_exit(status: ExitStatus) -> String {
    let Some(code) = status.code() else {
        return format!("it was stopped ({status})");
    };
    let kinds: Vec<&str> = [
        (1, "cfn-lint itself failed"),
        (2, "errors"),
        (4, "warnings"),
        (8, "informational findings"),
    ]
    .into_iter()
    .filter(|(bit, _)| code & bit != 0)
    .map(|(_, kind)| kind)
    .collect();
    if kinds.is_empty() {
        format!("unexpected exit code {code}")
    } else {
        format!("{} (exit code {code})", kinds.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::snapshot_body;

    #[test]
    fn body_follows_the_second_separator() {
        let snap = "---\nsource: crates/synth/tests/t.rs\nexpression: yaml\n---\nResources: {}\n";
        assert_eq!(snapshot_body(snap), Some("Resources: {}\n"));
    }

    #[test]
    fn text_without_header_has_no_body() {
        assert_eq!(snapshot_body("Resources: {}\n"), None);
        assert_eq!(snapshot_body("---\nsource: x\n"), None);
    }
}
