//! The rules of an edge config that its JSON Schema cannot express: names
//! unique across both kinds of server and clear of the stack's own hosts,
//! logical IDs that do not collide, DNS names within DNS's limits, Fargate
//! sizes, environment variables that would shadow a secret, and fields
//! that only mean something together with another.
//!
//! Every problem is reported at once, in the schema's format: the JSON
//! pointer of the field, the value given, the rule.

use std::collections::BTreeMap;

use super::config::{DnsConfig, EdgeConfig, Provision};
use super::load_balancer::{default_slot, SLOTS};
use super::names::{self, MAX_LABEL_LEN, RESERVED_LABELS};
use super::secrets::{COORDINATOR_SECRETS, EDGE_SERVER_SECRETS, SERVERLESS_SECRETS};
use crate::shared::environment::{self, Runs};
use crate::shared::fargate;
use crate::shared::network::Subnets;
use framework::config::{problem, Problem};

/// Environment variables a task can read as shell variables.
/// ACM refuses a certificate whose domain name is longer.
const MAX_CERTIFICATE_DOMAIN_LEN: usize = 64;
/// Load balancer names may not start with it.
const RESERVED_LOAD_BALANCER_PREFIX: &str = "internal-";
/// The environment variable the stack sets to a server's bucket.
pub const BUCKET_NAME_VARIABLE: &str = "BUCKET_NAME";

/// Every broken rule of `config`; empty when it is valid.
pub fn check(config: &EdgeConfig) -> Vec<Problem> {
    let mut problems = config
        .network
        .problems("/network", Subnets::PublicAndPrivate);
    if config.name.starts_with(RESERVED_LOAD_BALANCER_PREFIX) {
        problems.push(problem(
            "/name",
            format!("{:?}", config.name),
            "starts with \"internal-\", which load balancer names may not",
        ));
    }
    problems.extend(dns_problems(&config.dns));
    if let Some(discovery) = &config.service_discovery {
        problems.extend(label_lengths(
            "/serviceDiscovery/namespace",
            &discovery.namespace,
        ));
    }
    let servers = &config.edge_servers;
    if servers.long_running.is_empty() && servers.serverless.is_empty() {
        problems.push(problem(
            "/edgeServers",
            "no server",
            "is not a deployment: list at least one server under longRunning or serverless",
        ));
    }
    let names = servers
        .long_running
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("/edgeServers/longRunning/{i}/name"),
                s.name.as_str(),
            )
        })
        .chain(
            servers
                .serverless
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("/edgeServers/serverless/{i}/name"), s.name.as_str())),
        );
    problems.extend(name_problems(names, &config.dns.domain));
    problems.extend(slot_problems(config));
    for (index, server) in servers.long_running.iter().enumerate() {
        let at = format!("/edgeServers/longRunning/{index}");
        problems.extend(size_problems(&at, server.cpu, server.memory));
        let mut reserved: Vec<&str> = EDGE_SERVER_SECRETS.to_vec();
        if server.bucket {
            reserved.push(BUCKET_NAME_VARIABLE);
        }
        problems.extend(environment::problems(
            &at,
            server.environment.keys(),
            &reserved,
            Runs::Container,
        ));
    }
    for (index, server) in servers.serverless.iter().enumerate() {
        let at = format!("/edgeServers/serverless/{index}");
        problems.extend(environment::problems(
            &at,
            server.environment.keys(),
            &SERVERLESS_SECRETS,
            Runs::Function,
        ));
    }
    if let Some(coordinator) = &config.coordinator {
        problems.extend(size_problems(
            "/coordinator",
            coordinator.cpu,
            coordinator.memory,
        ));
        problems.extend(environment::problems(
            "/coordinator",
            coordinator.environment.keys(),
            &COORDINATOR_SECRETS,
            Runs::Container,
        ));
    }
    problems
}

fn dns_problems(dns: &DnsConfig) -> Vec<Problem> {
    let mut problems = label_lengths("/dns/domain", &dns.domain);
    if dns.certificate == Provision::Create && dns.domain.len() > MAX_CERTIFICATE_DOMAIN_LEN {
        problems.push(problem(
            "/dns/domain",
            format!("{:?}", dns.domain),
            format!(
                "has {} characters; ACM issues certificates for domain names of at most \
                 {MAX_CERTIFICATE_DOMAIN_LEN}: use `certificate: existing`, or a shorter domain",
                dns.domain.len()
            ),
        ));
    }
    let only_with_existing = [
        (
            "hostedZoneId",
            "hostedZone",
            dns.hosted_zone,
            dns.hosted_zone_id.is_some(),
        ),
        (
            "certificateArn",
            "certificate",
            dns.certificate,
            dns.certificate_arn.is_some(),
        ),
    ];
    for (field, switch, provision, given) in only_with_existing {
        if given && provision == Provision::Create {
            problems.push(problem(
                &format!("/dns/{field}"),
                "is given",
                format!(
                    "but {switch} is `create`; set `{switch}: existing` to use it, or leave \
                     {field} out"
                ),
            ));
        }
    }
    problems
}

