//! `cargo xtask deploy-test`: create, update and delete every example stack
//! against a local `moto_server`.
//!
//! cfn-lint and the snapshot tests check what the templates say; this checks
//! that CloudFormation's deploy flow takes them, offline and for free: a
//! change set creates each stack, a second one updates it (with changed
//! parameters, or to the example's update template when a config change
//! alters the stack's shape, e.g. adds a process), and the stack deletes
//! cleanly. moto is not CloudFormation: it
//! skips resource types it does not implement (printed as a note per stack)
//! and ignores most property values, so a pass proves the flow, not the
//! resources. moto_server runs with stand-ins for the skipped types whose
//! attributes the stacks read (`moto_stand_ins.py`; a note per stack too),
//! since a `GetAtt` on a skipped resource fails the whole deploy.
//!
//! The examples come from `cargo run --package synth -- examples`, which
//! writes templates and a `manifest.json` (see [`Example`]) into
//! `target/deploy-test/examples/`, and from the same command of the stack
//! written outside the workspace (`examples/own-stack`), into
//! `target/deploy-test/own-stack/`. Set `DEPLOY_TEST_EXAMPLES_DIR` to a
//! directory that already holds a `manifest.json` to skip that step, e.g. to
//! try a hand-edited template. moto's log is `target/deploy-test/moto.log`.
//! Then a two-tenant fleet goes through the `deploy.sh` that `synth fleet`
//! writes (module `fleet`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use deploy_manifest::{Lookup, ParameterValue};

use crate::lint::recreate_dir;
use crate::project_root;

mod fleet;

/// Names a directory holding `manifest.json` to use instead of running synth.
const EXAMPLES_DIR_VAR: &str = "DEPLOY_TEST_EXAMPLES_DIR";
/// The largest template CloudFormation takes inline; bigger ones go through S3.
const INLINE_TEMPLATE_LIMIT: u64 = 51_200;
/// The moto bucket that `deploy --s3-bucket` uploads big templates to.
const TEMPLATE_BUCKET: &str = "deploy-test-templates";
/// What moto logs for each resource type it skips instead of creating.
const UNSUPPORTED_MARKER: &str = "No Moto CloudFormation support for ";
/// What the stand-ins log for each resource they stand in for.
const STAND_IN_MARKER: &str = "Stand-in for ";
/// moto_server with stand-ins for types moto skips, relative to the root.
const STAND_INS_SCRIPT: &str = "xtask/src/moto_stand_ins.py";
/// How long moto_server may take to accept connections.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a deleted stack may take to disappear.
const DELETE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the state reset request may take.
const RESET_TIMEOUT: Duration = Duration::from_secs(30);
/// The pause between two checks while waiting on moto.
const POLL_INTERVAL: Duration = Duration::from_millis(200);
/// How much of moto's log a failure shows.
const LOG_TAIL_LINES: usize = 40;

/// Parameter values by parameter name.
type Parameters = BTreeMap<String, String>;

/// Where a parameter's value comes from, by parameter name.
type ParameterSources = deploy_manifest::Parameters;

/// The parameter values, with prerequisite outputs looked up in `outputs`
/// and the default VPC asked of moto.
fn resolve(
    server: &MotoServer,
    sources: &ParameterSources,
    outputs: &Parameters,
) -> Result<Parameters, String> {
    sources
        .iter()
        .map(|(name, source)| match source {
            ParameterValue::Literal(value) => Ok((name.clone(), value.clone())),
            ParameterValue::Lookup(Lookup::DefaultVpcId) => {
                Ok((name.clone(), server.default_vpc_id()?))
            }
            ParameterValue::Lookup(Lookup::DefaultSubnetId) => {
                Ok((name.clone(), server.default_subnet_id()?))
            }
            ParameterValue::Lookup(Lookup::DefaultSubnetIds) => {
                Ok((name.clone(), server.default_subnet_ids()?))
            }
            ParameterValue::PrerequisiteOutput(output) => outputs
                .get(output)
                .map(|value| (name.clone(), value.clone()))
                .ok_or_else(|| {
                    format!("parameter {name}: the prerequisites stack has no output {output:?}")
                }),
        })
        .collect()
}

