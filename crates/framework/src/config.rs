//! Loading stack configs: YAML or JSON, checked against the JSON Schema
//! generated from the config's Rust type before it is deserialized.
//!
//! Validating against the schema first (rather than relying on serde's
//! first error) reports every problem at once, each with its JSON pointer
//! (`/processes/2/cpu`), the rule, and the value given. Rules a schema
//! cannot express (what a cron expression means, names unique across a
//! list) come next, from the config type's [`Validate`], reported the same
//! way.
//!
//! Checking ends in a [`Validated`] config, the only kind a stack's
//! `build` accepts: rules cannot be skipped, and are not run twice.

use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::error::{excerpt, StackError};

/// Rules a config type's JSON Schema cannot express, checked once the
/// document matches the schema. There is no default: a new stack states
/// its rules, or states that it has none.
pub trait Validate: Sized {
    /// What the rules establish that building relies on (the schedules'
    /// firing intervals), so the builder neither checks again nor assumes;
    /// `()` when building needs nothing from them.
    type Facts;
    /// The facts, or every broken rule ([`problem`]).
    fn check(&self) -> Result<Self::Facts, Vec<Problem>>;
}

/// The config of a stack with nothing to choose (an imported template, a
/// fixed piece of infrastructure): an object with no fields, so a
/// `--config` that sets anything is refused by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}

impl Validate for NoConfig {
    type Facts = ();

    fn check(&self) -> Result<(), Vec<Problem>> {
        Ok(())
    }
}

/// One broken rule of a config: where it is, what was given, and the rule,
/// kept apart so that a file embedding configs (a fleet's per-tenant
/// overrides) can point at its own place for it without parsing a
/// message. Shown as `<at>: <given> <rule>`, the schema's own format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON pointer into the config (`/processes/2/cpu`).
    pub at: String,
    /// The value given there, as the config wrote it; empty when the
    /// rule is about the place as a whole.
    pub given: String,
    /// What it breaks, phrased to follow the value.
    pub rule: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.given.is_empty() {
            write!(f, "{}: {}", self.at, self.rule)
        } else {
            write!(f, "{}: {} {}", self.at, self.given, self.rule)
        }
    }
}

/// A config whose rules held, with what they established. Only
/// [`validate`] (and so [`parse`] and [`load`]) makes one, so holding one
/// proves the check ran.
#[derive(Debug, Clone)]
pub struct Validated<T: Validate> {
    config: T,
    facts: T::Facts,
}

impl<T: Validate> Validated<T> {
    /// What the rules established.
    pub fn facts(&self) -> &T::Facts {
        &self.facts
    }

    /// The config itself, to change and check again (an example that
    /// adjusts a checked config for moto).
    pub fn into_inner(self) -> T {
        self.config
    }
}

impl<T: Validate> std::ops::Deref for Validated<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.config
    }
}

/// Checks `config`'s rules; `source` names it in errors (a file, or the
/// defaults).
pub fn validate<T: Validate>(config: T, source: &str) -> Result<Validated<T>, StackError> {
    check(config).map_err(|problems| StackError::Config {
        source: source.to_string(),
        problems: problems.iter().map(ToString::to_string).collect(),
    })
}

/// Checks `config`'s rules, handing back every broken one as it is, for
/// a caller that places them itself.
pub fn check<T: Validate>(config: T) -> Result<Validated<T>, Vec<Problem>> {
    let facts = config.check()?;
    Ok(Validated { config, facts })
}

/// `problems` as [`Validate::check`] returns them: `Ok` when there are none.
pub fn none_of(problems: Vec<Problem>) -> Result<(), Vec<Problem>> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// One broken rule as [`Validate::check`] reports it.
pub fn problem(at: &str, given: impl std::fmt::Display, rule: impl std::fmt::Display) -> Problem {
    Problem {
        at: at.to_string(),
        given: given.to_string(),
        rule: rule.to_string(),
    }
}

/// The JSON Schema of a config type, as committed under `schemas/`.
///
/// An optional field is described by its type alone, not "its type or
/// null": a config leaves the field out instead, and a mistake inside an
/// optional section is then reported at the field that is wrong
/// (`/coordinator: "tokenIssuer" is a required property`) rather than as
/// "not valid under any of the schemas listed in the 'anyOf' keyword".
pub fn schema_of<T: JsonSchema>() -> Result<serde_json::Value, StackError> {
    let generator = schemars::gen::SchemaSettings::draft07()
        .with(|settings| settings.option_add_null_type = false)
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>())
        .map_err(|e| StackError::Internal(format!("a config schema is not JSON: {e}")))
}

/// Reads and validates a config file.
pub fn load<T: DeserializeOwned + JsonSchema + Validate>(
    path: &Path,
) -> Result<Validated<T>, StackError> {
    let source = path.display().to_string();
    let text = yaml::read_file(path).map_err(|e| StackError::Config {
        source: source.clone(),
        problems: vec![e.to_string()],
    })?;
    parse(&text, &source)
}

/// Parses and validates config text (YAML, of which JSON is a subset).
pub fn parse<T: DeserializeOwned + JsonSchema + Validate>(
    text: &str,
    source: &str,
) -> Result<Validated<T>, StackError> {
    let fail = |problems: Vec<String>| StackError::Config {
        source: source.to_string(),
        problems,
    };
    // Through the `yaml` crate, which refuses a key given twice
    // (`serde_json::Value` would keep the last one silently): a second
    // `coordinator:` is an error, not an override.
    let document = yaml::parse_document(text)
        .map_err(|e| fail(vec![format!("not valid YAML or JSON: {e}")]))?;
    let document = match document {
        // An empty file means "all defaults".
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        serde_json::Value::Object(settings) => serde_json::Value::Object(settings),
        other => {
            return Err(fail(vec![format!(
                "the config must be a mapping of settings (`key: value` lines), not {} {}",
                kind_of(&other),
                excerpt(&other.to_string(), EXCERPT_CHARS)
            )]))
        }
    };
    let schema = schema_of::<T>()?;
    let validator = jsonschema::validator_for(&schema)
        .map_err(|e| StackError::Internal(format!("the config schema does not compile: {e}")))?;
    let problems: Vec<String> = validator
        .iter_errors(&document)
        .map(|error| {
            let (at, message) = schema_problem(&error);
            format!("{at}: {message}")
        })
        .collect();
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let config: T = serde_json::from_value(document).map_err(|e| fail(vec![e.to_string()]))?;
    validate(config, source)
}

/// How long a quoted bad value may be in an error message.
const EXCERPT_CHARS: usize = 60;

/// Where a schema error is (`/` for the root) and its message, the bad
/// value it quotes cut to an excerpt: the message quotes the value whole,
/// and a file given as the wrong config would be printed entire. Public for
/// files that embed configs (a fleet's per-tenant overrides), which check
/// them against the same schema.
pub fn schema_problem(error: &jsonschema::ValidationError) -> (String, String) {
    let at = error.instance_path().to_string();
    let at = if at.is_empty() { "/".to_string() } else { at };
    let value = error.instance().to_string();
    let message = error
        .to_string()
        .replacen(&value, &excerpt(&value, EXCERPT_CHARS), 1);
    (at, message)
}

/// "a string", "a list", ...: what a document is instead of a mapping.
fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "nothing",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a mapping",
    }
}