/// Every label of `domain` within DNS's 63 characters.
fn label_lengths(at: &str, domain: &str) -> Vec<Problem> {
    domain
        .split('.')
        .filter(|label| label.len() > MAX_LABEL_LEN)
        .map(|label| {
            problem(
                at,
                format!("{domain:?}"),
                format!(
                    "has the label {label:?} of {} characters; DNS allows {MAX_LABEL_LEN}",
                    label.len()
                ),
            )
        })
        .collect()
}

/// Unique names, clear of the stack's own hosts and of each other's
/// logical IDs.
fn name_problems<'a>(names: impl Iterator<Item = (String, &'a str)>, domain: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut by_name: BTreeMap<&str, String> = BTreeMap::new();
    let mut by_prefix: BTreeMap<String, (String, &str)> = BTreeMap::new();
    for (at, name) in names {
        if RESERVED_LABELS.contains(&name) {
            problems.push(problem(
                &at,
                format!("{name:?}"),
                format!(
                    "is taken: {name}.{domain} is the {}",
                    if name == names::COORDINATOR_LABEL {
                        "coordinator's host"
                    } else {
                        "update APIs' host"
                    }
                ),
            ));
        }
        if let Some(first) = by_name.get(name) {
            problems.push(problem(
                &at,
                format!("{name:?}"),
                format!(
                    "repeats {first}; server names must be unique across longRunning and \
                     serverless (each is a host name)"
                ),
            ));
            continue;
        }
        by_name.insert(name, at.clone());
        let prefix = names::server_prefix(name);
        match by_prefix.get(&prefix) {
            Some((first_at, first)) => problems.push(problem(
                &at,
                format!("{name:?}"),
                format!(
                    "gives the logical ID prefix {prefix}, as {first:?} at {first_at} does; \
                     rename one (names that differ only in hyphens collide)"
                ),
            )),
            None => {
                by_prefix.insert(prefix, (at, name));
            }
        }
    }
    problems
}

/// Every host label with its rule slot, where the config sets it, in
/// config order: long-running servers, serverless servers, the
/// coordinator.
pub fn rule_slots(config: &EdgeConfig) -> Vec<(String, &str, u32)> {
    let slot = |name: &str, given: Option<u32>| given.unwrap_or_else(|| default_slot(name));
    let servers = &config.edge_servers;
    let mut slots: Vec<(String, &str, u32)> = Vec::new();
    for (index, server) in servers.long_running.iter().enumerate() {
        slots.push((
            format!("/edgeServers/longRunning/{index}"),
            &server.name,
            slot(&server.name, server.rule_slot),
        ));
    }
    for (index, server) in servers.serverless.iter().enumerate() {
        slots.push((
            format!("/edgeServers/serverless/{index}"),
            &server.name,
            slot(&server.name, server.rule_slot),
        ));
    }
    if let Some(coordinator) = &config.coordinator {
        slots.push((
            "/coordinator".to_string(),
            names::COORDINATOR_LABEL,
            slot(names::COORDINATOR_LABEL, coordinator.rule_slot),
        ));
    }
    slots
}

/// No two servers in one slot of rule priorities.
fn slot_problems(config: &EdgeConfig) -> Vec<Problem> {
    let mut taken: BTreeMap<u32, (String, &str)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (at, name, slot) in rule_slots(config) {
        match taken.get(&slot) {
            Some((first_at, first)) if *first != name => problems.push(problem(
                &format!("{at}/ruleSlot"),
                slot,
                format!(
                    "is the listener rule slot of {first:?} at {first_at} too (a hash of each \
                     name, unless ruleSlot is set); set ruleSlot on {name:?} to a free slot \
                     from 0 to {}",
                    SLOTS - 1
                ),
            )),
            Some(_) => {}
            None => {
                taken.insert(slot, (at, name));
            }
        }
    }
    problems
}

fn size_problems(at: &str, cpu: u32, memory: u32) -> Vec<Problem> {
    match fargate::memory_sizes(cpu) {
        Some(sizes) if !sizes.allows(memory) => vec![problem(
            &format!("{at}/memory"),
            memory,
            format!("is not a memory size Fargate offers with {cpu} CPU units: use {sizes} MiB"),
        )],
        _ => Vec::new(),
    }
}
