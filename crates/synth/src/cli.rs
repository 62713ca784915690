//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Render this project's stacks as CloudFormation templates, offline.
#[derive(Debug, Parser)]
#[command(name = "synth", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The AskEdgi stack for one SaaS tenant.
    Tenant(TenantArgs),
    /// The interval-processing system: cron-scheduled Fargate processes.
    Schedules(SchedulesArgs),
    /// A Datafi edge deployment: edge servers, coordinator, load balancer,
    /// DNS and update APIs, from a config file.
    Edge(EdgeArgs),
    /// The DataSpace system of one environment: app, collector, PostgreSQL,
    /// OpenSearch, Redis; or its GitHub Actions workflow.
    Dataspace(DataspaceArgs),
    /// The Adology async platform: API, workers and WebSocket server on ECS
    /// (EC2), Lambda overflow, SQS, PostgreSQL; or its monthly cost estimate.
    Adology(AdologyArgs),
    /// Draw a template (a file or `-`) as an architecture diagram: Mermaid,
    /// Graphviz DOT, SVG or a self-contained HTML page, grouped by VPC,
    /// zone and subnet.
    Diagram(crate::diagram_command::DiagramArgs),
    /// Print the JSON Schema of a stack's config file.
    Schema {
        #[arg(value_enum)]
        name: SchemaName,
    },
    /// Write every example stack and a manifest for `cargo xtask deploy-test`.
    #[command(hide = true)]
    Examples {
        #[arg(long)]
        out_dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct TenantArgs {
    /// Tenant name: lowercase letters, digits and hyphens; every physical
    /// resource name is derived from it.
    pub name: String,
    /// YAML or JSON config overriding the defaults (see `synth schema tenant`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to print: the CloudFormation template, or the documents for the
    /// steps people do after the deploy.
    #[arg(long, value_enum, default_value_t = TenantEmit::Template)]
    pub emit: TenantEmit,
    /// `aws cloudformation describe-stacks --stack-name askedgi-NAME` output,
    /// for `--emit ovaledge-env`.
    #[arg(long, value_name = "FILE", required_if_eq("emit", "ovaledge-env"))]
    pub outputs: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SchedulesArgs {
    /// YAML or JSON config overriding the defaults, the seed's five
    /// processes (see `synth schema schedules` and examples/schedules.yaml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct EdgeArgs {
    /// YAML or JSON config of the deployment (see `synth schema edge` and
    /// examples/edge.yaml).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DataspaceArgs {
    /// The environment: its sizes, names and stack.
    #[arg(long, value_enum, default_value_t = DataspaceEnvironment::Dev)]
    pub env: DataspaceEnvironment,
    /// YAML or JSON config overriding the defaults (see `synth schema dataspace`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to print: the CloudFormation template, or the GitHub Actions
    /// workflow that deploys it.
    #[arg(long, value_enum, default_value_t = DataspaceEmit::Template)]
    pub emit: DataspaceEmit,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AdologyArgs {
    /// YAML or JSON config overriding the defaults, the seed's system (see
    /// `synth schema adology` and examples/adology.yaml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to print: the CloudFormation template, or an estimate of its
    /// monthly cost.
    #[arg(long, value_enum, default_value_t = AdologyEmit::Template)]
    pub emit: AdologyEmit,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdologyEmit {
    /// The stack template.
    Template,
    /// A Markdown table of monthly cost per component, from the price table
    /// in crates/stacks/data/aws-prices.json.
    Cost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataspaceEnvironment {
    Dev,
    Staging,
    Prod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataspaceEmit {
    /// The stack template.
    Template,
    /// `.github/workflows/deploy-dataspace-<env>.yml`.
    GithubWorkflow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TenantEmit {
    /// The stack template.
    Template,
    /// The UI/Job task definitions' `environment` and `secrets` (step 11).
    OvaledgeEnv,
    /// Verification and troubleshooting steps for this tenant (step 12).
    Runbook,
}

/// Where and how a template is written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Yaml)]
    pub format: OutputFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaName {
    Tenant,
    Schedules,
    Edge,
    Dataspace,
    Adology,
}
