//! The rules of an Adology config that its JSON Schema cannot express:
//! instance types the price table knows and tasks that fit them, task
//! counts in order, a visibility timeout long enough for the overflow
//! function, storage that can grow, and settings that need another
//! (host routing and a created certificate need a domain; Atlas peering
//! needs a new VPC).

use super::config::{AdologyConfig, Certificate, InstancesConfig, WebSocketRouting};
use super::prices;
use super::sizes::{self, Kind};
use crate::config::problem;
use crate::shared::network::Subnets;

/// What an instance keeps for the ECS agent and the OS, in MiB: a task
/// reserving more than the rest never fits.
const RESERVED_MEMORY_MIB: u32 = 512;
/// SQS's longest visibility timeout, 12 hours.
const MAX_VISIBILITY_TIMEOUT: u32 = 43_200;

/// Every broken rule of `config`; empty when it is valid.
pub fn check(config: &AdologyConfig) -> Vec<String> {
    let mut problems = config.network.problems("/network", Subnets::PublicAndPrivate);
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
    let prices = prices::table();
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
    if database.max_allocated_storage_gib <= database.allocated_storage_gib {
        problems.push(problem(
            "/database/maxAllocatedStorageGiB",
            database.max_allocated_storage_gib,
            format!(
                "must be more than allocatedStorageGiB {}, or storage cannot grow",
                database.allocated_storage_gib
            ),
        ));
    }
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

fn instance_problems(at: &str, instances: &InstancesConfig, prices: &prices::Prices) -> Vec<String> {
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
