//! What every deployable system has, so that the command line, the
//! snapshot tests, the lint and deploy tasks and the benchmarks treat
//! "a stack" the same way, and a new system is one type that implements
//! [`Stack`] plus one line in the registry its binary hands `synth::run`.
//!
//! [`Stack`] is the typed definition a system writes: its config type, the
//! instance it is built for (a tenant name, an environment), its stack
//! name, its build, its examples and its extra documents. [`AnyStack`] is
//! the same thing with the types erased, which is what a registry holds and
//! what `synth` dispatches through: load the config or take the default,
//! validate it once, build, and hand back the template with its warnings
//! or the document asked for.

use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use constructs::Template;

use crate::config::{self, Validate, Validated};
use crate::error::StackError;
use crate::examples::Example;

/// A built stack: the template and what its user should know before
/// deploying it, which travel together so no caller can forget the
/// warnings.
#[derive(Debug)]
pub struct Built {
    /// What `synth` writes out and the `--emit` documents are made from.
    pub template: Template,
    /// Printed on standard error by `synth`, one per line.
    pub warnings: Vec<String>,
}

impl Built {
    /// A template with nothing to warn about.
    pub fn new(template: Template) -> Self {
        Built {
            template,
            warnings: Vec::new(),
        }
    }
}

/// The argument that says which instance of a system to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceArg {
    /// The config names everything: one stack per config.
    None,
    /// A required positional name (`synth tenant acme`).
    Name {
        /// The placeholder `--help` shows for it, e.g. `NAME`.
        value_name: &'static str,
        /// The argument's line in `--help`: what the name is and the rule
        /// it follows.
        help: &'static str,
        /// A name the stack accepts (`acme`), which tests that build
        /// every registered stack build it for.
        example: &'static str,
    },
    /// A `--<flag>` among fixed values, with a default
    /// (`synth dataspace --env prod`).
    Choice {
        /// The flag's name without its dashes, e.g. `env`.
        flag: &'static str,
        /// The placeholder `--help` shows for it, e.g. `ENV`.
        value_name: &'static str,
        /// Every value the flag accepts; anything else is refused before
        /// building.
        values: &'static [&'static str],
        /// The value taken when the flag is left out.
        default: &'static str,
        /// The flag's line in `--help`.
        help: &'static str,
    },
}

impl InstanceArg {
    /// Every instance a test that builds each registered stack builds it
    /// for: none, the example name, or every value of the flag.
    pub fn examples(&self) -> Vec<Option<&'static str>> {
        match self {
            InstanceArg::None => vec![None],
            InstanceArg::Name { example, .. } => vec![Some(*example)],
            InstanceArg::Choice { values, .. } => values.iter().copied().map(Some).collect(),
        }
    }
}

/// A document a stack renders besides its template (`--emit NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emit {
    /// The `--emit` value, e.g. `runbook`.
    pub name: &'static str,
    /// The value's line in `--help`.
    pub help: &'static str,
    /// A file the document is made from, given as `--<flag> FILE` (the
    /// tenant's stack outputs for `ovaledge-env`).
    pub reads: Option<EmitInput>,
}

/// The documents a stack renders besides its template: an enum, a variant
/// per document, so [`Stack::emit`] matches every one of them and a
/// document the command line offers but the stack does not render does
/// not compile.
pub trait Documents: Copy + 'static {
    /// Every document, in the order `--help` lists them.
    const ALL: &'static [Self];
    /// Its `--emit` value, its help and the file it reads.
    fn describe(self) -> Emit;
}

/// The documents of a stack that renders its template only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDocuments {}

impl Documents for NoDocuments {
    const ALL: &'static [Self] = &[];

    fn describe(self) -> Emit {
        match self {}
    }
}

/// The file an [`Emit`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmitInput {
    /// The flag's name without its dashes, e.g. `outputs`.
    pub flag: &'static str,
    /// The flag's line in `--help`: which file to give it and where to get
    /// one.
    pub help: &'static str,
}

/// A file's text and where it came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file's path as given, or another label, which errors quote.
    pub source: String,
    /// The file's contents.
    pub text: String,
}

/// What a document is made from.
pub struct EmitRequest<'a, S: Stack + ?Sized> {
    /// The instance the template was built for.
    pub instance: &'a S::Instance,
    /// The checked config the template was built from.
    pub config: &'a Validated<S::Config>,
    /// The template and its warnings, for documents that describe what was
    /// built.
    pub built: &'a Built,
    /// `--config` as given, when one was.
    pub config_path: Option<&'a Path>,
    /// The [`Emit::reads`] file.
    pub input: Option<&'a Input>,
}

/// One system this project deploys, as its module defines it.
pub trait Stack: Sync + 'static {
    /// The config file's type: serde for reading it, schemars for its JSON
    /// Schema (`synth schema VERB`), [`Validate`] for the rules a schema
    /// cannot state.
    type Config: DeserializeOwned + JsonSchema + Validate;
    /// Which instance is built (a checked tenant name, an environment).
    type Instance;

    /// The `synth` subcommand and the name `synth schema` takes.
    const VERB: &'static str;
    /// The subcommand's one-line help.
    const ABOUT: &'static str;
    /// The `--config` flag's help.
    const CONFIG_HELP: &'static str;
    /// Whether and how the instance is named on the command line.
    const INSTANCE: InstanceArg;
    /// Documents besides the template ([`NoDocuments`] for none); the
    /// first `--emit` value is always `template`.
    type Documents: Documents;

    /// The config used without `--config`; `None` makes `--config`
    /// required.
    fn default_config() -> Option<Self::Config>;
    /// The instance from its argument ([`Self::INSTANCE`]): `None` for
    /// [`InstanceArg::None`].
    fn instance(given: Option<&str>) -> Result<Self::Instance, StackError>;
    /// The CloudFormation stack name people deploy it under.
    fn stack_name(instance: &Self::Instance, config: &Self::Config) -> String;
    /// The template for `instance` from its checked config. Pure: no
    /// network, credentials or clock.
    fn build(
        instance: &Self::Instance,
        config: &Validated<Self::Config>,
    ) -> Result<Built, StackError>;
    /// The document `document`; its [`EmitRequest::input`] is there when
    /// the document reads a file ([`Emit::reads`]). A stack of
    /// [`NoDocuments`] writes `match document {}`.
    fn emit(
        document: Self::Documents,
        request: EmitRequest<'_, Self>,
    ) -> Result<String, StackError>;
    /// The stacks `cargo xtask deploy-test` deploys, updates and deletes.
    fn examples() -> Result<Vec<Example>, StackError>;
}

