//! The internet-facing Application Load Balancer the stacks put in front
//! of their services: a security group open on 80 and 443 only, port 80
//! redirecting to HTTPS, port 443 ending TLS (1.2 and 1.3, forward secrecy
//! only) with the stack's certificate, invalid header fields dropped. The
//! security group sends nothing by itself: each stack adds the egress
//! rules to its targets' ports.

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::Ingress;
use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::aws::route53;
use constructs::{Handle, List, Resource, Template, Value};
use elb::listener::{self, Action, RedirectConfig};
use elb::load_balancer::LoadBalancerAttribute;

use super::security_groups::no_egress;
use super::tags;
use super::vpc::ANYWHERE;
use crate::error::StackError;

/// TLS 1.3 and 1.2 with forward secrecy only, AWS's recommended policy.
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/// A certificate ARN of ACM, for `CertificateArn` parameters and configs.
pub const CERTIFICATE_ARN_PATTERN: &str =
    r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]{36}$";

/// What a stack's load balancer is.
pub struct LoadBalancerSpec<'a> {
    /// The load balancer's name (at most 32 characters).
    pub name: String,
    /// What port 443 carries, for the security group rule's description.
    pub https_carries: &'a str,
    pub vpc_id: Value<String>,
    /// Public subnets in two or more zones.
    pub subnets: Value<List<String>>,
    pub certificate_arn: Value<String>,
    pub idle_timeout_seconds: u32,
    /// What the HTTPS listener does with a request no rule takes.
    pub default_action: Action,
    /// The stack's tags, besides `Name`.
    pub tags: &'a [(&'static str, String)],
}

/// The load balancer and what rules, records and egress rules attach to.
pub struct LoadBalancer {
    pub load_balancer: Handle<elb::LoadBalancer>,
    pub security_group: Handle<ec2::SecurityGroup>,
    pub https_listener: Handle<elb::Listener>,
}

/// Adds `LoadBalancerSecurityGroup`, `LoadBalancer`, `HttpListener` and
/// `HttpsListener`.
pub fn add(template: &mut Template, spec: LoadBalancerSpec) -> Result<LoadBalancer, StackError> {
    let from_anywhere = |port: i64, what: &str| Ingress {
        cidr_ip: Some(ANYWHERE.into()),
        from_port: Some(port.into()),
        to_port: Some(port.into()),
        description: Some(what.into()),
        ..Ingress::new("tcp")
    };
    let mut named = vec![("Name", format!("{}-load-balancer", spec.name))];
    named.extend(spec.tags.iter().cloned());
    let security_group = template.add(Resource::new(
        "LoadBalancerSecurityGroup",
        ec2::SecurityGroup {
            vpc_id: Some(spec.vpc_id),
            security_group_ingress: Some(
                vec![
                    from_anywhere(80, "HTTP, redirected to HTTPS"),
                    from_anywhere(443, spec.https_carries),
                ]
                .into(),
            ),
            security_group_egress: Some(vec![no_egress()].into()),
            tags: tags::list(named, ec2::security_group::Tag::new),
            ..ec2::SecurityGroup::new(format!(
                "{} load balancer: HTTP and HTTPS from the internet",
                spec.name
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
            name: Some(spec.name.into()),
            r#type: Some(elb::load_balancer::LoadBalancerType::Application.into()),
            scheme: Some(elb::load_balancer::Scheme::InternetFacing.into()),
            subnets: Some(spec.subnets),
            security_groups: Some(vec![security_group.group_id()].into()),
            load_balancer_attributes: Some(
                vec![
                    attribute(
                        "idle_timeout.timeout_seconds",
                        spec.idle_timeout_seconds.to_string(),
                    ),
                    attribute(
                        "routing.http.drop_invalid_header_fields.enabled",
                        "true".to_string(),
                    ),
                    attribute("routing.http2.enabled", "true".to_string()),
                ]
                .into(),
            ),
            tags: tags::list(spec.tags.iter().cloned(), |key, value| {
                elb::load_balancer::Tag {
                    key: key.into(),
                    value: Some(value.into()),
                }
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
                    ..Action::new(listener::ActionType::Redirect)
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
                    certificate_arn: Some(spec.certificate_arn),
                }]
                .into(),
            ),
            ..elb::Listener::new(vec![spec.default_action], load_balancer.reference())
        },
    ))?;
    Ok(LoadBalancer {
        load_balancer,
        security_group,
        https_listener,
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
                ..elb::listener_rule::Action::new(elb::listener_rule::ActionType::Forward)
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

/// `host` in the hosted zone `zone_id`, an alias A record of the load
/// balancer (no charge for the queries, follows its addresses).
pub fn add_alias_record(
    template: &mut Template,
    id: &str,
    zone_id: Value<String>,
    host: &str,
    load_balancer: &Handle<elb::LoadBalancer>,
) -> Result<(), StackError> {
    template.add(Resource::new(
        id,
        route53::RecordSet {
            hosted_zone_id: Some(zone_id),
            alias_target: Some(
                route53::record_set::AliasTarget {
                    evaluate_target_health: Some(false.into()),
                    ..route53::record_set::AliasTarget::new(
                        load_balancer.dns_name(),
                        load_balancer.canonical_hosted_zone_id(),
                    )
                }
                .into(),
            ),
            ..route53::RecordSet::new(host.to_string(), "A")
        },
    ))?;
    Ok(())
}
