//! `cargo bench -p stacks`: time to build every registered stack's
//! examples and render their templates in-process, in YAML and JSON.
//!
//! A small fixed-iteration harness rather than a statistics crate: the
//! numbers are milliseconds apart from the peers' seconds, and the median
//! of a few hundred runs is stable enough to compare commits.

use std::time::{Duration, Instant};

use constructs::Format;

const WARMUP: usize = 20;
const RUNS: usize = 300;

fn main() {
    println!(
        "{:<24} {:>6} {:>12} {:>12} {:>12}",
        "stack", "format", "median", "min", "max"
    );
    for stack in stacks::registry::ALL {
        for (label, format) in [("yaml", Format::Yaml), ("json", Format::Json)] {
            let mut samples = Vec::with_capacity(RUNS);
            for run in 0..WARMUP + RUNS {
                let start = Instant::now();
                let examples = stack.examples().expect("example stacks build");
                for example in examples {
                    let body = example.template.synthesize(format).expect("renders").body;
                    std::hint::black_box(body);
                }
                let elapsed = start.elapsed();
                if run >= WARMUP {
                    samples.push(elapsed);
                }
            }
            samples.sort();
            println!(
                "{:<24} {:>6} {:>12} {:>12} {:>12}",
                stack.verb(),
                label,
                micros(samples[RUNS / 2]),
                micros(samples[0]),
                micros(samples[RUNS - 1])
            );
        }
    }
}

fn micros(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
