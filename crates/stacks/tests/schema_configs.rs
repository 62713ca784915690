//! Every config the schema accepts is either refused by the stack's rules,
//! each problem at a JSON pointer, or builds a template that passes the
//! Control Tower controls but for the failures `guard-exceptions.json`
//! lists, and whose listings' facts hold (issue 28 item 8).
//!
//! Configs are drawn from each registered stack's own JSON Schema, not
//! from the config types: every property, enum value, bound and pattern
//! the schema states, optional fields present about a third of the time,
//! a field's default half of the time it has one. Every other case lays
//! the draw over the stack's example config (`examples/<verb>.yaml`, where
//! there is one), so configs near one that deploys get past the rules and
//! build, not only wild ones. A draw the schema refuses (a pattern the
//! generator cannot honour exactly, duplicate items) is drawn again. The
//! seeds are fixed: the same configs every run. `SCHEMA_CONFIG_CASES` sets
//! how many per stack (25 unless set).
//!
//! Each built template is written to `target/config-check/` with the
//! config that made it, for `cargo xtask config-check`, which runs
//! cfn-lint over them. A failure prints the config that caused it.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value};

use framework::stack::{Product, Request};
use framework::StackError;

/// Draws per stack unless `SCHEMA_CONFIG_CASES` says otherwise.
const DEFAULT_CASES: u32 = 25;
/// Draws of one case the schema may refuse before the case fails.
const ATTEMPTS: u32 = 50;
/// The largest array or map drawn.
const MAX_ITEMS: usize = 3;
/// Where built templates and their configs go, below the workspace root.
const OUT_DIR: &str = "target/config-check";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The schema node `$ref` names (`#/definitions/<name>`), or `node`.
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(schema, schema.pointer(pointer).unwrap_or(&Value::Null))
        }
        None => match node["allOf"].as_array().map(Vec::as_slice) {
            Some([only]) => resolve(schema, only),
            _ => node,
        },
    }
}

/// A regex the generator honours: ASCII classes for `\d` and `\s`, no
/// anchors (the whole string is drawn from the pattern anyway).
fn generator_pattern(pattern: &str) -> String {
    pattern
        .trim_start_matches('^')
        .trim_end_matches('$')
        .replace("\\d", "[0-9]")
        .replace("\\s", "[ ]")
}

