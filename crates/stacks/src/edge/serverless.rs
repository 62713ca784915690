//! The serverless edge servers (the seed's `edgeServers.serverless`, which
//! its stack declares but never builds): each a Lambda function from a
//! container image in this account's ECR, in the private subnets, behind
//! the load balancer at `<name>.<domain>` like a long-running server.
//!
//! Lambda cannot fill environment variables from Secrets Manager, and a
//! secret in a plain variable would show in the console and the API. So
//! the function gets the ARN of its key (`KEY_SECRET_ARN`, and
//! `JWT_JWKS_SECRET_ARN` with a coordinator) and may read exactly those
//! secrets; the image reads them at start-up (the AWS SDK, or the AWS
//! Parameters and Secrets Lambda Extension). The load balancer does not
//! send gRPC to Lambda, so these servers speak HTTP only.

use std::collections::BTreeMap;

use constructs::aws::{ec2, lambda, secretsmanager};
use constructs::{fns, Handle, Resource, Template, Value};

use super::config::ServerlessServer;
use super::functions::add_lambda_target;
use super::names::{server_prefix, Names};
use super::roles::{role, Assumer};
use super::secrets::{self, SecretSpec, JWT_JWKS_SECRET_ARN, KEY_SECRET_ARN};
use super::service::Platform;
use crate::shared::lambda::image_in_vpc;
use framework::error::StackError;
use patterns::access::{attach_to_vpc, write_logs};
use patterns::load_balancer::{add_alias_record, forward_rule, host_is};
use patterns::secrets::{read_secrets, ReadableSecret};
use patterns::security_groups::to_anywhere;

/// A deployed serverless server, for the outputs.
pub struct ServerlessEdgeServer {
    pub name: String,
    pub prefix: String,
}

pub fn add(
    template: &mut Template,
    platform: &Platform,
    server: &ServerlessServer,
    jwks: Option<&Handle<secretsmanager::Secret>>,
) -> Result<ServerlessEdgeServer, StackError> {
    let names = platform.names;
    let deployment = names.deployment();
    let prefix = server_prefix(&server.name);
    let id = |what: &str| format!("{prefix}{what}");
    let host = names.host(&server.name);
    let function_name = names.function(&server.name, None);
    let key = secrets::add(
        template,
        deployment,
        platform.scope,
        &SecretSpec::new(
            &id("Key"),
            &format!(
                "The key of serverless edge server {} (the seed's ES_KEY)",
                server.name
            ),
        ),
    )?;
    let log_group = platform.add_log_group(
        template,
        &id("LogGroup"),
        Names::function_log_group(&function_name),
    )?;
    let security_group = template.add(Resource::new(
        &id("SecurityGroup"),
        ec2::SecurityGroup {
            tags: platform
                .scope
                .named_list(format!("{deployment}-{}", server.name)),
            ..ec2::SecurityGroup::new(format!(
                "{deployment} {}: outbound only (the load balancer invokes it through Lambda)",
                server.name
            ))
            .vpc_id(platform.network.vpc_id.clone())
            .security_group_egress(vec![to_anywhere(
                "Data sources and AWS APIs, through the NAT gateways",
            )])
        },
    ))?;

    let mut readable: Vec<&dyn ReadableSecret> = vec![&key];
    let mut environment: BTreeMap<String, Value<String>> = BTreeMap::new();
    environment.insert("LOG_LEVEL".into(), "INFO".into());
    environment.insert(KEY_SECRET_ARN.into(), key.reference().into());
    if let Some(jwks) = jwks {
        readable.push(jwks);
        environment.insert(JWT_JWKS_SECRET_ARN.into(), jwks.reference().into());
    }
    for (name, value) in &server.environment {
        environment.insert(name.clone(), value.clone().into());
    }
    let role = template.add(Resource::new(
        &id("Role"),
        role(
            platform.scope,
            Assumer::Lambda,
            format!(
                "What {deployment} serverless edge server {} may do",
                server.name
            ),
            "server",
            vec![
                read_secrets(&readable),
                write_logs([log_group.arn()]),
                attach_to_vpc(),
            ],
        ),
    ))?;
    let mut function = Resource::new(
        &id("Function"),
        lambda::Function {
            tags: platform.scope.tag_list(),
            ..image_in_vpc(
                fns::sub(format!(
                    "${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.${{AWS::URLSuffix}}/{}:{}",
                    server.repository, server.image_tag
                )),
                role.arn(),
                &security_group,
                &platform.network.private_subnet_ids,
                environment,
            )
            .function_name(function_name.clone())
            .description(format!(
                "{deployment} serverless edge server {}",
                server.name
            ))
            .memory_size(i64::from(server.memory))
            .timeout(i64::from(server.timeout_seconds))
        },
    )
    .depends_on(&log_group);
    function = function.depends_on_all(&platform.network.private_egress_ready);
    let function = template.add(function)?;
    let target_group = add_lambda_target(template, &prefix, platform.scope, &function)?;
    template.add(Resource::new(
        &id("Rule"),
        forward_rule(
            &platform.load_balancer.https_listener,
            vec![host_is(&host)],
            platform.rule_slots.http(&server.name)?,
            &target_group,
        ),
    ))?;
    add_alias_record(
        template,
        &id("Record"),
        platform.dns.zone_id.clone(),
        &host,
        &platform.load_balancer.load_balancer,
    )?;
    Ok(ServerlessEdgeServer {
        name: server.name.clone(),
        prefix,
    })
}
