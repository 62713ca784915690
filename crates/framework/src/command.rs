//! Commands a binary adds to `synth::run` besides its stacks: a verb that
//! is not one stack (`synth fleet` builds many tenant stacks from one
//! file), defined where the stacks it knows are, so the generic command
//! line names none of them.

use std::io::Write;
use std::process::ExitCode;

use crate::error::StackError;

/// One extra subcommand of the command line.
pub trait Command: Sync {
    /// The subcommand's name, e.g. `fleet`.
    fn name(&self) -> &'static str;
    /// Its clap definition, named [`Command::name`]: help and arguments.
    fn clap(&self) -> clap::Command;
    /// Runs it on what clap matched, writing what standard output and
    /// standard error would get to `out` and `err`. `Ok` carries the exit
    /// code of a success (a diff's 2 for "changes"); `Err` is one line,
    /// printed as `error: ...` with exit code 1.
    fn run(
        &self,
        matches: &clap::ArgMatches,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, String>;
    /// The JSON Schema of the file the command reads, which
    /// `synth schema NAME` prints beside the stacks' configs; `None` when
    /// it reads none.
    fn schema(&self) -> Option<Result<serde_json::Value, StackError>> {
        None
    }
}
