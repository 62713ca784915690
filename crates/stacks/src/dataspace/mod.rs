//! The DataSpace stack: the seed `shared/seeds/dataspace.md` (a planned
//! hand-written `dataspace-infrastructure.yml` plus two task definition
//! files with environment substitution in CI), generated from one stack
//! definition, with the environment as the switch. The seed's recommended
//! Option 1: managed data stores, ECS only for the app and the collector.
//!
//! [`DataspaceStack`] is how `synth dataspace` sees it.
//! [`build`]`(&config, Environment::Prod)` makes: the network (a new VPC,
//! or an existing one's private subnets), the services' and the data
//! stores' security groups (`data_stores`), PostgreSQL (`database`),
//! OpenSearch (`search`), Redis (`cache`), the SSM connection settings
//! (`connection`), the Django secret key, the image repository, the ECS
//! cluster (`cluster`) and Cloud Map namespace (`discovery`), the roles
//! (`iam`), the OpenTelemetry collector (`collector`), the app with its
//! autoscaling (`app`), and the [`outputs`]. [`sizing`] holds what differs
//! between environments; [`workflow`] renders the GitHub Actions workflow.
//!
//! The environment is chosen when synthesizing (`synth dataspace --env
//! prod`), not by a template parameter with conditions: each environment
//! is its own stack with its own names, the template of each says plainly
//! what it deploys (a reviewer sees Multi-AZ in the prod snapshot, not an
//! `!If` to evaluate), and no deploy-time parameter can turn prod's
//! database into dev's.
//!
//! Where this deviates from the seed, each module says why: no database
//! password or search password exists to keep by hand (Secrets Manager
//! generates the first, the search domain trusts the app's role instead of
//! the second); the Django secret key is generated in Secrets Manager, not a
//! repository secret; the collector's configuration comes from an SSM
//! parameter, not a volume; Elasticsearch is its successor, OpenSearch.

mod app;
mod cache;
mod cluster;
mod collector;
pub mod config;
mod connection;
mod data_stores;
mod database;
mod discovery;
mod example;
mod fargate;
mod iam;
pub mod names;
pub mod outputs;
pub mod rules;
mod search;
mod search_access;
pub mod sizing;
mod tags;
pub mod workflow;

use constructs::aws::secretsmanager;
use constructs::{Resource, Template};

pub use app::RESERVED_VARIABLES;
pub use config::{DataspaceConfig, Environment};
pub use example::example;

use crate::shared::image_tag::{self, ImageTag};
use crate::shared::network;
use crate::shared::registry;
use framework::config::Validated;
use framework::error::StackError;
use framework::stack::{Built, Documents, Emit, EmitRequest, InstanceArg, Stack};
use names::Names;
use patterns::logs::add_log_group;
use patterns::rotation::add_roll_on_rotation;
use patterns::{Removal, Scope};

/// Tagged images the repository keeps.
const KEPT_IMAGES: u32 = 30;

/// The DataSpace system of one environment as `synth dataspace --env ENV`
/// runs it.
pub struct DataspaceStack;

/// What `synth dataspace --emit` renders besides the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataspaceDocument {
    /// The GitHub Actions workflow that deploys the environment.
    GithubWorkflow,
}

impl Documents for DataspaceDocument {
    const ALL: &'static [Self] = &[DataspaceDocument::GithubWorkflow];

    fn describe(self) -> Emit {
        match self {
            DataspaceDocument::GithubWorkflow => Emit {
                name: "github-workflow",
                help: "`.github/workflows/deploy-dataspace-<env>.yml`.",
                reads: None,
            },
        }
    }
}

impl Stack for DataspaceStack {
    type Config = DataspaceConfig;
    type Instance = Environment;

    const VERB: &'static str = "dataspace";
    const ABOUT: &'static str = "The DataSpace system of one environment: app, collector, \
                                 PostgreSQL, OpenSearch, Redis; or its GitHub Actions workflow.";
    const CONFIG_HELP: &'static str =
        "YAML or JSON config overriding the defaults (see `synth schema dataspace`).";
    const INSTANCE: InstanceArg = InstanceArg::Choice {
        flag: "env",
        value_name: "ENV",
        values: &["dev", "staging", "prod"],
        default: "dev",
        help: "The environment: its sizes, names and stack.",
    };
    type Documents = DataspaceDocument;

    fn default_config() -> Option<DataspaceConfig> {
        Some(DataspaceConfig::default())
    }

    fn instance(given: Option<&str>) -> Result<Environment, StackError> {
        Environment::ALL
            .into_iter()
            .find(|environment| Some(environment.as_str()) == given)
            .ok_or_else(|| StackError::InvalidInput {
                field: "--env".to_string(),
                rule: "must be dev, staging or prod".to_string(),
                given: given.unwrap_or_default().to_string(),
            })
    }

    fn stack_name(environment: &Environment, config: &DataspaceConfig) -> String {
        Names::new(&config.name, *environment).prefix()
    }

    fn build(
        environment: &Environment,
        config: &Validated<DataspaceConfig>,
    ) -> Result<Built, StackError> {
        build(config, *environment).map(Built::new)
    }

    fn emit(
        document: DataspaceDocument,
        request: EmitRequest<'_, Self>,
    ) -> Result<String, StackError> {
        match document {
            DataspaceDocument::GithubWorkflow => workflow::render_workflow(
                &Names::new(&request.config.name, *request.instance),
                &request.built.template,
                request.config_path,
            ),
        }
    }

    fn examples() -> Result<Vec<framework::examples::Example>, StackError> {
        Ok(vec![example()?])
    }
}

