//! Project automation, run as `cargo xtask <command>` (see `.cargo/config.toml`).
//!
//! xtask never depends on the crates generated code builds into: `codegen`
//! must keep working when the generated code it is about to replace does
//! not compile. It reads the deploy-test manifest through
//! `deploy-manifest`, which depends on serde alone.

mod codegen;
mod config_check;
mod deploy_test;
mod fleet_check;
mod function_test;
mod guard;
mod guard_parity;
mod html_check;
mod import_check;
mod lint;
mod snapshot_diff;
mod spec_check;
mod vendor;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  vendor [VERSION]  fetch the AWS service spec (npm @aws-cdk/aws-service-spec, default
                    the pinned version) into schemas/aws-service-spec/ and cfn-lint's
                    StatefulResources.json into schemas/cfn-lint/
  codegen [--check] generate crates/constructs/src/aws/ and constructs' service features
                    from schemas/; --check fails when the committed code is stale
  lint              run cfn-lint over every template in snapshots/
  spec-check        the vendored AWS service spec against the installed cfn-lint's
                    schemas for every type a snapshot uses; each difference must be
                    listed in schemas/spec-differences.json with its reason
  guard             `synth check` (AWS Control Tower's proactive controls, in-process)
                    over every snapshot; failures must be listed in
                    guard-exceptions.json with their reason
  guard-parity      synth check against the cfn-guard CLI of the rules' own npm package
                    (fetched with npm pack, or CFN_GUARD): the same failures on every
                    snapshot and crates/check/tests/public/
  html-check        synth diff --format html opened in headless Chromium: the page renders
                    with the colours of the grades the change has
  deploy-test       deploy, update and delete every example stack against moto_server
  config-check      configs drawn from every stack's schema (SCHEMA_CONFIG_CASES per
                    stack, default 25): each refused at a pointer or built into a
                    template that passes the Control Tower controls and cfn-lint
  function-test     run the edge update APIs' rendered source against moto's mocks
  snapshot-diff [--base REV [--report-dir DIR]]
                    `synth diff` every snapshot at REV (default HEAD~1) against now;
                    fails on a destructive change not acknowledged by a line added
                    to snapshots/ACCEPTED_REPLACEMENTS; --report-dir writes what the
                    pull-request workflow posts: comment.md, a page per changed
                    snapshot, diff.sarif
  import-check      synth import every snapshot and crates/import/tests/corpus/ into one
                    package: rustfmt- and clippy-clean, and each template printed back
                    is identical (synth diff exit 0) with no new cfn-lint finding
  fleet-check       synth fleet examples/fleet.yaml: the manifest against CfCT's schema
                    (pykwalify), the templates with cfn-lint, deploy.sh --dry-run
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["vendor"] => vendor::run(None),
        ["vendor", version] => vendor::run(Some(version)),
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["lint"] => lint::run(),
        ["spec-check"] => spec_check::run(),
        ["guard"] => guard::run(),
        ["guard-parity"] => guard_parity::run(),
        ["deploy-test"] => deploy_test::run(),
        ["html-check"] => html_check::run(),
        ["function-test"] => function_test::run(),
        ["snapshot-diff"] => snapshot_diff::run("HEAD~1", None),
        ["snapshot-diff", "--base", base] => snapshot_diff::run(base, None),
        ["snapshot-diff", "--base", base, "--report-dir", dir] => {
            snapshot_diff::run(base, Some(std::path::Path::new(dir)))
        }
        ["fleet-check"] => fleet_check::run(),
        ["import-check"] => import_check::run(),
        ["config-check"] => config_check::run(),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever directory `cargo xtask` was started from.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
