//! `synth check` as a user runs it: the real binary on templates the
//! project emits, with and without an exceptions file, in each format.

mod common;

use common::{snapshot_body, stderr, stdout, synth, synth_with_input, temp_dir, write};

/// A template of the project fails controls its exceptions file accepts:
/// exit 2 with each failing resource, its control and the fix.
#[test]
fn failures_are_reported_by_resource_with_their_fix() {
    let dir = temp_dir("check-failures");
    let tenant = write(&dir, "tenant-acme.yaml", &snapshot_body("tenant-acme"));
    let output = synth(&["check", &tenant]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("  DataSyncDeadLetterQueue\n    CT.SQS.PR.1  Require any Amazon SQS queue to have a dead-letter queue configured\n      fix: Create a 'RedrivePolicy'"), "{text}");
    assert!(
        text.ends_with("list the failure with its reason in an exceptions file (--exceptions).\n"),
        "{text}"
    );
    // Never coloured when not on a terminal, unless asked.
    assert!(!text.contains('\x1b'));
    let coloured = stdout(&synth(&["check", &tenant, "--color", "always"]));
    assert!(coloured.contains("\x1b[31mCT.SQS.PR.1\x1b[0m"));
}

/// Standard input is named by `--name`, which the exceptions file keys;
/// everything excepted is exit 0, and the report says what is excepted
/// and why.
#[test]
fn exceptions_accept_failures_with_their_reasons() {
    let dir = temp_dir("check-exceptions");
    let body = snapshot_body("tenant-acme");
    // Every failure, accepted by control for the `tenant` key.
    let report = synth_with_input(&["check", "-", "--format", "json"], body.as_bytes());
    assert_eq!(report.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    assert_eq!(report["templates"][0]["file"], "-");
    let mut controls: Vec<&str> = report["templates"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["control"].as_str().unwrap())
        .collect();
    controls.sort();
    controls.dedup();
    let listings: Vec<serde_json::Value> = controls
        .iter()
        .map(|control| serde_json::json!({"rule": control, "because": "does-not-apply", "why": "a test"}))
        .collect();
    let exceptions = write(
        &dir,
        "exceptions.json",
        &serde_json::json!({ "tenant": listings }).to_string(),
    );
    let output = synth_with_input(
        &[
            "check",
            "-",
            "--name",
            "tenant-acme",
            "--exceptions",
            &exceptions,
        ],
        body.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("standard input: passes ("), "{text}");
    assert!(
        text.contains(
            "  excepted: CT.SQS.PR.1 on DataSyncDeadLetterQueue (does-not-apply): a test\n"
        ),
        "{text}"
    );
    // Under another name, nothing is excepted and every listing is stale.
    let output = synth_with_input(
        &["check", "-", "--name", "other", "--exceptions", &exceptions],
        body.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("but failing nowhere (stale"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("  tenant CT.SQS.PR.1\n"),
        "{}",
        stderr(&output)
    );
}

/// A reason's facts are checked where the listing is used: one that
/// holds passes, one that does not is an error naming the template, the
/// fact and what is there.
#[test]
fn a_reason_whose_facts_do_not_hold_is_an_error() {
    let dir = temp_dir("check-facts");
    let body = snapshot_body("tenant-acme");
    let listing = |holds: serde_json::Value| {
        let report = synth_with_input(&["check", "-", "--format", "json"], body.as_bytes());
        let report: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
        let mut controls: Vec<String> = report["templates"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|finding| finding["control"].as_str().unwrap().to_string())
            .collect();
        controls.sort();
        controls.dedup();
        let listings: Vec<serde_json::Value> = controls
            .iter()
            .map(|control| {
                let mut listing = serde_json::json!({"rule": control, "because": "does-not-apply", "why": "a test"});
                if control == "CT.SQS.PR.1" {
                    listing["holds"] = holds.clone();
                }
                listing
            })
            .collect();
        write(
            &dir,
            "exceptions.json",
            &serde_json::json!({ "tenant": listings }).to_string(),
        )
    };
    let check = |exceptions: &str| {
        synth_with_input(
            &[
                "check",
                "-",
                "--name",
                "tenant-acme",
                "--exceptions",
                exceptions,
            ],
            body.as_bytes(),
        )
    };
    let holds = listing(serde_json::json!([
        {"resource": "DataSyncDeadLetterQueue", "path": "Properties.RedrivePolicy", "present": false}
    ]));
    assert_eq!(check(&holds).status.code(), Some(0));
    let untrue = listing(serde_json::json!([
        {"resource": "DataSyncQueue", "path": "Properties.RedrivePolicy", "present": false}
    ]));
    let output = check(&untrue);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains("1 fact(s) that reasons in ")
            && error.contains(
                "  tenant CT.SQS.PR.1: tenant-acme: DataSyncQueue.Properties.RedrivePolicy is absent, but it is {\"deadLetterTargetArn\""
            ),
        "{error}"
    );
}

/// A broken exceptions file is an error that names the listing and rule.
#[test]
fn a_bad_exceptions_file_names_the_listing() {
    let dir = temp_dir("check-bad-exceptions");
    let tenant = write(&dir, "tenant-acme.yaml", &snapshot_body("tenant-acme"));
    let exceptions = write(
        &dir,
        "exceptions.json",
        r#"{"tenant": [{"rule": "CT.SQS.PR.1", "because": "because", "why": "x"}]}"#,
    );
    let output = synth(&["check", &tenant, "--exceptions", &exceptions]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.contains("exceptions.json: /tenant/0: `because` is \"because\""),
        "{error}"
    );
    assert!(stdout(&output).is_empty());
}

/// For code scanning: an error per failing resource, on its line.
#[test]
fn sarif_points_at_the_failing_resource() {
    let dir = temp_dir("check-sarif");
    let text = snapshot_body("tenant-acme");
    let tenant = write(&dir, "tenant-acme.yaml", &text);
    let output = synth(&["check", &tenant, "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|result| {
            result["ruleId"] == "CT.SQS.PR.1"
                && result["locations"][0]["logicalLocations"][0]["name"]
                    == "DataSyncDeadLetterQueue"
        })
        .unwrap();
    assert_eq!(result["level"], "error");
    let line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(
        text.lines().nth(line - 1),
        Some("  DataSyncDeadLetterQueue:")
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|rule| rule["id"] == "CT.SQS.PR.1"
        && rule["help"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Create a 'RedrivePolicy'")));
}

/// What is not a template is refused before any rule runs.
#[test]
fn a_document_that_is_not_a_template_is_an_error() {
    let output = synth_with_input(&["check", "-"], b"logLevel: info\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: standard input:"),
        "{}",
        stderr(&output)
    );
    let output = synth(&["check", "-", "-"]);
    assert_eq!(output.status.code(), Some(1));
}

/// What CloudFormation itself would refuse is forecast offline: here one
/// queue name given twice and a dependency cycle, each on its resources.
#[test]
fn deploy_failures_known_offline_are_forecast() {
    let template = "\
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Retries.Arn
        maxReceiveCount: 3
  Retries:
    Type: AWS::SQS::Queue
    DependsOn: Jobs
    Properties:
      QueueName: jobs
";
    let output = synth_with_input(&["check", "-", "--format", "json"], template.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let found: Vec<(String, String)> = report["templates"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["ruleFile"] == "forecast")
        .map(|finding| {
            (
                finding["resource"].as_str().unwrap().to_string(),
                finding["control"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for resource in ["Jobs", "Retries"] {
        for control in ["CFN.NAME.DUPLICATE", "CFN.DEPENDS.CYCLE"] {
            assert!(
                found.contains(&(resource.to_string(), control.to_string())),
                "{resource} {control}: {found:?}"
            );
        }
    }
    let text = stdout(&synth_with_input(&["check", "-"], template.as_bytes()));
    assert!(text.contains("CFN.DEPENDS.CYCLE  Resources do not depend on each other in a cycle (Jobs → Retries → Jobs)"), "{text}");
}
