//! `synth check` evaluates only the rule files that name a type the
//! template has. This holds it to evaluating all 237 of them: on every
//! template the project emits (the snapshots) and on public templates of
//! other origins (`tests/public/`, from aws-cloudformation-templates), the
//! failures are the same.

use std::path::{Path, PathBuf};

/// Every file ending in `.extension` in `dirs` (relative to `base`), by
/// name, as `(stem, text)`.
fn files(base: &Path, dirs: &[&str], extension: &str) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| std::fs::read_dir(base.join(dir)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(path).unwrap(),
            )
        })
        .collect()
}

/// The public templates, by file name.
fn public_templates() -> Vec<(String, String)> {
    files(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["tests/public"],
        "yaml",
    )
}

/// Every snapshot's template: the text after insta's header.
fn snapshot_bodies() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    files(
        &root,
        &["snapshots", "examples/own-stack/snapshots"],
        "snap",
    )
    .into_iter()
    .map(|(name, text)| {
        let body = text.splitn(3, "---\n").nth(2).unwrap().to_string();
        (name, body)
    })
    .collect()
}

#[test]
fn the_same_failures_as_every_rule() {
    let all: Vec<check::rules::RuleFile> = check::rules::all().collect();
    let snapshots = snapshot_bodies();
    assert!(snapshots.len() > 20, "{} snapshots", snapshots.len());
    let public = public_templates();
    assert!(public.len() >= 13, "{} public templates", public.len());
    let mut failures = 0;
    for (name, body) in snapshots.iter().chain(&public) {
        let template = inspect::read::parse(body, name).unwrap();
        let filtered = check::evaluate(&template.body).unwrap();
        let every = check::evaluate::evaluate_rules(&template.body, &all).unwrap();
        assert_eq!(filtered, every, "{name}");
        failures += every.len();
    }
    // The comparison means something: the rules do fail on these.
    assert!(failures > 100, "{failures} failures");
}
