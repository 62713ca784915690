//! `synth diff`, the real binary, as a user and a pipeline run it: files,
//! standard input, `get-template` output, exit codes, JSON, errors.

mod common;

use std::process::Output;

use common::{snapshot_body, stderr, stdout, synth, synth_with_input, temp_dir, write};

/// What `aws cloudformation get-template --query TemplateBody` saves for a
/// stack deployed from YAML: the template text as a JSON string.
fn as_get_template_output(yaml: &str) -> String {
    serde_json::to_string(yaml).unwrap()
}

#[test]
fn the_same_template_is_no_difference() {
    let dir = temp_dir("same");
    let deployed = write(
        &dir,
        "deployed.json",
        &as_get_template_output(&snapshot_body("tenant-acme")),
    );
    let output = synth_with_input(
        &["diff", &deployed, "-"],
        snapshot_body("tenant-acme").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("No differences."));
}

/// Python's `json.dumps` (troposphere's templates) escapes a character
/// beyond the Basic Multilingual Plane as a UTF-16 surrogate pair, which
/// a YAML parser refuses; it is the same template as one that writes 😀.
#[test]
fn json_surrogate_pairs_read_as_the_character() {
    let dir = temp_dir("surrogates");
    let escaped = write(
        &dir,
        "escaped.json",
        r#"{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs-\ud83d\ude00"}}}}"#,
    );
    let plain = write(
        &dir,
        "plain.yaml",
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: jobs-😀\n",
    );
    let output = synth(&["diff", &escaped, &plain]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("No differences."));
}

