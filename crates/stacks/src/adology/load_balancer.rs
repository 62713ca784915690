//! The seed's Application Load Balancer ([`crate::shared::load_balancer`]):
//! HTTPS with the certificate (`CertificateArn`, or one this stack has ACM
//! issue and validate in the hosted zone), HTTP redirected; API calls to
//! the API service, WebSocket connections (`wss://<host>/ws`, or
//! `wss://ws.<domain>`) to the WebSocket service. Connections may idle for
//! an hour (the servers are told to keep theirs open longer:
//! `HTTP_KEEP_ALIVE_SECONDS`), and a browser's reconnect goes back to the
//! same WebSocket task (sticky sessions).
//!
//! With a `domain`, the stack writes its records (alias A records) in the
//! hosted zone `HostedZoneId`; without one, clients use the load
//! balancer's own name (a certificate for it cannot exist, so browsers
//! warn: a domain is the deployable setup).

use constructs::aws::certificatemanager;
use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::{fns, AwsType, Expr, Handle, Parameter, Resource, Template, Value};
use elb::target_group::{Matcher, TargetGroupAttribute, TargetType};

use super::config::{AdologyConfig, Certificate, WebSocketRouting};
use super::names::Names;
use super::sizes::{self, Listener, Listening};
use crate::shared::load_balancer::CERTIFICATE_ARN_PATTERN;
use crate::shared::network::PublicFacingNetwork;
use framework::error::StackError;
use patterns::load_balancer::{
    add_alias_record, add_load_balancer, forward_rule, host_is, path_is, LoadBalancer,
    LoadBalancerSpec,
};
use patterns::Scope;

/// The WebSocket host label, with host routing.
pub const WEB_SOCKET_LABEL: &str = "ws";
/// The WebSocket rule's priority; the API takes everything else.
const WEB_SOCKET_RULE_PRIORITY: i64 = 10;
/// How long a WebSocket task keeps its connections when it leaves.
const WEB_SOCKET_DRAIN_SECONDS: &str = "60";
const API_DRAIN_SECONDS: &str = "30";

/// The load balancer and what the services attach to.
pub struct Entry {
    pub load_balancer: LoadBalancer,
    pub api_group: Handle<elb::TargetGroup>,
    pub web_socket_group: Handle<elb::TargetGroup>,
    pub web_socket_rule: Handle<elb::ListenerRule>,
    /// `https://<domain>` or `https://<load balancer name>`.
    pub public_url: Value<String>,
    /// `wss://...` where browsers connect.
    pub web_socket_url: Value<String>,
}

