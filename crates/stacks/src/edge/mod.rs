//! The Datafi edge stack: the seed `shared/seeds/datafi-edge.md` (a CDK app
//! forked per customer and deployed with secrets exported in the shell) as
//! one CloudFormation template built from one config file.
//!
//! [`EdgeStack`] is how `synth edge` sees it. [`build`]`(&config)` makes,
//! in this order: the network (a new VPC across
//! two or more zones, or an existing one), the domain's hosted zone and
//! certificate (`dns`), the ECS cluster, the shared load balancer
//! (`load_balancer`), the optional Cloud Map namespace (`discovery`), then
//! each long-running edge server with its update API (`edge_servers`,
//! `service`, `update_api`), each serverless edge server (`serverless`),
//! the coordinator (`coordinator`) and the [`outputs`]. [`rules`] checks
//! the config; [`names`] derives every name; `secrets` turns NoEcho
//! parameters into Secrets Manager secrets.
//!
//! Where this deviates from the seed, each module says why:
//! - secrets are NoEcho parameters kept in Secrets Manager and handed to
//!   containers as ECS secrets, never environment values or template
//!   literals (the seed puts keys, JWT private keys and the update-API
//!   secret in plain environment variables) (`secrets`);
//! - gRPC shares the HTTPS listener on 443, by content type, instead of a
//!   second listener on 50051 (`load_balancer`);
//! - each long-running server has its own update API, scoped to its
//!   service, instead of one function that may update any service
//!   (`update_api`);
//! - each server has a record of its own instead of a wildcard record, and
//!   its own security group that admits the load balancer only
//!   (`service`);
//! - a server's bucket is private, encrypted and TLS-only, and only that
//!   server may use it (`edge_servers`);
//! - serverless edge servers, declared but never built by the seed, are
//!   Lambda functions behind the load balancer (`serverless`).
//!
//! Buckets and log groups are kept ([`patterns::Scope::stateful`]:
//! DeletionPolicy `RetainExceptOnCreate`, UpdateReplacePolicy `Retain`)
//! unless the config sets `allowDeleteResources`.

pub mod config;
mod coordinator;
mod discovery;
mod dns;
mod edge_servers;
mod example;
mod functions;
mod load_balancer;
pub mod names;
pub mod outputs;
mod roles;
pub mod rules;
mod secrets;
mod serverless;
mod service;
mod tags;
pub mod update_api;

use constructs::aws::ecs;
use constructs::{pseudo, Condition, Resource, Rule, Template};
use patterns::{Removal, Scope};

pub use config::EdgeConfig;
pub use example::{example, example_config, minimal_config, minimal_example};

use crate::shared::network;
use framework::config::Validated;
use framework::error::StackError;
use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};
use load_balancer::RuleSlots;
use names::{Names, UPDATE_LABEL};
use patterns::load_balancer::add_alias_record;
use secrets::SecretSpec;
use service::Platform;

/// A Datafi edge deployment as `synth edge --config FILE` runs it.
pub struct EdgeStack;

impl Stack for EdgeStack {
    type Config = EdgeConfig;
    type Instance = ();

    const VERB: &'static str = "edge";
    const ABOUT: &'static str = "A Datafi edge deployment: edge servers, coordinator, load \
                                 balancer, DNS and update APIs, from a config file.";
    const CONFIG_HELP: &'static str = "YAML or JSON config of the deployment (see `synth \
                                       schema edge` and examples/edge.yaml).";
    const INSTANCE: InstanceArg = InstanceArg::None;
    type Documents = NoDocuments;

    /// None: a deployment has a domain only its owner knows.
    fn default_config() -> Option<EdgeConfig> {
        None
    }

    fn instance(_: Option<&str>) -> Result<(), StackError> {
        Ok(())
    }

    fn stack_name(_: &(), config: &EdgeConfig) -> String {
        config.name.clone()
    }

    fn build(_: &(), config: &Validated<EdgeConfig>) -> Result<Built, StackError> {
        build(config).map(Built::new)
    }

    fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {
        match document {}
    }

    fn examples() -> Result<Vec<framework::examples::Example>, StackError> {
        Ok(vec![example()?, minimal_example()?])
    }
}

