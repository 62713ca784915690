//! `synth check TEMPLATE...`: AWS Control Tower's proactive controls on
//! any template, before a deploy meets them as hooks. The evaluation and
//! the reports are the `check` crate; this module is the command around
//! them: arguments, the exceptions file, output, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use check::exceptions::Exceptions;
use check::report::{self, Checked, Outcome};
use clap::{Args, ValueEnum};
use inspect::read;

use crate::cli::Colour;

/// Flags of `synth check`.
#[derive(Debug, Args)]
#[command(after_help = "\
Each template may be a file or - (standard input), as YAML with short-form
tags, JSON, or `aws cloudformation get-template` output; the controls run on
its long-form JSON, as a Control Tower hook sees it:

  synth adology | synth check - --name adology --exceptions exceptions.json

Exit codes:
  0  no control fails outside the exceptions
  1  error: unreadable input, a bad exceptions file, a listing in it that
     matches no failure (stale: its reason is no longer true), or a fact a
     reason rests on (`holds`) that the template contradicts
  2  failures: fix each resource as its control says, or list the failure
     in the exceptions file with its reason")]
pub struct CheckArgs {
    /// The templates (files, or - for standard input once).
    #[arg(value_name = "TEMPLATE", required = true)]
    pub templates: Vec<String>,
    /// Failures to accept, each with its reason: a JSON object keyed by
    /// template name (the file name without its extension, or --name),
    /// each key a list of {"rule", "because", "why", "resources"?}; the
    /// README describes it.
    #[arg(long, value_name = "FILE")]
    pub exceptions: Option<PathBuf>,
    /// The name exceptions know standard input's template by.
    #[arg(long, value_name = "NAME", default_value = "stdin")]
    pub name: String,
    /// Text for people (grouped by template and resource); JSON (shape in
    /// the README) for pipelines; SARIF 2.1.0 for GitHub code scanning (an
    /// error on the line of each failing resource, a warning for each
    /// failure listed as open).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Colour the text report: on a terminal only (auto), always, or never.
    /// NO_COLOR in the environment turns auto off.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The report's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// Checks every template and writes the report; the exit code says
/// whether anything fails outside the exceptions (2) or not (0). A stale
/// listing is an error (1), reported after the report.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, String> {
    if args.templates.iter().filter(|t| *t == read::STDIN).count() > 1 {
        return Err("standard input can be read only once: give - once".into());
    }
    let exceptions = match &args.exceptions {
        Some(path) => {
            let source = path.display().to_string();
            let text = yaml::read_file(path).map_err(|e| format!("{source}: {e}"))?;
            Exceptions::parse(&text, &source).map_err(|e| e.to_string())?
        }
        None => Exceptions::default(),
    };
    let mut templates = Vec::with_capacity(args.templates.len());
    for argument in &args.templates {
        let template = read::load(argument).map_err(|e| e.to_string())?;
        let findings = check::check(&template.body, template.text.len())
            .map_err(|e| format!("{argument}: {e}"))?;
        let name = template_name(argument, &args.name);
        templates.push(Checked::new(
            argument,
            &name,
            &template.text,
            template.body,
            findings,
            &exceptions,
        ));
    }
    let outcome = Outcome {
        templates,
        exceptions: &exceptions,
    };
    let text = match args.format {
        CheckFormat::Text => report::render_text(&outcome, args.color.on_stdout()),
        CheckFormat::Json => json(&report::render_json(&outcome))?,
        CheckFormat::Sarif => json(&report::render_sarif(&outcome, env!("CARGO_PKG_VERSION")))?,
    };
    crate::write::to_stdout_or_file(&text, args.output.as_deref(), out)?;
    let stale = outcome.stale();
    if !stale.is_empty() {
        let _ = writeln!(
            err,
            "{} listed in {} but failing nowhere (stale: delete them, their reasons no longer hold):",
            stale.len(),
            args.exceptions
                .as_deref()
                .map_or_else(String::new, |path| path.display().to_string())
        );
        for index in stale {
            let _ = writeln!(err, "  {}", exceptions.0[index].describe());
        }
        return Err("stale exceptions".into());
    }
    let untrue = outcome.untrue();
    if !untrue.is_empty() {
        let _ = writeln!(
            err,
            "{} fact(s) that reasons in {} rest on do not hold (fix the reason, or the template):",
            untrue.len(),
            args.exceptions
                .as_deref()
                .map_or_else(String::new, |path| path.display().to_string())
        );
        for (index, template, fact, found) in untrue.iter().take(20) {
            let _ = writeln!(
                err,
                "  {}: {template}: {}, but it is {}",
                exceptions.0[*index].describe(),
                fact.describe(),
                yaml::excerpt(found, 80)
            );
        }
        if untrue.len() > 20 {
            let _ = writeln!(err, "  … and {} more", untrue.len() - 20);
        }
        return Err("untrue exception reasons".into());
    }
    Ok(if outcome.failing() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// The name exceptions know a template by: its file name without the
/// extension, or `stdin_name` for standard input.
fn template_name(argument: &str, stdin_name: &str) -> String {
    if argument == read::STDIN {
        return stdin_name.to_string();
    }
    Path::new(argument).file_stem().map_or_else(
        || argument.to_string(),
        |stem| stem.to_string_lossy().into_owned(),
    )
}

fn json(value: &serde_json::Value) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}
