//! Commands a binary adds to `synth::run` besides its stacks: a verb that
//! is not one stack (`synth fleet` builds many tenant stacks from one
//! file), defined where the stacks it knows are, so the generic command
//! line names none of them.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    /// code of a success (a diff's 2 for "changes"); `Err` is printed as
    /// `error: {error}` with exit code 1.
    fn run(
        &self,
        matches: &clap::ArgMatches,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, CommandError>;
    /// The JSON Schema of the file the command reads, which
    /// `synth schema NAME` prints beside the stacks' configs; `None` when
    /// it reads none.
    fn schema(&self) -> Option<Result<serde_json::Value, StackError>> {
        None
    }
}

/// Why a [`Command`] failed. The variant says whose the fault is (the
/// arguments, what the user gave, the file system, the stack), so a
/// binary or a test tells them apart without reading the message; the
/// message, one line, is what `synth::run` prints. A variant that wraps
/// an error shows it as its own message, so `source()` is the wrapped
/// error's source, never the wrapped error again (a reporter walking the
/// chain would print it twice).
#[derive(Debug)]
#[non_exhaustive]
pub enum CommandError {
    /// The arguments clap matched do not fit the command.
    Args(clap::Error),
    /// What the user gave (a file's contents, a flag's value) breaks a
    /// rule: the message names the file or flag, the rule and an excerpt.
    Input(String),
    /// A stack could not be built from what the user gave.
    Stack(StackError),
    /// A file or directory could not be read, created, written, renamed or
    /// removed.
    File(FileError),
    /// Standard output or standard error could not be written (a closed
    /// pipe).
    Output(std::io::Error),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Args(error) => write!(f, "{error}"),
            CommandError::Input(message) => f.write_str(message),
            CommandError::Stack(error) => write!(f, "{error}"),
            CommandError::File(error) => write!(f, "{error}"),
            CommandError::Output(error) => write!(f, "writing the output: {error}"),
        }
    }
}

impl std::error::Error for CommandError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CommandError::Args(error) => error.source(),
            CommandError::Stack(error) => error.source(),
            CommandError::File(error) => error.source(),
            // The message already says the output error's.
            CommandError::Output(_) | CommandError::Input(_) => None,
        }
    }
}

impl From<StackError> for CommandError {
    fn from(error: StackError) -> Self {
        CommandError::Stack(error)
    }
}

impl From<clap::Error> for CommandError {
    fn from(error: clap::Error) -> Self {
        CommandError::Args(error)
    }
}

impl From<FileError> for CommandError {
    fn from(error: FileError) -> Self {
        CommandError::File(error)
    }
}

/// A file system operation that failed: what was being done, to which
/// path, and the operating system's reason (`writing out/a.yaml: No space
/// left on device`). The message includes the reason, so `source()` is
/// empty; the `io::Error` itself is [`FileError::source`], for its kind.
#[derive(Debug)]
pub struct FileError {
    /// What was being done, as a verb: `reading`, `writing`, `creating`.
    pub action: &'static str,
    /// The file or directory.
    pub path: PathBuf,
    /// Why it failed.
    pub source: std::io::Error,
}

impl FileError {
    /// The error of `action` on `path`, for `map_err`:
    /// `fs::write(&path, text).map_err(FileError::of("writing", &path))`.
    pub fn of<'a>(
        action: &'static str,
        path: &'a Path,
    ) -> impl FnOnce(std::io::Error) -> FileError + 'a {
        move |source| FileError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for FileError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    /// The line `synth::run` prints says everything, and a reporter that
    /// walks `source()` adds nothing it already said.
    #[test]
    fn a_file_error_says_its_reason_once() {
        let io = std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device");
        let error = CommandError::from(FileError::of("writing", Path::new("out/a.yaml"))(io));
        assert_eq!(
            error.to_string(),
            "writing out/a.yaml: No space left on device"
        );
        assert!(error.source().is_none());
        let CommandError::File(file) = &error else {
            panic!("a file error stays one: {error:?}");
        };
        assert_eq!(file.source.kind(), std::io::ErrorKind::StorageFull);
    }
}