fn string_strategy(node: &Value) -> BoxedStrategy<Value> {
    let max = node["maxLength"].as_u64().map(|n| n as usize);
    let min = node["minLength"].as_u64().unwrap_or(0) as usize;
    let patterned = node.get("pattern").is_some();
    let strings: BoxedStrategy<String> = match node["pattern"].as_str() {
        Some(pattern) => proptest::string::string_regex(&generator_pattern(pattern))
            .map(|s| s.boxed())
            .unwrap_or_else(|_| "[a-z][a-z0-9-]{0,12}".boxed()),
        None => prop_oneof![
            "[a-z][a-z0-9-]{0,12}",
            "[A-Za-z0-9 ._/:-]{0,20}",
            "[ -~]{0,8}",
        ]
        .boxed(),
    };
    strings
        // Config files are text: the YAML reader refuses control
        // characters and the two noncharacters anywhere in a file, a
        // refusal of the file, not of a field. Never drawn.
        .prop_map(|s| {
            s.chars()
                .filter(|&c| !c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
                .collect::<String>()
        })
        .prop_map(move |mut s| {
            // A pattern's draw is left whole: cut, it may no longer
            // match (the schema then refuses it and it is drawn again).
            if let (Some(max), false) = (max, patterned) {
                s = s.chars().take(max).collect();
            }
            while s.chars().count() < min {
                s.push('a');
            }
            Value::String(s)
        })
        .boxed()
}

fn integer_strategy(node: &Value) -> BoxedStrategy<Value> {
    // schemars writes bounds as numbers (`1.0`).
    let low = node["minimum"].as_f64().map_or(-5, |n| n.ceil() as i64);
    let high = node["maximum"]
        .as_f64()
        .map_or(low.max(0) + 100_000, |n| n.floor() as i64);
    prop_oneof![
        Just(low),
        Just(high),
        low..=high,
        low..=(low.saturating_add(10)).min(high),
    ]
    .prop_map(Value::from)
    .boxed()
}

fn number_strategy(node: &Value) -> BoxedStrategy<Value> {
    let low = node["minimum"].as_f64().unwrap_or(0.0);
    let high = node["maximum"].as_f64().unwrap_or(low + 1000.0);
    (low..=high).prop_map(Value::from).boxed()
}

fn object_strategy(schema: &Value, node: &Value, depth: u32) -> BoxedStrategy<Value> {
    let required: Vec<&str> = node["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    for (name, property) in node["properties"].as_object().into_iter().flatten() {
        let value = strategy(schema, property, depth + 1);
        let name = name.clone();
        if required.contains(&name.as_str()) {
            fields.push(value.prop_map(move |v| Some((name.clone(), v))).boxed());
        } else {
            fields.push(
                prop::option::weighted(0.35, value)
                    .prop_map(move |v| v.map(|v| (name.clone(), v)))
                    .boxed(),
            );
        }
    }
    let extra: BoxedStrategy<Vec<(String, Value)>> = match &node["additionalProperties"] {
        Value::Object(_) if node.get("properties").is_none() => prop::collection::vec(
            (
                "[A-Z][A-Z0-9_]{0,8}",
                strategy(schema, &node["additionalProperties"], depth + 1),
            ),
            0..=MAX_ITEMS,
        )
        .boxed(),
        _ => Just(Vec::new()).boxed(),
    };
    (fields, extra)
        .prop_map(|(fields, extra)| {
            let mut object: Map<String, Value> = fields.into_iter().flatten().collect();
            object.extend(extra);
            Value::Object(object)
        })
        .boxed()
}

/// Values of the schema `node` (within `schema`, for `$ref`s).
fn strategy(schema: &Value, node: &Value, depth: u32) -> BoxedStrategy<Value> {
    let node = resolve(schema, node);
    let drawn = drawn(schema, node, depth);
    match node.get("default") {
        Some(default) => prop_oneof![Just(default.clone()), drawn].boxed(),
        None => drawn,
    }
}

fn drawn(schema: &Value, node: &Value, depth: u32) -> BoxedStrategy<Value> {
    if let Some(values) = node["enum"].as_array() {
        return prop::sample::select(values.clone()).boxed();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(choices) = node[key].as_array() {
            return Union::new(choices.iter().map(|choice| strategy(schema, choice, depth)))
                .boxed();
        }
    }
    let types: Vec<&str> = match &node["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => vec!["object"],
    };
    Union::new(types.into_iter().map(|kind| match kind {
        "string" => string_strategy(node),
        "integer" => integer_strategy(node),
        "number" => number_strategy(node),
        "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
        "null" => Just(Value::Null).boxed(),
        "array" => {
            let min = node["minItems"].as_u64().unwrap_or(0) as usize;
            let max = node["maxItems"].as_u64().map_or(MAX_ITEMS.max(min), |max| {
                (max as usize).min(MAX_ITEMS.max(min))
            });
            prop::collection::vec(strategy(schema, &node["items"], depth + 1), min..=max)
                .prop_map(Value::Array)
                .boxed()
        }
        _ => object_strategy(schema, node, depth),
    }))
    .boxed()
}

/// `over` laid over `base`: mappings merged key by key, anything else
/// replaced.
fn overlay(base: &Value, over: Value) -> Value {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            let mut merged = base.clone();
            for (key, value) in over {
                let value = match base.get(&key) {
                    Some(below) => overlay(below, value),
                    None => value,
                };
                merged.insert(key, value);
            }
            Value::Object(merged)
        }
        (_, over) => over,
    }
}

/// The stack's example config, or an empty one.
fn example_config(verb: &str) -> Value {
    match std::fs::read_to_string(root().join("examples").join(format!("{verb}.yaml"))) {
        Ok(text) => yaml::parse_document(&text).unwrap(),
        Err(_) => Value::Object(Map::new()),
    }
}

/// The `case`th config of `verb` that `schema` accepts, the same every run:
/// drawn whole for even cases, laid over `example` for odd ones.
fn draw(verb: &str, schema: &Value, example: &Value, case: u32) -> Value {
    let validator = jsonschema::validator_for(schema).unwrap();
    let strategy = strategy(schema, schema, 0);
    for attempt in 0..ATTEMPTS {
        let mut seed = [0u8; 32];
        let label = format!("{verb}/{case}/{attempt}");
        for (i, byte) in label.bytes().enumerate() {
            seed[i % 32] ^= byte.rotate_left(i as u32 / 32);
        }
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
        );
        let mut config = strategy.new_tree(&mut runner).unwrap().current();
        if case % 2 == 1 {
            config = overlay(example, config);
        }
        if validator.is_valid(&config) {
            return config;
        }
        if std::env::var("SCHEMA_CONFIG_DEBUG").is_ok() {
            for error in validator.iter_errors(&config).take(2) {
                eprintln!("{verb}/{case}: {error} at {}", error.instance_path());
            }
        }
    }
    panic!("{verb}: no draw of case {case} in {ATTEMPTS} was accepted by the schema");
}

