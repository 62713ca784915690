//! The connection settings the app reads, as SSM parameters (the seed's
//! "connection information stored in SSM Parameter Store"): written by the
//! stack from the data stores it creates, and injected into the app as
//! ECS secrets, so a settings change needs no new task definition.
//!
//! They are plain `String` parameters: hosts and ports are not secret
//! (CloudFormation cannot create `SecureString` parameters anyway). The
//! secrets (the database password, the Django key) live in Secrets Manager.

use constructs::aws::ssm;
use constructs::{fns, map, Expr, Handle, Resource, Template, Value};

use super::cache::Cache;
use super::database::DATABASE_NAME;
use super::names::Names;
use super::search::Search;
use framework::error::StackError;
use patterns::postgres::Postgres;
use patterns::Scope;

/// One connection setting and the app variable it fills.
pub struct Setting {
    pub variable: &'static str,
    pub parameter: Handle<ssm::Parameter>,
}

impl Setting {
    /// The parameter's ARN, as ECS `valueFrom` and IAM take it (the name
    /// starts with `/`).
    pub fn arn(&self) -> Expr<String> {
        parameter_arn(&self.parameter)
    }
}

/// The ARN of a parameter whose name starts with `/`.
pub fn parameter_arn(parameter: &Handle<ssm::Parameter>) -> Expr<String> {
    fns::sub(format!(
        "arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter${{{}}}",
        parameter.logical_id()
    ))
}

/// The settings, in the order the app's container lists them.
pub fn add(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    database: &Postgres,
    cache: &Cache,
    search: &Search,
) -> Result<Vec<Setting>, StackError> {
    let settings: [(&str, &str, &str, &str, Value<String>); 6] = [
        (
            "DatabaseHostParameter",
            "DB_HOST",
            "database/host",
            "The PostgreSQL endpoint's host",
            database.instance.endpoint_address().into(),
        ),
        (
            "DatabasePortParameter",
            "DB_PORT",
            "database/port",
            "The PostgreSQL endpoint's port",
            database.instance.endpoint_port().into(),
        ),
        (
            "DatabaseNameParameter",
            "DB_NAME",
            "database/name",
            "The app's PostgreSQL database",
            DATABASE_NAME.into(),
        ),
        (
            "RedisHostParameter",
            "REDIS_HOST",
            "redis/host",
            "The Redis primary endpoint's host (TLS only)",
            cache.group.primary_end_point_address().into(),
        ),
        (
            "RedisPortParameter",
            "REDIS_PORT",
            "redis/port",
            "The Redis primary endpoint's port",
            cache.group.primary_end_point_port().into(),
        ),
        (
            "OpenSearchEndpointParameter",
            "ELASTICSEARCH_URL",
            "opensearch/endpoint",
            "The OpenSearch domain's HTTPS endpoint (requests signed with the task role)",
            search.url().into(),
        ),
    ];
    settings
        .into_iter()
        .map(|(id, variable, path, description, value)| {
            let parameter = add_parameter(template, names, scope, id, path, description, value)?;
            Ok(Setting {
                variable,
                parameter,
            })
        })
        .collect()
}

/// A `String` parameter `/<name>/<env>/<path>`.
pub fn add_parameter(
    template: &mut Template,
    names: &Names,
    scope: &Scope,
    id: &str,
    path: &str,
    description: &str,
    value: Value<String>,
) -> Result<Handle<ssm::Parameter>, StackError> {
    Ok(template.add(Resource::new(
        id,
        ssm::Parameter::new(ssm::ParameterRequired {
            r#type: ssm::parameter::ParameterType::String.into(),
            value,
        })
        .name(names.parameter(path))
        .description(format!("{}: {description}", names.prefix()))
        .tags(map(scope.tags().pairs())),
    ))?)
}
