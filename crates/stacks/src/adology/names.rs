//! Physical names, all starting with the system name (`adology`), so two
//! copies can share an account.
//!
//! | what | name |
//! | --- | --- |
//! | ECS cluster, load balancer | `adology` |
//! | queues | `adology-background-tasks` (the seed's `background-tasks`), `adology-background-tasks-dlq` |
//! | services and containers | `api`, `worker`, `websocket` |
//! | task families, log groups | `adology-api`, `/ecs/adology/api`, ... |
//! | overflow function | `adology-overflow-worker` |
//! | repositories | `adology/api`, `adology/worker`, `adology/websocket` |
//! | database instance, database | `adology`, `adology` (hyphens become underscores) |
//! | Cloud Map namespace | `adology.internal` (`websocket.adology.internal`) |
//! | dashboard | `adology-operations` |

/// System names: lowercase letters, digits and single hyphens, starting
/// with a letter and ending with a letter or digit (what an RDS instance
/// identifier, the tightest of the names built from it, accepts).
pub const SYSTEM_NAME_PATTERN: &str = "^[a-z](-?[a-z0-9])+$";
/// A lowercase domain name ending in letters.
pub const DOMAIN_PATTERN: &str = r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$";

/// The three services, as ECS, Cloud Map and the repositories name them.
pub const API: &str = "api";
/// The workers, which read the `background-tasks` queue.
pub const WORKER: &str = "worker";
/// The WebSocket server, `websocket.<system>.internal` in Cloud Map.
pub const WEB_SOCKET: &str = "websocket";

/// The physical names of one Adology system, from its config's `name`.
#[derive(Debug, Clone)]
pub struct Names {
    system: String,
}

impl Names {
    /// The names of the system `system` (the config's `name`).
    pub fn new(system: &str) -> Self {
        Names {
            system: system.to_string(),
        }
    }

    /// The system name every other name starts with.
    pub fn system(&self) -> &str {
        &self.system
    }

    /// `<system>-<what>`.
    pub fn of(&self, what: &str) -> String {
        format!("{}-{what}", self.system)
    }

    /// The `background-tasks` queue (the seed's name, prefixed).
    pub fn queue(&self) -> String {
        self.of("background-tasks")
    }

    /// Where messages go after `queue.maxReceiveCount` failed receives.
    pub fn dead_letter_queue(&self) -> String {
        self.of("background-tasks-dlq")
    }

    /// The overflow function, which reads the queue beside the container
    /// workers.
    pub fn overflow_function(&self) -> String {
        self.of("overflow-worker")
    }

    /// `service`'s ECR repository, `<system>/<service>`.
    pub fn repository(&self, service: &str) -> String {
        format!("{}/{service}", self.system)
    }

    /// `/ecs/<system>/<what>`: a service's log group.
    pub fn log_group(&self, what: &str) -> String {
        format!("/ecs/{}/{what}", self.system)
    }

    /// The PostgreSQL database: letters, digits and underscores only.
    pub fn database(&self) -> String {
        self.system.replace('-', "_")
    }

    /// The Cloud Map namespace the workers find the WebSocket tasks in,
    /// `<system>.internal`.
    pub fn namespace(&self) -> String {
        format!("{}.internal", self.system)
    }

    /// The CloudWatch dashboard, `<system>-operations`.
    pub fn dashboard(&self) -> String {
        self.of("operations")
    }
}
