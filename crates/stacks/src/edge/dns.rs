//! The domain: its public hosted zone and the certificate the load
//! balancer presents. Each host's alias record is written in the zone
//! ([`Dns::zone_id`]) by [`crate::shared::load_balancer::add_alias_record`].
//!
//! A created zone only answers once its parent domain delegates to it:
//! copy the `NameServers` output into the parent's NS record. The
//! certificate (for the domain and `*.<domain>`, so every server host is
//! covered) is validated with DNS records CloudFormation writes into the
//! zone, so with a new zone the stack waits at the certificate until the
//! delegation is in place. An existing zone or certificate comes in as the
//! parameter `HostedZoneId` or `CertificateArn`.

use constructs::aws::{certificatemanager, route53};
use constructs::{AwsType, Handle, Parameter, Resource, Template, Value};

use super::config::{DnsConfig, Provision};
use crate::shared::load_balancer::CERTIFICATE_ARN_PATTERN;
use framework::error::StackError;
use patterns::Scope;

/// The zone and certificate, made or given.
pub struct Dns {
    pub zone_id: Value<String>,
    /// The zone this stack made, for its name servers.
    pub created_zone: Option<Handle<route53::HostedZone>>,
    pub certificate_arn: Value<String>,
}

pub fn add(
    template: &mut Template,
    deployment: &str,
    scope: &Scope,
    dns: &DnsConfig,
) -> Result<Dns, StackError> {
    let (zone_id, created_zone): (Value<String>, _) = match dns.hosted_zone {
        Provision::Create => {
            let zone = template.add(Resource::new(
                "HostedZone",
                route53::HostedZone {
                    hosted_zone_tags: scope.tag_list(),
                    ..route53::HostedZone::default()
                        .name(dns.domain.clone())
                        .hosted_zone_config(
                            route53::hosted_zone::HostedZoneConfig::default()
                                .comment(format!("{deployment}: Datafi edge servers")),
                        )
                },
            ))?;
            (zone.reference().into(), Some(zone))
        }
        Provision::Existing => {
            let mut parameter = Parameter::aws("HostedZoneId", AwsType::HostedZoneId)
                .description(&format!("The public hosted zone of {}.", dns.domain));
            if let Some(id) = &dns.hosted_zone_id {
                parameter = parameter.default(id.clone());
            }
            (template.add_parameter(parameter)?.reference().into(), None)
        }
    };
    let certificate_arn = match dns.certificate {
        Provision::Create => {
            let wildcard = format!("*.{}", dns.domain);
            let validation = |name: &str| {
                certificatemanager::certificate::DomainValidationOption::default()
                    .domain_name(name)
                    .hosted_zone_id(zone_id.clone())
            };
            template
                .add(Resource::new(
                    "Certificate",
                    certificatemanager::Certificate {
                        tags: scope.tag_list(),
                        ..certificatemanager::Certificate::new(dns.domain.clone())
                            .subject_alternative_names(vec![wildcard.clone()])
                            .validation_method("DNS")
                            // The wildcard's validation record is the domain's
                            // own: listing both makes CloudFormation write one
                            // record twice, which Route 53 refuses.
                            .domain_validation_options(vec![validation(&dns.domain)])
                    },
                ))?
                .reference()
                .into()
        }
        Provision::Existing => {
            let mut parameter = Parameter::string("CertificateArn")
                .description(&format!(
                    "An ACM certificate in the stack's region for {0} and *.{0}.",
                    dns.domain
                ))
                .allowed_pattern(CERTIFICATE_ARN_PATTERN)
                .constraint_description("an ACM certificate ARN");
            if let Some(arn) = &dns.certificate_arn {
                parameter = parameter.default(arn.clone());
            }
            template.add_parameter(parameter)?.reference().into()
        }
    };
    Ok(Dns {
        zone_id,
        created_zone,
        certificate_arn,
    })
}
