//! Every registered stack's examples, the templates `cargo xtask
//! deploy-test` deploys, as snapshots: a stack added to the registry gets
//! its snapshots here, and so cfn-lint through `cargo xtask lint`, with no
//! other edit.

mod common;

use common::snapshot;

#[test]
fn every_example_template_has_a_reviewed_snapshot() {
    for stack in stacks::registry::ALL {
        for example in stack.examples().unwrap() {
            for (file, template) in example.templates() {
                // The stack first: `cargo xtask guard` files a snapshot's
                // accepted failures under the name before its first `-`.
                let name = format!(
                    "{}-deploy-test-{}",
                    stack.verb(),
                    file.trim_end_matches(".yaml")
                );
                snapshot!(name, template);
            }
        }
    }
}

#[test]
fn example_stack_names_are_the_stacks_own() {
    let names: Vec<(String, String)> = stacks::registry::ALL
        .iter()
        .flat_map(|stack| stack.examples().unwrap())
        .map(|example| (example.name, example.stack_name))
        .collect();
    let mut unique: Vec<&String> = names.iter().map(|(_, stack_name)| stack_name).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        names.len(),
        "two examples share a stack: {names:?}"
    );
}
