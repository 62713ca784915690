//! The real `synth` binary, run as users run it.

mod common;

use std::process::{Command, Output};

use common::{root, snapshot_body, stderr, stdout, synth, temp_dir};

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
fn a_config_that_is_not_a_mapping_says_so_and_quotes_only_an_excerpt() {
    let dir = temp_dir("notamapping");
    let config = dir.join("edge.yaml");
    // Like /etc/passwd: one long plain scalar over many lines.
    let lines: Vec<String> = (0..200)
        .map(|i| format!("user{i}:x:{i}:{i}:User {i}:/home/user{i}:/bin/sh"))
        .collect();
    std::fs::write(&config, lines.join("\n")).unwrap();
    let output = synth(&["edge", "--config", config.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert!(message.contains("must be a mapping"), "{message}");
    assert!(message.contains("a string"), "{message}");
    assert!(message.contains("user0:x:0:0"), "{message}");
    assert!(
        !message.contains("user199"),
        "the whole file is quoted: {message}"
    );
    assert!(message.len() < 600, "{} bytes: {message}", message.len());
}

#[test]
fn a_long_bad_value_is_quoted_as_an_excerpt() {
    let dir = temp_dir("longvalue");
    let config = dir.join("tenant.yaml");
    let long = "x".repeat(5000);
    std::fs::write(&config, format!("allowDeleteResources: {long}\n")).unwrap();
    let output = synth(&["tenant", "acme", "--config", config.to_str().unwrap()]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("/allowDeleteResources"), "{message}");
    assert!(message.contains("..."), "{message}");
    assert!(message.len() < 600, "{} bytes: {message}", message.len());
}

#[test]
fn committed_schema_is_fresh() {
    for stack in stacks::registry::ALL
        .iter()
        .map(|stack| stack.verb())
        .chain(["fleet"])
    {
        let output = synth(&["schema", stack]);
        assert!(output.status.success(), "{}", stderr(&output));
        let committed =
            std::fs::read_to_string(root().join(format!("schemas/{stack}.schema.json")))
                .unwrap_or_default();
        assert!(
            committed == stdout(&output),
            "schemas/{stack}.schema.json is stale: run \
             `cargo run -p synth -- schema {stack} > schemas/{stack}.schema.json`"
        );
    }
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
        // The update changes something: its parameters, or its template.
        match stack.get("update_template") {
            Some(update) => {
                let update = std::fs::read_to_string(dir.join(update.as_str().unwrap())).unwrap();
                let create =
                    std::fs::read_to_string(dir.join(stack["template"].as_str().unwrap())).unwrap();
                assert_ne!(create, update);
            }
            None => assert_ne!(stack["create_parameters"], stack["update_parameters"]),
        }
    }
    let schedules = stacks
        .iter()
        .find(|stack| stack["name"] == "schedules")
        .expect("the schedules example");
    assert_eq!(schedules["update_template"], "schedules-update.yaml");
    assert_eq!(
        schedules["create_parameters"]["PublicSubnetId"],
        serde_json::json!({"lookup": "default-subnet-id"})
    );
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

/// Runs `synth schedules --config <file>` with `config` as the file's text.
fn schedules_with_config(label: &str, config: &str) -> Output {
    let dir = temp_dir(label);
    let path = dir.join("schedules.yaml");
    std::fs::write(&path, config).unwrap();
    synth(&["schedules", "--config", path.to_str().unwrap()])
}

/// A config that `synth schedules` must refuse: non-zero exit, nothing on
/// stdout, and every `expected` fragment on stderr.
fn assert_refused(label: &str, config: &str, expected: &[&str]) {
    let output = schedules_with_config(label, config);
    assert!(!output.status.success(), "{label} was accepted");
    assert!(stdout(&output).is_empty(), "{label} printed to stdout");
    let message = stderr(&output);
    assert!(message.starts_with("error: invalid config "), "{message}");
    for fragment in expected {
        assert!(
            message.contains(fragment),
            "{label}: {fragment:?} missing from {message}"
        );
    }
}

#[test]
fn schedules_prints_exactly_the_reviewed_snapshot() {
    let output = synth(&["schedules"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), snapshot_body("schedules-default"));
    assert!(stderr(&output).is_empty(), "no warning by default");
}

#[test]
fn schedules_json_and_output_file() {
    let output = synth(&["schedules", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let template: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(template["Resources"]["NightlyDataChangeSchedule"].is_object());

    let dir = temp_dir("schedules-out");
    let path = dir.join("schedules.yaml");
    let output = synth(&["schedules", "-o", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        snapshot_body("schedules-default")
    );
}

#[test]
fn the_annotated_example_config_builds_the_seed() {
    let path = root().join("examples/schedules.yaml");
    let output = synth(&["schedules", "--config", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), snapshot_body("schedules-default"));
}

#[test]
fn public_opt_ins_warn_on_stderr() {
    let output = schedules_with_config(
        "schedules-public",
        "publicBucket: true\npublicRepository: true\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("AWS::ECR::PublicRepository"));
    let message = stderr(&output);
    assert!(message.contains("warning: publicBucket:"), "{message}");
    assert!(message.contains("warning: publicRepository:"), "{message}");
}

#[test]
fn a_bad_cron_is_refused() {
    assert_refused(
        "bad-cron",
        "processes:\n  - {name: Nightly, cron: 'cron(0 2 * * * *)'}\n",
        &[
            "/processes/0/cron",
            "\"cron(0 2 * * * *)\"",
            "exactly one of them must be \"?\"",
        ],
    );
    assert_refused(
        "five-fields",
        "processes:\n  - {name: Nightly, cron: 'cron(0 2 * * ?)'}\n",
        &["/processes/0/cron", "has 5 fields", "six"],
    );
}

#[test]
fn a_retry_window_longer_than_the_interval_is_refused() {
    assert_refused(
        "retry-age",
        "processes:\n  - name: QuarterHourly\n    cron: cron(0/15 * * * ? *)\n    \
         maximumEventAgeSeconds: 7200\n",
        &[
            "/processes/0/maximumEventAgeSeconds",
            "7200",
            "longer than the 900 s between two runs",
        ],
    );
}

#[test]
fn a_duplicate_process_name_is_refused() {
    assert_refused(
        "duplicate",
        "processes:\n  - {name: Hourly, cron: 'cron(0 * * * ? *)'}\n  \
         - {name: Hourly, cron: 'cron(30 * * * ? *)'}\n",
        &[
            "/processes/1/name",
            "\"Hourly\"",
            "repeats /processes/0/name",
            "unique",
        ],
    );
}

#[test]
fn an_unknown_field_is_refused() {
    assert_refused(
        "unknown-field",
        "schedulesEnabled: true\nprocesses:\n  - {name: Hourly, cron: 'cron(0 * * * ? *)', \
         retries: 3}\nnetwrok: createVpc\n",
        &["retries", "netwrok", "not allowed"],
    );
}

#[test]
fn a_size_fargate_does_not_run_is_refused() {
    assert_refused(
        "fargate-size",
        "processes:\n  - {name: Hourly, cron: 'cron(0 * * * ? *)', cpu: 1024, memory: 1024}\n",
        &[
            "/processes/0/memory",
            "1024 is not a memory size Fargate offers with 1024 CPU units",
            "2048 to 8192 in steps of 1024",
        ],
    );
    assert_refused(
        "fargate-cpu",
        "processes:\n  - {name: Hourly, cron: 'cron(0 * * * ? *)', cpu: 1000}\n",
        &["/processes/0/cpu", "1000"],
    );
}

#[test]
fn a_refused_config_writes_no_file() {
    let dir = temp_dir("schedules-nofile");
    let config = dir.join("bad.yaml");
    std::fs::write(&config, "processes: []\n").unwrap();
    let path = dir.join("out.yaml");
    let output = synth(&[
        "schedules",
        "--config",
        config.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(!path.exists(), "nothing written on failure");
    assert!(
        stderr(&output).contains("/processes"),
        "{}",
        stderr(&output)
    );
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_refused_config_leaves_an_existing_file_unchanged_and_no_temporary_file() {
    let dir = temp_dir("schedules-keepfile");
    let config = dir.join("bad.yaml");
    std::fs::write(&config, "processes: []\n").unwrap();
    let path = dir.join("out.yaml");
    std::fs::write(&path, "the template of the last good run\n").unwrap();
    let before = listing(&dir);
    let output = synth(&[
        "schedules",
        "--config",
        config.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "the template of the last good run\n"
    );
    assert_eq!(listing(&dir), before);
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = temp_dir("schedules-failedwrite");
    // The output path is a directory, so renaming the finished file onto
    // it fails after the temporary file was written.
    let target = dir.join("out.yaml");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    let before = listing(&dir);
    let output = synth(&["schedules", "-o", target.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(stderr(&output).contains("out.yaml"), "{}", stderr(&output));
    assert_eq!(listing(&dir), before, "a temporary file was left behind");
    assert_eq!(listing(&target), ["keep"]);
}

/// Runs `synth edge --config <file>` with `config` as the file's text.
fn edge_with_config(label: &str, config: &str) -> Output {
    let dir = temp_dir(label);
    let path = dir.join("edge.yaml");
    std::fs::write(&path, config).unwrap();
    synth(&["edge", "--config", path.to_str().unwrap()])
}

#[test]
fn edge_example_configs_print_the_reviewed_snapshots() {
    for (config, snapshot) in [
        ("examples/edge.yaml", "edge-example"),
        ("examples/edge-minimal.yaml", "edge-minimal"),
    ] {
        let path = root().join(config);
        let output = synth(&["edge", "--config", path.to_str().unwrap()]);
        assert!(output.status.success(), "{config}: {}", stderr(&output));
        assert_eq!(stdout(&output), snapshot_body(snapshot), "{config}");
    }
}

#[test]
fn edge_warns_when_the_template_needs_an_s3_bucket_to_deploy() {
    let path = root().join("examples/edge.yaml");
    let output = synth(&["edge", "--config", path.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("--s3-bucket"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn edge_needs_a_config() {
    let output = synth(&["edge"]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(stderr(&output).contains("--config"), "{}", stderr(&output));
}

#[test]
fn bad_edge_configs_are_refused_with_nothing_on_stdout() {
    let servers = "edgeServers: {longRunning: [{name: es}]}\n";
    let domain = "dns: {domain: edge.example.com}\n";
    let cases: [(&str, String, &[&str]); 5] = [
        ("edge-missing", servers.to_string(), &["\"dns\" is a required property"]),
        (
            "edge-unknown",
            format!("{domain}{servers}loadBalancer: {{idleTimeout: 60}}\n"),
            &["idleTimeout", "not allowed"],
        ),
        (
            "edge-two-coordinators",
            format!(
                "{domain}{servers}coordinator: {{registry: a.azurecr.io, tokenIssuer: 'https://a.example/'}}\n\
                 coordinator: {{registry: b.azurecr.io, tokenIssuer: 'https://b.example/'}}\n"
            ),
            &["gives the key \"coordinator\" twice"],
        ),
        (
            "edge-dns-label",
            format!("{domain}edgeServers: {{longRunning: [{{name: -es.1}}]}}\n"),
            &["/edgeServers/longRunning/0/name", "-es.1"],
        ),
        (
            "edge-logical-id",
            format!("{domain}edgeServers: {{longRunning: [{{name: eu-1}}], serverless: [{{name: eu1, repository: r}}]}}\n"),
            &["/edgeServers/serverless/0/name", "logical ID prefix EdgeServerEu1"],
        ),
    ];
    for (label, config, expected) in cases {
        let output = edge_with_config(label, &config);
        assert!(!output.status.success(), "{label} was accepted");
        assert!(stdout(&output).is_empty(), "{label} printed to stdout");
        let message = stderr(&output);
        assert!(
            message.starts_with("error: invalid config "),
            "{label}: {message}"
        );
        for fragment in expected {
            assert!(
                message.contains(fragment),
                "{label}: {fragment:?} missing from {message}"
            );
        }
    }
}

#[test]
fn dataspace_prints_each_environments_reviewed_snapshot() {
    for (args, snapshot) in [
        (vec!["dataspace"], "dataspace-dev"),
        (vec!["dataspace", "--env", "staging"], "dataspace-staging"),
        (vec!["dataspace", "--env", "prod"], "dataspace-prod"),
    ] {
        let output = synth(&args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), snapshot_body(snapshot), "{args:?}");
    }
    let output = synth(&["dataspace", "--env", "qa"]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("possible values: dev, staging, prod"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_dataspace_workflows_synth_step_runs_and_makes_the_template() {
    let output = synth(&["dataspace", "--env", "prod", "--emit", "github-workflow"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let workflow = yaml::parse_document(&stdout(&output)).unwrap();
    let steps = workflow["jobs"]["deploy"]["steps"].as_array().unwrap();
    let synth_step = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .find(|run| run.starts_with("cargo run"))
        .expect("a step runs synth");
    // The words after `--` are synth's, with the workflow's template path.
    let dir = temp_dir("workflow");
    let path = dir.join("dataspace-prod.yaml");
    let args: Vec<String> = synth_step
        .split_once(" -- ")
        .unwrap()
        .1
        .split_whitespace()
        .map(|word| {
            if word == "\"$TEMPLATE_FILE\"" {
                path.display().to_string()
            } else {
                word.to_string()
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = synth(&args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        snapshot_body("dataspace-prod")
    );
    assert_eq!(
        workflow["env"]["TEMPLATE_FILE"].as_str(),
        Some("dataspace-prod.yaml")
    );
}

#[test]
fn a_workflow_for_a_config_passes_the_config_to_synth() {
    // The path is the config's in synth's repository, which the workflow
    // checks out as `synth/`; run from the repository's root, as a user does.
    let dir = temp_dir("dataspace-config");
    std::fs::create_dir_all(dir.join("deploy")).unwrap();
    std::fs::write(dir.join("deploy/dataspace.yaml"), "logRetentionDays: 90\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_synth"))
        .args([
            "dataspace",
            "--config",
            "deploy/dataspace.yaml",
            "--emit",
            "github-workflow",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("--config 'synth/deploy/dataspace.yaml'"));
    // An absolute path means nothing on the runner.
    let path = dir.join("deploy/dataspace.yaml");
    let output = synth(&[
        "dataspace",
        "--config",
        path.to_str().unwrap(),
        "--emit",
        "github-workflow",
    ]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("relative to synth's repository"),
        "{}",
        stderr(&output)
    );
    // Nor does one that leaves it.
    let output = Command::new(env!("CARGO_BIN_EXE_synth"))
        .args([
            "dataspace",
            "--config",
            "../deploy/dataspace.yaml",
            "--emit",
            "github-workflow",
        ])
        .current_dir(dir.join("deploy"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    assert!(stderr(&output).contains("inside it"), "{}", stderr(&output));
}

#[test]
fn a_workflow_config_path_with_a_space_reaches_synth_whole() {
    // Run from synth's repository, as a user does; the runner has it as
    // `synth/` in its workspace.
    let dir = temp_dir("dataspace-space");
    let config = "my configs/dataspace.yaml";
    let repository = dir.join("synth");
    std::fs::create_dir_all(repository.join("my configs")).unwrap();
    std::fs::write(repository.join(config), "logRetentionDays: 90\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_synth"))
        .args(["dataspace", "--config", config, "--emit", "github-workflow"])
        .current_dir(&repository)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let workflow = yaml::parse_document(&stdout(&output)).unwrap();
    let synth_step = workflow["jobs"]["deploy"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|step| step["run"].as_str())
        .find(|run| run.starts_with("cargo run"))
        .expect("a step runs synth");
    // The step's shell line, with this build of synth for `cargo run`.
    let (_, arguments) = synth_step.split_once(" -- ").unwrap();
    let line = format!("'{}' {arguments}", env!("CARGO_BIN_EXE_synth"));
    let output = Command::new("sh")
        .args(["-c", &line])
        .env("TEMPLATE_FILE", "dataspace-dev.yaml")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{line}: {}", stderr(&output));
    let template = std::fs::read_to_string(dir.join("dataspace-dev.yaml")).unwrap();
    assert!(template.contains("RetentionInDays: 90"), "{template}");
}

#[test]
fn a_bad_dataspace_config_is_refused_with_nothing_on_stdout() {
    let dir = temp_dir("dataspace-bad");
    let path = dir.join("dataspace.yaml");
    std::fs::write(
        &path,
        "environments: {prod: {search: {instanceCount: 3}}}\n",
    )
    .unwrap();
    let output = synth(&[
        "dataspace",
        "--env",
        "prod",
        "--config",
        path.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert!(
        message.contains("/environments/prod/search/instanceCount: 3 must be even"),
        "{message}"
    );
}

#[test]
fn adology_prints_the_reviewed_snapshot_and_the_example_config_builds() {
    let output = synth(&["adology"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), snapshot_body("adology-default"));
    let example = root().join("examples/adology.yaml");
    let output = synth(&["adology", "--config", example.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), snapshot_body("adology-example"));
}

#[test]
fn adology_cost_is_a_labelled_estimate_from_the_config() {
    let output = synth(&["adology", "--emit", "cost"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("ESTIMATE"), "{text}");
    assert!(text.contains("us-east-1 as of 2026-11-01"), "{text}");
    assert!(
        text.contains("| ECS container instances | 2–6 × t3.medium |"),
        "{text}"
    );
    assert!(text.contains("| **Total** |"), "{text}");
    let example = root().join("examples/adology.yaml");
    let output = synth(&[
        "adology",
        "--config",
        example.to_str().unwrap(),
        "--emit",
        "cost",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("| WebSocket instances | 1–2 × t3.small |"),
        "{text}"
    );
    assert!(text.contains("db.m7g.large Multi-AZ"), "{text}");
}

#[test]
fn a_bad_adology_config_is_refused_with_nothing_on_stdout() {
    let dir = temp_dir("adology-bad");
    let path = dir.join("adology.yaml");
    let out = dir.join("adology-out.yaml");
    std::fs::write(
        &path,
        "instances: {instanceType: t3.small}\napi: {memory: 4096}\n",
    )
    .unwrap();
    for emit in ["template", "cost"] {
        let output = synth(&[
            "adology",
            "--config",
            path.to_str().unwrap(),
            "--emit",
            emit,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!output.status.success());
        assert!(stdout(&output).is_empty());
        assert!(!out.exists(), "nothing written on failure");
        let message = stderr(&output);
        assert!(
            message.contains("/api/memory: 4096 is more than a t3.small has for tasks"),
            "{message}"
        );
    }
}
