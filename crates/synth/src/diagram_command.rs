//! `synth diagram FILE`: draws any template, ours or a deployed one, as
//! Mermaid, DOT, SVG or an HTML page (see `inspect::diagram`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use inspect::diagram::{self, Detail, Format};

use crate::write;

/// Flags of `synth diagram`.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// The template: a file, or `-` for standard input; YAML (short-form
    /// tags) or JSON, or `aws cloudformation get-template` output.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// mermaid, dot, svg or html. Without it, the extension of `-o`
    /// (.mmd, .dot, .svg, .html) decides, else mermaid. Taken as text
    /// so an unknown format is an error like any bad input (exit 1).
    #[arg(long, value_name = "mermaid|dot|svg|html")]
    pub format: Option<String>,
    /// `full` draws IAM roles and policies, log groups, route tables and
    /// the other resources folded into what they serve by default.
    #[arg(long, value_enum, default_value_t = DetailArg::Folded)]
    pub detail: DetailArg,
    /// The title of the SVG and HTML page; default: the template's
    /// Description up to its first colon.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DetailArg {
    /// Plumbing folded into the boxes it serves.
    Folded,
    /// Every resource a box.
    Full,
}

/// Reads, draws and writes; every failure is a message and nothing is
/// written.
pub fn run(args: &DiagramArgs, out: &mut dyn std::io::Write) -> Result<(), String> {
    let format = format(args.format.as_deref(), args.output.as_deref())?;
    let template = inspect::read::load(&args.file).map_err(|e| e.to_string())?;
    let detail = match args.detail {
        DetailArg::Folded => Detail::Folded,
        DetailArg::Full => Detail::Full,
    };
    let mut drawn =
        diagram::diagram(&template.body, detail).map_err(|e| format!("{}: {e}", template.label))?;
    if let Some(title) = &args.title {
        drawn.title = title.clone();
    }
    write::to_stdout_or_file(
        &diagram::render(&drawn, format),
        args.output.as_deref(),
        out,
    )
}

fn format(given: Option<&str>, output: Option<&Path>) -> Result<Format, String> {
    let by_name = |name: &str| match name {
        "mermaid" | "mmd" => Some(Format::Mermaid),
        "dot" | "gv" => Some(Format::Dot),
        "svg" => Some(Format::Svg),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    };
    match given {
        Some(name) => by_name(name).ok_or_else(|| {
            format!("--format {name}: unknown format; use mermaid, dot, svg or html")
        }),
        None => Ok(output
            .and_then(|path| path.extension())
            .and_then(|ext| by_name(&ext.to_string_lossy().to_lowercase()))
            .unwrap_or(Format::Mermaid)),
    }
}