/// The DataSpace stack of `environment`.
pub fn build(
    config: &Validated<DataspaceConfig>,
    environment: Environment,
) -> Result<Template, StackError> {
    let names = Names::new(&config.name, environment);
    let sizing = sizing::of(config, environment);
    let mut template = Template::new(&format!(
        "DataSpace {}: the Django app and OpenTelemetry collector on ECS Fargate, PostgreSQL \
         (RDS), OpenSearch, Redis (ElastiCache) and their network, settings and roles",
        environment.as_str()
    ));
    let ImageTag {
        parameter: image_tag,
        has_image,
    } = image_tag::add(&mut template, "the app's image in RepositoryUri")?;
    let scope = Scope::new(
        tags::tags(&names),
        Removal::allowing_delete(config.allow_delete_resources),
        config.log_retention_days.days(),
    );
    let network = network::add(
        &mut template,
        &scope,
        &names.prefix(),
        &config.network,
        network::PrivateOnly,
    )?;
    let private = (&network.vpc_id, &network.private_subnet_ids);
    let app_group = data_stores::add_app_group(&mut template, &names, &scope, &network.vpc_id)?;
    let app_role = iam::add_app_role(&mut template, &names, &scope)?;
    let database = database::add(
        &mut template,
        &names,
        private,
        &app_group,
        &sizing.database,
        &scope,
    )?;
    let admin_role =
        search_access::add_admin_role(&mut template, &names, &scope, search::domain_paths(&names))?;
    let search = search::add(
        &mut template,
        &names,
        private,
        &app_group,
        search::Principals {
            app: &app_role,
            admin: &admin_role,
        },
        search::SearchSpec {
            size: &sizing.search,
            publish_logs: config.search_logs.enabled,
        },
        &scope,
    )?;
    search_access::add(
        &mut template,
        &names,
        &scope,
        search_access::Dependencies {
            vpc_id: &network.vpc_id,
            subnets: &network.private_subnet_ids,
            search_group: &search.group,
            domain: &search.domain,
            admin_role: &search.master_user,
            app_role: &app_role,
            index_patterns: &config.search_access.index_patterns,
        },
    )?;
    let cache = cache::add(
        &mut template,
        &names,
        private,
        &app_group,
        &sizing.cache,
        &scope,
    )?;
    let settings = connection::add(&mut template, &names, &scope, &database, &cache, &search)?;
    let django_secret = template.add(
        scope.stateful(Resource::new(
            "DjangoSecretKey",
            secretsmanager::Secret {
                tags: scope.tag_list(),
                ..secretsmanager::Secret::default()
                    .description(format!("{}: Django's SECRET_KEY", names.prefix()))
                    .generate_secret_string(
                        secretsmanager::secret::GenerateSecretString::default()
                            .password_length(64)
                            .exclude_characters("\"'\\`$"),
                    )
            },
        )),
    )?;
    let repository = template.add(scope.stateful(Resource::new(
        "Repository",
        registry::repository(names.prefix(), KEPT_IMAGES, scope.tag_list()),
    )))?;
    let cluster = cluster::add(&mut template, &names, &scope, &sizing)?;
    let namespace =
        discovery::add_namespace(&mut template, &names, &scope, network.vpc_id.clone())?;
    let app_log_group =
        add_log_group(&mut template, &scope, "AppLogGroup", names.log_group("app"))?;
    let collector_parts =
        collector::add_parts(&mut template, &names, &scope, &network.vpc_id, &app_group)?;
    let mut parameters: Vec<_> = settings.iter().map(|setting| setting.arn()).collect();
    parameters.push(connection::parameter_arn(&collector_parts.config));
    let execution_role = iam::add_execution_role(
        &mut template,
        &names,
        &scope,
        iam::ExecutionGrants {
            repository: &repository,
            log_groups: vec![app_log_group.arn(), collector_parts.log_group.arn()],
            parameters,
            secrets: vec![&database, &django_secret, &cache.user_secret],
        },
    )?;
    let collector_role = iam::add_collector_role(
        &mut template,
        &names,
        &scope,
        &collector_parts.metrics_log_group,
    )?;
    let collector_service = collector::add(
        &mut template,
        &collector::Dependencies {
            names: &names,
            scope: &scope,
            image: &config.collector.image,
            size: &sizing.collector,
            parts: &collector_parts,
            execution_role: &execution_role,
            task_role: &collector_role,
            cluster: &cluster,
            subnets: &network.private_subnet_ids,
            egress_ready: &network.private_egress_ready,
            namespace: &namespace,
        },
    )?;
    let app_service = app::add(
        &mut template,
        &app::Dependencies {
            names: &names,
            scope: &scope,
            port: config.app.port,
            health_check_path: &config.app.health_check_path,
            extra_environment: &config.app.environment,
            size: &sizing.app,
            repository: &repository,
            image_tag: &image_tag,
            has_image: &has_image,
            log_group: &app_log_group,
            settings: &settings,
            database: &database,
            django_secret: &django_secret,
            cache: &cache,
            execution_role: &execution_role,
            task_role: &app_role,
            cluster: &cluster,
            subnets: &network.private_subnet_ids,
            egress_ready: &network.private_egress_ready,
            security_group: &app_group,
            namespace: &namespace,
        },
    )?;
    let log_group_name = format!("/aws/vendedlogs/states/{}-roll-services", names.prefix());
    let rotation = database.rotation(
        &cluster,
        vec![&app_service],
        log_group_name,
        Some(&has_image),
    );
    add_roll_on_rotation(&mut template, &scope, rotation)?;
    outputs::add(
        &mut template,
        &outputs::Sources {
            cluster: &cluster,
            app: &app_service,
            has_image: &has_image,
            collector: &collector_service,
            repository: &repository,
            database: &database,
            cache: &cache,
            search: &search,
            namespace: &namespace,
        },
    )?;
    Ok(template)
}
