#![warn(missing_docs)]
//! `synth`: renders stacks as deployable CloudFormation, offline.
//!
//! [`run`] builds a whole command line from a registry of
//! [`framework::Stack`]s and the extra [`framework::Command`]s a binary
//! registers: every stack gets its subcommand (`synth VERB`), its
//! `synth schema VERB` and its deploy examples, and every binary gets
//! `synth diff`, `synth check` and `synth diagram`, without an edit here. All of the
//! output is rendered in memory first, so a failure leaves nothing on
//! stdout and no partial file.
//!
//! This crate's binary runs it over this repository's systems (the
//! `systems` feature, on by default); a project of its own depends on the
//! library with `default-features = false` and passes its own registry:
//!
//! ```
//! use std::process::ExitCode;
//!
//! use constructs::aws::sqs;
//! use constructs::{Resource, Template};
//! use framework::config::{self, Validate, Validated};
//! use framework::examples::Example;
//! use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};
//! use framework::{AnyStack, StackError};
//!
//! /// No settings: the config file may be left out, or be `{}`.
//! #[derive(Default, serde::Deserialize, schemars::JsonSchema)]
//! #[serde(deny_unknown_fields)]
//! struct QueueConfig {}
//!
//! impl Validate for QueueConfig {
//!     type Facts = ();
//!     fn check(&self) -> Result<(), Vec<config::Problem>> {
//!         config::none_of(Vec::new())
//!     }
//! }
//!
//! struct QueueStack;
//!
//! impl Stack for QueueStack {
//!     type Config = QueueConfig;
//!     type Instance = ();
//!     const VERB: &'static str = "queue";
//!     const ABOUT: &'static str = "One queue.";
//!     const CONFIG_HELP: &'static str = "An empty mapping.";
//!     const INSTANCE: InstanceArg = InstanceArg::None;
//!     type Documents = NoDocuments;
//!
//!     fn default_config() -> Option<QueueConfig> {
//!         Some(QueueConfig::default())
//!     }
//!     fn instance(_: Option<&str>) -> Result<(), StackError> {
//!         Ok(())
//!     }
//!     fn stack_name(_: &(), _: &QueueConfig) -> String {
//!         "queue".to_string()
//!     }
//!     fn build(_: &(), _: &Validated<QueueConfig>) -> Result<Built, StackError> {
//!         let mut template = Template::new("One queue");
//!         template.add(Resource::new("Queue", sqs::Queue::default()))?;
//!         Ok(Built::new(template))
//!     }
//!     fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {
//!         match document {}
//!     }
//!     fn examples() -> Result<Vec<Example>, StackError> {
//!         Ok(Vec::new())
//!     }
//! }
//!
//! let registry: &[&dyn AnyStack] = &[&QueueStack];
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let code = synth::run(registry, &[], ["synth", "queue"], &mut out, &mut err);
//! assert_eq!(code, ExitCode::SUCCESS);
//! assert!(String::from_utf8(out).unwrap().contains("Type: AWS::SQS::Queue"));
//! ```

mod check_command;
mod cli;
mod diagram_command;
mod diff_command;
mod examples_command;
mod stack_command;
mod write;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::FromArgMatches;

use cli::Command;
use framework::AnyStack;

/// Runs the command line `args` (the program name first) over `stacks`
/// and the `extras` a binary adds, writing what standard output and
/// standard error would get to `out` and `err`: an error is one
/// `error: ...` line on `err` and exit code 1.
pub fn run(
    stacks: &[&dyn AnyStack],
    extras: &[&dyn framework::Command],
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let matches = match cli::command(stacks, extras).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            let rendered = error.render().to_string();
            let sink: &mut dyn Write = if error.use_stderr() { err } else { out };
            let _ = sink.write_all(rendered.as_bytes());
            // A usage error is an error, exit 1: clap's own 2 is what
            // `synth diff` exits with when it finds changes, and a pipeline
            // must not read a typo as "changes found". Help and --version
            // exit 0.
            return if error.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match matches.subcommand() {
        Some((verb, sub)) => match framework::find(stacks, verb) {
            Some(stack) => stack_command::run(stack, sub, out, err).map(|()| ExitCode::SUCCESS),
            None => match extras.iter().find(|extra| extra.name() == verb) {
                Some(extra) => extra.run(sub, out, err).map_err(|e| e.to_string()),
                None => run_command(stacks, extras, &matches, out, err),
            },
        },
        None => run_command(stacks, extras, &matches, out, err),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The commands of every binary, with the exit code of a success
/// (`synth diff` has three).
fn run_command(
    stacks: &[&dyn AnyStack],
    extras: &[&dyn framework::Command],
    matches: &clap::ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, String> {
    match Command::from_arg_matches(matches).map_err(|e| e.to_string())? {
        Command::Schema { name } => {
            let schema = match framework::find(stacks, &name) {
                Some(stack) => stack.schema(),
                None => extras
                    .iter()
                    .find(|extra| extra.name() == name)
                    .ok_or_else(|| format!("no stack or command is named {name:?}"))?
                    .schema()
                    .ok_or_else(|| format!("synth {name} reads no file with a schema"))?,
            }
            .map_err(|e| e.to_string())?;
            let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
            write::to_stdout_or_file(&(text + "\n"), None, out).map(|()| ExitCode::SUCCESS)
        }
        Command::Examples { out_dir } => {
            examples_command::run(stacks, &out_dir).map(|()| ExitCode::SUCCESS)
        }
        Command::Diagram(args) => diagram_command::run(&args, out).map(|()| ExitCode::SUCCESS),
        Command::Diff(args) => diff_command::run(&args, out, err),
        Command::Check(args) => check_command::run(&args, out, err),
    }
}
