//! The shared Application Load Balancer: the only way in from the
//! internet. Port 80 redirects to 443; 443 terminates TLS with the
//! deployment's certificate and routes by host name (and, for gRPC, by
//! content type) to each server's target groups; anything else gets 404.
//!
//! Deviation from the seed: the seed opens a second HTTPS listener on
//! 50051 for gRPC. Here gRPC shares 443: a request whose `content-type`
//! starts with `application/grpc` goes to the server's gRPC target group
//! (protocol version GRPC), every other request to its HTTP one. So the
//! internet reaches the stack on 80 and 443 only, and clients dial
//! `<server>.<domain>:443` for both.
//!
//! Rule priorities must be unique on the listener. They come from a hash of
//! what each rule routes (its host, or host and path), in slots of two
//! (gRPC first, then HTTP), so adding or removing a server never renumbers
//! another's rules (renumbering rules in one update can fail with
//! `PriorityInUse`). A hash collision moves the later key, in sorted
//! order, to the next free slot.

use std::collections::{BTreeMap, BTreeSet};

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::{Egress, Ingress};
use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::{Handle, Resource, Template, Value};
use elb::listener::{self, Action, FixedResponseConfig, RedirectConfig};
use elb::load_balancer::LoadBalancerAttribute;

use super::names::Names;
use super::tags;
use crate::error::StackError;
use crate::shared::network::Network;
use crate::shared::vpc::ANYWHERE;

/// TLS 1.3 and 1.2 with forward secrecy only, AWS's recommended policy.
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/// Rule priorities go up to 50,000; slots of two cover them.
const SLOTS: u32 = 24_999;
/// The content type gRPC requests carry (`application/grpc`, `application/grpc+proto`, ...).
pub const GRPC_CONTENT_TYPES: &str = "application/grpc*";

/// The load balancer and what rules and records attach to.
pub struct LoadBalancer {
    pub load_balancer: Handle<elb::LoadBalancer>,
    pub security_group: Handle<ec2::SecurityGroup>,
    pub https_listener: Handle<elb::Listener>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    network: &Network,
    certificate_arn: Value<String>,
    idle_timeout_seconds: u32,
) -> Result<LoadBalancer, StackError> {
    let deployment = names.deployment();
    let from_anywhere = |port: i64, what: &str| Ingress {
        cidr_ip: Some(ANYWHERE.into()),
        from_port: Some(port.into()),
        to_port: Some(port.into()),
        description: Some(what.into()),
        ..Ingress::new("tcp")
    };
    let security_group = template.add(Resource::new(
        "LoadBalancerSecurityGroup",
        ec2::SecurityGroup {
            vpc_id: Some(network.vpc_id.clone()),
            security_group_ingress: Some(
                vec![
                    from_anywhere(80, "HTTP, redirected to HTTPS"),
                    from_anywhere(443, "HTTPS and gRPC"),
                ]
                .into(),
            ),
            // An inline rule replaces the allow-all egress AWS adds; this
            // one matches nothing (ICMP type 252 code 86 to the broadcast
            // address), so the only egress is the per-service rules to the
            // services' ports (`SecurityGroupEgress` resources).
            security_group_egress: Some(
                vec![Egress {
                    cidr_ip: Some("255.255.255.255/32".into()),
                    from_port: Some(252.into()),
                    to_port: Some(86.into()),
                    description: Some("No traffic but the rules to each service".into()),
                    ..Egress::new("icmp")
                }]
                .into(),
            ),
            tags: tags::named(
                deployment,
                format!("{deployment}-load-balancer"),
                ec2::security_group::Tag::new,
            ),
            ..ec2::SecurityGroup::new(format!(
                "{deployment} load balancer: HTTP and HTTPS from the internet"
            ))
        },
    ))?;
    let attribute = |key: &str, value: String| LoadBalancerAttribute {
        key: Some(key.into()),
        value: Some(value.into()),
    };
    let load_balancer = template.add(Resource::new(
        "LoadBalancer",
        elb::LoadBalancer {
            name: Some(names.cluster().into()),
            r#type: Some(elb::load_balancer::Type::Application.into()),
            scheme: Some(elb::load_balancer::Scheme::InternetFacing.into()),
            subnets: Some(
                network
                    .public_subnet_ids
                    .clone()
                    .expect("the edge stack asks for public subnets"),
            ),
            security_groups: Some(vec![security_group.group_id()].into()),
            load_balancer_attributes: Some(
                vec![
                    attribute(
                        "idle_timeout.timeout_seconds",
                        idle_timeout_seconds.to_string(),
                    ),
                    attribute(
                        "routing.http.drop_invalid_header_fields.enabled",
                        "true".to_string(),
                    ),
                    attribute("routing.http2.enabled", "true".to_string()),
                ]
                .into(),
            ),
            tags: tags::deployment(deployment, |key, value| elb::load_balancer::Tag {
                key: key.into(),
                value: Some(value.into()),
            }),
            ..elb::LoadBalancer::default()
        },
    ))?;
    template.add(Resource::new(
        "HttpListener",
        elb::Listener {
            port: Some(80.into()),
            protocol: Some(listener::Protocol::Http.into()),
            ..elb::Listener::new(
                vec![Action {
                    redirect_config: Some(
                        RedirectConfig {
                            protocol: Some("HTTPS".into()),
                            port: Some("443".into()),
                            ..RedirectConfig::new(listener::StatusCode::Http301)
                        }
                        .into(),
                    ),
                    ..Action::new(listener::Type::Redirect)
                }],
                load_balancer.reference(),
            )
        },
    ))?;
    let https_listener = template.add(Resource::new(
        "HttpsListener",
        elb::Listener {
            port: Some(443.into()),
            protocol: Some(listener::Protocol::Https.into()),
            ssl_policy: Some(TLS_POLICY.into()),
            certificates: Some(
                vec![listener::Certificate {
                    certificate_arn: Some(certificate_arn),
                }]
                .into(),
            ),
            ..elb::Listener::new(
                vec![Action {
                    fixed_response_config: Some(
                        FixedResponseConfig {
                            content_type: Some("text/plain".into()),
                            message_body: Some("No such server".into()),
                            ..FixedResponseConfig::new("404")
                        }
                        .into(),
                    ),
                    ..Action::new(listener::Type::FixedResponse)
                }],
                load_balancer.reference(),
            )
        },
    ))?;
    Ok(LoadBalancer {
        load_balancer,
        security_group,
        https_listener,
    })
}

