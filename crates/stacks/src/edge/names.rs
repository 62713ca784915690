//! Names: what the config's names must look like, the host names servers
//! answer at, the physical names derived from the deployment name, and the
//! logical IDs derived from server names.
//!
//! | what | name (deployment `datafi-edge`, server `es-1`, domain `edge.example.com`) |
//! | --- | --- |
//! | server host | `es-1.edge.example.com` |
//! | coordinator host | `co.edge.example.com` |
//! | update API | `https://update.edge.example.com/es-1` |
//! | ECS cluster, load balancer | `datafi-edge` |
//! | ECS service, container | `es-1` |
//! | task family | `datafi-edge-es-1` |
//! | log group | `/ecs/datafi-edge/es-1`, `/aws/lambda/datafi-edge-es-1-update` |
//! | update function | `datafi-edge-es-1-update` |
//! | serverless function | `datafi-edge-<server>` |
//! | logical IDs | `EdgeServerEs1Service`, `EdgeServerEs1UpdateFunction`, ... |
//! | parameters | `EdgeServerEs1Key`, `EdgeServerEs1UpdateApiKey` |
//!
//! Logical IDs come from the server's name alone (never its position in
//! the list), so adding or removing a server leaves the others' resources
//! alone. Everything the stack names is short enough by construction: a
//! deployment name has at most 20 characters and a server name at most 36,
//! so the longest, a function name, fits Lambda's 64. Buckets, roles,
//! secrets, security and target groups are left for CloudFormation to name,
//! which keeps bucket names out of the global namespace's collisions.

/// Deployment names: lowercase letters, digits and hyphens, starting with a
/// letter (ECS, ELB and Lambda all accept them).
pub const DEPLOYMENT_NAME_PATTERN: &str = "^[a-z][a-z0-9-]*[a-z0-9]$";
/// Server names: one DNS label, starting with a letter.
pub const SERVER_NAME_PATTERN: &str = "^[a-z]([a-z0-9-]*[a-z0-9])?$";
/// A lowercase domain name of two or more labels, ending in letters (the
/// load balancer's host conditions take no other top-level domain).
pub const DOMAIN_PATTERN: &str = r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$";
/// The longest server name (the schema's limit): with a 20-character
/// deployment name, `<deployment>-<server>-update` fills Lambda's 64.
pub const MAX_SERVER_NAME_LEN: usize = 36;
/// DNS allows 63 characters per label.
pub const MAX_LABEL_LEN: usize = 63;

/// The coordinator's host label (`co.<domain>`), as in the seed.
pub const COORDINATOR_LABEL: &str = "co";
/// The update APIs' host label (`update.<domain>/<server>`), as in the seed.
pub const UPDATE_LABEL: &str = "update";
/// Host labels the stack uses itself, so no server may take them.
pub const RESERVED_LABELS: [&str; 2] = [COORDINATOR_LABEL, UPDATE_LABEL];

/// The physical names of one deployment.
#[derive(Debug, Clone)]
pub struct Names {
    deployment: String,
    domain: String,
}

impl Names {
    /// The names of the deployment `deployment` (the config's `name`),
    /// whose servers answer under `domain`.
    pub fn new(deployment: &str, domain: &str) -> Self {
        Names {
            deployment: deployment.to_string(),
            domain: domain.to_string(),
        }
    }

    /// The deployment name the physical names start with.
    pub fn deployment(&self) -> &str {
        &self.deployment
    }

    /// `<label>.<domain>`.
    pub fn host(&self, label: &str) -> String {
        format!("{label}.{}", self.domain)
    }

    /// The cluster's and the load balancer's name.
    pub fn cluster(&self) -> String {
        self.deployment.clone()
    }

    /// A Fargate service's task family.
    pub fn family(&self, service: &str) -> String {
        format!("{}-{service}", self.deployment)
    }

    /// A Fargate service's log group.
    pub fn service_log_group(&self, service: &str) -> String {
        format!("/ecs/{}/{service}", self.deployment)
    }

    /// A Lambda function's name; `suffix` tells functions of one server apart.
    pub fn function(&self, server: &str, suffix: Option<&str>) -> String {
        match suffix {
            Some(suffix) => format!("{}-{server}-{suffix}", self.deployment),
            None => format!("{}-{server}", self.deployment),
        }
    }

    /// The log group Lambda writes a function's logs to.
    pub fn function_log_group(function: &str) -> String {
        format!("/aws/lambda/{function}")
    }
}

/// `es-1` as a logical ID part: `Es1`.
pub fn pascal_case(name: &str) -> String {
    name.split('-')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The prefix of every logical ID and parameter of an edge server.
pub fn server_prefix(name: &str) -> String {
    format!("EdgeServer{}", pascal_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_come_from_the_name() {
        assert_eq!(server_prefix("es"), "EdgeServerEs");
        assert_eq!(server_prefix("es-1"), "EdgeServerEs1");
        assert_eq!(server_prefix("eu-west-data"), "EdgeServerEuWestData");
        // Two names that differ only in hyphens collide; rules refuse them.
        assert_eq!(server_prefix("es1"), server_prefix("es-1"));
    }

    #[test]
    fn the_longest_names_fit_their_services() {
        let names = Names::new(&"d".repeat(20), "example.com");
        let function = names.function(&"s".repeat(36), Some("update"));
        assert_eq!(function.len(), 64, "Lambda's limit");
        assert!(names.cluster().len() <= 32, "load balancer names");
    }
}
