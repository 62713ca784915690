//! `synth`: renders this project's stacks as deployable CloudFormation.
//!
//! The binary is thin: it parses flags, loads and validates a config, calls
//! a stack function from the `stacks` crate, and writes the result. All of
//! the output is rendered in memory first, so a failure leaves nothing on
//! stdout and no partial file.

mod cli;
mod diagram_command;
mod write;

use std::process::ExitCode;

use clap::Parser;

use cli::{AdologyEmit, Cli, Command, DataspaceEmit, DataspaceEnvironment, SchemaName, TenantEmit};
use constructs::{Format, Template};
use stacks::examples::ParameterValue;
use stacks::{adology, config, dataspace, edge, schedules, tenant, StackError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Tenant(args) => {
            let config: tenant::TenantConfig = match &args.config {
                Some(path) => config::load(path).map_err(|e| e.to_string())?,
                None => tenant::TenantConfig::default(),
            };
            let path = args.output.output.as_deref();
            match args.emit {
                TenantEmit::Template => {
                    let template = tenant::build(&args.name, &config).map_err(|e| e.to_string())?;
                    emit_template(&template, args.output.format, path)
                }
                TenantEmit::OvaledgeEnv => {
                    tenant::validate_name(&args.name).map_err(|e| e.to_string())?;
                    let outputs_path = args.outputs.as_deref().expect("clap requires --outputs");
                    let source = outputs_path.display().to_string();
                    let json = std::fs::read_to_string(outputs_path)
                        .map_err(|e| format!("reading {source}: {e}"))?;
                    let outputs =
                        tenant::handoff::read_outputs(&json, &source).map_err(|e| e.to_string())?;
                    let text = tenant::handoff::ovaledge_env(&outputs, &source)
                        .map_err(|e| e.to_string())?;
                    write::to_stdout_or_file(&text, path)
                }
                TenantEmit::Runbook => {
                    let text =
                        tenant::handoff::runbook(&args.name, &config).map_err(|e| e.to_string())?;
                    write::to_stdout_or_file(&text, path)
                }
            }
        }
        Command::Schedules(args) => {
            let config: schedules::SchedulesConfig = match &args.config {
                Some(path) => config::load(path).map_err(|e| e.to_string())?,
                None => schedules::SchedulesConfig::default(),
            };
            let template = schedules::build(&config).map_err(|e| e.to_string())?;
            for warning in schedules::warnings(&config) {
                eprintln!("warning: {warning}");
            }
            emit_template(&template, args.output.format, args.output.output.as_deref())
        }
        Command::Edge(args) => {
            let config: edge::EdgeConfig = config::load(&args.config).map_err(|e| e.to_string())?;
            let template = edge::build(&config).map_err(|e| e.to_string())?;
            emit_template(&template, args.output.format, args.output.output.as_deref())
        }
        Command::Dataspace(args) => {
            let config: dataspace::DataspaceConfig = match &args.config {
                Some(path) => config::load(path).map_err(|e| e.to_string())?,
                None => dataspace::DataspaceConfig::default(),
            };
            let environment = match args.env {
                DataspaceEnvironment::Dev => dataspace::Environment::Dev,
                DataspaceEnvironment::Staging => dataspace::Environment::Staging,
                DataspaceEnvironment::Prod => dataspace::Environment::Prod,
            };
            let template = dataspace::build(&config, environment).map_err(|e| e.to_string())?;
            let path = args.output.output.as_deref();
            match args.emit {
                DataspaceEmit::Template => emit_template(&template, args.output.format, path),
                DataspaceEmit::GithubWorkflow => {
                    // The runner checks synth's repository out as synth/;
                    // only a path inside it means something there.
                    if let Some(path) = args.config.as_ref().filter(|p| {
                        p.is_absolute()
                            || p.components()
                                .any(|part| part == std::path::Component::ParentDir)
                    }) {
                        return Err(format!(
                            "--config {}: give the config's path relative to synth's repository \
                             and inside it (the workflow checks it out as synth/)",
                            path.display()
                        ));
                    }
                    let names = dataspace::names::Names::new(&config.name, environment);
                    let config_path = args.config.as_ref().map(|p| p.display().to_string());
                    let text = dataspace::workflow::render_workflow(
                        &names,
                        &template,
                        config_path.as_deref(),
                    );
                    write::to_stdout_or_file(&text, path)
                }
            }
        }
        Command::Adology(args) => {
            let config: adology::AdologyConfig = match &args.config {
                Some(path) => config::load(path).map_err(|e| e.to_string())?,
                None => adology::AdologyConfig::default(),
            };
            // The cost of a config that does not build means nothing.
            let template = adology::build(&config).map_err(|e| e.to_string())?;
            let path = args.output.output.as_deref();
            match args.emit {
                AdologyEmit::Template => emit_template(&template, args.output.format, path),
                AdologyEmit::Cost => {
                    write::to_stdout_or_file(&adology::cost::estimate(&config).render(), path)
                }
            }
        }
        Command::Schema { name } => {
            let schema = match name {
                SchemaName::Tenant => config::schema_of::<tenant::TenantConfig>(),
                SchemaName::Schedules => config::schema_of::<schedules::SchedulesConfig>(),
                SchemaName::Edge => config::schema_of::<edge::EdgeConfig>(),
                SchemaName::Dataspace => config::schema_of::<dataspace::DataspaceConfig>(),
                SchemaName::Adology => config::schema_of::<adology::AdologyConfig>(),
            };
            let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())? + "\n";
            write::to_stdout_or_file(&text, None)
        }
        Command::Examples { out_dir } => write_examples(&out_dir),
        Command::Diagram(args) => diagram_command::run(&args),
    }
}

