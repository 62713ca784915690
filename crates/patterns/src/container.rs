//! A container as every ECS stack writes it: logs shipped to the service's
//! own log group, plain environment variables, secrets resolved by ECS
//! when a task starts.

use constructs::aws::ecs::task_definition::SecretRequired;
use constructs::aws::ecs::task_definition::{KeyValuePair, LogConfiguration, Secret};
use constructs::aws::logs;
use constructs::{map, pseudo, Handle, List, Value};

/// The `awslogs` driver writing to `log_group`, streams named
/// `<prefix>/<container>/<task id>`.
pub fn awslogs(log_group: &Handle<logs::LogGroup>, stream_prefix: &str) -> LogConfiguration {
    LogConfiguration::new("awslogs").options(map([
        ("awslogs-group", Value::from(log_group.reference())),
        ("awslogs-region", pseudo::region().into()),
        ("awslogs-stream-prefix", stream_prefix.into()),
    ]))
}

/// Plain environment variables, in the order given.
pub fn environment(
    pairs: impl IntoIterator<Item = (String, Value<String>)>,
) -> Value<List<KeyValuePair>> {
    pairs
        .into_iter()
        .map(|(name, value)| KeyValuePair::default().name(name).value(value))
        .collect::<Vec<_>>()
        .into()
}

/// Variables ECS fills from Secrets Manager secrets or SSM parameters
/// (`value_from` is an ARN, or `<secret ARN>:<json key>::`); `None` when
/// there are none, so the property is left out.
pub fn secrets(
    pairs: impl IntoIterator<Item = (String, Value<String>)>,
) -> Option<Value<List<Secret>>> {
    let secrets: Vec<Secret> = pairs
        .into_iter()
        .map(|(name, value_from)| {
            Secret::new(SecretRequired {
                name: name.into(),
                value_from,
            })
        })
        .collect();
    (!secrets.is_empty()).then(|| secrets.into())
}
