//! `synth diagram` run as users run it: piped from `synth tenant`, from
//! a YAML file, and with bad input.

mod common;

use common::{root, synth, synth_with_input, temp_dir};

fn tenant_yaml() -> Vec<u8> {
    let output = synth(&["tenant", "acme"]);
    assert!(output.status.success());
    output.stdout
}

#[test]
fn tenant_piped_into_an_html_page() {
    let dir = temp_dir("html");
    let page = dir.join("acme.html");
    let output = synth_with_input(
        &[
            "diagram",
            "-",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
        &tenant_yaml(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>AskEdgi tenant acme</h1>"));
    for id in [
        "group-VpcId",
        "group-PrivateSubnetA",
        "group-PrivateSubnetB",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id} is drawn");
    }
    assert!(html.contains("data-from=\"DataBucket\" data-to=\"DataSyncQueue\""));
    assert!(html.contains(">notifies</text>"));
    assert!(html.contains("role: TaskExecutionRole, TaskRole"));
    assert!(html.contains("<td class=\"id\">TaskRole</td><td>AWS::IAM::Role</td><td>folded into DataServiceTaskDefinition, DataServiceMediumTaskDefinition, DataServiceXlTaskDefinition</td>"));
}

#[test]
fn a_yaml_file_draws_the_committed_diagram() {
    let dir = temp_dir("yaml");
    let file = dir.join("acme.yaml");
    std::fs::write(&file, tenant_yaml()).unwrap();
    let output = synth(&["diagram", file.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = std::fs::read_to_string(root().join("docs/diagrams/tenant.mmd")).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), committed);
}

#[test]
fn the_output_extension_picks_the_format() {
    let dir = temp_dir("ext");
    let svg = dir.join("acme.svg");
    let output = synth_with_input(
        &["diagram", "-", "-o", svg.to_str().unwrap()],
        &tenant_yaml(),
    );
    assert!(output.status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg "));
    let dot = synth_with_input(&["diagram", "-", "--format", "dot"], &tenant_yaml());
    assert!(String::from_utf8(dot.stdout)
        .unwrap()
        .starts_with("digraph "));
}

/// Exit 1, nothing on stdout, no file, and a message saying why.
fn refused(args: &[&str], stdin: &[u8], message: &str) {
    let dir = temp_dir("refused");
    let out = dir.join("out.svg");
    let mut args = args.to_vec();
    args.extend(["-o", out.to_str().unwrap()]);
    let output = synth_with_input(&args, stdin);
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    assert!(output.stdout.is_empty());
    assert!(!out.exists());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(message), "{args:?}: {stderr}");
}

#[test]
fn bad_input_is_refused_with_the_reason() {
    let config = root().join("examples/schedules.yaml");
    refused(
        &["diagram", config.to_str().unwrap()],
        b"",
        "not a CloudFormation template: it has no Resources section",
    );
    refused(
        &["diagram", "no/such/template.yaml"],
        b"",
        "no/such/template.yaml: cannot read",
    );
    refused(
        &["diagram", "-"],
        b"Resources: [",
        "standard input: not valid YAML or JSON",
    );
    refused(
        &["diagram", "-", "--format", "png"],
        &tenant_yaml(),
        "--format png: unknown format; use mermaid, dot, svg or html",
    );
    refused(
        &["diagram", "-"],
        b"Resources: {}\n",
        "standard input: nothing to draw",
    );
}
