//! The AskEdgi tenant stack: everything one SaaS tenant needs for AskEdgi
//! on ECS, steps 1 to 10 of the onboarding runbook
//! (`shared/seeds/askedgi-tenant.md`), as one CloudFormation template.
//!
//! [`TenantStack`] is how `synth tenant NAME` and the rest of the project
//! see it. [`build`]`(&name, &config)` works with nothing but the tenant name:
//! every physical name is derived from it ([`names`]), the operator's
//! choices come from a [`TenantConfig`] with defaults for everything, and
//! what only the deployer knows (VPC, security groups, EFS, database
//! secret, OvalEdge URL, image) are CloudFormation parameters (module
//! `parameters`). The [`outputs`] carry what the OvalEdge UI and Job task
//! definitions need next; [`handoff`] turns a deployed stack's outputs
//! into steps 11 and 12.
//!
//! One private module per concept, in the order the stack is assembled:
//! `network` (step 1), `efs` (2), `queues` (7) and `bucket` (3, 6),
//! `discovery` (9), `roles` (5), `users` (4), `tasks` (8, 9), then
//! [`outputs`] (10); `access` holds the IAM statements several of them
//! share and `tags` the tags every resource carries.
//!
//! Where this deviates from the seed, it is for security, and each module
//! says why: access keys go to Secrets Manager, never into task definition
//! environment values or outputs (`users`); the AskEdgi user and the task
//! role are scoped to this tenant's queues and bucket instead of
//! `AmazonSQSFullAccess` (`access`, `roles`); the bucket is encrypted,
//! private and TLS-only (`bucket`); queues are encrypted with dead-letter
//! queues (`queues`); the data service's security group only sends where it
//! must (`network`).
//!
//! Stateful resources (the bucket, the access-key secrets, the log group)
//! carry DeletionPolicy and UpdateReplacePolicy `Retain` unless the config
//! sets `allowDeleteResources`, which makes both `Delete`.

mod access;
mod bucket;
pub mod config;
mod discovery;
mod efs;
mod example;
pub mod handoff;
pub mod names;
mod network;
pub mod outputs;
mod parameters;
mod queues;
mod roles;
mod tags;
mod tasks;
mod users;

use constructs::Template;
use patterns::{Removal, Scope};

pub use config::TenantConfig;
pub use example::example;
pub use names::{validate_name, TenantName};
pub use network::SUBNET_CIDR_PARAMETERS;
pub use parameters::VPC_ID;
pub use users::{ACCESS_KEY_ID_FIELD, SECRET_ACCESS_KEY_FIELD};

use framework::config::Validated;
use framework::error::StackError;
use framework::stack::{Built, Documents, Emit, EmitInput, EmitRequest, InstanceArg, Stack};
use names::Names;
use parameters::Parameters;

/// The AskEdgi tenant stack as `synth tenant NAME` runs it.
pub struct TenantStack;

/// What `synth tenant NAME --emit` renders besides the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantDocument {
    /// The OvalEdge UI/Job container environment, from the stack's outputs.
    OvaledgeEnv,
    /// The tenant's verification and troubleshooting runbook.
    Runbook,
}

impl Documents for TenantDocument {
    const ALL: &'static [Self] = &[TenantDocument::OvaledgeEnv, TenantDocument::Runbook];

    fn describe(self) -> Emit {
        match self {
            TenantDocument::OvaledgeEnv => Emit {
                name: "ovaledge-env",
                help: "The UI/Job task definitions' `environment` and `secrets` (step 11).",
                reads: Some(EmitInput {
                    flag: "outputs",
                    help: "`aws cloudformation describe-stacks --stack-name askedgi-NAME` output, \
                           for `--emit ovaledge-env`.",
                }),
            },
            TenantDocument::Runbook => Emit {
                name: "runbook",
                help: "Verification and troubleshooting steps for this tenant (step 12).",
                reads: None,
            },
        }
    }
}