/// One entry of `manifest.json` ([`deploy_manifest::Entry`]), with its
/// template files found relative to the manifest.
struct Example {
    /// The example's name, for the report.
    name: String,
    /// The template the create deploys.
    template: TemplateFile,
    /// The template the update deploys, when it is not `template`.
    update_template: Option<TemplateFile>,
    /// The template of what must exist before the stack deploys.
    prerequisites: Option<PathBuf>,
    /// The CloudFormation stack name.
    stack_name: String,
    /// The parameters of the create deploy.
    create_parameters: ParameterSources,
    /// The parameters of the update deploy; without an update template
    /// they must differ from the create ones.
    update_parameters: ParameterSources,
}

/// A template file to deploy.
struct TemplateFile {
    path: PathBuf,
    /// Whether it is too big to deploy inline and goes through S3.
    through_s3: bool,
}

impl TemplateFile {
    /// `file` of the manifest in `dir`, which must exist.
    fn new(dir: &Path, file: &str, key: &str) -> Result<Self, String> {
        let path = dir.join(file);
        let size = fs::metadata(&path)
            .map_err(|e| {
                format!(
                    "{key} {}: {e}; `{key}` is a path relative to the manifest",
                    path.display()
                )
            })?
            .len();
        Ok(TemplateFile {
            path,
            through_s3: size > INLINE_TEMPLATE_LIMIT,
        })
    }
}

/// Deploys, updates and deletes every example on a fresh moto_server:
/// the workspace's, then (unless `DEPLOY_TEST_EXAMPLES_DIR` names others)
/// those of the stack written outside it, `examples/own-stack`.
pub fn run() -> Result<(), String> {
    let work_dir = project_root().join("target/deploy-test");
    fs::create_dir_all(&work_dir).map_err(|e| format!("creating {}: {e}", work_dir.display()))?;
    let mut examples = read_manifest(&examples_dir(&work_dir)?.join(deploy_manifest::FILE_NAME))?;
    if std::env::var_os(EXAMPLES_DIR_VAR).is_none_or(|dir| dir.is_empty()) {
        let own_dir = work_dir.join("own-stack");
        synth_examples(&["--manifest-path", OWN_STACK_MANIFEST], &own_dir)?;
        examples.extend(read_manifest(&own_dir.join(deploy_manifest::FILE_NAME))?);
    }
    let server = MotoServer::start(&work_dir.join("moto.log"))?;
    for example in &examples {
        test_example(&server, example).map_err(|e| {
            format!(
                "example `{}` (stack {}): {e}",
                example.name, example.stack_name
            )
        })?;
    }
    fleet::test(&server, &examples, &work_dir).map_err(|e| format!("fleet: {e}"))?;
    println!(
        "deploy-test: {} stacks created, updated and deleted on moto; a two-tenant fleet \
         deployed through its deploy.sh and deleted",
        examples.len()
    );
    Ok(())
}

/// The directory holding `manifest.json`: `DEPLOY_TEST_EXAMPLES_DIR` when
/// set, else a fresh `target/deploy-test/examples/` filled by synth.
fn examples_dir(work_dir: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(EXAMPLES_DIR_VAR).filter(|dir| !dir.is_empty()) {
        let dir = PathBuf::from(dir);
        println!(
            "deploy-test: using the examples in {} ({EXAMPLES_DIR_VAR})",
            dir.display()
        );
        return Ok(dir);
    }
    let out_dir = work_dir.join("examples");
    synth_examples(&["--package", "synth"], &out_dir)?;
    Ok(out_dir)
}

/// The own stack's package, built apart from the workspace.
const OWN_STACK_MANIFEST: &str = "examples/own-stack/Cargo.toml";

/// `cargo run PACKAGE -- examples --out-dir OUT_DIR` into a fresh
/// `out_dir`, where `package` selects the binary (`--package synth`, or
/// `--manifest-path` of a project of its own). The workspace's target
/// directory is shared, so a project of its own reuses the library crates
/// already built.
fn synth_examples(package: &[&str], out_dir: &Path) -> Result<(), String> {
    recreate_dir(out_dir)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "--quiet"])
        .args(package)
        .args(["--", "examples", "--out-dir"])
        .arg(out_dir)
        .env("CARGO_TARGET_DIR", project_root().join("target"))
        .current_dir(project_root())
        .status()
        .map_err(|e| format!("starting cargo to run synth: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo run {} -- examples` failed ({status}); fix the error above, or set \
             {EXAMPLES_DIR_VAR} to a directory holding a manifest.json",
            package.join(" ")
        ));
    }
    Ok(())
}

