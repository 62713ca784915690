//! The worker stack as its users meet it: the template reviewers read (an
//! insta snapshot, which `cargo xtask lint` and `guard` check in the synth
//! repository), the committed schema, the config rules, and the command
//! line `main.rs` builds.

use std::process::Command;

use constructs::Format;
use framework::config;
use own_stack::{build, WorkerConfig};

fn synthesize(config_text: &str) -> String {
    let config = config::parse::<WorkerConfig>(config_text, "worker.yaml").unwrap();
    build(&config)
        .unwrap()
        .synthesize(Format::Yaml)
        .unwrap()
        .body
}

fn snapshot(name: &str, body: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, body);
    });
}

#[test]
fn default_template() {
    snapshot("worker-default", &synthesize(""));
}

#[test]
fn example_config_template() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/worker.yaml")).unwrap();
    snapshot("worker-example", &synthesize(&text));
}

#[test]
fn committed_schema_is_fresh() {
    let schema = config::schema_of::<WorkerConfig>().unwrap();
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/worker.schema.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema, committed,
        "worker.schema.json is stale: cargo run -- schema worker > worker.schema.json"
    );
}

#[test]
fn config_rules_name_the_field() {
    let error = config::parse::<WorkerConfig>("timeoutSeconds: 60\n", "worker.yaml").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("/visibilityTimeoutSeconds: 180 is under six times timeoutSeconds (360)"),
        "{error}"
    );
    let error = config::parse::<WorkerConfig>("logRetentionDays: 10\n", "worker.yaml").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("/logRetentionDays: 10 is not a period"),
        "{error}"
    );
    let error = config::parse::<WorkerConfig>("batchSize: 11\n", "worker.yaml").unwrap_err();
    assert!(error.to_string().contains("/batchSize"), "{error}");
    let error = config::parse::<WorkerConfig>("timeout: 30\n", "worker.yaml").unwrap_err();
    assert!(error.to_string().contains("timeout"), "{error}");
}

#[test]
fn kept_unless_deletion_is_allowed() {
    let kept = synthesize("");
    assert_eq!(
        kept.matches("DeletionPolicy: RetainExceptOnCreate").count(),
        4,
        "{kept}"
    );
    assert!(kept.contains("DeletionProtectionEnabled: true"));
    let deleted = synthesize("allowDeleteResources: true\n");
    assert!(!deleted.contains("Retain"), "{deleted}");
    assert!(deleted.contains("DeletionProtectionEnabled: false"));
}

/// `cargo run -- ARGS`: the binary Cargo built for this package.
fn worker(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_own-stack"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn every_verb_works_on_the_stack() {
    let template = worker(&["worker", "--config", "worker.yaml"]);
    assert!(template.status.success(), "{template:?}");
    let text = String::from_utf8(template.stdout).unwrap();
    assert_eq!(
        text,
        synthesize(&std::fs::read_to_string("worker.yaml").unwrap())
    );

    let schema = worker(&["schema", "worker"]);
    assert!(schema.status.success());
    assert_eq!(
        String::from_utf8(schema.stdout).unwrap(),
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/worker.schema.json"))
            .unwrap()
    );

    let dir = std::env::temp_dir().join(format!("own-stack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (old, new) = (dir.join("old.yaml"), dir.join("new.yaml"));
    std::fs::write(&old, synthesize("")).unwrap();
    std::fs::write(&new, synthesize("memoryMb: 512\n")).unwrap();
    let diff = worker(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    // 2: changes, none destructive.
    assert_eq!(diff.status.code(), Some(2), "{diff:?}");
    assert!(String::from_utf8(diff.stdout)
        .unwrap()
        .contains("WorkerFunction"));

    let diagram = worker(&["diagram", new.to_str().unwrap(), "--format", "mermaid"]);
    assert!(diagram.status.success(), "{diagram:?}");
    assert!(String::from_utf8(diagram.stdout)
        .unwrap()
        .contains("WorkQueueToFunction -->|invokes| WorkerFunction"));
    // Control Tower's controls: the default config names no alarm topic.
    let check = worker(&["check", old.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(2), "{check:?}");
    assert!(String::from_utf8(check.stdout)
        .unwrap()
        .contains("  DeadLettersAlarm\n    CT.CLOUDWATCH.PR.1"));
    let _ = std::fs::remove_dir_all(&dir);

    let bad = worker(&["worker", "--config", "no-such-file.yaml"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8(bad.stderr)
        .unwrap()
        .contains("no-such-file.yaml"));
}