/// What `synth` asks a stack for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// The [`InstanceArg`]'s value.
    pub instance: Option<&'a str>,
    /// `--config`; `None` takes the stack's default config.
    pub config_path: Option<&'a Path>,
    /// `--emit`; `None` (or `template`) is the template.
    pub emit: Option<&'a str>,
    /// The file the emitted document reads.
    pub input: Option<&'a Input>,
}

/// What a stack gave back for a [`Request`].
#[derive(Debug)]
pub enum Product {
    /// A template with its warnings, for `--emit template` (the default).
    Template(Box<Built>),
    /// Any other `--emit` document, ready to print.
    Document(String),
}

/// The `--emit` value of the template itself.
pub const TEMPLATE_EMIT: &str = "template";

/// A [`Stack`] with its types erased: what registries hold.
pub trait AnyStack: Sync {
    /// [`Stack::VERB`]: the subcommand this stack answers to.
    fn verb(&self) -> &'static str;
    /// [`Stack::ABOUT`]: the subcommand's one-line help.
    fn about(&self) -> &'static str;
    /// [`Stack::CONFIG_HELP`]: the `--config` flag's help.
    fn config_help(&self) -> &'static str;
    /// [`Stack::INSTANCE`]: the instance argument the subcommand takes.
    fn instance_arg(&self) -> InstanceArg;
    /// [`Stack::Documents`]: the documents `--emit` offers besides the
    /// template.
    fn emits(&self) -> Vec<Emit>;
    /// Whether `--config` must be given.
    fn config_required(&self) -> bool;
    /// The config's JSON Schema, as committed under `schemas/`.
    fn schema(&self) -> Result<serde_json::Value, StackError>;
    /// Loads (or defaults) and validates the config, builds, and renders
    /// what was asked for.
    fn run(&self, request: &Request<'_>) -> Result<Product, StackError>;
    /// [`Stack::examples`]: what `cargo xtask deploy-test` deploys for this
    /// stack.
    fn examples(&self) -> Result<Vec<Example>, StackError>;
}

/// Where errors in a stack's default config say it came from.
fn defaults_source(verb: &str) -> String {
    format!("the default {verb} config")
}

impl<S: Stack> AnyStack for S {
    fn verb(&self) -> &'static str {
        S::VERB
    }

    fn about(&self) -> &'static str {
        S::ABOUT
    }

    fn config_help(&self) -> &'static str {
        S::CONFIG_HELP
    }

    fn instance_arg(&self) -> InstanceArg {
        S::INSTANCE
    }

    fn emits(&self) -> Vec<Emit> {
        S::Documents::ALL
            .iter()
            .map(|document| document.describe())
            .collect()
    }

    fn config_required(&self) -> bool {
        S::default_config().is_none()
    }

    fn schema(&self) -> Result<serde_json::Value, StackError> {
        config::schema_of::<S::Config>()
    }

    fn run(&self, request: &Request<'_>) -> Result<Product, StackError> {
        let instance = S::instance(request.instance)?;
        let config = match request.config_path {
            Some(path) => config::load::<S::Config>(path)?,
            None => match S::default_config() {
                Some(defaults) => config::validate(defaults, &defaults_source(S::VERB))?,
                None => {
                    return Err(StackError::InvalidInput {
                        field: "--config".to_string(),
                        rule: format!("is required: the {} stack has no defaults", S::VERB),
                        given: String::new(),
                    })
                }
            },
        };
        let built = S::build(&instance, &config)?;
        match request.emit {
            None | Some(TEMPLATE_EMIT) => Ok(Product::Template(Box::new(built))),
            Some(name) => {
                let document = S::Documents::ALL
                    .iter()
                    .copied()
                    .find(|document| document.describe().name == name)
                    .ok_or_else(|| StackError::InvalidInput {
                        field: "--emit".to_string(),
                        rule: format!(
                            "must be one of {TEMPLATE_EMIT}{}",
                            S::Documents::ALL
                                .iter()
                                .map(|document| format!(", {}", document.describe().name))
                                .collect::<String>()
                        ),
                        given: name.to_string(),
                    })?;
                if let (Some(reads), None) = (document.describe().reads, request.input) {
                    return Err(StackError::InvalidInput {
                        field: format!("--{}", reads.flag),
                        rule: format!("is required by --emit {name}"),
                        given: String::new(),
                    });
                }
                let document = S::emit(
                    document,
                    EmitRequest {
                        instance: &instance,
                        config: &config,
                        built: &built,
                        config_path: request.config_path,
                        input: request.input,
                    },
                )?;
                Ok(Product::Document(document))
            }
        }
    }

    fn examples(&self) -> Result<Vec<Example>, StackError> {
        S::examples()
    }
}
