//! The coordinator (the seed's optional `coordinator`, at most one): a
//! Fargate service at `co.<domain>` ([`super::service`]) whose image comes
//! from a private registry (Azure Container Registry in the seed), pulled
//! with the `RegistryCredentialsSecret` as ECS repository credentials.
//!
//! Its container listens on 8001 (HTTP) and 50051 (gRPC, health-checked
//! with the coordinator's own `Ping` method), as in the seed. Its keys
//! (`CO_KEYVAL`, `CO_JWT_KID`, `CO_JWT_KEY`, and the `JWT_JWKS` public key the edge
//! servers check its tokens with) are ECS secrets; `GLOBAL_COORDINATOR`,
//! `TOKEN_ISSUER`, `MODE` and `JWT_ISS` (`https://co.<domain>/`) are plain
//! settings.

use std::collections::BTreeMap;

use constructs::aws::secretsmanager;
use constructs::{Handle, Template, Value};

use super::config::CoordinatorConfig;
use super::names::COORDINATOR_LABEL;
use super::secrets::{self, SecretSpec, CO_JWT_KEY, CO_JWT_KID, CO_KEYVAL, JWT_JWKS};
use super::service::{self, Deployed, Platform, Port, ServiceSpec};
use framework::error::StackError;

/// The coordinator's logical ID prefix.
pub const PREFIX: &str = "Coordinator";
/// The coordinator's HTTP port.
pub const HTTP_PORT: i64 = 8001;
/// The coordinator's gRPC port.
pub const GRPC_PORT: i64 = 50051;
/// The coordinator's gRPC health method, answering OK (0).
const GRPC_HEALTH_CHECK_PATH: &str = "/coordinator.Coordinator/Ping";

pub fn add(
    template: &mut Template,
    platform: &Platform,
    coordinator: &CoordinatorConfig,
    jwks: &Handle<secretsmanager::Secret>,
) -> Result<Deployed, StackError> {
    let names = platform.names;
    let deployment = names.deployment();
    let registry_credentials =
        secrets::add_registry_credentials(template, deployment, platform.scope)?;
    let mut secrets = Vec::new();
    for (variable, parameter, what) in [
        (
            CO_KEYVAL,
            "CoordinatorKeyval",
            "base64 key-value store credentials (the seed's CO_KEYVAL)",
        ),
        (
            CO_JWT_KID,
            "CoordinatorJwtKid",
            "JWT key ID, a UUID (the seed's CO_JWT_KID)",
        ),
        (
            CO_JWT_KEY,
            "CoordinatorJwtKey",
            "JWT signing key, RSA or ECDSA private key (the seed's CO_JWT_KEY)",
        ),
    ] {
        let description = format!("The coordinator's {what}");
        let secret = secrets::add(
            template,
            deployment,
            platform.scope,
            &SecretSpec::new(parameter, &description),
        )?;
        secrets.push((variable, secret));
    }
    secrets.push((JWT_JWKS, jwks.clone()));

    let mut environment: BTreeMap<String, Value<String>> = [
        ("DISABLE_SSL", "true".to_string()),
        ("GLOBAL_COORDINATOR", coordinator.global_coordinator.clone()),
        (
            "JWT_ISS",
            format!("https://{}/", names.host(COORDINATOR_LABEL)),
        ),
        ("LOG_LEVEL", "INFO".to_string()),
        ("MODE", coordinator.mode.clone()),
        ("TOKEN_ISSUER", coordinator.token_issuer.clone()),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value.into()))
    .collect();
    for (name, value) in &coordinator.environment {
        environment.insert(name.clone(), value.clone().into());
    }
    service::add(
        template,
        platform,
        &ServiceSpec {
            prefix: PREFIX.to_string(),
            name: COORDINATOR_LABEL.to_string(),
            image: format!(
                "{}/{}:{}",
                coordinator.registry, coordinator.repository, coordinator.image_tag
            ),
            cpu: coordinator.cpu,
            memory: coordinator.memory,
            desired_count: coordinator.desired_count,
            environment: environment.into_iter().collect(),
            secrets,
            registry_credentials: Some(registry_credentials),
            http: Port {
                port: HTTP_PORT,
                health_check_path: "/",
                healthy: "200",
            },
            grpc: Port {
                port: GRPC_PORT,
                health_check_path: GRPC_HEALTH_CHECK_PATH,
                healthy: "0",
            },
            task_statements: Vec::new(),
        },
    )
}
