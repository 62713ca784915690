//! Physical names, all `<name>-<env>` (`dataspace-prod`), so the three
//! environments can share an account, and the SSM parameter paths under
//! `/<name>/<env>/`.
//!
//! | what | name (prod) |
//! | --- | --- |
//! | stack (the workflow's) | `dataspace-prod` |
//! | ECS cluster, ECR repository, search domain, cache, database | `dataspace-prod` |
//! | services, containers, task families | `dataspace` (`dataspace-prod-app`), `otel-collector` (`dataspace-prod-otel-collector`) |
//! | log groups | `/ecs/dataspace-prod/app`, `/ecs/dataspace-prod/otel-collector`, `/ecs/dataspace-prod/metrics` |
//! | Cloud Map namespace | `dataspace-prod.internal` (`otel-collector.dataspace-prod.internal`) |
//! | SSM parameters | `/dataspace/prod/database/host`, `.../database/port`, `.../database/name`, `.../redis/host`, `.../redis/port`, `.../opensearch/endpoint`, `.../otel-collector/config` |
//!
//! Logical IDs do not carry the environment: each environment is its own
//! stack, and the same ID in each keeps their templates comparable.

use super::config::Environment;

/// System names: lowercase letters, digits and single hyphens (RDS and
/// ElastiCache refuse `--`). At most 16 characters keeps `<name>-staging`
/// within OpenSearch's 28 for domain names.
pub const SYSTEM_NAME_PATTERN: &str = "^[a-z](-?[a-z0-9])*$";

/// The app's service and container name, as in the seed's task definition.
pub const APP: &str = "dataspace";
/// The collector's service and container name.
pub const COLLECTOR: &str = "otel-collector";

/// The physical names of one environment of one DataSpace system.
#[derive(Debug, Clone)]
pub struct Names {
    system: String,
    environment: Environment,
}

impl Names {
    /// The names of `system` (the config's `name`) in `environment`.
    pub fn new(system: &str, environment: Environment) -> Self {
        Names {
            system: system.to_string(),
            environment,
        }
    }

    /// The environment, for tags, metrics and the app's settings.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// `<name>-<env>`: the stack, the cluster, the repository and the data stores.
    pub fn prefix(&self) -> String {
        format!("{}-{}", self.system, self.environment.as_str())
    }

    /// A service's task family.
    pub fn family(&self, service: &str) -> String {
        let suffix = if service == APP { "app" } else { service };
        format!("{}-{suffix}", self.prefix())
    }

    /// A log group under `/ecs/<name>-<env>/`.
    pub fn log_group(&self, what: &str) -> String {
        format!("/ecs/{}/{what}", self.prefix())
    }

    /// The Cloud Map namespace.
    pub fn namespace(&self) -> String {
        format!("{}.internal", self.prefix())
    }

    /// An SSM parameter's name, `/<name>/<env>/<path>`.
    pub fn parameter(&self, path: &str) -> String {
        format!("/{}/{}/{path}", self.system, self.environment.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_environment() {
        let names = Names::new("dataspace", Environment::Prod);
        assert_eq!(names.prefix(), "dataspace-prod");
        assert_eq!(names.family(APP), "dataspace-prod-app");
        assert_eq!(names.family(COLLECTOR), "dataspace-prod-otel-collector");
        assert_eq!(names.parameter("redis/host"), "/dataspace/prod/redis/host");
        assert_eq!(names.namespace(), "dataspace-prod.internal");
        // OpenSearch domain names have at most 28 characters.
        let longest = Names::new(&"d".repeat(16), Environment::Staging);
        assert!(longest.prefix().len() <= 28);
    }
}
