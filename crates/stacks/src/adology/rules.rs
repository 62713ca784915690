//! The rules of an Adology config that its JSON Schema cannot express:
//! instance types the price table knows, tasks that fit them one by one
//! and all together at their maximum counts, task counts in order, a
//! visibility timeout long enough for the overflow function, storage that
//! can grow, extra variables that do not replace the stack's, and settings
//! that need another (host routing and a created certificate need a
//! domain; Atlas peering needs a new VPC).

use super::config::{AdologyConfig, Certificate, InstancesConfig, WebSocketRouting};
use super::prices;
use super::services::SET_BY_STACK;
use super::sizes::{self, Kind};
use crate::shared::environment::{self, Runs};
use crate::shared::network::Subnets;
use crate::shared::postgres::size_problems;
use framework::config::{problem, Problem};

/// What an instance keeps for the ECS agent and the OS, in MiB: a task
/// reserving more than the rest never fits.
const RESERVED_MEMORY_MIB: u32 = 512;
/// SQS's longest visibility timeout, 12 hours.
const MAX_VISIBILITY_TIMEOUT: u32 = 43_200;
/// The shared instances span two zones.
const MIN_SHARED_INSTANCES: u32 = 2;
/// Cloud Map's multivalue answers hold at most eight healthy addresses.
const MAX_NOTIFIED_TASKS: u32 = 8;

/// Every broken rule of `config`; empty when it is valid.
pub fn check(config: &AdologyConfig) -> Vec<Problem> {
    let mut problems = config
        .network
        .problems("/network", Subnets::PublicAndPrivate);
    if config.atlas_peering && config.network.existing_vpc.is_some() {
        problems.push(problem(
            "/atlasPeering",
            true,
            "needs newVpc: in an existing VPC, add the route to the Atlas CIDR to its private \
             route tables yourself",
        ));
    }
    let balancer = &config.load_balancer;
    if balancer.domain.is_none() {
        if balancer.certificate == Certificate::Create {
            problems.push(problem(
                "/loadBalancer/certificate",
                "\"create\"",
                "needs loadBalancer.domain: a certificate is issued for a domain",
            ));
        }
        if balancer.web_socket_routing == WebSocketRouting::Host {
            problems.push(problem(
                "/loadBalancer/webSocketRouting",
                "\"host\"",
                "needs loadBalancer.domain: WebSocket connections go to ws.<domain>",
            ));
        }
    }
    let prices = match prices::table() {
        Ok(prices) => prices,
        Err(error) => {
            problems.push(problem(
                "/instances",
                "",
                format!("cannot be priced: {error}"),
            ));
            return problems;
        }
    };
    problems.extend(instance_problems("/instances", &config.instances, &prices));
    if let Some(dedicated) = &config.web_socket_instances {
        problems.extend(instance_problems("/webSocketInstances", dedicated, &prices));
    }
    for kind in Kind::ALL {
        let at = format!("/{}", kind.field());
        let size = sizes::of(config, kind);
        let given = kind.config(config);
        if kind == Kind::Worker {
            for (field, given) in [
                ("port", given.port.is_some()),
                ("healthCheckPath", given.health_check_path.is_some()),
            ] {
                if given {
                    problems.push(problem(
                        &format!("{at}/{field}"),
                        "is given",
                        "but the workers listen on nothing: they read the queue",
                    ));
                }
            }
        }
        if size.min_count > size.max_count {
            problems.push(problem(
                &format!("{at}/minCount"),
                size.min_count,
                format!("is more than maxCount {}", size.max_count),
            ));
        }
        let instances = match (kind, &config.web_socket_instances) {
            (Kind::WebSocket, Some(dedicated)) => ("/webSocketInstances", dedicated),
            _ => ("/instances", &config.instances),
        };
        if let Some(instance) = prices.ec2.get(&instances.1.instance_type) {
            if size.cpu > instance.vcpu * 1024 {
                problems.push(problem(
                    &format!("{at}/cpu"),
                    size.cpu,
                    format!(
                        "is more than a {} has ({} CPU units, at {}/instanceType)",
                        instances.1.instance_type,
                        instance.vcpu * 1024,
                        instances.0
                    ),
                ));
            }
            let room = instance.memory_mib.saturating_sub(RESERVED_MEMORY_MIB);
            if size.memory > room {
                problems.push(problem(
                    &format!("{at}/memory"),
                    size.memory,
                    format!(
                        "is more than a {} has for tasks ({room} MiB, at {}/instanceType)",
                        instances.1.instance_type, instances.0
                    ),
                ));
            }
        }
    }
    problems.extend(capacity_problems(config, &prices));
    problems.extend(environment_problems(config));
    if config.instances.min_instances < MIN_SHARED_INSTANCES {
        problems.push(problem(
            "/instances/minInstances",
            config.instances.min_instances,
            format!(
                "must be at least {MIN_SHARED_INSTANCES}: one instance in each of the two zones, \
                 so a zone's outage leaves the API running"
            ),
        ));
    }
    if balancer.web_socket_path.trim_end_matches('/').is_empty() {
        problems.push(problem(
            "/loadBalancer/webSocketPath",
            format!("{:?}", balancer.web_socket_path),
            "would send every request to the WebSocket service; give a prefix such as \"/ws\"",
        ));
    }
    let web_socket = sizes::of(config, Kind::WebSocket);
    if web_socket.max_count > MAX_NOTIFIED_TASKS {
        problems.push(problem(
            "/webSocket/maxCount",
            web_socket.max_count,
            format!(
                "is more than {MAX_NOTIFIED_TASKS}: workers reach every WebSocket task through \
                 Cloud Map, which answers with at most {MAX_NOTIFIED_TASKS} addresses"
            ),
        ));
    }
    let visibility = sizes::visibility_timeout(config);
    let least = config.overflow.timeout_seconds * 6;
    if visibility < least {
        problems.push(problem(
            "/queue/visibilityTimeoutSeconds",
            visibility,
            format!(
                "is less than six times the overflow function's timeout ({least} s): a message \
                 could reappear while a function still works on it"
            ),
        ));
    } else if visibility > MAX_VISIBILITY_TIMEOUT {
        problems.push(problem(
            "/overflow/timeoutSeconds",
            config.overflow.timeout_seconds,
            format!(
                "makes the queue's visibility timeout {visibility} s (six times it), more than \
                 SQS's {MAX_VISIBILITY_TIMEOUT}"
            ),
        ));
    }
    let database = &config.database;
    problems.extend(size_problems(&database.size(false), "/database"));
    if !prices
        .rds_postgres_hourly_single_az
        .contains_key(&database.instance_class)
    {
        problems.push(problem(
            "/database/instanceClass",
            format!("{:?}", database.instance_class),
            format!(
                "is not in the price table ({}); add it to crates/stacks/data/aws-prices.json",
                known(prices.rds_postgres_hourly_single_az.keys())
            ),
        ));
    }
    problems
}

