//! Each service's size: the config's values over the service's defaults.
//! The defaults fit the seed's two t3.medium instances (2 vCPU and 4 GiB
//! each, of which ECS places about 3.5 GiB): two API tasks, two workers and
//! one WebSocket task reserve 2,304 CPU units and 4.5 GiB of 4,096 units
//! and 7 GiB, and six instances hold every service at its maximum count.

use super::config::{AdologyConfig, ServiceConfig};
use super::names::{API, WEB_SOCKET, WORKER};

/// Which service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The API service, behind the load balancer.
    Api,
    /// The workers, which read the queue and listen on nothing.
    Worker,
    /// The WebSocket server, behind the load balancer and in Cloud Map.
    WebSocket,
}

impl Kind {
    /// Every service, for the rules that check each one.
    pub const ALL: [Kind; 3] = [Kind::Api, Kind::Worker, Kind::WebSocket];

    /// The config's field, for error messages.
    pub fn field(self) -> &'static str {
        match self {
            Kind::Api => "api",
            Kind::Worker => "worker",
            Kind::WebSocket => "webSocket",
        }
    }

    /// How the service's logical IDs start: `ApiService`, `WorkerScalableTarget`.
    pub fn logical_prefix(self) -> &'static str {
        match self {
            Kind::Api => "Api",
            Kind::Worker => "Worker",
            Kind::WebSocket => "WebSocket",
        }
    }

    /// The ECS service's, container's and repository's name.
    pub fn service_name(self) -> &'static str {
        match self {
            Kind::Api => API,
            Kind::Worker => WORKER,
            Kind::WebSocket => WEB_SOCKET,
        }
    }

    /// The config's section for this service, whose values override its
    /// defaults.
    pub fn config(self, config: &AdologyConfig) -> &ServiceConfig {
        match self {
            Kind::Api => &config.api,
            Kind::Worker => &config.worker,
            Kind::WebSocket => &config.web_socket,
        }
    }
}

/// A service's resolved size and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Size {
    /// CPU units (1024 is one vCPU) each task reserves.
    pub cpu: u32,
    /// Memory in MiB each task reserves.
    pub memory: u32,
    /// The fewest tasks autoscaling keeps.
    pub min_count: u32,
    /// The most tasks autoscaling starts.
    pub max_count: u32,
    /// `None` for the worker.
    pub port: Option<u16>,
    /// The path the load balancer checks; `None` for the worker.
    pub health_check_path: Option<String>,
}

/// `kind`'s size in `config`.
pub fn of(config: &AdologyConfig, kind: Kind) -> Size {
    let given = kind.config(config);
    let (cpu, memory, min_count, max_count) = match kind {
        Kind::Api => (512, 1024, 2, 6),
        Kind::Worker => (512, 1024, 2, 10),
        Kind::WebSocket => (256, 512, 1, 4),
    };
    let listener = match kind {
        Kind::Api => Some(listener(config, Listening::Api)),
        Kind::Worker => None,
        Kind::WebSocket => Some(listener(config, Listening::WebSocket)),
    };
    Size {
        cpu: given.cpu.unwrap_or(cpu),
        memory: given.memory.unwrap_or(memory),
        min_count: given.min_count.unwrap_or(min_count),
        max_count: given.max_count.unwrap_or(max_count),
        port: listener.as_ref().map(|l| l.port),
        health_check_path: listener.map(|l| l.health_check_path),
    }
}

/// The services that take traffic (the worker only reads its queue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listening {
    /// The API, on port 8000 unless the config says otherwise.
    Api,
    /// The WebSocket server, on port 8080 unless the config says otherwise.
    WebSocket,
}

/// Where a service that takes traffic listens and is health-checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    /// The container port the load balancer sends to.
    pub port: u16,
    /// The path the load balancer checks, answering 200 (default
    /// `/health`).
    pub health_check_path: String,
}

/// `which` service's listener: the config's values over its defaults.
pub fn listener(config: &AdologyConfig, which: Listening) -> Listener {
    let (kind, port) = match which {
        Listening::Api => (Kind::Api, 8000),
        // The seed's `http://websocket-server-ip:8080`.
        Listening::WebSocket => (Kind::WebSocket, 8080),
    };
    let given = kind.config(config);
    Listener {
        port: given.port.unwrap_or(port),
        health_check_path: given
            .health_check_path
            .clone()
            .unwrap_or_else(|| "/health".to_string()),
    }
}

/// The port the WebSocket service listens on, where the load balancer and
/// the workers reach it.
pub fn web_socket_port(config: &AdologyConfig) -> u16 {
    listener(config, Listening::WebSocket).port
}

/// The queue's visibility timeout: the config's, or six times the overflow
/// function's timeout.
pub fn visibility_timeout(config: &AdologyConfig) -> u32 {
    config
        .queue
        .visibility_timeout_seconds
        .unwrap_or(config.overflow.timeout_seconds * 6)
}