/// What became of one config.
enum Outcome {
    Built,
    Refused,
}

/// Builds `config` as `verb`'s config and checks the outcome; writes the
/// template and the config to `out` when it builds.
fn run(
    stack: &dyn framework::stack::AnyStack,
    config: &Value,
    name: &str,
    out: &Path,
    exceptions: &check::exceptions::Exceptions,
) -> Result<Outcome, String> {
    let config_path = out.join(format!("{name}.config.json"));
    std::fs::write(&config_path, serde_json::to_string_pretty(config).unwrap()).unwrap();
    let instance = stack.instance_arg().examples()[0];
    let request = Request {
        instance,
        config_path: Some(&config_path),
        ..Request::default()
    };
    let built = match stack.run(&request) {
        Ok(Product::Template(built)) => built,
        Ok(Product::Document(_)) => return Err("a document where a template was asked".into()),
        Err(StackError::Config { problems, .. }) => {
            return match problems.iter().find(|problem| !problem.starts_with('/')) {
                Some(problem) => Err(format!("refused without a pointer: {problem}")),
                None => {
                    if std::env::var("SCHEMA_CONFIG_DEBUG").is_ok() {
                        eprintln!("{name} refused: {}", problems.join("; "));
                    }
                    Ok(Outcome::Refused)
                }
            };
        }
        Err(error) => return Err(format!("refused without a pointer: {error}")),
    };
    let rendered = built
        .template
        .synthesize(constructs::Format::Json)
        .map_err(|error| format!("does not render: {error}"))?;
    let yaml = built
        .template
        .synthesize(constructs::Format::Yaml)
        .map_err(|error| format!("does not render: {error}"))?;
    std::fs::write(out.join(format!("{name}.yaml")), &yaml.body).unwrap();
    let template: Value = serde_json::from_str(&rendered.body).unwrap();
    let findings = check::check(&template, yaml.body.len()).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for finding in &findings {
        match exceptions.covering(name, finding) {
            None => problems.push(format!(
                "{} fails {} ({}), which guard-exceptions.json does not list",
                finding.resource, finding.control.id, finding.control.title
            )),
            Some(index) => {
                let exception = &exceptions.0[index];
                for fact in &exception.holds {
                    if let Some(untrue) = fact.check(&template) {
                        problems.push(format!(
                            "the reason of {} no longer holds: {untrue}",
                            exception.describe()
                        ));
                    }
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    match problems.is_empty() {
        true => Ok(Outcome::Built),
        false => Err(problems.join("\n")),
    }
}

#[test]
fn every_config_the_schema_accepts_is_refused_at_a_pointer_or_builds_a_compliant_template() {
    let cases: u32 = std::env::var("SCHEMA_CONFIG_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let out = root().join(OUT_DIR);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let text = std::fs::read_to_string(root().join("guard-exceptions.json")).unwrap();
    let exceptions = check::exceptions::Exceptions::parse(&text, "guard-exceptions.json").unwrap();
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for stack in stacks::registry::ALL {
        let verb = stack.verb();
        let schema = stack.schema().unwrap();
        let example = example_config(verb);
        let (mut built, mut refused) = (0, 0);
        for case in 0..cases {
            let config = draw(verb, &schema, &example, case);
            // The stack first: guard-exceptions.json lists by the name
            // before the first `-`.
            let name = format!("{verb}-config-{case:03}");
            match run(*stack, &config, &name, &out, &exceptions) {
                Ok(Outcome::Built) => built += 1,
                Ok(Outcome::Refused) => refused += 1,
                Err(problem) => failures.push(format!(
                    "{name}: {problem}\nconfig:\n{}",
                    serde_json::to_string_pretty(&config).unwrap()
                )),
            }
        }
        summary.push(format!("{verb}: {built} built, {refused} refused"));
        // A generator whose every config is refused would prove nothing.
        if built * 10 < cases {
            failures.push(format!("{verb}: only {built} of {cases} configs built"));
        }
    }
    eprintln!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