pub fn add(
    template: &mut Template,
    names: &Names,
    config: &AdologyConfig,
    network: &PublicFacingNetwork,
    scope: &Scope,
) -> Result<Entry, StackError> {
    let balancer = &config.load_balancer;
    let host_routing = balancer.web_socket_routing == WebSocketRouting::Host;
    // A domain and its hosted zone come together, or not at all.
    let domain = match &balancer.domain {
        Some(domain) => Some((
            domain,
            template
                .add_parameter(
                    Parameter::aws("HostedZoneId", AwsType::HostedZoneId)
                        .description(&format!("The public hosted zone of {domain}.")),
                )?
                .reference(),
        )),
        None => None,
    };
    let certificate_arn: Value<String> = match (balancer.certificate, &domain) {
        (Certificate::Create, Some((domain, zone))) => {
            let mut hosts = vec![domain.to_string()];
            if host_routing {
                hosts.push(format!("{WEB_SOCKET_LABEL}.{domain}"));
            }
            let validation = hosts
                .iter()
                .map(|host| {
                    certificatemanager::certificate::DomainValidationOption::default()
                        .domain_name(host.clone())
                        .hosted_zone_id(zone.clone())
                })
                .collect::<Vec<_>>();
            template
                .add(Resource::new(
                    "Certificate",
                    certificatemanager::Certificate {
                        subject_alternative_names: (hosts.len() > 1)
                            .then(|| hosts[1..].to_vec().into()),
                        tags: scope.tag_list(),
                        ..certificatemanager::Certificate::new(domain.to_string())
                            .validation_method("DNS")
                            .domain_validation_options(validation)
                    },
                ))?
                .reference()
                .into()
        }
        _ => template
            .add_parameter(
                Parameter::string("CertificateArn")
                    .description("An ACM certificate in the stack's region for the public hosts.")
                    .allowed_pattern(CERTIFICATE_ARN_PATTERN)
                    .constraint_description("an ACM certificate ARN"),
            )?
            .reference()
            .into(),
    };
    let target_group = |port: u16,
                        path: String,
                        target_type: TargetType,
                        attributes: Vec<(&str, String)>| {
        elb::TargetGroup {
            tags: scope.tag_list(),
            ..elb::TargetGroup::default()
                .vpc_id(network.vpc_id.clone())
                .target_type(target_type)
                .port(i64::from(port))
                .protocol(elb::target_group::Protocol::Http)
                .health_check_path(path)
                // The port each target registered with (a bridge-mode task's
                // dynamic host port).
                .health_check_port("traffic-port")
                .matcher(Matcher::default().http_code("200"))
                .target_group_attributes(
                    attributes
                        .into_iter()
                        .map(|(key, value)| TargetGroupAttribute::default().key(key).value(value))
                        .collect::<Vec<_>>(),
                )
        }
    };
    let Listener {
        port: api_port,
        health_check_path: api_path,
    } = sizes::listener(config, Listening::Api);
    let Listener {
        port: web_socket_port,
        health_check_path: web_socket_path,
    } = sizes::listener(config, Listening::WebSocket);
    const DRAIN: &str = "deregistration_delay.timeout_seconds";
    // Bridge-mode API tasks register as instances on their host ports.
    let api_group = template.add(Resource::new(
        "ApiTargetGroup",
        target_group(
            api_port,
            api_path,
            TargetType::Instance,
            vec![(DRAIN, API_DRAIN_SECONDS.to_string())],
        ),
    ))?;
    let web_socket_group = template.add(Resource::new(
        "WebSocketTargetGroup",
        target_group(
            web_socket_port,
            web_socket_path,
            TargetType::Ip,
            vec![
                (DRAIN, WEB_SOCKET_DRAIN_SECONDS.to_string()),
                ("stickiness.enabled", "true".to_string()),
                ("stickiness.type", "lb_cookie".to_string()),
                (
                    "stickiness.lb_cookie.duration_seconds",
                    balancer.sticky_seconds.to_string(),
                ),
            ],
        ),
    ))?;
    let load_balancer = add_load_balancer(
        template,
        scope,
        LoadBalancerSpec {
            prefix: "",
            name: names.system().to_string(),
            https_carries: "HTTPS and WebSockets (wss)",
            vpc_id: network.vpc_id.clone(),
            subnets: network.public_subnet_ids.clone(),
            certificate_arn,
            idle_timeout_seconds: balancer.idle_timeout_seconds,
            default_action: elb::listener::Action::new(elb::listener::ActionType::Forward)
                .target_group_arn(api_group.reference()),
            access_log_days: balancer.access_logs.expiration(),
        },
    )?;
    let condition = match (&balancer.domain, host_routing) {
        (Some(domain), true) => host_is(&format!("{WEB_SOCKET_LABEL}.{domain}")),
        _ => path_is_prefix(&balancer.web_socket_path),
    };
    let web_socket_rule = template.add(Resource::new(
        "WebSocketRule",
        forward_rule(
            &load_balancer.https_listener,
            vec![condition],
            WEB_SOCKET_RULE_PRIORITY,
            &web_socket_group,
        ),
    ))?;
    let alb_host = load_balancer.load_balancer.dns_name();
    let (public_url, web_socket_url): (Value<String>, Value<String>) = match domain {
        Some((domain, zone)) => {
            add_alias_record(
                template,
                "ApiRecord",
                zone.clone().into(),
                domain,
                &load_balancer.load_balancer,
            )?;
            let web_socket_url = if host_routing {
                let host = format!("{WEB_SOCKET_LABEL}.{domain}");
                add_alias_record(
                    template,
                    "WebSocketRecord",
                    zone.into(),
                    &host,
                    &load_balancer.load_balancer,
                )?;
                format!("wss://{host}")
            } else {
                format!("wss://{domain}{}", balancer.web_socket_path)
            };
            (format!("https://{domain}").into(), web_socket_url.into())
        }
        None => (
            prefixed("https://", &alb_host, "").into(),
            prefixed("wss://", &alb_host, &balancer.web_socket_path).into(),
        ),
    };
    Ok(Entry {
        load_balancer,
        api_group,
        web_socket_group,
        web_socket_rule,
        public_url,
        web_socket_url,
    })
}

/// `path` and everything below it.
fn path_is_prefix(path: &str) -> elb::listener_rule::RuleCondition {
    let mut condition = path_is(path);
    condition.path_pattern_config = Some(
        elb::listener_rule::PathPatternConfig::default()
            .values(vec![
                path.to_string(),
                format!("{}/*", path.trim_end_matches('/')),
            ])
            .into(),
    );
    condition
}

/// `<scheme><host><path>`.
fn prefixed(scheme: &str, host: &Expr<String>, path: &str) -> Expr<String> {
    let mut parts = vec![Value::from(scheme), host.clone().into()];
    if !path.is_empty() {
        parts.push(Value::from(path));
    }
    fns::join("", parts)
}
