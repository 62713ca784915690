//! The shared Application Load Balancer ([`crate::shared::load_balancer`]):
//! the only way in from the internet. Port 80 redirects to 443; 443
//! terminates TLS with the deployment's certificate and routes by host
//! name (and, for gRPC, by content type) to each server's target groups;
//! anything else gets 404.
//!
//! Deviation from the seed: the seed opens a second HTTPS listener on
//! 50051 for gRPC. Here gRPC shares 443: a request whose `content-type`
//! starts with `application/grpc` goes to the server's gRPC target group
//! (protocol version GRPC), every other request to its HTTP one. So the
//! internet reaches the stack on 80 and 443 only, and clients dial
//! `<server>.<domain>:443` for both.
//!
//! Rule priorities must be unique on the listener. Each server (and the
//! coordinator) has a slot of three: its gRPC rule, its HTTP rule (the
//! gRPC one must come first, being the narrower), and its update API's
//! rule. The slot is a hash of the server's name, or the config's
//! `ruleSlot`, never a position in a list, so adding or removing a server
//! never renumbers another's rules (renumbering rules in one update can
//! fail with `PriorityInUse`). Two servers whose names hash to one slot
//! are a config error that asks for a `ruleSlot`, rather than one of them
//! moving.

use std::collections::BTreeMap;

use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::{Template, Value};
use elb::listener::{Action, FixedResponseConfig};

use super::config::LoadBalancerConfig;
use super::names::Names;
use crate::shared::network::PublicFacingNetwork;
use framework::error::StackError;
use patterns::load_balancer::{add_load_balancer, LoadBalancer, LoadBalancerSpec};
use patterns::Scope;

/// Rule priorities go up to 50,000: slots 0 to 16,665 of three fit.
pub const SLOTS: u32 = 16_666;
/// The content types of gRPC requests (`application/grpc`,
/// `application/grpc+proto`, ...) but not gRPC-Web's
/// (`application/grpc-web`), which the GRPC target group cannot take.
pub const GRPC_CONTENT_TYPES: [&str; 2] = ["application/grpc", "application/grpc+*"];

pub fn add(
    template: &mut Template,
    names: &Names,
    network: &PublicFacingNetwork,
    certificate_arn: Value<String>,
    config: &LoadBalancerConfig,
    scope: &Scope,
) -> Result<LoadBalancer, StackError> {
    Ok(add_load_balancer(
        template,
        scope,
        LoadBalancerSpec {
            prefix: "",
            name: names.cluster(),
            https_carries: "HTTPS and gRPC",
            vpc_id: network.vpc_id.clone(),
            subnets: network.public_subnet_ids.clone(),
            certificate_arn,
            idle_timeout_seconds: config.idle_timeout_seconds,
            default_action: Action::new(elb::listener::ActionType::FixedResponse)
                .fixed_response_config(
                    FixedResponseConfig::new("404")
                        .content_type("text/plain")
                        .message_body("No such server"),
                ),
            access_log_days: config.access_logs.expiration(),
        },
    )?)
}

/// Each server's slot of rule priorities, by host label (the server's
/// name, or `co`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSlots {
    slots: BTreeMap<String, u32>,
}

impl RuleSlots {
    /// The slots as [`super::rules`] checked them: no two alike.
    pub fn new(slots: impl IntoIterator<Item = (String, u32)>) -> Self {
        RuleSlots {
            slots: slots.into_iter().collect(),
        }
    }

    /// The priority of `label`'s gRPC rule.
    pub fn grpc(&self, label: &str) -> Result<i64, StackError> {
        self.priority(label, 1)
    }

    /// The priority of `label`'s HTTP rule (or only rule, serverless).
    pub fn http(&self, label: &str) -> Result<i64, StackError> {
        self.priority(label, 2)
    }

    /// The priority of `label`'s update API rule.
    pub fn update(&self, label: &str) -> Result<i64, StackError> {
        self.priority(label, 3)
    }

    /// A label without a slot is a bug in the edge stack (every server
    /// gets one before anything is built), reported, not a panic.
    fn priority(&self, label: &str, offset: u32) -> Result<i64, StackError> {
        let slot = self.slots.get(label).ok_or_else(|| {
            StackError::Internal(format!("no listener rule slot was given to {label:?}"))
        })?;
        Ok(i64::from(slot * 3 + offset))
    }
}

/// The slot a server's name hashes to.
pub fn default_slot(label: &str) -> u32 {
    fnv1a(label) % SLOTS
}

/// 32-bit FNV-1a: stable across Rust versions and platforms, unlike the
/// standard library's hashers.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// gRPC requests, by their content type (see [`GRPC_CONTENT_TYPES`]).
pub fn is_grpc() -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition::default()
        .field("http-header")
        .http_header_config(
            elb::listener_rule::HttpHeaderConfig::default()
                .http_header_name("content-type")
                .values(GRPC_CONTENT_TYPES.to_vec()),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_holds_three_priorities_within_the_listeners_range() {
        let slots = RuleSlots::new([("es".to_string(), SLOTS - 1)]);
        assert_eq!(slots.grpc("es").unwrap() + 1, slots.http("es").unwrap());
        assert_eq!(slots.http("es").unwrap() + 1, slots.update("es").unwrap());
        assert!(slots.update("es").unwrap() <= 50_000);
        assert_eq!(RuleSlots::new([("es".to_string(), 0)]).grpc("es"), Ok(1));
        assert!(matches!(slots.http("co"), Err(StackError::Internal(_))));
    }

    #[test]
    fn default_slots_are_stable_hashes_of_the_name() {
        assert_eq!(fnv1a("a"), 0xe40c_292c, "FNV-1a's published value");
        assert_eq!(default_slot("es"), fnv1a("es") % SLOTS);
        assert!(default_slot("es") < SLOTS);
    }
}
