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
pub const WORKER: &str = "worker";
pub const WEB_SOCKET: &str = "websocket";

#[derive(Debug, Clone)]
pub struct Names {
    system: String,
}

impl Names {
    pub fn new(system: &str) -> Self {
        Names {
            system: system.to_string(),
        }
    }

    pub fn system(&self) -> &str {
        &self.system
    }

    /// `<system>-<what>`.
    pub fn of(&self, what: &str) -> String {
        format!("{}-{what}", self.system)
    }

    pub fn queue(&self) -> String {
        self.of("background-tasks")
    }

    pub fn dead_letter_queue(&self) -> String {
        self.of("background-tasks-dlq")
    }

    pub fn overflow_function(&self) -> String {
        self.of("overflow-worker")
    }

    pub fn repository(&self, service: &str) -> String {
        format!("{}/{service}", self.system)
    }

    pub fn log_group(&self, what: &str) -> String {
        format!("/ecs/{}/{what}", self.system)
    }

    /// The PostgreSQL database: letters, digits and underscores only.
    pub fn database(&self) -> String {
        self.system.replace('-', "_")
    }

    pub fn namespace(&self) -> String {
        format!("{}.internal", self.system)
    }

    pub fn dashboard(&self) -> String {
        self.of("operations")
    }
}
