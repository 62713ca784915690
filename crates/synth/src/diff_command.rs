//! `synth diff OLD NEW`: what updating a stack from OLD to NEW does, before
//! `aws cloudformation deploy` does it. The comparison is `inspect::diff`;
//! this module is the command around it: arguments, output, exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use inspect::diff;
use inspect::read;

use crate::cli::Colour;

/// Flags of `synth diff`.
#[derive(Debug, Args)]
#[command(after_help = "\
Either template may be a file or - (standard input), as YAML with short-form
tags, JSON, or what `aws cloudformation get-template --stack-name S --query
TemplateBody` prints:

  aws cloudformation get-template --stack-name my-stack \\
      --query TemplateBody > deployed.json
  synth VERB ... | synth diff deployed.json -

Exit codes:
  0  no difference
  1  error (unreadable input, not a template); nothing is printed on stdout
  2  differences that replace or remove nothing holding data and fail nothing
  3  destructive: a resource holding data is replaced or removed (whatever
     its DeletionPolicy/UpdateReplacePolicy keeps), or a change will fail
     (a custom-named resource replaced under the same name)")]
pub struct DiffArgs {
    /// The template deployed now (file or -).
    pub old: String,
    /// The template about to be deployed (file or -).
    pub new: String,
    /// Text for people; JSON (shape in the README) for pipelines; Markdown
    /// for a pull-request comment (tables, details, a Mermaid drawing of
    /// the change; under GitHub's 65,536-character limit); SARIF 2.1.0 for
    /// GitHub code scanning (an alert on the line of each resource that
    /// loses data, fails, may lose data, or widens IAM or ingress); HTML, one
    /// self-contained page: NEW's diagram, every box coloured by what the
    /// change does to it and linked to its changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write the ResourceMappings that `aws cloudformation
    /// create-stack-refactor --resource-mappings file://FILE` takes to
    /// rename the probable renames without replacing them.
    #[arg(long, value_name = "FILE", requires = "stack_name")]
    pub refactor_mappings: Option<PathBuf>,
    /// The deployed stack's name, which the refactor mappings name.
    #[arg(long, value_name = "NAME")]
    pub stack_name: Option<String>,
    /// A parameter's value in the stack, `KEY=VALUE` (repeatable): read
    /// instead of the template's default, for both templates.
    #[arg(long = "parameters", value_name = "KEY=VALUE", num_args = 1.., value_parser = key_value)]
    pub parameters: Vec<(String, String)>,
    /// Parameter values as the JSON list `aws cloudformation create-stack
    /// --parameters file://FILE` takes (`[{"ParameterKey": ..,
    /// "ParameterValue": ..}]`); `--parameters` wins over it.
    #[arg(long, value_name = "FILE")]
    pub parameters_file: Option<PathBuf>,
    /// The account deployed to: the value of `AWS::AccountId`.
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// The region deployed to: the value of `AWS::Region`.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// The partition deployed to (`aws`, `aws-cn`, `aws-us-gov`): the value
    /// of `AWS::Partition`.
    #[arg(long, value_name = "PARTITION")]
    pub partition: Option<String>,
    /// Colour the text report: on a terminal only (auto), always, or never.
    /// NO_COLOR in the environment turns auto off.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
}

/// The report's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
    Sarif,
    Html,
}

/// Runs the command, writing the report to `out` and warnings to `err`;
/// the exit code is the report's outcome (0, 2 or 3), an error is 1.
pub fn run(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, String> {
    if args.old == read::STDIN && args.new == read::STDIN {
        return Err(
            "standard input can be read only once: give - for OLD or for NEW, not both".into(),
        );
    }
    let old = read::load(&args.old).map_err(|e| e.to_string())?;
    let new = read::load(&args.new).map_err(|e| e.to_string())?;
    let report = diff::diff_with(&old, &new, &known(args)?);
    let text = match args.format {
        DiffFormat::Json => diff::render_json(&report),
        DiffFormat::Markdown => diff::render_markdown(&report, &old, &new),
        DiffFormat::Sarif => diff::render_sarif(&report, &old, &new),
        DiffFormat::Html => diff::render_html(&report, &old, &new).map_err(|e| e.to_string())?,
        DiffFormat::Text => diff::render_text(&report, args.color.on_stdout()),
    };
    if let (Some(path), Some(stack)) = (&args.refactor_mappings, &args.stack_name) {
        let mappings = diff::refactor_mappings(&report.renames, stack);
        let json = serde_json::to_string_pretty(&mappings).map_err(|e| e.to_string())? + "\n";
        crate::write::to_stdout_or_file(&json, Some(path), out)?;
        if report.renames.is_empty() {
            let _ = writeln!(
                err,
                "warning: no probable renames; {} holds an empty list",
                path.display()
            );
        }
    }
    crate::write::to_stdout_or_file(&text, None, out)?;
    Ok(ExitCode::from(report.outcome().exit_code()))
}

/// `KEY=VALUE`, split at the first `=`.
fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

/// One entry of `create-stack --parameters file://FILE`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ParameterEntry {
    parameter_key: String,
    parameter_value: Option<String>,
}

/// What the flags say the deployment knows.
fn known(args: &DiffArgs) -> Result<diff::Known, String> {
    let mut parameters = std::collections::BTreeMap::new();
    if let Some(path) = &args.parameters_file {
        let shown = path.display();
        let text = yaml::read_file(path).map_err(|e| format!("{shown}: {e}"))?;
        let entries: Vec<ParameterEntry> = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{shown}: not the JSON list create-stack --parameters takes \
                 ([{{\"ParameterKey\": ..., \"ParameterValue\": ...}}]): {e}"
            )
        })?;
        for entry in entries {
            // `UsePreviousValue` entries carry no value: unknown here.
            if let Some(value) = entry.parameter_value {
                parameters.insert(entry.parameter_key, value);
            }
        }
    }
    parameters.extend(args.parameters.iter().cloned());
    Ok(diff::Known {
        parameters,
        account: args.account.clone(),
        region: args.region.clone(),
        partition: args.partition.clone(),
    })
}
