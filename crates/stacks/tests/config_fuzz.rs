//! Property: every config file either is refused, each problem at a JSON
//! pointer, or builds a template that renders; never a panic, never a
//! template the model refuses. Random text, and random documents built
//! from the config schemas' own field names (so they get past the first
//! checks and reach the rules and the builders), for every registered
//! stack and every instance its argument takes.

use proptest::prelude::*;
use serde_json::{Map, Value};

use framework::stack::{Product, Request};
use framework::StackError;

/// Every property name any registered stack's config schema mentions.
fn vocabulary() -> Vec<String> {
    fn walk(value: &Value, names: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| walk(v, names));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, names)),
            _ => {}
        }
    }
    let mut names = std::collections::BTreeSet::new();
    for stack in stacks::registry::ALL {
        walk(&stack.schema().unwrap(), &mut names);
    }
    names.into_iter().collect()
}

fn document(names: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..100_000).prop_map(Value::from),
        prop_oneof![
            "[a-z][a-z0-9-]{0,10}",
            Just("10.0.0.0/16".to_string()),
            Just("cron(0 3 * * ? *)".to_string()),
            Just("rate(5 minutes)".to_string()),
            Just("vpc-0123456789abcdef0".to_string()),
            Just("subnet-0123456789abcdef0".to_string()),
            "[ -~]{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(names.clone()), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Runs every stack on `text` as its config file, for each of its
/// instances, and checks the outcome: a template that renders, or a
/// config error whose problems each name where they are (a JSON pointer).
/// Text that is not a mapping of settings is refused as a whole, with no
/// pointer, unless `mapping` says it is one.
fn run_every_stack(text: &str, mapping: bool) {
    // One file per call: the two properties run on parallel threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("stacks-config-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("config-{call}.yaml"));
    std::fs::write(&path, text).unwrap();
    for stack in stacks::registry::ALL {
        for instance in stack.instance_arg().examples() {
            let request = Request {
                instance,
                config_path: Some(&path),
                ..Request::default()
            };
            let verb = stack.verb();
            match stack.run(&request) {
                Ok(Product::Template(built)) => {
                    if let Err(error) = built.template.synthesize(constructs::Format::Yaml) {
                        panic!("{verb} {instance:?} built a template that does not render: {error}\n{text}");
                    }
                }
                Ok(Product::Document(_)) => panic!("{verb}: a document for no --emit"),
                Err(StackError::Config { problems, .. }) => {
                    for problem in &problems {
                        assert!(
                            problem.starts_with('/') || !mapping,
                            "{verb} {instance:?}: a problem without its place: {problem}\n{text}"
                        );
                    }
                }
                Err(error) => panic!("{verb} {instance:?}: {error}\n{text}"),
            }
        }
    }
    let _ = std::fs::remove_file(&path);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn random_text_is_refused_or_renders(text in "[ -~\n]{0,200}") {
        run_every_stack(&text, false);
    }

    #[test]
    fn random_documents_of_config_fields_are_refused_at_a_pointer_or_render(document in document(vocabulary())) {
        // Only a mapping at the top is a config; anything else is refused
        // whole.
        let mapping = document.is_object();
        run_every_stack(&serde_json::to_string(&document).unwrap(), mapping);
    }
}
