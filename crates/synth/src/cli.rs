//! Command-line flags: one subcommand per registered stack, built from its
//! [`AnyStack`] description, then the commands that work on any template
//! and the extra [`framework::Command`]s, by name.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{value_parser, Arg, ArgAction, Subcommand, ValueEnum};

use framework::stack::{InstanceArg, TEMPLATE_EMIT};
use framework::AnyStack;

/// Argument ids of a stack's subcommand.
pub mod ids {
    pub const INSTANCE: &str = "instance";
    pub const CONFIG: &str = "config";
    pub const EMIT: &str = "emit";
    pub const FORMAT: &str = "format";
    pub const OUTPUT: &str = "output";
}

// The commands that are not a stack (a doc comment here would become the
// whole command line's about).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Draw a template (a file or `-`) as an architecture diagram: Mermaid,
    /// Graphviz DOT, SVG or a self-contained HTML page, grouped by VPC,
    /// zone and subnet.
    Diagram(crate::diagram_command::DiagramArgs),
    /// Compare two templates offline: which resources an update replaces,
    /// which of those hold data and what happens to it, renames, security
    /// changes. Exits 0 (no difference), 2 (changes) or 3 (destructive).
    Diff(crate::diff_command::DiffArgs),
    /// Check templates against AWS Control Tower's proactive controls,
    /// offline and in-process: each failing resource with its control and
    /// how to fix it. Exits 0 (nothing fails outside the exceptions), 2
    /// (failures) or 1 (error).
    Check(crate::check_command::CheckArgs),
    /// Print the JSON Schema of a stack's config file, or of the file
    /// another command reads (`synth schema fleet`).
    Schema {
        /// The stack (its subcommand's name) or command.
        name: String,
    },
    /// Write every example stack and a manifest for `cargo xtask deploy-test`.
    #[command(hide = true)]
    Examples {
        #[arg(long)]
        out_dir: PathBuf,
    },
}

/// When a text report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    Auto,
    Always,
    Never,
}

impl Colour {
    /// Whether a report written to standard output is coloured: `auto`
    /// colours a terminal unless NO_COLOR is set.
    pub fn on_stdout(self) -> bool {
        match self {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => {
                std::io::IsTerminal::is_terminal(&std::io::stdout())
                    && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Yaml,
    Json,
}

/// The whole command line for `stacks` and `extras`: the stacks'
/// subcommands first, in registry order, then [`Command`]'s and the
/// extras', by name.
pub fn command(stacks: &[&dyn AnyStack], extras: &[&dyn framework::Command]) -> clap::Command {
    let mut command = clap::Command::new("synth")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true);
    for (order, stack) in stacks.iter().enumerate() {
        command = command.subcommand(stack_command(*stack).display_order(order));
    }
    for extra in extras {
        command = command.subcommand(extra.clap());
    }
    // A command that reads a file has its schema too, though it is not a
    // stack (one that reads none says so when asked).
    let schema_names: Vec<&'static str> = stacks
        .iter()
        .map(|stack| stack.verb())
        .chain(extras.iter().map(|extra| extra.name()))
        .collect();
    let mut command = <Command as Subcommand>::augment_subcommands(command)
        .about("Render this project's stacks as CloudFormation templates, offline.")
        .mut_subcommand("schema", |schema| {
            schema.mut_arg("name", |name| {
                name.value_parser(PossibleValuesParser::new(schema_names))
            })
        });
    let mut others: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .filter(|name| !stacks.iter().any(|stack| stack.verb() == name))
        .collect();
    others.sort();
    for (order, name) in others.iter().enumerate() {
        command = command.mut_subcommand(name, |sub| sub.display_order(stacks.len() + order));
    }
    command
}

/// `synth VERB ...` for one stack.
fn stack_command(stack: &dyn AnyStack) -> clap::Command {
    let mut command = clap::Command::new(stack.verb()).about(stack.about());
    match stack.instance_arg() {
        InstanceArg::None => {}
        InstanceArg::Name {
            value_name, help, ..
        } => {
            command = command.arg(
                Arg::new(ids::INSTANCE)
                    .value_name(value_name)
                    .help(help)
                    .required(true),
            );
        }
        InstanceArg::Choice {
            flag,
            value_name,
            values,
            default,
            help,
        } => {
            command = command.arg(
                Arg::new(ids::INSTANCE)
                    .long(flag)
                    .value_name(value_name)
                    .value_parser(PossibleValuesParser::new(values.iter().copied()))
                    .default_value(default)
                    .help(help),
            );
        }
    }
    command = command.arg(
        Arg::new(ids::CONFIG)
            .long(ids::CONFIG)
            .value_name("FILE")
            .value_parser(value_parser!(PathBuf))
            .required(stack.config_required())
            .help(stack.config_help()),
    );
    let emits = stack.emits();
    if !emits.is_empty() {
        let values = std::iter::once(PossibleValue::new(TEMPLATE_EMIT).help("The stack template."))
            .chain(
                emits
                    .iter()
                    .map(|emit| PossibleValue::new(emit.name).help(emit.help)),
            );
        command = command.arg(
            Arg::new(ids::EMIT)
                .long(ids::EMIT)
                .value_name("EMIT")
                .value_parser(PossibleValuesParser::new(values))
                .default_value(TEMPLATE_EMIT)
                .help("What to print: the CloudFormation template, or another document."),
        );
        for emit in emits {
            if let Some(reads) = emit.reads {
                command = command.arg(
                    Arg::new(reads.flag)
                        .long(reads.flag)
                        .value_name("FILE")
                        .value_parser(value_parser!(PathBuf))
                        .required_if_eq(ids::EMIT, emit.name)
                        .help(reads.help),
                );
            }
        }
    }
    command
        .arg(
            Arg::new(ids::FORMAT)
                .long(ids::FORMAT)
                .value_name("FORMAT")
                .value_parser(value_parser!(OutputFormat))
                .default_value("yaml")
                .action(ArgAction::Set),
        )
        .arg(
            Arg::new(ids::OUTPUT)
                .short('o')
                .long(ids::OUTPUT)
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .help("Write to FILE (atomically) instead of standard output."),
        )
}
