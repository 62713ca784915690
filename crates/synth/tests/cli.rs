//! The real `synth` binary, run as users run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn synth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synth"))
        .args(args)
        .output()
        .expect("synth runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The body of a committed insta snapshot.
fn snapshot_body(name: &str) -> String {
    let text =
        std::fs::read_to_string(root().join("snapshots").join(format!("{name}.snap"))).unwrap();
    let mut parts = text.splitn(3, "---\n");
    parts.next();
    parts.next();
    parts.next().unwrap().to_string()
}

fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synth-cli-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn tenant_prints_exactly_the_reviewed_snapshot() {
    let output = synth(&["tenant", "acme"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), snapshot_body("tenant-acme"));
}

#[test]
fn json_format_is_json() {
    let output = synth(&["tenant", "acme", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let template: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(template["AWSTemplateFormatVersion"], "2010-09-09");
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = temp_dir("out");
    let path = dir.join("acme.yaml");
    let output = synth(&["tenant", "acme", "-o", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        snapshot_body("tenant-acme")
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn bad_tenant_name_fails_cleanly() {
    let dir = temp_dir("badname");
    let path = dir.join("t.yaml");
    let output = synth(&["tenant", "Acme_Corp", "-o", path.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(!path.exists(), "nothing written on failure");
    let message = stderr(&output);
    assert!(message.contains("\"Acme_Corp\""), "{message}");
    assert!(message.contains("tenant name"), "{message}");
}

#[test]
fn bad_config_names_the_field_and_rule() {
    let dir = temp_dir("badconfig");
    let config = dir.join("tenant.yaml");
    std::fs::write(&config, "allowDeleteResources: maybe\nnoSuchField: 1\n").unwrap();
    let output = synth(&["tenant", "acme", "--config", config.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert!(message.contains("/allowDeleteResources"), "{message}");
    assert!(message.contains("noSuchField"), "{message}");
}

#[test]
fn committed_schema_is_fresh() {
    let output = synth(&["schema", "tenant"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let committed =
        std::fs::read_to_string(root().join("schemas/tenant.schema.json")).unwrap_or_default();
    assert!(
        committed == stdout(&output),
        "schemas/tenant.schema.json is stale: run `cargo run -p synth -- schema tenant > schemas/tenant.schema.json`"
    );
}

#[test]
fn examples_write_templates_and_a_manifest() {
    let dir = temp_dir("examples");
    let output = synth(&["examples", "--out-dir", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let stacks = manifest.as_array().unwrap();
    assert!(!stacks.is_empty());
    for stack in stacks {
        assert!(dir.join(stack["template"].as_str().unwrap()).exists());
        assert_ne!(stack["create_parameters"], stack["update_parameters"]);
    }
}

#[test]
fn emit_runbook_and_ovaledge_env() {
    let output = synth(&["tenant", "acme", "--emit", "runbook"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("askedgi-acme"));

    let output = synth(&["tenant", "acme", "--emit", "ovaledge-env"]);
    assert!(!output.status.success(), "--outputs is required");
    assert!(stdout(&output).is_empty());

    let dir = temp_dir("emit");
    let outputs = dir.join("outputs.json");
    std::fs::write(
        &outputs,
        r#"{"Stacks": [{"Outputs": [{"OutputKey": "Region", "OutputValue": "us-east-1"}]}]}"#,
    )
    .unwrap();
    let output = synth(&[
        "tenant",
        "acme",
        "--emit",
        "ovaledge-env",
        "--outputs",
        outputs.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("missing output \"BucketName\""),
        "{}",
        stderr(&output)
    );
}
