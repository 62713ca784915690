//! `cargo bench -p inspect`: time to diff the Adology example template
//! (about 67 KB of YAML, read from its committed snapshot, so this crate
//! needs no stack to build it) against a variant with a changed VPC range
//! (which replaces the network and everything in it, the most propagation
//! work) and against one with in-place size changes. Target: well under 10 ms per
//! diff. Then two generated 1 MB templates of 500 resources, most of them
//! changed (target: under 50 ms), and the Markdown and SARIF renderings of
//! the Adology diff.
//!
//! The same fixed-iteration harness as `cargo bench -p stacks`: the median
//! of a few hundred runs is stable enough to compare commits.

use std::time::{Duration, Instant};

use inspect::{diff, read};

/// The binary's allocator, so the benchmark measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WARMUP: usize = 20;
const RUNS: usize = 300;

/// The template `synth adology --config examples/adology.yaml` prints: the
/// snapshot's body, after insta's header.
fn adology_example() -> String {
    let snapshot = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../snapshots/adology-example.snap"),
    )
    .unwrap();
    let body = snapshot.splitn(3, "---\n").nth(2).unwrap();
    body.to_string()
}

fn main() {
    let base = adology_example();
    // What `minCount: 3, maxCount: 6` for the API and `10.30.` for the
    // network's ranges make of the template.
    let variants = [
        (
            "in-place sizes",
            base.replacen(
                "MaxCapacity: 8\n      MinCapacity: 2",
                "MaxCapacity: 6\n      MinCapacity: 3",
                1,
            ),
        ),
        ("new VPC range", base.replace("10.20.", "10.30.")),
    ];
    println!("adology template: {} bytes", base.len());
    println!(
        "{:<16} {:>10} {:>12} {:>12} {:>12}",
        "variant", "step", "median", "min", "max"
    );
    let old = read::parse(&base, "old").unwrap();
    for (label, text) in &variants {
        let text = text.as_str();
        assert_ne!(text, base, "{label} changes the template");
        let new = read::parse(text, "new").unwrap();
        let report = diff::diff(&old, &new);
        assert!(!report.resources.is_empty(), "{label} finds changes");
        row(label, "diff", || {
            std::hint::black_box(diff::diff(&old, &new));
        });
        row(label, "read+diff", || {
            let old = read::parse(&base, "old").unwrap();
            let new = read::parse(text, "new").unwrap();
            std::hint::black_box(diff::diff(&old, &new));
        });
    }
    let text = &variants[1].1;
    let new = read::parse(text, "new").unwrap();
    let report = diff::diff(&old, &new);
    row("new VPC range", "markdown", || {
        std::hint::black_box(diff::render_markdown(&report, &old, &new));
    });
    row("new VPC range", "sarif", || {
        std::hint::black_box(diff::render_sarif(&report, &old, &new));
    });
    row("new VPC range", "html", || {
        std::hint::black_box(diff::render_html(&report, &old, &new).unwrap());
    });

    let (before, after) = (large(1), large(2));
    println!(
        "generated templates: {} and {} bytes",
        before.len(),
        after.len()
    );
    let (old, new) = (
        read::parse(&before, "old").unwrap(),
        read::parse(&after, "new").unwrap(),
    );
    assert!(diff::diff(&old, &new).resources.len() >= 300);
    row("500 resources", "diff", || {
        std::hint::black_box(diff::diff(&old, &new));
    });
    row("500 resources", "read+diff", || {
        let old = read::parse(&before, "old").unwrap();
        let new = read::parse(&after, "new").unwrap();
        std::hint::black_box(diff::diff(&old, &new));
    });
}

/// A template of 500 resources, about 1 MB of JSON: roles with twenty
/// statements each and queues named after them. `generation` changes every
/// role's policy and, every fifth resource, a queue's create-only name.
fn large(generation: u32) -> String {
    let mut resources = serde_json::Map::new();
    for i in 0..250 {
        let statements: Vec<serde_json::Value> = (0..20)
            .map(|s| {
                serde_json::json!({
                    "Effect": "Allow",
                    "Action": [format!("sqs:SendMessage{generation}"), "sqs:ReceiveMessage"],
                    "Resource": {"Fn::Sub": format!("arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:queue-{i}-{s}")},
                })
            })
            .collect();
        resources.insert(
            format!("Role{i}"),
            serde_json::json!({"Type": "AWS::IAM::Role", "Properties": {
                "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
                    "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": statements}}],
            }}),
        );
        let name = if i % 5 == 0 {
            format!("queue-{i}-{generation}")
        } else {
            format!("queue-{i}")
        };
        resources.insert(
            format!("Queue{i}"),
            serde_json::json!({"Type": "AWS::SQS::Queue", "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain", "Properties": {"QueueName": name,
                "Tags": [{"Key": "role", "Value": {"Ref": format!("Role{i}")}}]}}),
        );
    }
    serde_json::json!({"Resources": resources}).to_string()
}

fn row(label: &str, step: &str, mut run: impl FnMut()) {
    let mut samples = Vec::with_capacity(RUNS);
    for i in 0..WARMUP + RUNS {
        let start = Instant::now();
        run();
        if i >= WARMUP {
            samples.push(start.elapsed());
        }
    }
    samples.sort();
    println!(
        "{label:<16} {step:>10} {:>12} {:>12} {:>12}",
        micros(samples[RUNS / 2]),
        micros(samples[0]),
        micros(samples[RUNS - 1])
    );
}

fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
