//! The internet-facing Application Load Balancer the stacks put in front
//! of their services: a security group open on 80 and 443 only, port 80
//! redirecting to HTTPS, port 443 ending TLS (1.2 and 1.3, forward secrecy
//! only) with the stack's certificate, invalid header fields dropped,
//! access logs (on by default) delivered to a bucket of the stack. The
//! security group sends nothing by itself: each stack adds the egress
//! rules to its targets' ports. Listener rules and alias records for it
//! are here too.

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::Ingress;
use constructs::aws::elasticloadbalancingv2 as elb;
use constructs::aws::route53;
use constructs::{Error, Handle, List, Resource, Template, Value};
use elb::listener::{self, Action, RedirectConfig};
use elb::load_balancer::LoadBalancerAttribute;

use crate::access_logs::add_access_log_bucket;
use crate::scope::Scope;
use crate::security_groups::no_egress;
use crate::vpc::ANYWHERE;

/// TLS 1.3 and 1.2 with forward secrecy only, AWS's recommended policy.
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// What a stack's load balancer is.
pub struct LoadBalancerSpec<'a> {
    /// Put before each logical ID it makes (`""`: `LoadBalancer`,
    /// `HttpsListener`, ...), so two load balancers fit in one template.
    pub prefix: &'a str,
    /// The load balancer's name (at most 32 characters).
    pub name: String,
    /// What port 443 carries, for the security group rule's description.
    pub https_carries: &'a str,
    /// The VPC of the subnets, where the security group is made.
    pub vpc_id: Value<String>,
    /// Public subnets in two or more zones.
    pub subnets: Value<List<String>>,
    /// The ACM certificate the HTTPS listener presents.
    pub certificate_arn: Value<String>,
    /// Seconds a connection may stay idle before the load balancer closes
    /// it (`idle_timeout.timeout_seconds`).
    pub idle_timeout_seconds: u32,
    /// What the HTTPS listener does with a request no rule takes.
    pub default_action: Action,
    /// Days access logs are kept, or `None` for no access logs.
    pub access_log_days: Option<u32>,
}

/// The load balancer and what rules, records and egress rules attach to.
pub struct LoadBalancer {
    /// The load balancer, for alias records ([`add_alias_record`]).
    pub load_balancer: Handle<elb::LoadBalancer>,
    /// Its security group, which sends nothing until the stack adds egress
    /// rules to its targets' ports.
    pub security_group: Handle<ec2::SecurityGroup>,
    /// The HTTPS listener, for listener rules ([`forward_rule`]).
    pub https_listener: Handle<elb::Listener>,
}

