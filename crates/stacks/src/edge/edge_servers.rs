//! The long-running edge servers (the seed's `edgeServers.longRunning`):
//! each a Fargate service behind the load balancer at `<name>.<domain>`
//! (see [`super::service`]) with its own key, an optional bucket, and an
//! update API ([`super::update_api`]).
//!
//! The container is the seed's: HTTP on 80 and gRPC on 50051, TLS ended at
//! the load balancer (`DISABLE_SSL=true`), half the task's memory as the
//! server's cache limit (`MEMORY`), `LOG_LEVEL=INFO`; the config's
//! `environment` comes on top. `KEY` (and `JWT_JWKS`, with a coordinator)
//! are ECS secrets. A server with `bucket: true` gets a private, encrypted,
//! TLS-only, versioned bucket (named by CloudFormation; `BUCKET_NAME`
//! tells the server) that only its task role may read and write, instead
//! of the seed's `s3:*`.

use std::collections::BTreeMap;

use constructs::aws::{s3, secretsmanager};
use constructs::{Handle, Template, Value};

use super::config::LongRunningServer;
use super::names::server_prefix;
use super::rules::BUCKET_NAME_VARIABLE;
use super::secrets::{self, SecretSpec, JWT_JWKS, KEY};
use super::service::{self, Platform, Port, ServiceSpec};
use super::update_api;
use framework::error::StackError;
use patterns::BucketGrants;
use patterns::PrivateBucket;

/// The edge server's HTTP port.
pub const HTTP_PORT: i64 = 80;
/// The edge server's gRPC port.
pub const GRPC_PORT: i64 = 50051;
/// The path the load balancer checks over HTTP.
const HTTP_HEALTH_CHECK_PATH: &str = "/";
/// The load balancer's own gRPC health check method: a server without it
/// answers 12 (UNIMPLEMENTED), which proves it is serving gRPC.
const GRPC_HEALTH_CHECK_PATH: &str = "/AWS.ALB/healthcheck";
const GRPC_UNIMPLEMENTED: &str = "12";

/// A deployed long-running server, for the outputs.
pub struct EdgeServer {
    pub name: String,
    pub prefix: String,
    pub bucket: Option<Handle<s3::Bucket>>,
}

pub fn add(
    template: &mut Template,
    platform: &Platform,
    server: &LongRunningServer,
    jwks: Option<&Handle<secretsmanager::Secret>>,
) -> Result<EdgeServer, StackError> {
    let names = platform.names;
    let deployment = names.deployment();
    let prefix = server_prefix(&server.name);
    let host = names.host(&server.name);
    let key = secrets::add(
        template,
        deployment,
        platform.scope,
        &SecretSpec::new(
            &format!("{prefix}Key"),
            &format!(
                "The key of edge server {} (the seed's ES_KEY; `docker run --rm -e \
                 ENDPOINT=https://{host} datafi/es` prints one)",
                server.name
            ),
        ),
    )?;
    let api_key = secrets::add(
        template,
        deployment,
        platform.scope,
        &SecretSpec::api_key(
            &format!("{prefix}UpdateApiKey"),
            &format!(
                "The x-api-key of edge server {}'s update API, at least 32 characters (the \
                 seed's UPDATE_API_SECRET; `openssl rand -base64 32` makes one)",
                server.name
            ),
        ),
    )?;
    let bucket = if server.bucket {
        Some(
            PrivateBucket::new(&format!("{prefix}Bucket"), s3::Bucket::default())
                .recoverable(platform.bucket_recoverable_days)
                .bucket_key(true)
                .add(template, platform.scope)?,
        )
    } else {
        None
    };

    let mut environment: BTreeMap<String, Value<String>> = [
        ("DISABLE_SSL", "true".to_string()),
        ("LOG_LEVEL", "INFO".to_string()),
        ("MEMORY", (server.memory / 2).to_string()),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value.into()))
    .collect();
    if let Some(bucket) = &bucket {
        environment.insert(BUCKET_NAME_VARIABLE.to_string(), bucket.reference().into());
    }
    for (name, value) in &server.environment {
        environment.insert(name.clone(), value.clone().into());
    }
    let mut secrets = vec![(KEY, key)];
    if let Some(jwks) = jwks {
        secrets.push((JWT_JWKS, jwks.clone()));
    }
    let spec = ServiceSpec {
        prefix: prefix.clone(),
        name: server.name.clone(),
        image: format!("{}:{}", server.image, server.image_tag),
        cpu: server.cpu,
        memory: server.memory,
        desired_count: server.desired_count,
        environment: environment.into_iter().collect(),
        secrets,
        registry_credentials: None,
        http: Port {
            port: HTTP_PORT,
            health_check_path: HTTP_HEALTH_CHECK_PATH,
            healthy: "200",
        },
        grpc: Port {
            port: GRPC_PORT,
            health_check_path: GRPC_HEALTH_CHECK_PATH,
            healthy: GRPC_UNIMPLEMENTED,
        },
        task_statements: bucket
            .iter()
            .flat_map(|bucket| bucket.grant_read_write())
            .collect(),
    };
    let deployed = service::add(template, platform, &spec)?;
    update_api::add(
        template,
        platform,
        &update_api::Target {
            prefix: &prefix,
            server: &server.name,
            repository: &server.image,
            deployed: &deployed,
            api_key: &api_key,
        },
    )?;
    Ok(EdgeServer {
        name: server.name.clone(),
        prefix,
        bucket,
    })
}