fn instance_problems(
    at: &str,
    instances: &InstancesConfig,
    prices: &prices::Prices,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !prices.ec2.contains_key(&instances.instance_type) {
        problems.push(problem(
            &format!("{at}/instanceType"),
            format!("{:?}", instances.instance_type),
            format!(
                "is not in the price table ({}); add it, with its size, to \
                 crates/stacks/data/aws-prices.json",
                known(prices.ec2.keys())
            ),
        ));
    }
    if instances.min_instances > instances.max_instances {
        problems.push(problem(
            &format!("{at}/minInstances"),
            instances.min_instances,
            format!("is more than maxInstances {}", instances.max_instances),
        ));
    }
    problems
}

fn known<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names.map(String::as_str).collect::<Vec<_>>().join(", ")
}

/// Whether each group's instances hold its services' tasks at their
/// maximum counts: CPU, memory, and (for the WebSocket tasks, each with a
/// network interface of its own) interfaces beyond the primary one.
fn capacity_problems(config: &AdologyConfig, prices: &prices::Prices) -> Vec<Problem> {
    let mut groups: Vec<(&str, &InstancesConfig, Vec<Kind>)> = vec![(
        "/instances",
        &config.instances,
        vec![Kind::Api, Kind::Worker],
    )];
    match &config.web_socket_instances {
        Some(dedicated) => groups.push(("/webSocketInstances", dedicated, vec![Kind::WebSocket])),
        None => groups[0].2.push(Kind::WebSocket),
    }
    let mut problems = Vec::new();
    for (at, instances, kinds) in groups {
        let Some(instance) = prices.ec2.get(&instances.instance_type) else {
            continue;
        };
        let count = instances.max_instances;
        let sizes: Vec<_> = kinds.iter().map(|kind| sizes::of(config, *kind)).collect();
        let services = kinds
            .iter()
            .map(|kind| kind.field())
            .collect::<Vec<_>>()
            .join(", ");
        let cpu: u32 = sizes.iter().map(|size| size.cpu * size.max_count).sum();
        let memory: u32 = sizes.iter().map(|size| size.memory * size.max_count).sum();
        let room = instance.memory_mib.saturating_sub(RESERVED_MEMORY_MIB);
        for (what, needed, has) in [
            ("CPU units", cpu, count * instance.vcpu * 1024),
            ("MiB", memory, count * room),
        ] {
            if needed > has {
                problems.push(problem(
                    &format!("{at}/maxInstances"),
                    count,
                    format!(
                        "{count} × {} hold {has} {what} for tasks, but {services} at their \
                         maxCount reserve {needed}: raise maxInstances or lower the counts",
                        instances.instance_type
                    ),
                ));
            }
        }
        if kinds.contains(&Kind::WebSocket) {
            let tasks = sizes::of(config, Kind::WebSocket).max_count;
            let slots = count * instance.network_interfaces.saturating_sub(1);
            if tasks > slots {
                problems.push(problem(
                    "/webSocket/maxCount",
                    tasks,
                    format!(
                        "is more than {count} × {} hold: each WebSocket task takes a network \
                         interface, and a {} has {} besides its own",
                        instances.instance_type,
                        instances.instance_type,
                        instance.network_interfaces.saturating_sub(1)
                    ),
                ));
            }
        }
    }
    problems
}

/// Extra variables: well-formed, and not one the stack or AWS sets. The
/// workers' also reach the overflow function, so Lambda's rules apply.
fn environment_problems(config: &AdologyConfig) -> Vec<Problem> {
    Kind::ALL
        .into_iter()
        .flat_map(|kind| {
            let runs = match kind {
                Kind::Worker => Runs::Function,
                Kind::Api | Kind::WebSocket => Runs::Container,
            };
            environment::problems(
                &format!("/{}", kind.field()),
                kind.config(config).environment.keys(),
                &SET_BY_STACK,
                runs,
            )
        })
        .collect()
}
