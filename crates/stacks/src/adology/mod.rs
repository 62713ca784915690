//! The Adology stack: the seed `shared/seeds/adology.md` (console steps and
//! shell commands on hand-built EC2 hosts) as one stack. An API answering
//! immediately, long jobs through SQS to workers (ECS tasks on EC2, Lambda
//! for overflow), status pushed to browsers over WebSockets, PostgreSQL
//! (RDS) and MongoDB Atlas behind it.
//!
//! [`AdologyStack`] is how `synth adology` sees it. [`build`]`(&config)`
//! makes, in order: the `ImageTag` parameter, the
//! network (a new VPC, or an existing one) and the optional routes to Atlas
//! (`atlas`), the load balancer and its target groups (`load_balancer`),
//! the security groups (`security_groups`), the queues (`queue`), the bucket and
//! repositories (`storage`), PostgreSQL, the Atlas connection secret, the
//! cluster and its EC2 capacity (`capacity`), the Cloud Map namespace, the
//! three services (`services`), the Lambda overflow workers
//! (`overflow`), scaling and alarms (`scaling`), the dashboard
//! (`dashboard`) and the outputs (`outputs`). `cost` prices the same config.
//!
//! Where this deviates from the seed, the module says why: the WebSocket
//! server is an ECS service rather than a hand-built host (a config switch
//! gives it instances of its own); workers reach it through Cloud Map, not
//! an IP address; the database password is generated in Secrets Manager;
//! Atlas's connection string is a NoEcho parameter kept there.

mod atlas;
mod capacity;
pub mod config;
pub mod cost;
mod dashboard;
mod example;
mod load_balancer;
pub mod names;
mod outputs;
mod overflow;
pub mod prices;
mod queue;
mod roles;
pub mod rules;
mod scaling;
mod security_groups;
mod services;
pub mod sizes;
mod storage;
mod tags;

use constructs::aws::{cloudwatch, servicediscovery};
use constructs::{Resource, Template};
use patterns::{Removal, Scope};

pub use config::AdologyConfig;
pub use example::example;
pub use overflow::IMAGE_TAG_SUFFIX;

use crate::shared::image_tag::{self, ImageTag};
use crate::shared::network;
use framework::config::Validated;
use framework::error::StackError;
use framework::stack::{Built, Documents, Emit, EmitRequest, InstanceArg, Stack};
use names::Names;
use patterns::postgres::{add_postgres, PostgresSpec};
use patterns::rotation::add_roll_on_rotation;

/// The Adology platform as `synth adology` runs it.
pub struct AdologyStack;

/// What `synth adology --emit` renders besides the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdologyDocument {
    /// The monthly cost estimate.
    Cost,
}

impl Documents for AdologyDocument {
    const ALL: &'static [Self] = &[AdologyDocument::Cost];

    fn describe(self) -> Emit {
        match self {
            AdologyDocument::Cost => Emit {
                name: "cost",
                help: "A Markdown table of monthly cost per component, from the price table in \
                       crates/stacks/data/aws-prices.json.",
                reads: None,
            },
        }
    }
}

impl Stack for AdologyStack {
    type Config = AdologyConfig;
    type Instance = ();

    const VERB: &'static str = "adology";
    const ABOUT: &'static str = "The Adology async platform: API, workers and WebSocket server \
                                 on ECS (EC2), Lambda overflow, SQS, PostgreSQL; or its monthly \
                                 cost estimate.";
    const CONFIG_HELP: &'static str =
        "YAML or JSON config overriding the defaults, the seed's system (see `synth schema \
         adology` and examples/adology.yaml).";
    const INSTANCE: InstanceArg = InstanceArg::None;
    type Documents = AdologyDocument;

    fn default_config() -> Option<AdologyConfig> {
        Some(AdologyConfig::default())
    }

    fn instance(_: Option<&str>) -> Result<(), StackError> {
        Ok(())
    }

    fn stack_name(_: &(), config: &AdologyConfig) -> String {
        Names::new(&config.name).system().to_string()
    }

    fn build(_: &(), config: &Validated<AdologyConfig>) -> Result<Built, StackError> {
        build(config).map(Built::new)
    }

    /// The cost is estimated only for a config that builds: the price of
    /// one that does not means nothing.
    fn emit(
        document: AdologyDocument,
        request: EmitRequest<'_, Self>,
    ) -> Result<String, StackError> {
        match document {
            AdologyDocument::Cost => Ok(cost::estimate(request.config)?.render()),
        }
    }

    fn examples() -> Result<Vec<framework::examples::Example>, StackError> {
        Ok(vec![example()?])
    }
}

