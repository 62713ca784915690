//! `cargo xtask snapshot-diff [--base REV]`: what deploying each snapshot
//! as it is now over the same snapshot at REV (default: the previous
//! commit) would do, through `synth diff`; fails on a destructive change
//! the commits since REV do not acknowledge.
//!
//! A snapshot is the reviewed template of one stack, so a destructive
//! change to it (data lost, snapshotted or orphaned by a replacement or a
//! removal, or a replacement that will fail) is a destructive change to
//! every stack deployed from it. Acknowledging one is a line
//! `<snapshot> <LogicalId>  # why` in `snapshots/ACCEPTED_REPLACEMENTS`,
//! added by the change itself: a line already there at REV acknowledged an
//! earlier change, and does not wave through the next one.
//!
//! xtask does not depend on the project's crates, so this builds and runs
//! the `synth` binary, reading its `--format json` report.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::lint::{recreate_dir, snapshot_body};
use crate::project_root;

/// The acknowledgement file, relative to the project root.
const ACCEPTED: &str = "snapshots/ACCEPTED_REPLACEMENTS";

/// Marks the pull-request comment the workflow updates instead of adding
/// another.
pub const COMMENT_MARKER: &str = "<!-- synth snapshot-diff -->";

/// GitHub's limit on a comment, less room for the marker and a note.
const MAX_COMMENT_CHARS: usize = 65_000;

pub fn run(base: &str, report_dir: Option<&Path>) -> Result<(), String> {
    let root = project_root();
    let mut pull_request = report_dir.map(|_| Report::default());
    let synth = build_synth(&root)?;
    let work = root.join("target/snapshot-diff");
    recreate_dir(&work)?;
    let (old_dir, new_dir) = (work.join("base"), work.join("now"));
    fs::create_dir_all(&old_dir)
        .and_then(|()| fs::create_dir_all(&new_dir))
        .map_err(|e| e.to_string())?;

    let commit = git(
        &root,
        &["rev-parse", "--verify", &format!("{base}^{{commit}}")],
    )
    .map_err(|e| format!("--base {base}: {e} (in a shallow clone, fetch more history)"))?;
    let old_names = git(
        &root,
        &["ls-tree", "--name-only", commit.trim(), "snapshots/"],
    )?
    .lines()
    .filter_map(|p| {
        p.strip_prefix("snapshots/")?
            .strip_suffix(".snap")
            .map(str::to_string)
    })
    .collect::<BTreeSet<_>>();
    let new_names = fs::read_dir(root.join("snapshots"))
        .map_err(|e| format!("reading snapshots/: {e}"))?
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().to_string();
            name.strip_suffix(".snap").map(str::to_string)
        })
        .collect::<BTreeSet<_>>();

    let accepted_now = accepted(&fs::read_to_string(root.join(ACCEPTED)).unwrap_or_default());
    let accepted_before = accepted(
        &git(&root, &["show", &format!("{}:{ACCEPTED}", commit.trim())]).unwrap_or_default(),
    );
    let acknowledged: BTreeSet<&(String, String)> =
        accepted_now.difference(&accepted_before).collect();

    let mut unacknowledged = Vec::new();
    let mut changed = 0;
    for name in old_names.union(&new_names) {
        let (in_old, in_new) = (old_names.contains(name), new_names.contains(name));
        if !in_old {
            println!("== {name}: new snapshot");
            continue;
        }
        if !in_new {
            println!("== {name}: snapshot removed (no stack is emitted from it any more)");
            continue;
        }
        let old_text = git(
            &root,
            &["show", &format!("{}:snapshots/{name}.snap", commit.trim())],
        )?;
        let new_text = fs::read_to_string(root.join("snapshots").join(format!("{name}.snap")))
            .map_err(|e| format!("reading snapshots/{name}.snap: {e}"))?;
        let old_path = write_body(&old_dir, name, &old_text)?;
        let new_path = write_body(&new_dir, name, &new_text)?;
        let report = synth_diff(&synth, &work, &old_path, &new_path, "json")?;
        let report: Value = serde_json::from_str(&report)
            .map_err(|e| format!("{name}: synth diff printed no JSON report: {e}"))?;
        if report["outcome"] == "no-difference" {
            continue;
        }
        changed += 1;
        println!("== {name}");
        print!(
            "{}",
            synth_diff(&synth, &work, &old_path, &new_path, "text")?
        );
        if let Some(pull_request) = &mut pull_request {
            pull_request.add(name, &new_text, |format| {
                synth_diff(&synth, &work, &old_path, &new_path, format)
            })?;
        }
        for resource in report["resources"].as_array().into_iter().flatten() {
            if resource["destructive"] != true {
                continue;
            }
            let id = resource["logicalId"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let key = (name.clone(), id.clone());
            if acknowledged.contains(&key) {
                println!("   (acknowledged in {ACCEPTED}: {name} {id})");
            } else {
                unacknowledged.push(format!("{name} {id}"));
            }
        }
    }
    println!(
        "snapshot-diff against {base}: {} snapshots compared, {changed} changed",
        old_names.intersection(&new_names).count()
    );
    if let (Some(pull_request), Some(dir)) = (pull_request, report_dir) {
        pull_request.write(dir)?;
        println!(
            "snapshot-diff: the pull-request report is in {}",
            dir.display()
        );
    }
    if unacknowledged.is_empty() {
        return Ok(());
    }
    Err(format!(
        "destructive changes that no line added to {ACCEPTED} acknowledges:\n  {}\n\
         if they are intended, add each line above with `# the reason` to {ACCEPTED} in this change",
        unacknowledged.join("\n  ")
    ))
}

