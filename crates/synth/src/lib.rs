#![warn(missing_docs)]
//! `synth`: renders this project's stacks as deployable CloudFormation.
//!
//! The binary is thin: [`run`] builds the command line from a registry of
//! stacks ([`stacks::registry::ALL`] for the real binary), so every
//! registered stack gets its subcommand, its `synth schema` entry and its
//! examples without an edit here. All of the output is rendered in memory
//! first, so a failure leaves nothing on stdout and no partial file.
//!
//! ```
//! use std::process::ExitCode;
//!
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let code = synth::run(stacks::registry::ALL, ["synth", "tenant", "acme"], &mut out, &mut err);
//! assert_eq!(code, ExitCode::SUCCESS);
//! assert!(String::from_utf8(out).unwrap().starts_with("AWSTemplateFormatVersion"));
//! ```

mod cli;
mod diagram_command;
mod diff_command;
mod examples_command;
mod fleet_command;
mod fleet_diff;
mod stack_command;
mod write;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::FromArgMatches;

use cli::Command;
use stacks::AnyStack;

/// Runs the command line `args` (the program name first) over `stacks`,
/// writing what standard output and standard error would get to `out` and
/// `err`: an error is one `error: ...` line on `err` and exit code 1.
pub fn run(
    stacks: &[&dyn AnyStack],
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let matches = match cli::command(stacks).try_get_matches_from(args) {
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
        Some((verb, sub)) => match stacks::registry::find(stacks, verb) {
            Some(stack) => stack_command::run(stack, sub, out, err).map(|()| ExitCode::SUCCESS),
            None => run_command(stacks, &matches, out, err),
        },
        None => run_command(stacks, &matches, out, err),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The commands that are not a stack, with the exit code of a success
/// (`synth diff` has three).
fn run_command(
    stacks: &[&dyn AnyStack],
    matches: &clap::ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, String> {
    match Command::from_arg_matches(matches).map_err(|e| e.to_string())? {
        Command::Schema { name } => {
            let schema = if name == fleet_command::SCHEMA_NAME {
                fleet_command::schema()
            } else {
                stacks::registry::find(stacks, &name)
                    .ok_or_else(|| format!("no stack is named {name:?}"))?
                    .schema()
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
        Command::Fleet(args) => fleet_command::run(&args, out, err),
    }
}