/// Each routing key's slot of two rule priorities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePriorities {
    slots: BTreeMap<String, u32>,
}

impl RulePriorities {
    /// Slots for `keys` (host names, or `host/path`).
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let keys: BTreeSet<&str> = keys.into_iter().collect();
        let mut taken = BTreeSet::new();
        let mut slots = BTreeMap::new();
        for key in keys {
            let mut slot = fnv1a(key) % SLOTS;
            while !taken.insert(slot) {
                slot = (slot + 1) % SLOTS;
            }
            slots.insert(key.to_string(), slot);
        }
        RulePriorities { slots }
    }

    /// The first priority of `key`'s slot (its gRPC rule).
    pub fn first(&self, key: &str) -> i64 {
        i64::from(self.slot(key) * 2 + 1)
    }

    /// The second priority of `key`'s slot (its HTTP rule, or its only rule).
    pub fn second(&self, key: &str) -> i64 {
        i64::from(self.slot(key) * 2 + 2)
    }

    fn slot(&self, key: &str) -> u32 {
        *self
            .slots
            .get(key)
            .unwrap_or_else(|| panic!("no rule priority was reserved for {key:?}"))
    }
}

/// 32-bit FNV-1a: stable across Rust versions and platforms, unlike the
/// standard library's hashers.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// A forward rule on the HTTPS listener.
pub fn forward_rule(
    listener: &Handle<elb::Listener>,
    conditions: Vec<elb::listener_rule::RuleCondition>,
    priority: i64,
    target_group: &Handle<elb::TargetGroup>,
) -> elb::ListenerRule {
    elb::ListenerRule {
        listener_arn: Some(listener.reference().into()),
        ..elb::ListenerRule::new(
            vec![elb::listener_rule::Action {
                target_group_arn: Some(target_group.reference().into()),
                ..elb::listener_rule::Action::new(elb::listener_rule::Type::Forward)
            }],
            conditions,
            priority,
        )
    }
}

/// Requests for `host`.
pub fn host_is(host: &str) -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition {
        field: Some("host-header".into()),
        host_header_config: Some(
            elb::listener_rule::HostHeaderConfig {
                values: Some(vec![host].into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

/// gRPC requests, by their content type.
pub fn is_grpc() -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition {
        field: Some("http-header".into()),
        http_header_config: Some(
            elb::listener_rule::HttpHeaderConfig {
                http_header_name: Some("content-type".into()),
                values: Some(vec![GRPC_CONTENT_TYPES].into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

/// Requests whose path is `path`.
pub fn path_is(path: &str) -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition {
        field: Some("path-pattern".into()),
        path_pattern_config: Some(
            elb::listener_rule::PathPatternConfig {
                values: Some(vec![path].into()),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_do_not_depend_on_the_other_keys() {
        let alone = RulePriorities::new(["es.example.com"]);
        let crowded = RulePriorities::new(["a.example.com", "es.example.com", "zz.example.com"]);
        assert_eq!(
            alone.first("es.example.com"),
            crowded.first("es.example.com")
        );
        assert_eq!(
            alone.second("es.example.com"),
            alone.first("es.example.com") + 1
        );
        assert!(alone.second("es.example.com") <= 50_000);
    }

    #[test]
    fn a_collision_moves_to_the_next_slot() {
        // Find two keys with one slot.
        let slot = |key: &str| fnv1a(key) % SLOTS;
        let first = "host-0".to_string();
        let second = (1..)
            .map(|n| format!("host-{n}"))
            .find(|key| slot(key) == slot(&first))
            .unwrap();
        let priorities = RulePriorities::new([first.as_str(), second.as_str()]);
        assert_ne!(priorities.first(&first), priorities.first(&second));
        assert_eq!(fnv1a("a"), 0xe40c_292c, "FNV-1a's published value");
    }
}
