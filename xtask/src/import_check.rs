//! `cargo xtask import-check`: `synth import`'s contract, proven. Every
//! snapshot and every template of the import corpus
//! (`crates/import/tests/corpus/`: public templates of varied services and
//! features, and two AWS CDK apps' output, each with its source and
//! licence) and the README's hand-written `showcase.yaml` is imported
//! into one package, which must be rustfmt-clean
//! and clippy-clean with no warning, build, and print each template back
//! so that `synth diff ORIGINAL PRINTED` exits 0; cfn-lint may report
//! nothing on a printed template that it did not report on the original.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::lint::{all_snapshots, extract_template, recreate_dir};
use crate::project_root;

/// Where the corpus of outside templates lives.
const CORPUS: &str = "crates/import/tests/corpus";

pub fn run() -> Result<(), String> {
    let root = project_root();
    let work = root.join("target/import-check");
    recreate_dir(&work)?;
    let originals = work.join("originals");
    fs::create_dir_all(&originals).map_err(|e| e.to_string())?;
    let mut templates = Vec::new();
    for snapshot in all_snapshots(&root)? {
        templates.push(extract_template(&snapshot, &originals)?);
    }
    let corpus = corpus_files(&root.join(CORPUS))?;
    if corpus.len() < 21 {
        return Err(format!(
            "{CORPUS} holds {} templates; the contract is every snapshot, a CDK template \
             and at least 20 public ones",
            corpus.len()
        ));
    }
    templates.extend(corpus);
    // The hand-written template the README imports and the crate's tests
    // snapshot the code of.
    templates.push(root.join("crates/import/tests/showcase.yaml"));
    let package = work.join("imported");
    let synth = build_synth(&root)?;
    let verbs = verbs(&templates);
    let output = Command::new(&synth)
        .arg("import")
        .args(&templates)
        .args(verbs.iter().flat_map(|verb| ["--name", verb.as_str()]))
        .arg("-o")
        .arg(&package)
        .output()
        .map_err(|e| format!("running synth import: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "synth import failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let manifest = package.join("Cargo.toml");
    let cargo = |args: &[&str]| -> Result<(), String> {
        let status = Command::new(env!("CARGO"))
            .arg(args[0])
            .arg("--manifest-path")
            .arg(&manifest)
            .args(&args[1..])
            .env("CARGO_TARGET_DIR", root.join("target"))
            .status()
            .map_err(|e| format!("running cargo {}: {e}", args[0]))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "cargo {} on the imported package failed ({status}); it is in {}",
                args.join(" "),
                package.display()
            ))
        }
    };
    cargo(&["fmt", "--check"])?;
    cargo(&["clippy", "--quiet", "--", "-D", "warnings"])?;
    cargo(&["build", "--quiet"])?;
    let binary = root.join("target/debug/imported");
    let printed = work.join("printed");
    fs::create_dir_all(&printed).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    let mut pairs = Vec::new();
    for (template, verb) in templates.iter().zip(&verbs) {
        let out = printed.join(format!("{verb}.yaml"));
        let run = Command::new(&binary)
            .arg(verb)
            .output()
            .map_err(|e| format!("running the imported {verb}: {e}"))?;
        if !run.status.success() {
            failures.push(format!(
                "{verb}: the imported stack failed: {}",
                String::from_utf8_lossy(&run.stderr).trim()
            ));
            continue;
        }
        fs::write(&out, &run.stdout).map_err(|e| e.to_string())?;
        let diff = Command::new(&synth)
            .arg("diff")
            .arg(template)
            .arg(&out)
            .output()
            .map_err(|e| format!("running synth diff: {e}"))?;
        if diff.status.code() != Some(0) {
            failures.push(format!(
                "{}: the printed template differs (synth diff exit {:?}):\n{}",
                template.display(),
                diff.status.code(),
                String::from_utf8_lossy(&diff.stdout)
            ));
        }
        pairs.push((template.clone(), out));
    }
    failures.extend(new_lint_findings(&root, &pairs)?);
    if !failures.is_empty() {
        return Err(format!(
            "import-check: {} of {} templates fail the round trip:\n{}",
            failures.len(),
            templates.len(),
            failures.join("\n")
        ));
    }
    println!(
        "import-check: {} templates imported, built without warnings, printed back identical \
         (synth diff exit 0), no new cfn-lint finding",
        templates.len()
    );
    Ok(())
}

/// The corpus templates, sorted (licence and source files are not).
fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json" | "template")
            ) && path.file_name().is_some_and(|n| n != "SOURCE.json")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Each template's stack name: its file stem as a command name, or its
/// whole file name where two stems are the same (a snapshot's YAML and
/// JSON forms).
fn verbs(templates: &[PathBuf]) -> Vec<String> {
    let stem = |t: &PathBuf| command_name(&t.file_stem().unwrap_or_default().to_string_lossy());
    templates
        .iter()
        .map(|t| {
            let shared = templates.iter().filter(|o| stem(o) == stem(t)).count() > 1;
            match shared {
                true => command_name(&t.file_name().unwrap_or_default().to_string_lossy()),
                false => stem(t),
            }
        })
        .collect()
}

/// `Name_With.Dots` → `name-with-dots`.
fn command_name(name: &str) -> String {
    let name = name.to_lowercase();
    let mut verb = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            verb.push(c);
        } else if !verb.is_empty() && !verb.ends_with('-') {
            verb.push('-');
        }
    }
    verb.trim_end_matches('-').to_string()
}

fn build_synth(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "synth"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("building synth: {e}"))?;
    if !status.success() {
        return Err("building synth failed".to_string());
    }
    Ok(root.join("target/debug/synth"))
}

/// cfn-lint's findings on each printed template that it does not report
/// on the original (rule and message, lines aside).
fn new_lint_findings(root: &Path, pairs: &[(PathBuf, PathBuf)]) -> Result<Vec<String>, String> {
    let lint = |files: Vec<&PathBuf>| -> Result<Vec<(String, String)>, String> {
        let output = Command::new("cfn-lint")
            .args(["--format", "parseable", "--"])
            .args(&files)
            .current_dir(root)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("running cfn-lint (pip install cfn-lint): {e}"))?;
        if output.status.code().is_some_and(|c| c & 1 != 0) {
            return Err(format!(
                "cfn-lint itself failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        // file:line:col:line:col:rule:message
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| {
                let fields: Vec<&str> = line.splitn(7, ':').collect();
                (fields.len() == 7).then(|| {
                    (
                        fields[0].to_string(),
                        format!("{} {}", fields[5], fields[6]),
                    )
                })
            })
            .collect())
    };
    let original = lint(pairs.iter().map(|(o, _)| o).collect())?;
    let printed = lint(pairs.iter().map(|(_, p)| p).collect())?;
    let mut out = Vec::new();
    for (original_path, printed_path) in pairs {
        let known: BTreeSet<&String> = original
            .iter()
            .filter(|(file, _)| Path::new(file) == original_path.as_path())
            .map(|(_, finding)| finding)
            .collect();
        for (_, finding) in printed
            .iter()
            .filter(|(file, _)| Path::new(file) == printed_path.as_path())
        {
            if !known.contains(finding) {
                out.push(format!(
                    "{}: cfn-lint finds what it did not on the original: {finding}",
                    printed_path.display()
                ));
            }
        }
    }
    Ok(out)
}