#[test]
fn an_in_place_config_change_exits_2() {
    let dir = temp_dir("changes");
    let config = write(&dir, "acme.yaml", "logRetentionDays: 90\n");
    let new = synth(&["tenant", "acme", "--config", &config]);
    assert!(new.status.success(), "{}", stderr(&new));
    let deployed = write(
        &dir,
        "deployed.json",
        &as_get_template_output(&snapshot_body("tenant-acme")),
    );
    let output = synth_with_input(&["diff", &deployed, "-"], stdout(&new).as_bytes());
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("updated in place"), "{text}");
    assert!(text.contains("RetentionInDays: 30 → 90"), "{text}");
    assert!(
        text.contains("Nothing holding data is replaced or removed"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn a_destructive_change_exits_3_with_the_same_facts_in_json() {
    let dir = temp_dir("destructive");
    let old = snapshot_body("tenant-acme");
    let old_path = write(&dir, "old.yaml", &old);
    // Turning off the retention a stateful resource carries, then
    // replacing it: the bucket's name is fixed, so it also cannot succeed.
    let mut template: serde_json::Value =
        serde_json::from_str(&stdout(&synth(&["tenant", "acme", "--format", "json"]))).unwrap();
    let resources = template["Resources"].as_object_mut().unwrap();
    let (bucket_id, _) = resources
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::S3::Bucket")
        .map(|(id, r)| (id.clone(), r.clone()))
        .unwrap();
    resources.remove(&bucket_id);
    let new_path = write(&dir, "new.json", &template.to_string());

    let output = synth(&["diff", &old_path, &new_path]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{bucket_id} AWS::S3::Bucket: removed")),
        "{text}"
    );
    assert!(text.contains("Destructive:"), "{text}");

    let output = synth(&["diff", &old_path, &new_path, "--format", "json"]);
    assert_eq!(output.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["outcome"], "destructive");
    assert_eq!(report["exitCode"], 3);
    let bucket = report["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["logicalId"] == bucket_id.as_str())
        .unwrap();
    assert_eq!(bucket["change"], "removed");
    assert_eq!(bucket["stateful"], true);
    assert_eq!(bucket["destructive"], true);
    assert_eq!(bucket["data"]["policy"], "DeletionPolicy");
    assert_eq!(bucket["data"]["fate"], "kept");
}

/// A template of services none of the stacks use (the open-types example:
/// DynamoDB, Step Functions): `synth diff` grades it from the spec like any
/// other. A new key schema replaces the table, which holds data; a new
/// billing mode updates it in place.
#[test]
fn types_no_stack_uses_are_graded_from_the_spec() {
    let dir = temp_dir("open-types");
    let old = snapshot_body("constructs-open-types");
    let old_path = write(&dir, "old.yaml", &old);
    let rekeyed = write(&dir, "rekeyed.yaml", &old.replace("orderId", "customerId"));
    let output = synth(&["diff", &old_path, &rekeyed, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let table = report["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["logicalId"] == "OrdersTable")
        .unwrap();
    assert_eq!(table["change"], "replaced", "{table}");
    assert_eq!(table["stateful"], true, "{table}");
    assert!(output.status.code().unwrap() >= 2, "{}", stderr(&output));

    let billed = write(
        &dir,
        "billed.yaml",
        &old.replace("BillingMode: PAY_PER_REQUEST", "BillingMode: PROVISIONED"),
    );
    let output = synth(&["diff", &old_path, &billed]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("OrdersTable AWS::DynamoDB::Table: updated"),
        "{}",
        stdout(&output)
    );
}

/// The tenant bucket's name from a `Fn::Sub` to a literal it cannot
/// produce: a certain replacement of a bucket that holds data, not a
/// "may be replaced" summed up as safe.
#[test]
fn a_bucket_renamed_from_a_sub_to_a_literal_is_replaced_with_its_data() {
    let dir = temp_dir("sub-literal");
    let old = snapshot_body("tenant-acme");
    let sub = "BucketName: !Sub 'askedgi-acme-data-${AWS::AccountId}'";
    assert!(old.contains(sub), "the snapshot names its bucket with !Sub");
    let old_path = write(&dir, "old.yaml", &old);
    let new_path = write(
        &dir,
        "new.yaml",
        &old.replace(sub, "BucketName: askedgi-acme-data"),
    );
    let output = synth(&["diff", &old_path, &new_path]);
    assert_eq!(output.status.code(), Some(3), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("DataBucket AWS::S3::Bucket: REPLACED"),
        "{text}"
    );
    assert!(text.contains("holds data"), "{text}");
    assert!(!text.contains("Nothing holding data"), "{text}");

    // The same, as a pull-request comment: same exit code, the bucket red
    // in the table and in the drawing.
    let output = synth(&["diff", &old_path, &new_path, "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(markdown.contains("**Destructive** (exit 3)"), "{markdown}");
    assert!(
        markdown.contains("| 🔴 | `DataBucket` | `AWS::S3::Bucket` | yes |"),
        "{markdown}"
    );
    assert!(markdown.contains("```mermaid\nflowchart LR"), "{markdown}");
    assert!(
        markdown.contains("class r_DataBucket replaced"),
        "{markdown}"
    );

    // For code scanning: an error on the bucket's line of the new file.
    let output = synth(&["diff", &old_path, &new_path, "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "synth-diff/data-loss");
    assert_eq!(result["level"], "error");
    let line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let new_text = std::fs::read_to_string(&new_path).unwrap();
    assert_eq!(new_text.lines().nth(line - 1), Some("  DataBucket:"));
}

/// What the deployment knows makes fewer values unknown: the bucket named
/// with the account's ID against the same name written out is no change
/// once the account is given, on the command line or as the parameters
/// file `create-stack` takes.
#[test]
fn given_parameters_and_account_settle_unknown_values() {
    let dir = temp_dir("known");
    let old = snapshot_body("tenant-acme");
    let old_path = write(&dir, "old.yaml", &old);
    let new_path = write(
        &dir,
        "new.yaml",
        &old.replace(
            "BucketName: !Sub 'askedgi-acme-data-${AWS::AccountId}'",
            "BucketName: askedgi-acme-data-123456789012",
        ),
    );
    let output = synth(&["diff", &old_path, &new_path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["exitCode"], 2, "{report}");
    let output = synth(&["diff", &old_path, &new_path, "--account", "123456789012"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    // The VPC written out where the old template refers to the VpcId
    // parameter, which has no default: unknown (a subnet's VpcId is
    // create-only, so it may be replaced) until the stack's value is given.
    let literal = write(
        &dir,
        "literal.yaml",
        &old.replace("!Ref VpcId", "vpc-0a1b2c3d"),
    );
    let resources = |extra: &[&str]| -> usize {
        let mut args = vec![
            "diff",
            old_path.as_str(),
            literal.as_str(),
            "--format",
            "json",
        ];
        args.extend(extra);
        let report: serde_json::Value = serde_json::from_str(&stdout(&synth(&args))).unwrap();
        report["resources"].as_array().unwrap().len()
    };
    assert!(resources(&[]) > 0);
    let parameters = write(
        &dir,
        "parameters.json",
        r#"[{"ParameterKey": "VpcId", "ParameterValue": "vpc-0a1b2c3d"}]"#,
    );
    assert_eq!(resources(&["--parameters-file", &parameters]), 0);
    assert_eq!(resources(&["--parameters", "VpcId=vpc-0a1b2c3d"]), 0);
    let output = synth(&["diff", &old_path, &old_path, "--parameters", "LogLevel"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not KEY=VALUE"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn renames_write_refactor_mappings() {
    let dir = temp_dir("rename");
    let old = r#"{"Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "acme-jobs"}}}}"#;
    let new = "Resources:\n  JobsQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: acme-jobs\n";
    let (old, new) = (write(&dir, "old.json", old), write(&dir, "new.yaml", new));
    let mappings = dir.join("mappings.json");
    let output = synth(&[
        "diff",
        &old,
        &new,
        "--refactor-mappings",
        &mappings.display().to_string(),
        "--stack-name",
        "askedgi-acme",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stdout(&output).contains("Jobs AWS::SQS::Queue: probably renamed to JobsQueue"));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&mappings).unwrap()).unwrap();
    assert_eq!(
        written,
        serde_json::json!([{
            "Source": {"StackName": "askedgi-acme", "LogicalResourceId": "Jobs"},
            "Destination": {"StackName": "askedgi-acme", "LogicalResourceId": "JobsQueue"}
        }])
    );
}

fn assert_error(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert_eq!(stdout(output), "", "nothing on stdout");
    assert!(stderr(output).contains(message), "{}", stderr(output));
}

#[test]
fn standard_input_given_twice_is_an_error() {
    assert_error(
        &synth_with_input(&["diff", "-", "-"], "".as_bytes()),
        "standard input can be read only once",
    );
}

#[test]
fn a_document_that_is_not_a_template_is_an_error() {
    let dir = temp_dir("not-template");
    let config = write(&dir, "config.yaml", "logRetentionDays: 90\n");
    assert_error(
        &synth(&["diff", &config, &config]),
        "config.yaml: not a CloudFormation template: it has no Resources section",
    );
}

#[test]
fn an_unreadable_file_is_an_error() {
    assert_error(
        &synth_with_input(
            &["diff", "/nonexistent/old.yaml", "-"],
            "Resources: {}\n".as_bytes(),
        ),
        "/nonexistent/old.yaml: cannot read the file",
    );
}

#[test]
fn invalid_yaml_is_an_error_with_its_place() {
    assert_error(
        &synth_with_input(
            &["diff", "-", "/nonexistent"],
            "Resources:\n  A: [\n".as_bytes(),
        ),
        "standard input: not valid YAML or JSON: line",
    );
}

#[test]
fn usage_errors_exit_1_not_the_changes_code() {
    let output = synth(&["diff", "only-one.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let output = synth(&["diff", "a", "b", "--refactor-mappings", "m.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--stack-name"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let output = synth(&["diff", "--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for line in [
        "0  no difference",
        "1  error",
        "2  differences",
        "3  destructive",
    ] {
        assert!(help.contains(line), "{line} in {help}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = temp_dir("colour");
    let old = write(
        &dir,
        "old.yaml",
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
    );
    let new = write(&dir, "new.yaml", "Resources: {}\n");
    let output = synth(&["diff", &old, &new, "--color", "always"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stdout(&output).contains("\x1b["));
    let output = synth(&["diff", &old, &new]);
    assert!(!stdout(&output).contains("\x1b["));
}