/// Reads and checks every entry of the manifest at `path`.
fn read_manifest(path: &Path) -> Result<Vec<Example>, String> {
    let text = fs::read_to_string(path).map_err(|e| {
        format!(
            "reading {}: {e}; `synth examples` writes it, and {EXAMPLES_DIR_VAR} must name a \
             directory that holds one",
            path.display()
        )
    })?;
    let entries: deploy_manifest::Manifest =
        serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))?;
    if entries.is_empty() {
        return Err(format!(
            "{} lists no stacks; `synth examples` must emit at least one example",
            path.display()
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            example(entry, dir).map_err(|e| format!("{} entry {index}: {e}", path.display()))
        })
        .collect()
}

/// One manifest entry, with the templates resolved against `dir`.
fn example(entry: deploy_manifest::Entry, dir: &Path) -> Result<Example, String> {
    let template = TemplateFile::new(dir, &entry.template, "template")?;
    let update_template = match &entry.update_template {
        None => None,
        Some(file) => Some(TemplateFile::new(dir, file, "update_template")?),
    };
    let example = Example {
        name: entry.name,
        template,
        update_template,
        prerequisites: entry.prerequisites.map(|file| dir.join(file)),
        stack_name: entry.stack_name,
        create_parameters: entry.create_parameters,
        update_parameters: entry.update_parameters,
    };
    if example.update_template.is_none() && example.create_parameters == example.update_parameters {
        return Err(format!(
            "`{}` has the same create_parameters and update_parameters and no update_template; \
             the update must change a parameter or the template, as moto fails (exit 255) or \
             does nothing on an unchanged redeploy",
            example.name
        ));
    }
    Ok(example)
}

/// Creates, updates and deletes one example's stack on a wiped moto, then
/// notes the resource types moto skipped or a stand-in answered for.
fn test_example(server: &MotoServer, example: &Example) -> Result<(), String> {
    println!(
        "{} (stack {}, {})",
        example.name,
        example.stack_name,
        example.template.path.display()
    );
    let update_template = example
        .update_template
        .as_ref()
        .unwrap_or(&example.template);
    if let Some(update_template) = &example.update_template {
        println!("  update to {}", update_template.path.display());
    }
    server.reset()?;
    let log_start = server.log_len()?;
    if example.template.through_s3 || update_template.through_s3 {
        server.aws(&["s3api", "create-bucket", "--bucket", TEMPLATE_BUCKET])?;
    }
    let prerequisites_stack = format!("{}-prerequisites", example.stack_name);
    let mut outputs = Parameters::new();
    if let Some(template) = &example.prerequisites {
        timed("prerequisites", || {
            outputs = server.create_with_outputs(&prerequisites_stack, template)?;
            Ok(())
        })?;
    }
    let create_parameters = resolve(server, &example.create_parameters, &outputs)?;
    // A parameter the update shares with the create keeps its value.
    let changed: ParameterSources = example
        .update_parameters
        .iter()
        .filter(|(name, source)| example.create_parameters.get(*name) != Some(source))
        .map(|(name, source)| (name.clone(), source.clone()))
        .collect();
    let mut update_parameters: Parameters = create_parameters
        .iter()
        .filter(|(name, _)| example.update_parameters.contains_key(*name))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    update_parameters.extend(resolve(server, &changed, &outputs)?);
    timed("create", || {
        server.deploy(&example.stack_name, &example.template, &create_parameters)?;
        server.expect_status(&example.stack_name, "CREATE_COMPLETE")
    })?;
    timed("update", || {
        server.deploy(&example.stack_name, update_template, &update_parameters)?;
        server.expect_status(&example.stack_name, "UPDATE_COMPLETE")
    })?;
    timed("delete", || server.delete(&example.stack_name))?;
    if example.prerequisites.is_some() {
        timed("prerequisites delete", || {
            server.delete(&prerequisites_stack)
        })?;
    }
    for (marker, what) in [
        (
            UNSUPPORTED_MARKER,
            "moto skipped (neither created nor checked)",
        ),
        (
            STAND_IN_MARKER,
            "stood in for (Ref and GetAtt answered, resource not modelled)",
        ),
    ] {
        let types = server.types_logged_since(log_start, marker)?;
        if !types.is_empty() {
            let types: Vec<String> = types.into_iter().collect();
            println!("  note: {what}: {}", types.join(", "));
        }
    }
    Ok(())
}