/// What the pull-request workflow posts: one comment with the Markdown of
/// every changed snapshot, an HTML page each, and one SARIF log whose
/// alerts point at the snapshots' own lines.
#[derive(Default)]
struct Report {
    markdown: Vec<String>,
    pages: Vec<(String, String)>,
    results: Vec<Value>,
    rules: Option<Value>,
}

impl Report {
    /// Adds one changed snapshot; `diff` runs `synth diff` in a format.
    fn add(
        &mut self,
        name: &str,
        snapshot: &str,
        diff: impl Fn(&str) -> Result<String, String>,
    ) -> Result<(), String> {
        self.markdown.push(diff("markdown")?.replacen(
            "## `synth diff`",
            &format!("## `{name}`:"),
            1,
        ));
        self.pages.push((format!("{name}.html"), diff("html")?));
        let log: Value = serde_json::from_str(&diff("sarif")?)
            .map_err(|e| format!("{name}: synth diff printed no SARIF: {e}"))?;
        let run = &log["runs"][0];
        self.rules.get_or_insert_with(|| run["tool"].clone());
        // The report names `now/<name>.template`, the snapshot's body: point
        // at the snapshot file, below its insta header.
        let header = snapshot_header_lines(snapshot);
        for mut result in run["results"].as_array().cloned().unwrap_or_default() {
            for location in result["locations"].as_array_mut().into_iter().flatten() {
                let physical = &mut location["physicalLocation"];
                physical["artifactLocation"]["uri"] = format!("snapshots/{name}.snap").into();
                if let Some(line) = physical["region"]["startLine"].as_u64() {
                    physical["region"]["startLine"] = (line + header).into();
                }
            }
            self.results.push(result);
        }
        Ok(())
    }

    /// `comment.md`, the pages and `diff.sarif` into `dir`.
    fn write(self, dir: &Path) -> Result<(), String> {
        recreate_dir(dir)?;
        let mut comment = format!("{COMMENT_MARKER}\n");
        if self.markdown.is_empty() {
            comment.push_str("No snapshot changes what its stack deploys.\n");
        }
        for (index, part) in self.markdown.iter().enumerate() {
            if comment.chars().count() + part.chars().count() > MAX_COMMENT_CHARS {
                comment.push_str(&format!(
                    "\n> {} more changed snapshot(s) left out: the comment would pass GitHub's size limit. \
                     The job log and the HTML pages have them all.\n",
                    self.markdown.len() - index
                ));
                break;
            }
            comment.push_str(part);
        }
        let write = |name: &str, text: &str| {
            fs::write(dir.join(name), text).map_err(|e| format!("writing {name}: {e}"))
        };
        write("comment.md", &comment)?;
        for (name, page) in &self.pages {
            write(name, page)?;
        }
        let tool = self
            .rules
            .unwrap_or_else(|| serde_json::json!({"driver": {"name": "synth diff", "rules": []}}));
        let log = serde_json::json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{"tool": tool, "results": self.results}],
        });
        write(
            "diff.sarif",
            &(serde_json::to_string_pretty(&log).unwrap() + "\n"),
        )
    }
}

/// The lines before an insta snapshot's body (its `---` header).
fn snapshot_header_lines(snapshot: &str) -> u64 {
    let body = snapshot_body(snapshot).map_or(0, str::len);
    snapshot[..snapshot.len() - body].lines().count() as u64
}

/// `(snapshot, logical ID)` pairs of an acknowledgement file: one
/// `<snapshot> <LogicalId>` per line, `#` starting a comment.
fn accepted(text: &str) -> BTreeSet<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let line = line.split('#').next()?.trim();
            let mut words = line.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

fn write_body(dir: &Path, name: &str, snapshot: &str) -> Result<PathBuf, String> {
    let body = snapshot_body(snapshot)
        .ok_or_else(|| format!("snapshots/{name}.snap is not an insta snapshot"))?;
    let path = dir.join(format!("{name}.template"));
    fs::write(&path, body).map_err(|e| format!("writing {}: {e}", path.display()))?;
    Ok(path)
}

/// Builds the `synth` binary and returns its path.
pub fn build_synth(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--package", "synth"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("running cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --package synth failed ({status})"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        root.join(target)
    };
    Ok(target.join("debug").join("synth"))
}

/// `synth diff OLD NEW --format FORMAT`'s stdout, run in `work` so the
/// report names `base/<snapshot>.template` and `now/<snapshot>.template`;
/// exit codes 0, 2 and 3 are reports, 1 (or anything else) an error.
fn synth_diff(
    synth: &Path,
    work: &Path,
    old: &Path,
    new: &Path,
    format: &str,
) -> Result<String, String> {
    let relative = |p: &Path| p.strip_prefix(work).unwrap_or(p).to_path_buf();
    let output = Command::new(synth)
        .current_dir(work)
        .arg("diff")
        .args([relative(old), relative(new)])
        .args(["--format", format, "--color", "never"])
        .output()
        .map_err(|e| format!("running {}: {e}", synth.display()))?;
    match output.status.code() {
        Some(0 | 2 | 3) => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
        _ => Err(format!(
            "synth diff {} {} failed: {}",
            old.display(),
            new.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )),
    }
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("running git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::accepted;

    #[test]
    fn acknowledgements_are_snapshot_and_logical_id_with_comments() {
        let text =
            "# header comment\n\ntenant-acme DataBucket  # moved to a new KMS key\nbad-line\n";
        let pairs = accepted(text);
        assert_eq!(
            pairs.into_iter().collect::<Vec<_>>(),
            vec![("tenant-acme".to_string(), "DataBucket".to_string())]
        );
    }
}
