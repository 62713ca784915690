//! A sixth stack, written the way a newcomer adds one: a module that
//! implements `Stack`, added to the registry `synth` runs over. Nothing
//! else changes, and the subcommand, `synth schema`, `synth examples` and
//! the config rules all see it.

use std::process::ExitCode;

use schemars::JsonSchema;
use serde::Deserialize;

use constructs::aws::sqs;
use constructs::{Resource, Template};
use framework::config::{problem, Validate, Validated};
use framework::examples::{parameters, Example};
use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};
use framework::{AnyStack, StackError};

/// One queue, kept for `retentionDays`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct QueueConfig {
    retention_days: u32,
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig { retention_days: 4 }
    }
}

impl Validate for QueueConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<framework::config::Problem>> {
        framework::config::none_of(if (1..=14).contains(&self.retention_days) {
            Vec::new()
        } else {
            vec![problem(
                "/retentionDays",
                self.retention_days,
                "is outside 1 to 14, the days SQS keeps a message",
            )]
        })
    }
}

struct QueueStack;

impl Stack for QueueStack {
    type Config = QueueConfig;
    type Instance = ();

    const VERB: &'static str = "queue";
    const ABOUT: &'static str = "One queue.";
    const CONFIG_HELP: &'static str = "YAML or JSON config (see `synth schema queue`).";
    const INSTANCE: InstanceArg = InstanceArg::None;
    type Documents = NoDocuments;

    fn default_config() -> Option<QueueConfig> {
        Some(QueueConfig::default())
    }

    fn instance(_: Option<&str>) -> Result<(), StackError> {
        Ok(())
    }

    fn stack_name(_: &(), _: &QueueConfig) -> String {
        "queue".to_string()
    }

    fn build(_: &(), config: &Validated<QueueConfig>) -> Result<Built, StackError> {
        let mut template = Template::new("One queue");
        template.add(Resource::new(
            "Queue",
            sqs::Queue {
                message_retention_period: Some(i64::from(config.retention_days * 86_400).into()),
                ..sqs::Queue::default()
            },
        ))?;
        Ok(Built::new(template))
    }

    fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {
        match document {}
    }

    fn examples() -> Result<Vec<Example>, StackError> {
        let config = framework::config::validate(QueueConfig::default(), "the queue example")?;
        Ok(vec![Example {
            name: "queue".to_string(),
            stack_name: "queue".to_string(),
            template: Self::build(&(), &config)?.template,
            update_template: None,
            prerequisites: None,
            create_parameters: parameters([]),
            update_parameters: parameters([]),
        }])
    }
}

/// The real registry and the sixth stack.
fn registry() -> Vec<&'static dyn AnyStack> {
    let mut stacks = stacks::registry::ALL.to_vec();
    stacks.push(&QueueStack);
    stacks
}

/// `synth ARGS` in-process over [`registry`]: exit code, stdout, stderr.
fn synth(args: &[&str]) -> (ExitCode, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = synth::run(
        &registry(),
        &[&fleet::FleetCommand],
        std::iter::once("synth").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn the_sixth_stack_gets_a_subcommand() {
    let (code, out, err) = synth(&["queue"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(out.contains("Type: AWS::SQS::Queue"), "{out}");
    assert!(out.contains("MessageRetentionPeriod: 345600"), "{out}");
    let (_, help, _) = synth(&["--help"]);
    assert!(help.contains("queue"), "{help}");
}

#[test]
fn the_sixth_stack_has_a_schema() {
    let (code, out, err) = synth(&["schema", "queue"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["properties"]["retentionDays"]["type"], "integer");
}

#[test]
fn the_sixth_stack_is_among_the_examples() {
    let dir = std::env::temp_dir().join(format!("synth-sixth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, _, err) = synth(&["examples", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let names: Vec<&str> = manifest
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.last(), Some(&"queue"), "{names:?}");
    assert!(dir.join("queue.yaml").exists());
}

#[test]
fn the_sixth_stacks_rules_run_on_its_config() {
    let dir = std::env::temp_dir().join(format!("synth-sixth-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("queue.yaml");
    std::fs::write(&path, "retentionDays: 30\n").unwrap();
    let (code, out, err) = synth(&["queue", "--config", path.to_str().unwrap()]);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("/retentionDays: 30 is outside 1 to 14"),
        "{err}"
    );
}