/// The Adology stack for `config`.
pub fn build(config: &Validated<AdologyConfig>) -> Result<Template, StackError> {
    let names = Names::new(&config.name);
    let mut template = Template::new(&format!(
        "Adology ({}): API, workers and WebSocket server on ECS (EC2), Lambda overflow workers, \
         SQS, PostgreSQL (RDS), S3, and the load balancer, alarms and dashboard around them",
        names.system()
    ));
    let ImageTag {
        parameter: image_tag,
        has_image,
    } = image_tag::add(
        &mut template,
        "the API, worker and WebSocket images (and the worker's <tag>-lambda build)",
    )?;
    let scope = Scope::new(
        tags::tags(&names),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days.days(),
    );
    let network = network::add(
        &mut template,
        &scope,
        names.system(),
        &config.network,
        network::PublicAndPrivate,
    )?;
    if config.atlas_peering {
        atlas::add_peering_routes(&mut template, &network)?;
    }
    let entry = load_balancer::add(&mut template, &names, config, &network, &scope)?;
    let web_socket_port = sizes::web_socket_port(config);
    let groups = security_groups::add(
        &mut template,
        &names,
        &scope,
        &network.vpc_id,
        &entry.load_balancer.security_group,
        web_socket_port,
    )?;
    let queues = queue::add(&mut template, &names, config, &scope)?;
    let storage = storage::add(&mut template, &names, &scope)?;
    let database = add_postgres(
        &mut template,
        &scope,
        PostgresSpec {
            prefix: String::new(),
            identifier: names.system().to_string(),
            database_name: names.database(),
            size: config.database.size(!config.allow_delete_resources),
            subnet_ids: network.private_subnet_ids.clone(),
            security_group_id: groups.database.group_id(),
        },
    )?;
    let atlas = atlas::add_connection_secret(&mut template, &names, &scope)?;
    let capacity = capacity::add(
        &mut template,
        &capacity::Placement {
            names: &names,
            scope: &scope,
            private_subnets: &network.private_subnet_ids,
            security_group: &groups.instances,
            wait_for: &network.private_egress_ready,
        },
        &config.instances,
        config.web_socket_instances.as_ref(),
    )?;
    let namespace = template.add(Resource::new(
        "Namespace",
        servicediscovery::PrivateDnsNamespace {
            tags: scope.tag_list(),
            ..servicediscovery::PrivateDnsNamespace::new(names.namespace())
                .vpc(network.vpc_id.clone())
                .description(format!(
                    "{}: the WebSocket service, for the workers",
                    names.system()
                ))
        },
    ))?;
    let shared = services::Shared {
        names: &names,
        scope: &scope,
        config,
        capacity: &capacity,
        entry: &entry,
        queues: &queues,
        storage: &storage,
        database: &database,
        atlas: &atlas,
        image_tag: &image_tag,
        has_image: &has_image,
        private_subnets: &network.private_subnet_ids,
        web_socket_group: &groups.web_socket,
        namespace: &namespace,
    };
    let services = services::add(&mut template, &shared)?;
    let log_group_name = format!("/aws/vendedlogs/states/{}-roll-services", names.system());
    let readers = vec![&services.api, &services.worker];
    let rotation = database.rotation(&capacity.cluster, readers, log_group_name, Some(&has_image));
    add_roll_on_rotation(&mut template, &scope, rotation)?;
    overflow::add(
        &mut template,
        &shared,
        &overflow::Placement {
            security_group: &groups.overflow,
            wait_for: &network.private_egress_ready,
        },
        &storage.worker_repository,
        &has_image,
    )?;
    let dead_letter_alarm = scaling::add(
        &mut template,
        &names,
        &scope,
        config,
        &scaling::Scaled {
            cluster: &capacity.cluster,
            api: &services.api,
            worker: &services.worker,
            web_socket: &services.web_socket,
        },
        &queues,
        &has_image,
    )?;
    let dashboard = template.add(Resource::new(
        "Dashboard",
        cloudwatch::Dashboard::new(dashboard::body(
            &names,
            config,
            &dashboard::Sources {
                load_balancer: &entry.load_balancer.load_balancer,
                api_group: &entry.api_group,
                web_socket_group: &entry.web_socket_group,
                instances: &capacity.shared_group,
                web_socket_instances: capacity.web_socket_group.as_ref(),
                dead_letter_alarm: &dead_letter_alarm,
            },
        ))
        .dashboard_name(names.dashboard()),
    ))?;
    outputs::add(
        &mut template,
        &outputs::Sources {
            entry: &entry,
            storage: &storage,
            queue: &queues.tasks,
            database: &database,
            cluster: &capacity.cluster,
            instances: &capacity.shared_group,
            dashboard: &dashboard,
        },
    )?;
    Ok(template)
}
