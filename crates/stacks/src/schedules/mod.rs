//! The interval-processing schedules stack: cron-driven Fargate jobs, the
//! system of `shared/seeds/interval-processing.md`, as one CloudFormation
//! template.
//!
//! [`build`]`(&SchedulesConfig::default())` is the seed's whole system:
//! the network with its NAT gateway, the `intervalprocessing` bucket and
//! repository, the ECS cluster, one task definition and one EventBridge
//! Scheduler schedule for each of the five processes, the roles they run
//! with, and the `intervalprocessingusers` group with its user. A config
//! ([`SchedulesConfig`]) adds, removes or changes processes without code.
//!
//! One module per concept, in the order the stack is assembled:
//! `parameters`, `network` (the seed's VPC section), `storage` (S3, ECR),
//! `tasks` (ECS), `iam`, `scheduler` (EventBridge), then [`outputs`].
//! [`rules`] checks what the config's schema cannot ([`cron`] parses cron
//! expressions and works out how often they fire, [`crate::shared::fargate`]
//! knows the task sizes) and [`names`] derives every physical name and logical ID.
//!
//! Where this deviates from the seed, each module says why:
//! - the NAT gateway sits in a public subnet, not in the private subnet
//!   whose traffic it forwards, which cannot work (`network`);
//! - the bucket is private and the repository an ECR private one, unless
//!   the config opts in to the seed's public free-tier shortcuts, which
//!   makes `synth` warn (`warnings`, `storage`);
//! - the bucket's name ends in the account ID ([`names`]);
//! - IAM grants are scoped to this system's bucket, repository, log groups,
//!   task families and roles instead of `AmazonS3FullAccess` and the
//!   account-wide `ecsTaskExecutionRole` (`iam`);
//! - log groups are resources with a retention period (`tasks`).
//!
//! Stateful resources (the bucket, the repository, the log groups) are
//! kept ([`patterns::Scope::stateful`]: DeletionPolicy `RetainExceptOnCreate`,
//! UpdateReplacePolicy `Retain`) unless the config sets
//! `allowDeleteResources`, which makes both `Delete`.

pub mod config;
pub mod cron;
mod example;
mod iam;
pub mod names;
mod network;
pub mod outputs;
mod parameters;
pub mod rules;
mod scheduler;
mod storage;
mod tags;
mod tasks;

use constructs::Template;
use patterns::{Removal, Scope};

pub use config::SchedulesConfig;
pub use example::example;

use framework::config::Validated;
use framework::error::StackError;
use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};
use names::Names;
use parameters::Parameters;

/// The interval-processing system as `synth schedules` runs it.
pub struct SchedulesStack;

impl Stack for SchedulesStack {
    type Config = SchedulesConfig;
    type Instance = ();

    const VERB: &'static str = "schedules";
    const ABOUT: &'static str = "The interval-processing system: cron-scheduled Fargate processes.";
    const CONFIG_HELP: &'static str =
        "YAML or JSON config overriding the defaults, the seed's five processes (see `synth \
         schema schedules` and examples/schedules.yaml).";
    const INSTANCE: InstanceArg = InstanceArg::None;
    type Documents = NoDocuments;

    fn default_config() -> Option<SchedulesConfig> {
        Some(SchedulesConfig::default())
    }

    fn instance(_: Option<&str>) -> Result<(), StackError> {
        Ok(())
    }

    fn stack_name(_: &(), config: &SchedulesConfig) -> String {
        Names::new(&config.name).stack()
    }

    fn build(_: &(), config: &Validated<SchedulesConfig>) -> Result<Built, StackError> {
        build(config)
    }

    fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {
        match document {}
    }

    fn examples() -> Result<Vec<framework::examples::Example>, StackError> {
        Ok(vec![example()?])
    }
}

/// The schedules stack for `config`, with the warnings it earns.
pub fn build(config: &Validated<SchedulesConfig>) -> Result<Built, StackError> {
    let timings = config.facts();
    let names = Names::new(&config.name);
    let mut template = Template::new(&format!(
        "{}: {} cron-scheduled Fargate processes with their network and NAT gateway, bucket, \
         image repository, ECS cluster, EventBridge Scheduler schedules and IAM",
        names.system(),
        config.processes.len()
    ));
    let scope = Scope::new(
        tags::tags(&names),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days.days(),
    );
    let params = Parameters::add(&mut template, config)?;
    let network = network::add(&mut template, &names, &scope, &params)?;
    let storage = storage::add(&mut template, &names, &params, &scope, config)?;
    let cluster = tasks::add_cluster(&mut template, &names, &scope)?;
    let log_groups = tasks::add_log_groups(&mut template, &names, &scope, config)?;
    let execution_role =
        iam::add_execution_role(&mut template, &names, &scope, &storage, &log_groups)?;
    let task_definitions = tasks::add_task_definitions(
        &mut template,
        &tasks::Dependencies {
            names: &names,
            config,
            log_groups: &log_groups,
            execution_role: &execution_role,
            image: storage.repository.image(&names, &params.image_tag),
            scope: &scope,
        },
    )?;
    let scheduler_role = iam::add_scheduler_role(
        &mut template,
        &names,
        &scope,
        config,
        &cluster,
        &execution_role,
    )?;
    scheduler::add(
        &mut template,
        &scheduler::Dependencies {
            names: &names,
            config,
            timings,
            task_definitions: &task_definitions,
            cluster: &cluster,
            network: &network,
            role: &scheduler_role,
        },
    )?;
    iam::add_backend_users(&mut template, &names, &scope, &storage)?;
    outputs::add(
        &mut template,
        &outputs::Sources {
            names: &names,
            network: &network,
            storage: &storage,
            cluster: &cluster,
        },
    )?;
    Ok(Built {
        template,
        warnings: warnings(config),
    })
}

/// What the user should know about a valid config before deploying it:
/// the seed's public shortcuts, when opted in. `synth` prints each on
/// standard error.
fn warnings(config: &SchedulesConfig) -> Vec<String> {
    let mut warnings = Vec::new();
    if config.public_bucket {
        warnings.push(
            "publicBucket: S3 Block Public Access is off for the files bucket, as in the seed; \
             any bucket policy can now make the generated files public"
                .to_string(),
        );
    }
    if config.public_repository {
        warnings.push(
            "publicRepository: the image goes to an ECR Public repository, as in the seed; \
             anyone on the internet can pull it, and ECR Public only exists in us-east-1"
                .to_string(),
        );
    }
    warnings
}
