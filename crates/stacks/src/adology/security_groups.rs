//! Who may talk to whom.
//!
//! | group | admits | sends |
//! | --- | --- | --- |
//! | `LoadBalancerSecurityGroup` | 80, 443 from the internet | the instances' dynamic ports, the WebSocket tasks' port |
//! | `InstancesSecurityGroup` (API and workers, bridge network mode) | the dynamic host ports (32768-65535) from the load balancer | anywhere |
//! | `WebSocketSecurityGroup` (WebSocket tasks, their own network interfaces) | its port from the load balancer, the instances (workers) and the overflow functions | anywhere |
//! | `OverflowSecurityGroup` (Lambda workers) | nothing | anywhere |
//! | `DatabaseSecurityGroup` | 5432 from the instances and the overflow functions | nothing |
//!
//! Workers report status to the WebSocket service inside the VPC, at
//! `websocket.<name>.internal`, never through the public load balancer.
//!
//! The route to MongoDB Atlas is [`super::atlas`]'s.

use constructs::aws::ec2;
use constructs::aws::ec2::security_group::{Egress, Ingress};
use constructs::{Handle, Resource, Template, Value};

use super::names::Names;
use framework::error::StackError;
use patterns::postgres::PORT as POSTGRES_PORT;
use patterns::security_groups::{no_egress, to_anywhere};
use patterns::Scope;

/// The host ports ECS gives bridge-mode containers (`hostPort: 0`).
pub const DYNAMIC_PORTS: (i64, i64) = (32768, 65535);

/// The groups the rest of the stack attaches.
pub struct SecurityGroups {
    pub instances: Handle<ec2::SecurityGroup>,
    pub web_socket: Handle<ec2::SecurityGroup>,
    pub overflow: Handle<ec2::SecurityGroup>,
    pub database: Handle<ec2::SecurityGroup>,
}

fn from_group(group: &Handle<ec2::SecurityGroup>, (from, to): (i64, i64), what: &str) -> Ingress {
    Ingress::new("tcp")
        .source_security_group_id(group.group_id())
        .from_port(from)
        .to_port(to)
        .description(what)
}

pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    vpc_id: &Value<String>,
    load_balancer: &Handle<ec2::SecurityGroup>,
    web_socket_port: u16,
) -> Result<SecurityGroups, StackError> {
    let web_socket_port = i64::from(web_socket_port);
    let mut group = |id: &str,
                     description: String,
                     ingress: Vec<Ingress>,
                     egress: Vec<Egress>|
     -> Result<Handle<ec2::SecurityGroup>, StackError> {
        Ok(template.add(Resource::new(
            id,
            ec2::SecurityGroup {
                security_group_ingress: (!ingress.is_empty()).then(|| ingress.into()),
                tags: scope.tag_list(),
                ..ec2::SecurityGroup::new(description)
                    .vpc_id(vpc_id.clone())
                    .security_group_egress(egress)
            },
        ))?)
    };
    let system = names.system();
    let instances = group(
        "InstancesSecurityGroup",
        format!("{system} container instances: API host ports from the load balancer"),
        vec![from_group(
            load_balancer,
            DYNAMIC_PORTS,
            "API task host ports from the load balancer",
        )],
        vec![to_anywhere(
            "MongoDB Atlas, the database, SQS, S3 and the internet",
        )],
    )?;
    let overflow = group(
        "OverflowSecurityGroup",
        format!("{system} overflow workers (Lambda): outbound only"),
        vec![],
        vec![to_anywhere(
            "MongoDB Atlas, the database, SQS, S3, the WebSocket service",
        )],
    )?;
    let web_socket = group(
        "WebSocketSecurityGroup",
        format!("{system} WebSocket tasks: clients through the load balancer, status from workers"),
        vec![
            from_group(
                load_balancer,
                (web_socket_port, web_socket_port),
                "WebSocket clients through the load balancer",
            ),
            from_group(
                &instances,
                (web_socket_port, web_socket_port),
                "Status updates from the workers",
            ),
            from_group(
                &overflow,
                (web_socket_port, web_socket_port),
                "Status updates from the overflow workers",
            ),
        ],
        vec![to_anywhere("AWS APIs and the internet")],
    )?;
    let database = group(
        "DatabaseSecurityGroup",
        format!("{system} PostgreSQL: the API, the workers and the overflow workers"),
        vec![
            from_group(
                &instances,
                (POSTGRES_PORT, POSTGRES_PORT),
                "PostgreSQL from the API and the workers",
            ),
            from_group(
                &overflow,
                (POSTGRES_PORT, POSTGRES_PORT),
                "PostgreSQL from the overflow workers",
            ),
        ],
        vec![no_egress()],
    )?;
    for (id, destination, ports, what) in [
        (
            "LoadBalancerApiEgress",
            &instances,
            DYNAMIC_PORTS,
            "The API task host ports",
        ),
        (
            "LoadBalancerWebSocketEgress",
            &web_socket,
            (web_socket_port, web_socket_port),
            "The WebSocket tasks",
        ),
    ] {
        template.add(Resource::new(
            id,
            ec2::SecurityGroupEgress::new(ec2::SecurityGroupEgressRequired {
                group_id: load_balancer.group_id().into(),
                ip_protocol: "tcp".into(),
            })
            .destination_security_group_id(destination.group_id())
            .from_port(ports.0)
            .to_port(ports.1)
            .description(what),
        ))?;
    }
    Ok(SecurityGroups {
        instances,
        web_socket,
        overflow,
        database,
    })
}