fn emit_template(
    template: &Template,
    format: cli::OutputFormat,
    path: Option<&std::path::Path>,
) -> Result<(), String> {
    let format = match format {
        cli::OutputFormat::Yaml => Format::Yaml,
        cli::OutputFormat::Json => Format::Json,
    };
    let synthesized = template.synthesize(format).map_err(|e| e.to_string())?;
    for warning in &synthesized.warnings {
        eprintln!("warning: {warning}");
    }
    write::to_stdout_or_file(&synthesized.body, path)
}

/// Parameters as the manifest spells them: a string,
/// `{"prerequisite_output": NAME}` for a value the prerequisites stack makes,
/// or `{"lookup": "default-vpc-id" | "default-subnet-id" | "default-subnet-ids"}`.
fn manifest_parameters(
    parameters: &indexmap::IndexMap<String, ParameterValue>,
) -> serde_json::Value {
    parameters
        .iter()
        .map(|(name, value)| {
            let value = match value {
                ParameterValue::Literal(text) => serde_json::json!(text),
                ParameterValue::PrerequisiteOutput(output) => {
                    serde_json::json!({ "prerequisite_output": output })
                }
                ParameterValue::DefaultVpcId => serde_json::json!({ "lookup": "default-vpc-id" }),
                ParameterValue::DefaultSubnetId => {
                    serde_json::json!({ "lookup": "default-subnet-id" })
                }
                ParameterValue::DefaultSubnetIds => {
                    serde_json::json!({ "lookup": "default-subnet-ids" })
                }
            };
            (name.clone(), value)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Writes every example stack and a `manifest.json` describing how
/// `cargo xtask deploy-test` deploys and updates each.
fn write_examples(out_dir: &std::path::Path) -> Result<(), String> {
    let examples = stacks::examples::all().map_err(|e: StackError| e.to_string())?;
    std::fs::create_dir_all(out_dir).map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    // Renders `template` into `<example>[-<suffix>].yaml`; returns the file name.
    let write_template = |name: &str, suffix: &str, template: &Template| {
        let file = format!("{name}{suffix}.yaml");
        let body = template
            .synthesize(Format::Yaml)
            .map_err(|e| format!("{file}: {e}"))?
            .body;
        write::to_stdout_or_file(&body, Some(&out_dir.join(&file)))?;
        Ok::<_, String>(file)
    };
    let mut manifest = Vec::new();
    for example in examples {
        let mut entry = serde_json::json!({
            "name": example.name,
            "template": write_template(&example.name, "", &example.template)?,
            "stack_name": example.stack_name,
            "create_parameters": manifest_parameters(&example.create_parameters),
            "update_parameters": manifest_parameters(&example.update_parameters),
        });
        if let Some(template) = &example.update_template {
            entry["update_template"] = write_template(&example.name, "-update", template)?.into();
        }
        if let Some(prerequisites) = &example.prerequisites {
            entry["prerequisites"] =
                write_template(&example.name, "-prerequisites", prerequisites)?.into();
        }
        manifest.push(entry);
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    write::to_stdout_or_file(&text, Some(&out_dir.join("manifest.json")))
}
