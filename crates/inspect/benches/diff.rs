//! `cargo bench -p inspect`: time to diff the Adology example template
//! (about 67 KB of YAML) against a variant with a changed VPC range (which
//! replaces the network and everything in it, the most propagation work)
//! and against one with in-place size changes. Target: well under 10 ms per
//! diff.
//!
//! The same fixed-iteration harness as `cargo bench -p stacks`: the median
//! of a few hundred runs is stable enough to compare commits.

use std::time::{Duration, Instant};

use constructs::Format;
use inspect::{diff, read};
use stacks::{adology, config};

const WARMUP: usize = 20;
const RUNS: usize = 300;

fn template(config_text: &str) -> String {
    let config: config::Validated<adology::AdologyConfig> =
        config::parse(config_text, "bench").unwrap();
    adology::build(&config)
        .unwrap()
        .synthesize(Format::Yaml)
        .unwrap()
        .body
}

fn main() {
    let example = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/adology.yaml"),
    )
    .unwrap();
    let base = template(&example);
    let variants = [
        (
            "in-place sizes",
            example.replace("minCount: 2\n  maxCount: 8", "minCount: 3\n  maxCount: 6"),
        ),
        ("new VPC range", example.replace("10.20.", "10.30.")),
    ];
    println!("adology template: {} bytes", base.len());
    println!(
        "{:<16} {:>10} {:>12} {:>12} {:>12}",
        "variant", "step", "median", "min", "max"
    );
    let old = read::parse(&base, "old").unwrap();
    for (label, config_text) in &variants {
        let text = template(config_text);
        assert_ne!(text, base, "{label} changes the template");
        let new = read::parse(&text, "new").unwrap();
        let report = diff::diff(&old, &new);
        assert!(!report.resources.is_empty(), "{label} finds changes");
        row(label, "diff", || {
            std::hint::black_box(diff::diff(&old, &new));
        });
        row(label, "read+diff", || {
            let old = read::parse(&base, "old").unwrap();
            let new = read::parse(&text, "new").unwrap();
            std::hint::black_box(diff::diff(&old, &new));
        });
    }
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
