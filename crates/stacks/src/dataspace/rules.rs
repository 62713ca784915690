//! The rules of a DataSpace config that its JSON Schema cannot express,
//! checked for every environment's sizes: Fargate CPU/memory pairs, task
//! counts in order, storage that can grow, an even number of search nodes
//! across two zones, environment variables the stack sets itself.
//!
//! A problem in an environment's sizes is reported at the override that
//! causes it (`/environments/prod/search/instanceCount`), or at the
//! environment when the defaults and an override clash.

use super::app::RESERVED_VARIABLES;
use super::config::{DataspaceConfig, Environment};
use super::sizing::{self, ServiceSize};
use crate::shared::environment::{self as shared_environment, Runs};
use crate::shared::fargate;
use crate::shared::network::Subnets;
use crate::shared::postgres::size_problems;
use framework::config::{problem, Problem};

/// Every broken rule of `config`; empty when it is valid.
pub fn check(config: &DataspaceConfig) -> Vec<Problem> {
    let mut problems = config.network.problems("/network", Subnets::PrivateOnly);
    problems.extend(shared_environment::problems(
        "/app",
        config.app.environment.keys(),
        &RESERVED_VARIABLES,
        Runs::Container,
    ));
    for environment in Environment::ALL {
        problems.extend(environment_problems(config, environment));
    }
    problems
}

fn environment_problems(config: &DataspaceConfig, environment: Environment) -> Vec<Problem> {
    let at = |path: &str| format!("/environments/{}/{path}", environment.as_str());
    let sizing = sizing::of(config, environment);
    let mut problems = Vec::new();
    problems.extend(service_problems(&at("app"), &sizing.app));
    problems.extend(service_problems(&at("collector"), &sizing.collector));
    if config
        .environments
        .of(environment)
        .collector
        .max_count
        .is_some()
    {
        problems.push(problem(
            &at("collector/maxCount"),
            "is given",
            "but the collector does not autoscale: it runs minCount tasks",
        ));
    }
    problems.extend(size_problems(&sizing.database, &at("database")));
    let search = &sizing.search;
    if search.zone_aware() && search.instance_count % 2 != 0 {
        problems.push(problem(
            &at("search/instanceCount"),
            search.instance_count,
            "must be even: two or more data nodes are spread evenly over two availability zones",
        ));
    }
    problems
}

fn service_problems(at: &str, size: &ServiceSize) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(sizes) = fargate::memory_sizes(size.cpu) {
        if !sizes.allows(size.memory) {
            problems.push(problem(
                &format!("{at}/memory"),
                size.memory,
                format!(
                    "is not a memory size Fargate offers with {} CPU units: use {sizes} MiB",
                    size.cpu
                ),
            ));
        }
    }
    if size.min_count > size.max_count {
        problems.push(problem(
            &format!("{at}/minCount"),
            size.min_count,
            format!("is more than maxCount {}", size.max_count),
        ));
    }
    problems
}
