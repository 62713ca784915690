//! The one CloudWatch Logs group: named, so the console and runbooks can
//! point at it; kept for the scope's retention, so logs do not pile up
//! forever; tagged and kept (or deleted) as the scope says.

use constructs::aws::logs;
use constructs::{Error, Handle, Resource, Template, Value};

use crate::scope::Scope;

/// Adds the log group `name` under `logical_id`.
pub fn add_log_group(
    template: &mut Template,
    scope: &Scope,
    logical_id: &str,
    name: impl Into<Value<String>>,
) -> Result<Handle<logs::LogGroup>, Error> {
    let group = logs::LogGroup {
        tags: scope.tag_list(),
        ..logs::LogGroup::default()
            .log_group_name(name)
            .retention_in_days(i64::from(scope.log_retention_days()))
    };
    template.add(scope.stateful(Resource::new(logical_id, group)))
}