/// Runs `step`, printing its duration on success and naming it on failure.
fn timed(name: &str, step: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    let start = Instant::now();
    step().map_err(|e| format!("{name} failed: {e}"))?;
    println!("  {name} OK in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// How an `aws` command is pointed at moto.
enum Endpoint {
    /// `--endpoint-url http://127.0.0.1:PORT`, for every command but a deploy through S3.
    Flag,
    /// `AWS_ENDPOINT_URL=http://localhost:PORT`, for a deploy through S3:
    /// `deploy --s3-bucket` uploads with an S3 client that ignores
    /// `--endpoint-url` but honours the variable, and moto finds the bucket
    /// in the template URL only when its host is `localhost`.
    Env,
}

/// A running `moto_server`. Dropping it kills and reaps the process, so no
/// failure or panic leaves it behind.
struct MotoServer {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl MotoServer {
    /// Starts moto_server on a free port, logging to `log`, and waits until
    /// it accepts connections.
    fn start(log: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let stdout = File::create(log).map_err(|e| format!("creating {}: {e}", log.display()))?;
        let stderr = stdout
            .try_clone()
            .map_err(|e| format!("opening {}: {e}", log.display()))?;
        // moto_server, with stand-ins for the types moto skips but the
        // stacks read attributes of (see moto_stand_ins.py).
        let child = Command::new("python3")
            .arg(project_root().join(STAND_INS_SCRIPT))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound => "python3 is not on PATH".to_string(),
                _ => format!("starting moto_server ({STAND_INS_SCRIPT}): {e}"),
            })?;
        let mut server = MotoServer {
            child,
            port,
            log: log.to_owned(),
        };
        server.wait_until_listening()?;
        Ok(server)
    }

    /// Polls the port until moto accepts a connection, exits, or times out.
    fn wait_until_listening(&mut self) -> Result<(), String> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        while TcpStream::connect_timeout(&address, POLL_INTERVAL).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(self.failure(&format!(
                    "moto_server exited ({status}) before listening on {address}"
                )));
            }
            if Instant::now() > deadline {
                return Err(self.failure(&format!(
                    "moto_server did not listen on {address} within {} s",
                    STARTUP_TIMEOUT.as_secs()
                )));
            }
            thread::sleep(POLL_INTERVAL);
        }
        Ok(())
    }

    /// Wipes all of moto's state through its `/moto-api/reset` endpoint.
    fn reset(&self) -> Result<(), String> {
        let request = format!(
            "POST /moto-api/reset HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        let mut response = String::new();
        TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))
            .and_then(|mut stream| {
                stream.set_read_timeout(Some(RESET_TIMEOUT))?;
                stream.write_all(request.as_bytes())?;
                stream.read_to_string(&mut response)
            })
            .map_err(|e| self.failure(&format!("resetting moto: {e}")))?;
        let status_line = response.lines().next().unwrap_or_default();
        if status_line.split_whitespace().nth(1) == Some("200") {
            Ok(())
        } else {
            Err(self.failure(&format!(
                "resetting moto: got `{status_line}`, expected 200"
            )))
        }
    }

    /// Deploys `template` as stack `stack_name` through a change set with
    /// `parameters`.
    fn deploy(
        &self,
        stack_name: &str,
        template: &TemplateFile,
        parameters: &Parameters,
    ) -> Result<(), String> {
        let endpoint = if template.through_s3 {
            Endpoint::Env
        } else {
            Endpoint::Flag
        };
        let mut command = self.aws_command(endpoint);
        command
            .args(["cloudformation", "deploy", "--template-file"])
            .arg(&template.path)
            .args(["--stack-name", stack_name])
            .args(["--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
            .arg("--no-fail-on-empty-changeset");
        if template.through_s3 {
            command.args(["--s3-bucket", TEMPLATE_BUCKET]);
        }
        if !parameters.is_empty() {
            command.arg("--parameter-overrides").args(
                parameters
                    .iter()
                    .map(|(name, value)| format!("{name}={value}")),
            );
        }
        self.run_aws(command).map(drop)
    }

    /// Creates a stack with `create-stack` (moto returns outputs only on
    /// that path, not after `deploy`) and returns its outputs.
    fn create_with_outputs(&self, stack_name: &str, template: &Path) -> Result<Parameters, String> {
        let body = format!("file://{}", template.display());
        self.aws(&[
            "cloudformation",
            "create-stack",
            "--stack-name",
            stack_name,
            "--template-body",
            &body,
        ])?;
        self.aws(&[
            "cloudformation",
            "wait",
            "stack-create-complete",
            "--stack-name",
            stack_name,
        ])?;
        let text = self.aws(&[
            "cloudformation",
            "describe-stacks",
            "--stack-name",
            stack_name,
            "--query",
            "Stacks[0].Outputs",
            "--output",
            "json",
        ])?;
        let outputs: Value = serde_json::from_str(&text)
            .map_err(|e| format!("outputs of {stack_name}: {e}: {text}"))?;
        outputs
            .as_array()
            .into_iter()
            .flatten()
            .map(
                |output| match (output["OutputKey"].as_str(), output["OutputValue"].as_str()) {
                    (Some(key), Some(value)) => Ok((key.to_owned(), value.to_owned())),
                    _ => Err(format!(
                        "an output of {stack_name} without key or value: {output}"
                    )),
                },
            )
            .collect()
    }

    fn default_vpc_id(&self) -> Result<String, String> {
        let id = self.aws(&[
            "ec2",
            "describe-vpcs",
            "--filters",
            "Name=is-default,Values=true",
            "--query",
            "Vpcs[0].VpcId",
            "--output",
            "text",
        ])?;
        match id.trim() {
            "" | "None" => Err("moto has no default VPC".to_string()),
            id => Ok(id.to_string()),
        }
    }

    /// The ID of the default VPC's default subnet in the first availability zone.
    fn default_subnet_id(&self) -> Result<String, String> {
        let id = self.aws(&[
            "ec2",
            "describe-subnets",
            "--filters",
            "Name=default-for-az,Values=true",
            "--query",
            "sort_by(Subnets, &AvailabilityZone)[0].SubnetId",
            "--output",
            "text",
        ])?;
        match id.trim() {
            "" | "None" => Err("moto has no default subnet".to_string()),
            id => Ok(id.to_string()),
        }
    }

    /// Two default subnets of the default VPC, in the first two
    /// availability zones, comma-separated.
    fn default_subnet_ids(&self) -> Result<String, String> {
        let ids = self.aws(&[
            "ec2",
            "describe-subnets",
            "--filters",
            "Name=default-for-az,Values=true",
            "--query",
            "sort_by(Subnets, &AvailabilityZone)[0:2].SubnetId",
            "--output",
            "text",
        ])?;
        let ids: Vec<&str> = ids.split_whitespace().collect();
        if ids.len() < 2 {
            return Err(format!("moto has {} default subnets, not 2", ids.len()));
        }
        Ok(ids.join(","))
    }

    /// Fails unless the stack's status is `expected`.
    fn expect_status(&self, stack_name: &str, expected: &str) -> Result<(), String> {
        let status = self.aws(&[
            "cloudformation",
            "describe-stacks",
            "--stack-name",
            stack_name,
            "--query",
            "Stacks[0].StackStatus",
            "--output",
            "text",
        ])?;
        if status == expected {
            Ok(())
        } else {
            Err(self.failure(&format!(
                "stack {stack_name} is {status}, expected {expected}"
            )))
        }
    }

    /// Deletes the stack and polls until it is gone.
    fn delete(&self, stack_name: &str) -> Result<(), String> {
        self.aws(&["cloudformation", "delete-stack", "--stack-name", stack_name])?;
        let query = format!("Stacks[?StackName=='{stack_name}'].StackStatus");
        let deadline = Instant::now() + DELETE_TIMEOUT;
        loop {
            let status = self.aws(&[
                "cloudformation",
                "describe-stacks",
                "--query",
                &query,
                "--output",
                "text",
            ])?;
            match status.as_str() {
                "" | "DELETE_COMPLETE" => return Ok(()),
                "DELETE_FAILED" => {
                    return Err(self.failure(&format!("stack {stack_name} is DELETE_FAILED")))
                }
                _ if Instant::now() > deadline => {
                    return Err(self.failure(&format!(
                        "stack {stack_name} is still {status} after {} s",
                        DELETE_TIMEOUT.as_secs()
                    )))
                }
                _ => thread::sleep(POLL_INTERVAL),
            }
        }
    }

    /// Runs `aws <args>` against moto, returning its trimmed stdout.
    fn aws(&self, args: &[&str]) -> Result<String, String> {
        let mut command = self.aws_command(Endpoint::Flag);
        command.args(args);
        self.run_aws(command)
    }

    /// An `aws` command with moto's dummy credentials, pointed at moto.
    fn aws_command(&self, endpoint: Endpoint) -> Command {
        let mut command = Command::new("aws");
        command
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_SESSION_TOKEN", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .stdin(Stdio::null());
        match endpoint {
            Endpoint::Flag => command
                .arg("--endpoint-url")
                .arg(format!("http://127.0.0.1:{}", self.port)),
            Endpoint::Env => command.env(
                "AWS_ENDPOINT_URL",
                format!("http://localhost:{}", self.port),
            ),
        };
        command
    }

    /// Runs an `aws` command, returning its trimmed stdout; a failure shows
    /// the command line, its output and the tail of moto's log.
    fn run_aws(&self, mut command: Command) -> Result<String, String> {
        let output = command.output().map_err(|e| match e.kind() {
            ErrorKind::NotFound => {
                "aws is not on PATH; install it with `pip install awscli==1.45.11`".to_string()
            }
            _ => format!("starting aws: {e}"),
        })?;
        if !output.status.success() {
            return Err(self.failure(&format!(
                "`{}` failed ({})\nstdout:\n{}\nstderr:\n{}",
                shell_line(&command),
                output.status,
                String::from_utf8_lossy(&output.stdout).trim_end(),
                String::from_utf8_lossy(&output.stderr).trim_end()
            )));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    /// The current size of moto's log, to read what a stack adds to it.
    fn log_len(&self) -> Result<u64, String> {
        fs::metadata(&self.log)
            .map(|metadata| metadata.len())
            .map_err(|e| format!("reading {}: {e}", self.log.display()))
    }

    /// The resource types of the log lines after byte `offset` that hold
    /// `marker` followed by a type.
    fn types_logged_since(&self, offset: u64, marker: &str) -> Result<BTreeSet<String>, String> {
        let log =
            fs::read(&self.log).map_err(|e| format!("reading {}: {e}", self.log.display()))?;
        let start = usize::try_from(offset).map_or(log.len(), |offset| offset.min(log.len()));
        Ok(String::from_utf8_lossy(&log[start..])
            .lines()
            .filter_map(|line| line.split_once(marker))
            .map(|(_, resource_type)| resource_type.trim().to_owned())
            .collect())
    }

    /// `context` followed by the last lines of moto's log.
    fn failure(&self, context: &str) -> String {
        let tail = match fs::read(&self.log) {
            Ok(log) => {
                let log = String::from_utf8_lossy(&log);
                let lines: Vec<&str> = log.lines().collect();
                lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
            }
            Err(e) => format!("(unreadable: {e})"),
        };
        format!(
            "{context}\n--- last {LOG_TAIL_LINES} lines of {} ---\n{tail}",
            self.log.display()
        )
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // Nothing to report from a drop: kill fails only if moto already exited.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("finding a free port on 127.0.0.1: {e}"))
}

/// `command` as a shell line, environment first, to rerun it by hand.
fn shell_line(command: &Command) -> String {
    let env = command.get_envs().filter_map(|(name, value)| {
        Some(format!(
            "{}={}",
            name.to_string_lossy(),
            value?.to_string_lossy()
        ))
    });
    let words = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|word| shell_quote(&word.to_string_lossy()));
    env.chain(words).collect::<Vec<_>>().join(" ")
}

/// `word` single-quoted for a POSIX shell unless it is plainly safe.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