/// Adds `LoadBalancerSecurityGroup`, `LoadBalancer`, `HttpListener` and
/// `HttpsListener`, and with access logs `LoadBalancerLogBucket` and its
/// policy (in `scope`), each ID after `spec.prefix`.
pub fn add_load_balancer(
    template: &mut Template,
    scope: &Scope,
    spec: LoadBalancerSpec,
) -> Result<LoadBalancer, Error> {
    let from_anywhere = |port: i64, what: &str| {
        Ingress::new("tcp")
            .cidr_ip(ANYWHERE)
            .from_port(port)
            .to_port(port)
            .description(what)
    };
    let security_group = template.add(Resource::new(
        &format!("{}LoadBalancerSecurityGroup", spec.prefix),
        ec2::SecurityGroup {
            tags: scope.named_list(format!("{}-load-balancer", spec.name)),
            ..ec2::SecurityGroup::new(format!(
                "{} load balancer: HTTP and HTTPS from the internet",
                spec.name
            ))
            .vpc_id(spec.vpc_id)
            .security_group_ingress(vec![
                from_anywhere(80, "HTTP, redirected to HTTPS"),
                from_anywhere(443, spec.https_carries),
            ])
            .security_group_egress(vec![no_egress()])
        },
    ))?;
    let attribute =
        |key: &str, value: Value<String>| LoadBalancerAttribute::default().key(key).value(value);
    let mut attributes = vec![
        attribute(
            "idle_timeout.timeout_seconds",
            spec.idle_timeout_seconds.to_string().into(),
        ),
        attribute(
            "routing.http.drop_invalid_header_fields.enabled",
            "true".into(),
        ),
        attribute("routing.http2.enabled", "true".into()),
    ];
    let log_bucket = spec
        .access_log_days
        .map(|days| {
            add_access_log_bucket(
                template,
                scope,
                &format!("{}LoadBalancerLogBucket", spec.prefix),
                days,
            )
        })
        .transpose()?;
    if let Some(logs) = &log_bucket {
        attributes.push(attribute("access_logs.s3.enabled", "true".into()));
        attributes.push(attribute(
            "access_logs.s3.bucket",
            logs.bucket.reference().into(),
        ));
    }
    let load_balancer = Resource::new(
        &format!("{}LoadBalancer", spec.prefix),
        elb::LoadBalancer {
            tags: scope.tag_list(),
            ..elb::LoadBalancer::default()
                .name(spec.name)
                .r#type(elb::load_balancer::LoadBalancerType::Application)
                .scheme(elb::load_balancer::Scheme::InternetFacing)
                .subnets(spec.subnets)
                .security_groups(vec![security_group.group_id()])
                .load_balancer_attributes(attributes)
        },
    );
    // Elastic Load Balancing checks it may write to the bucket when access
    // logs are turned on, so the policy comes first.
    let load_balancer = template.add(match &log_bucket {
        Some(logs) => load_balancer.depends_on(&logs.policy),
        None => load_balancer,
    })?;
    template.add(Resource::new(
        &format!("{}HttpListener", spec.prefix),
        elb::Listener::new(elb::ListenerRequired {
            default_actions: vec![Action::new(listener::ActionType::Redirect).redirect_config(
                RedirectConfig::new(listener::StatusCode::Http301)
                    .protocol("HTTPS")
                    .port("443"),
            )]
            .into(),
            load_balancer_arn: load_balancer.reference().into(),
        })
        .port(80)
        .protocol(listener::Protocol::Http),
    ))?;
    let https_listener = template.add(Resource::new(
        &format!("{}HttpsListener", spec.prefix),
        elb::Listener::new(elb::ListenerRequired {
            default_actions: vec![spec.default_action].into(),
            load_balancer_arn: load_balancer.reference().into(),
        })
        .port(443)
        .protocol(listener::Protocol::Https)
        .ssl_policy(TLS_POLICY)
        .certificates(vec![
            listener::Certificate::default().certificate_arn(spec.certificate_arn)
        ]),
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
    elb::ListenerRule::new(elb::ListenerRuleRequired {
        actions: vec![
            elb::listener_rule::Action::new(elb::listener_rule::ActionType::Forward)
                .target_group_arn(target_group.reference()),
        ]
        .into(),
        conditions: conditions.into(),
        priority: priority.into(),
    })
    .listener_arn(listener.reference())
}

/// Requests for `host`.
pub fn host_is(host: &str) -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition::default()
        .field("host-header")
        .host_header_config(elb::listener_rule::HostHeaderConfig::default().values(vec![host]))
}

/// Requests whose path is `path`.
pub fn path_is(path: &str) -> elb::listener_rule::RuleCondition {
    elb::listener_rule::RuleCondition::default()
        .field("path-pattern")
        .path_pattern_config(elb::listener_rule::PathPatternConfig::default().values(vec![path]))
}

/// `host` in the hosted zone `zone_id`, an alias A record of the load
/// balancer (no charge for the queries, follows its addresses).
pub fn add_alias_record(
    template: &mut Template,
    id: &str,
    zone_id: Value<String>,
    host: &str,
    load_balancer: &Handle<elb::LoadBalancer>,
) -> Result<(), Error> {
    template.add(Resource::new(
        id,
        route53::RecordSet::new(route53::RecordSetRequired {
            name: host.to_string().into(),
            r#type: "A".into(),
        })
        .hosted_zone_id(zone_id)
        .alias_target(
            route53::record_set::AliasTarget::new(route53::record_set::AliasTargetRequired {
                dns_name: load_balancer.dns_name().into(),
                hosted_zone_id: load_balancer.canonical_hosted_zone_id().into(),
            })
            .evaluate_target_health(false),
        ),
    ))?;
    Ok(())
}