impl Stack for TenantStack {
    type Config = TenantConfig;
    type Instance = TenantName;

    const VERB: &'static str = "tenant";
    const ABOUT: &'static str = "The AskEdgi stack for one SaaS tenant.";
    const CONFIG_HELP: &'static str =
        "YAML or JSON config overriding the defaults (see `synth schema tenant`).";
    const INSTANCE: InstanceArg = InstanceArg::Name {
        value_name: "NAME",
        help: "Tenant name: lowercase letters, digits and hyphens; every physical resource \
               name is derived from it.",
        example: "acme",
    };
    type Documents = TenantDocument;

    fn default_config() -> Option<TenantConfig> {
        Some(TenantConfig::default())
    }

    fn instance(given: Option<&str>) -> Result<TenantName, StackError> {
        TenantName::parse(given.unwrap_or_default())
    }

    fn stack_name(tenant: &TenantName, _: &TenantConfig) -> String {
        names::STACK.of(tenant.as_str())
    }

    fn build(tenant: &TenantName, config: &Validated<TenantConfig>) -> Result<Built, StackError> {
        build(tenant, config).map(Built::new)
    }

    fn emit(
        document: TenantDocument,
        request: EmitRequest<'_, Self>,
    ) -> Result<String, StackError> {
        match document {
            TenantDocument::OvaledgeEnv => {
                let input = request.input.ok_or_else(|| {
                    StackError::Internal("--emit ovaledge-env was given no --outputs file".into())
                })?;
                let outputs = handoff::read_outputs(&input.text, &input.source)?;
                handoff::ovaledge_env(&outputs, &input.source)
            }
            TenantDocument::Runbook => handoff::runbook(request.instance, request.config),
        }
    }

    fn examples() -> Result<Vec<framework::examples::Example>, StackError> {
        Ok(vec![example()?])
    }
}

/// The tenant stack for `tenant`.
pub fn build(
    tenant: &TenantName,
    config: &Validated<TenantConfig>,
) -> Result<Template, StackError> {
    let name = tenant.as_str();
    let names = Names::new(tenant);
    let mut template = Template::new(&format!(
        "AskEdgi tenant {name}: data service subnets, security group, EFS access point, \
         bucket, queues, IAM users and roles, ECS task definitions and service discovery"
    ));
    let scope = Scope::new(
        tags::tags(&names),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days.days(),
    );
    let params = Parameters::add(&mut template, config)?;
    let network = network::add(&mut template, &names, &scope, &params, config)?;
    let access_point = efs::add(&mut template, &scope, &params, &network, config)?;
    let queues = queues::add(&mut template, &names, &scope, config)?;
    let bucket = bucket::add(
        &mut template,
        &names,
        &scope,
        &queues,
        config.recoverable_days,
    )?;
    let discovery = discovery::add(&mut template, &names, &scope, &params, config)?;
    let log_group = tasks::add_log_group(&mut template, &names, &scope)?;
    let roles = roles::add(
        &mut template,
        &roles::Grants {
            scope: &scope,
            names: &names,
            params: &params,
            bucket: &bucket,
            queues: &queues,
            log_group: &log_group,
            access_point: &access_point,
            namespace_name: &discovery.namespace_name,
            workspaces: &discovery.workspaces,
            workspaces_dns_name: &discovery.workspaces_dns_name,
        },
    )?;
    let key_secrets = users::add(&mut template, &names, &scope, &bucket, &queues)?;
    tasks::add(
        &mut template,
        &tasks::Dependencies {
            names: &names,
            scope: &scope,
            params: &params,
            roles: &roles,
            bucket: &bucket,
            access_point: &access_point,
            log_group: &log_group,
        },
    )?;
    outputs::add(
        &mut template,
        &outputs::Sources {
            names: &names,
            bucket: &bucket,
            queues: &queues,
            network: &network,
            discovery: &discovery,
            key_secrets: &key_secrets,
            access_point: &access_point,
            log_group: &log_group,
        },
    )?;
    Ok(template)
}
