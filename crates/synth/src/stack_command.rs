//! `synth VERB ...`: one stack's subcommand, the same for every stack.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ArgMatches;

use constructs::{Format, Template};
use framework::stack::{Input, Product, Request};
use framework::AnyStack;

use crate::cli::{ids, OutputFormat};
use crate::write;

/// Loads or defaults the config, validates it, builds, prints the
/// warnings, renders and writes: all of it in memory first, so a failure
/// leaves nothing on stdout and no partial file.
pub fn run(
    stack: &dyn AnyStack,
    matches: &ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let path = matches
        .get_one::<PathBuf>(ids::OUTPUT)
        .map(PathBuf::as_path);
    let emit = matches.try_get_one::<String>(ids::EMIT).ok().flatten();
    let input = match emit.and_then(|emit| reads_flag(stack, emit)) {
        Some(flag) => match matches.get_one::<PathBuf>(flag) {
            Some(file) => Some(read_input(file)?),
            None => None,
        },
        None => None,
    };
    let request = Request {
        instance: matches
            .try_get_one::<String>(ids::INSTANCE)
            .ok()
            .flatten()
            .map(String::as_str),
        config_path: matches
            .get_one::<PathBuf>(ids::CONFIG)
            .map(PathBuf::as_path),
        emit: emit.map(String::as_str),
        input: input.as_ref(),
    };
    match stack.run(&request).map_err(|e| e.to_string())? {
        Product::Template(built) => {
            for warning in &built.warnings {
                let _ = writeln!(err, "warning: {warning}");
            }
            let format = match matches.get_one::<OutputFormat>(ids::FORMAT) {
                Some(OutputFormat::Json) => Format::Json,
                _ => Format::Yaml,
            };
            emit_template(&built.template, format, path, out, err)
        }
        Product::Document(text) => write::to_stdout_or_file(&text, path, out),
    }
}

/// The flag of the file `emit` reads, if it reads one.
fn reads_flag(stack: &dyn AnyStack, emit: &str) -> Option<&'static str> {
    stack
        .emits()
        .iter()
        .find(|known| known.name == emit)
        .and_then(|known| known.reads)
        .map(|reads| reads.flag)
}

fn read_input(file: &Path) -> Result<Input, String> {
    let source = file.display().to_string();
    let text = yaml::read_file(file).map_err(|e| format!("{source}: {e}"))?;
    Ok(Input { source, text })
}

/// Renders `template` and writes it, after its synthesis warnings.
pub fn emit_template(
    template: &Template,
    format: Format,
    path: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let synthesized = template.synthesize(format).map_err(|e| e.to_string())?;
    for warning in &synthesized.warnings {
        let _ = writeln!(err, "warning: {warning}");
    }
    write::to_stdout_or_file(&synthesized.body, path, out)
}
