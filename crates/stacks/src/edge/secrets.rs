//! Secrets: each arrives as a NoEcho CloudFormation parameter (the seed's
//! `env.sh` exports) and is stored in Secrets Manager, which is the only
//! place it is ever read from. Containers get secrets as ECS `secrets`
//! (resolved when the task starts, never shown in the task definition);
//! functions get a secret's ARN and read it themselves.
//!
//! | parameter | secret | read by | as |
//! | --- | --- | --- | --- |
//! | `EdgeServer<Name>Key` | `EdgeServer<Name>KeySecret` | the server | `KEY` (Fargate), `KEY_SECRET_ARN` (Lambda) |
//! | `EdgeServer<Name>UpdateApiKey` | `EdgeServer<Name>UpdateApiKeySecret` | the server's update API | `x-api-key` it expects |
//! | `JwtJwks` (with a coordinator) | `JwtJwksSecret` | coordinator and servers | `JWT_JWKS`, `JWT_JWKS_SECRET_ARN` (Lambda) |
//! | `CoordinatorKeyval`, `CoordinatorJwtKid`, `CoordinatorJwtKey` | `Coordinator<...>Secret` | the coordinator | `CO_KEYVAL`, `CO_JWT_KID`, `CO_JWT_KEY` |
//! | `RegistryUsername`, `RegistryPassword` | `RegistryCredentialsSecret` | ECS, pulling the coordinator's image | repository credentials |
//!
//! The seed's `env.sh` names map onto them: `ES1_KEY` is
//! `EdgeServerEs1Key`, `ES1_UPDATE_API_SECRET` is
//! `EdgeServerEs1UpdateApiKey`, `ACR_USERNAME`/`ACR_PASSWORD` are
//! `RegistryUsername`/`RegistryPassword`, `CO_KEYVAL`, `CO_JWT_KID`,
//! `CO_JWT_KEY` are `Coordinator...`, `JWT_JWKS` is `JwtJwks`. The
//! coordinator's container gets its keys under the seed's names
//! (`CO_KEYVAL`, ...), as the issue names its environment.

use constructs::aws::secretsmanager;
use constructs::{fns, Handle, Parameter, Resource, Template};

use framework::error::StackError;
use patterns::rebuilt_from_parameters;
use patterns::Scope;

/// The container variables an edge server's secrets fill.
pub const EDGE_SERVER_SECRETS: [&str; 2] = [KEY, JWT_JWKS];
/// The variables that carry a serverless server's secret ARNs.
pub const SERVERLESS_SECRETS: [&str; 2] = [KEY_SECRET_ARN, JWT_JWKS_SECRET_ARN];
/// The container variables the coordinator's secrets fill.
pub const COORDINATOR_SECRETS: [&str; 4] = [CO_KEYVAL, CO_JWT_KID, CO_JWT_KEY, JWT_JWKS];

pub const KEY: &str = "KEY";
pub const KEY_SECRET_ARN: &str = "KEY_SECRET_ARN";
pub const JWT_JWKS: &str = "JWT_JWKS";
pub const JWT_JWKS_SECRET_ARN: &str = "JWT_JWKS_SECRET_ARN";
pub const CO_KEYVAL: &str = "CO_KEYVAL";
pub const CO_JWT_KID: &str = "CO_JWT_KID";
pub const CO_JWT_KEY: &str = "CO_JWT_KEY";

/// The shortest update-API key accepted: the seed makes them with
/// `openssl rand -base64 32` (44 characters).
const MIN_API_KEY_LEN: u32 = 32;

/// How a secret's parameter is declared.
pub struct SecretSpec<'a> {
    /// The parameter's logical ID; the secret's is this plus `Secret`.
    pub parameter: &'a str,
    /// What the value is, for the parameter and the secret.
    pub description: &'a str,
    pub min_length: u32,
}

impl<'a> SecretSpec<'a> {
    /// A secret of any non-empty value.
    pub fn new(parameter: &'a str, description: &'a str) -> Self {
        SecretSpec {
            parameter,
            description,
            min_length: 1,
        }
    }

    /// An update API's key, long enough not to be guessed.
    pub fn api_key(parameter: &'a str, description: &'a str) -> Self {
        SecretSpec {
            min_length: MIN_API_KEY_LEN,
            ..SecretSpec::new(parameter, description)
        }
    }
}

/// Adds the NoEcho parameter and the secret holding its value.
pub fn add(
    template: &mut Template,
    deployment: &str,
    scope: &Scope,
    spec: &SecretSpec,
) -> Result<Handle<secretsmanager::Secret>, StackError> {
    let parameter = template.add_parameter(
        Parameter::string(spec.parameter)
            .description(spec.description)
            .no_echo()
            .min_length(spec.min_length),
    )?;
    Ok(template.add(rebuilt_from_parameters(Resource::new(
        &format!("{}Secret", spec.parameter),
        secretsmanager::Secret {
            tags: scope.tag_list(),
            ..secretsmanager::Secret::default()
                .description(format!("{deployment}: {}", spec.description))
                .secret_string(parameter.reference())
        },
    )))?)
}

/// The coordinator's registry credentials, as the one JSON secret ECS
/// repository credentials take (`{"username": ..., "password": ...}`).
/// The parameters refuse quotes, backslashes and white space, which would
/// break the JSON; registry passwords and tokens have none.
pub fn add_registry_credentials(
    template: &mut Template,
    deployment: &str,
    scope: &Scope,
) -> Result<Handle<secretsmanager::Secret>, StackError> {
    let credential = |id: &str, what: &str| {
        Parameter::string(id)
            .description(&format!(
                "The {what} of the coordinator's container registry (the seed's ACR_{})",
                what.to_ascii_uppercase()
            ))
            .no_echo()
            .min_length(1)
            .allowed_pattern(r#"^[^"\\\s]+$"#)
            .constraint_description("no quotes, backslashes or white space")
    };
    template.add_parameter(credential("RegistryUsername", "username"))?;
    template.add_parameter(credential("RegistryPassword", "password"))?;
    Ok(template.add(rebuilt_from_parameters(Resource::new(
        "RegistryCredentialsSecret",
        secretsmanager::Secret {
            tags: scope.tag_list(),
            ..secretsmanager::Secret::default()
                .description(format!(
                    "{deployment}: the coordinator's container registry credentials"
                ))
                .secret_string(fns::sub(
                    r#"{"username":"${RegistryUsername}","password":"${RegistryPassword}"}"#,
                ))
        },
    )))?)
}
