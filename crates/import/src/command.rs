//! `synth import TEMPLATE... -o DIR`: the package written whole, or
//! nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};
use framework::{CommandError, FileError};

use crate::package::{package, Source};
use crate::report;

/// The checkout this binary was built from, whose crates the package
/// depends on unless `--lib-path` says otherwise.
const CHECKOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Turn CloudFormation templates into a Cargo package of typed Rust
/// stacks that print them back unchanged: one module per template, every
/// resource through the generated types, references as typed handles.
/// `cargo run --manifest-path DIR/Cargo.toml -- <stack>` prints the
/// template, and `synth diff ORIGINAL PRINTED` exits 0.
#[derive(Debug, Parser)]
#[command(name = "import")]
struct ImportArgs {
    /// Templates to import: YAML (short-form tags too), JSON, or what
    /// `aws cloudformation get-template` saves; `-` is standard input.
    #[arg(value_name = "TEMPLATE", required = true)]
    templates: Vec<String>,
    /// The package directory to write: new, or empty. Nothing is written
    /// when any template fails.
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    out_dir: PathBuf,
    /// A stack's name (its command in the package), one per template in
    /// order; by default the template's file name (`acme.yaml` → `acme`;
    /// AWS CDK's `Acme.template.json` → `acme`).
    #[arg(long = "name", value_name = "NAME")]
    names: Vec<String>,
    /// The synth checkout whose crates the package depends on by path.
    /// Defaults to the checkout this synth was built from.
    #[arg(long, value_name = "PATH")]
    lib_path: Option<PathBuf>,
}

/// `synth import`, for a binary to register with `synth::run`. The model
/// it writes code with is 4 MB, so it is a command of this repository's
/// binary, not of every binary built on `synth::run`.
pub struct ImportCommand;

impl framework::Command for ImportCommand {
    fn name(&self) -> &'static str {
        "import"
    }

    fn clap(&self) -> clap::Command {
        let default = checkout().display().to_string();
        ImportArgs::command().mut_arg("lib_path", |arg| {
            arg.help(format!(
                "The synth checkout whose crates the package depends on by path [default: {default}]"
            ))
        })
    }

    fn run(
        &self,
        matches: &clap::ArgMatches,
        _out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, CommandError> {
        let args = ImportArgs::from_arg_matches(matches)?;
        run(&args, err)
    }
}

fn checkout() -> PathBuf {
    let path = Path::new(CHECKOUT);
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn run(args: &ImportArgs, err: &mut dyn Write) -> Result<ExitCode, CommandError> {
    if args.names.len() > args.templates.len() {
        return Err(CommandError::Input(format!(
            "{} --name for {} template(s): give at most one per template",
            args.names.len(),
            args.templates.len()
        )));
    }
    check_target(&args.out_dir)?;
    let lib_path = match &args.lib_path {
        Some(path) => path
            .canonicalize()
            .map_err(|e| CommandError::Input(format!("--lib-path {}: {e}", path.display())))?,
        None => checkout(),
    };
    if !lib_path.join("crates/constructs/Cargo.toml").is_file() {
        return Err(CommandError::Input(format!(
            "--lib-path {}: not a synth checkout (no crates/constructs/Cargo.toml)",
            lib_path.display()
        )));
    }
    let mut sources = Vec::new();
    for (i, argument) in args.templates.iter().enumerate() {
        let template =
            inspect::read::load(argument).map_err(|e| CommandError::Input(e.to_string()))?;
        let verb = match args.names.get(i) {
            Some(name) => name.clone(),
            None if argument == inspect::read::STDIN => {
                return Err(CommandError::Input(
                    "a template from standard input needs a --name".to_string(),
                ))
            }
            None => verb_of(argument),
        };
        sources.push(Source {
            label: template.label,
            verb,
            body: template.body,
        });
    }
    let name = package_name(&args.out_dir);
    let built = package(&sources, &name, &lib_path)?;
    write_all(&args.out_dir, &built.files)?;
    let _ = err
        .write_all(report::render(&built.imported, &args.out_dir.display().to_string()).as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// `templates/acme-prod.yaml` → `acme-prod`; `cdk synth`'s
/// `cdk.out/Api.template.json` → `api`, the stack's artifact ID (its name,
/// unless the app gives it another).
fn verb_of(argument: &str) -> String {
    let stem = file_stem(argument);
    command_name(stem.strip_suffix(".template").unwrap_or(&stem))
}

fn file_stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// `Acme_Prod` → `acme-prod`: lowercase ASCII letters and digits, every
/// other run of characters one dash.
fn command_name(name: &str) -> String {
    let mut verb = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            verb.push(c);
        } else if !verb.is_empty() && !verb.ends_with('-') {
            verb.push('-');
        }
    }
    verb.trim_end_matches('-').to_string()
}

/// The package's name from its directory (`out/acme-stacks` →
/// `acme-stacks`).
fn package_name(dir: &Path) -> String {
    let verb = command_name(&file_stem(&dir.to_string_lossy()));
    if verb.starts_with(|c: char| c.is_ascii_lowercase()) {
        verb
    } else {
        "imported-stacks".to_string()
    }
}

/// `dir` may be missing or an empty directory: never a file, a device,
/// a symlink (even to an empty directory, which the rename would replace)
/// or a directory with anything in it.
fn check_target(dir: &Path) -> Result<(), CommandError> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(CommandError::Input(format!(
                "{}: a symlink; synth import writes a new directory, give its real path",
                dir.display()
            )))
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(CommandError::Input(format!(
                "{}: not a directory; synth import writes a new package directory",
                dir.display()
            )))
        }
        _ => {}
    }
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(CommandError::Input(format!(
                "{}: not empty; synth import writes a new package into a new or empty directory",
                dir.display()
            ))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError::of("reading", dir)(e).into()),
    }
}

/// Writes `files` into a staging directory beside `dir`, then renames it
/// into place: `dir` appears whole or not at all.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), CommandError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let leaf = dir
        .file_name()
        .ok_or_else(|| CommandError::Input(format!("{}: not a directory name", dir.display())))?;
    std::fs::create_dir_all(&parent).map_err(FileError::of("creating", &parent))?;
    let staging = parent.join(format!(
        ".{}.import-{}",
        leaf.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        for (path, text) in files {
            let target = staging.join(path);
            std::fs::create_dir_all(target.parent().expect("files are under the package"))?;
            std::fs::write(&target, text)?;
        }
        if dir.exists() {
            // Checked empty: remove_dir refuses anything else.
            std::fs::remove_dir(dir)?;
        }
        std::fs::rename(&staging, dir)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        FileError::of("writing", dir)(e).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_come_from_file_names() {
        assert_eq!(verb_of("templates/Acme_Prod.yaml"), "acme-prod");
        // What `cdk synth` writes for the stack `Acme-Prod`.
        assert_eq!(verb_of("cdk.out/Acme-Prod.template.json"), "acme-prod");
        assert_eq!(verb_of("edge.json"), "edge");
        assert_eq!(package_name(Path::new("out/2024")), "imported-stacks");
        assert_eq!(
            package_name(Path::new("out/acme.template.d")),
            "acme-template"
        );
    }
}