/// The edge stack for `config`.
pub fn build(config: &Validated<EdgeConfig>) -> Result<Template, StackError> {
    let names = Names::new(&config.name, &config.dns.domain);
    let scope = Scope::new(
        tags::tags(names.deployment()),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days.days(),
    );
    let deployment = names.deployment();
    let servers = &config.edge_servers;
    let mut template = Template::new(&format!(
        "Datafi edge deployment {deployment} at {}: {} long-running and {} serverless edge \
         servers{} behind one load balancer",
        config.dns.domain,
        servers.long_running.len(),
        servers.serverless.len(),
        if config.coordinator.is_some() {
            " and a coordinator"
        } else {
            ""
        }
    ));
    add_target_rule(&mut template, config)?;
    let network = network::add(
        &mut template,
        &scope,
        deployment,
        &config.network,
        network::PublicAndPrivate,
    )?;
    let dns = dns::add(&mut template, deployment, &scope, &config.dns)?;
    let cluster = template.add(Resource::new(
        "Cluster",
        ecs::Cluster {
            tags: scope.tag_list(),
            ..ecs::Cluster::default().cluster_name(names.cluster())
        },
    ))?;
    let load_balancer = load_balancer::add(
        &mut template,
        &names,
        &network,
        dns.certificate_arn.clone(),
        &config.load_balancer,
        &scope,
    )?;
    let namespace = match &config.service_discovery {
        Some(discovery) => Some(discovery::add(
            &mut template,
            deployment,
            &scope,
            network.vpc_id.clone(),
            discovery,
        )?),
        None => None,
    };
    let rule_slots = rule_slots(config);
    let platform = Platform {
        names: &names,
        network: &network,
        cluster: &cluster,
        load_balancer: &load_balancer,
        dns: &dns,
        rule_slots: &rule_slots,
        namespace: namespace.as_ref(),
        scope: &scope,
        bucket_recoverable_days: config.bucket_recoverable_days,
    };
    // The coordinator signs tokens with its private key; everyone checks
    // them with this public one.
    let jwks = match &config.coordinator {
        Some(_) => Some(secrets::add(
            &mut template,
            deployment,
            &scope,
            &SecretSpec::new(
                "JwtJwks",
                "The public key (JWKS) matching the coordinator's JWT key (the seed's JWT_JWKS)",
            ),
        )?),
        None => None,
    };
    let edge_servers = servers
        .long_running
        .iter()
        .map(|server| edge_servers::add(&mut template, &platform, server, jwks.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    if !edge_servers.is_empty() {
        add_alias_record(
            &mut template,
            "UpdateApiRecord",
            dns.zone_id.clone(),
            &names.host(UPDATE_LABEL),
            &load_balancer.load_balancer,
        )?;
    }
    let serverless = servers
        .serverless
        .iter()
        .map(|server| serverless::add(&mut template, &platform, server, jwks.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    if let (Some(coordinator), Some(jwks)) = (&config.coordinator, &jwks) {
        coordinator::add(&mut template, &platform, coordinator, jwks)?;
    }
    outputs::add(
        &mut template,
        &outputs::Sources {
            names: &names,
            dns: &dns,
            load_balancer: &load_balancer,
            cluster: &cluster,
            edge_servers: &edge_servers,
            serverless: &serverless,
            has_coordinator: config.coordinator.is_some(),
            namespace_id: namespace.as_ref().map(|namespace| namespace.id()),
        },
    )?;
    Ok(template)
}

/// With `aws.accountId` or `aws.region` in the config, a rule that stops a
/// deploy to any other account or region before anything is created.
fn add_target_rule(template: &mut Template, config: &EdgeConfig) -> Result<(), StackError> {
    let mut rule = Rule::new();
    if let Some(account) = &config.aws.account_id {
        rule = rule.assert(
            Condition::equals(pseudo::account_id(), account.clone()),
            &format!("This template is for AWS account {account} (aws.accountId in the config)"),
        );
    }
    if let Some(region) = &config.aws.region {
        rule = rule.assert(
            Condition::equals(pseudo::region(), region.clone()),
            &format!("This template is for region {region} (aws.region in the config)"),
        );
    }
    if config.aws.account_id.is_some() || config.aws.region.is_some() {
        template.add_rule("DeployTarget", rule)?;
    }
    Ok(())
}

/// The rule slot of every server and the coordinator, as [`rules`] checked them.
fn rule_slots(config: &EdgeConfig) -> RuleSlots {
    RuleSlots::new(
        rules::rule_slots(config)
            .into_iter()
            .map(|(_, label, slot)| (label.to_string(), slot)),
    )
}
