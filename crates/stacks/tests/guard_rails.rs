//! Guard rails: the config changes users make every week (sizes, counts,
//! retention, image tags, a new server, process or option) update every
//! example stack in place. Each case builds the stack twice, diffs the two
//! templates and asserts the diff replaces and removes nothing, loses no
//! data and fails nothing, and that it found the change (so the case cannot
//! pass by changing nothing).
//!
//! The one replacement allowed is a task definition's: a changed size or
//! image registers a new revision, which the service then moves to.

use constructs::Format;
use framework::config;
use inspect::diff::{self, Outcome, ResourceChange};
use inspect::read;
use serde_json::{json, Value};
use stacks::{adology, dataspace, edge, schedules, tenant};

/// Types whose replacement is a new version, not a lost resource.
const REVISIONED: &[&str] = &["AWS::ECS::TaskDefinition"];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_config(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join("examples").join(file)).unwrap();
    yaml::parse_document(&text).unwrap()
}

/// Sets `value` at the JSON pointer `at` (creating mappings on the way).
fn set(mut config: Value, at: &str, value: Value) -> Value {
    let mut node = &mut config;
    for key in at.trim_start_matches('/').split('/') {
        node = match node {
            Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
            other => {
                if other.is_null() {
                    *other = json!({});
                }
                other
                    .as_object_mut()
                    .unwrap()
                    .entry(key.to_string())
                    .or_insert(Value::Null)
            }
        };
    }
    *node = value;
    config
}

fn parse<T>(config: &Value) -> config::Validated<T>
where
    T: serde::de::DeserializeOwned + schemars::JsonSchema + config::Validate,
{
    config::parse(&config.to_string(), "guard-rail config").unwrap_or_else(|e| panic!("{e}"))
}

fn read(template: &constructs::Template, label: &str) -> read::Template {
    let body = template.synthesize(Format::Json).unwrap().body;
    read::parse(&body, label).unwrap()
}

fn assert_in_place(case: &str, old: &constructs::Template, new: &constructs::Template) {
    let report = diff::diff(&read(old, "before"), &read(new, "after"));
    let text = diff::render_text(&report, false);
    assert_eq!(report.outcome(), Outcome::Changes, "{case}: {text}");
    for resource in &report.resources {
        let allowed = match resource.kind {
            ResourceChange::Updated | ResourceChange::Added => true,
            ResourceChange::Replaced => REVISIONED.contains(&resource.type_name.as_str()),
            _ => false,
        };
        assert!(
            allowed && !resource.destructive(),
            "{case}: {} is {:?}\n{text}",
            resource.logical_id,
            resource.kind
        );
    }
}

/// Each case is one or more values set together (a CPU size with a memory
/// size that fits it).
fn cases<T>(
    base: Value,
    changes: &[&[(&str, Value)]],
    build: impl Fn(&config::Validated<T>) -> constructs::Template,
) where
    T: serde::de::DeserializeOwned + schemars::JsonSchema + config::Validate,
{
    let before = build(&parse::<T>(&base));
    for case in changes {
        let mut config = base.clone();
        let mut label = Vec::new();
        for (at, value) in *case {
            config = set(config, at, value.clone());
            label.push(format!("{at} = {value}"));
        }
        let after = build(&parse::<T>(&config));
        assert_in_place(&label.join(", "), &before, &after);
    }
}

#[test]
fn tenant_config_changes_update_in_place() {
    cases::<tenant::TenantConfig>(
        json!({}),
        &[
            &[("/logRetentionDays", json!(90))],
            &[("/maxReceiveCount", json!(5))],
            &[("/logLevel", json!("info"))],
        ],
        |c| tenant::build(&tenant::TenantName::parse("acme").unwrap(), c).unwrap(),
    );
}

#[test]
fn schedules_config_changes_update_in_place() {
    let base = example_config("schedules.yaml");
    let mut added = base["processes"].clone();
    added
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "WeeklyCleanup", "cron": "cron(0 4 ? * SUN *)"}));
    cases::<schedules::SchedulesConfig>(
        base,
        &[
            &[("/logRetentionDays", json!(90))],
            &[("/schedulesEnabled", json!(true))],
            &[("/processes", added)],
            &[
                ("/processes/0/cpu", json!(2048)),
                ("/processes/0/memory", json!(8192)),
            ],
            &[("/processes/0/retryAttempts", json!(1))],
        ],
        |c| schedules::build(c).unwrap().template,
    );
}

#[test]
fn edge_config_changes_update_in_place() {
    let base = example_config("edge.yaml");
    let mut servers = base["edgeServers"]["longRunning"].clone();
    let mut extra = servers[0].clone();
    extra["name"] = json!("es-reports");
    extra
        .as_object_mut()
        .unwrap()
        .retain(|k, _| k != "ruleSlot");
    servers.as_array_mut().unwrap().push(extra);
    cases::<edge::EdgeConfig>(
        base,
        &[
            &[("/edgeServers/longRunning/0/imageTag", json!("v2"))],
            &[("/edgeServers/longRunning/0/desiredCount", json!(3))],
            &[
                ("/edgeServers/longRunning/0/cpu", json!(1024)),
                ("/edgeServers/longRunning/0/memory", json!(4096)),
            ],
            &[("/edgeServers/longRunning", servers)],
            &[("/coordinator/imageTag", json!("v2"))],
            &[("/logRetentionDays", json!(90))],
        ],
        |c| edge::build(c).unwrap(),
    );
}

#[test]
fn dataspace_config_changes_update_in_place() {
    for (environment, env) in [
        (dataspace::Environment::Dev, "dev"),
        (dataspace::Environment::Prod, "prod"),
    ] {
        let at = |path: &str| format!("/environments/{env}/{path}");
        let (min, max, cpu, memory, storage, replicas, volume) = (
            at("app/minCount"),
            at("app/maxCount"),
            at("app/cpu"),
            at("app/memory"),
            at("database/allocatedStorageGiB"),
            at("cache/replicas"),
            at("search/volumeSizeGiB"),
        );
        cases::<dataspace::DataspaceConfig>(
            json!({}),
            &[
                &[(&min, json!(2)), (&max, json!(6))],
                &[(&cpu, json!(2048)), (&memory, json!(8192))],
                &[(&storage, json!(60))],
                &[(&replicas, json!(2))],
                &[(&volume, json!(200))],
                &[("/logRetentionDays", json!(90))],
            ],
            |c| dataspace::build(c, environment).unwrap(),
        );
    }
}

#[test]
fn adology_config_changes_update_in_place() {
    cases::<adology::AdologyConfig>(
        example_config("adology.yaml"),
        &[
            &[("/api/minCount", json!(3))],
            &[("/api/maxCount", json!(6))],
            &[("/worker/cpu", json!(512)), ("/worker/memory", json!(2048))],
            &[("/instances/maxInstances", json!(10))],
            &[("/overflow/memory", json!(2048))],
            &[("/queue/maxReceiveCount", json!(8))],
            &[("/database/allocatedStorageGiB", json!(200))],
            &[("/logRetentionDays", json!(180))],
        ],
        |c| adology::build(c).unwrap(),
    );
}

#[test]
fn every_example_update_template_updates_in_place() {
    for example in framework::examples::all(stacks::registry::ALL).unwrap() {
        if let Some(update) = &example.update_template {
            assert_in_place(&example.name, &example.template, update);
        }
    }
}
