//! `cargo bench -p import`: time to import the Adology example template
//! (about 70 KB of YAML, read from its committed snapshot) into a
//! package, reading included. Target: under 50 ms. Rustfmt, a process of
//! its own, is timed apart: what `synth import` adds on top.
//!
//! The same fixed-iteration harness as the other benchmarks: the median
//! of a few dozen runs is stable enough to compare commits.

use std::path::Path;
use std::time::{Duration, Instant};

use import::{package, Formatting, Source};

const WARMUP: usize = 5;
const RUNS: usize = 50;

fn adology_example() -> String {
    let snapshot = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../snapshots/adology-example.snap"),
    )
    .unwrap();
    snapshot.splitn(3, "---\n").nth(2).unwrap().to_string()
}

fn time(runs: usize, mut step: impl FnMut()) -> (Duration, Duration, Duration) {
    for _ in 0..WARMUP.min(runs) {
        step();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            step();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn main() {
    let text = adology_example();
    println!("adology template: {} bytes", text.len());
    let import = |formatting: Formatting| {
        let template = inspect::read::parse(&text, "adology.yaml").unwrap();
        let built = package(
            &[Source {
                label: template.label,
                verb: "adology".to_string(),
                body: template.body,
            }],
            "adology",
            Path::new("/synth"),
            formatting,
        )
        .unwrap();
        assert!(built.files.iter().any(|(path, _)| path == "src/adology.rs"));
    };
    println!(
        "{:<26} {:>12} {:>12} {:>12}",
        "step", "median", "min", "max"
    );
    for (label, formatting, runs) in [
        ("read + import", Formatting::Indented, RUNS),
        ("read + import + rustfmt", Formatting::Rustfmt, RUNS / 5),
    ] {
        let (median, min, max) = time(runs, || import(formatting));
        println!("{label:<26} {median:>12.2?} {min:>12.2?} {max:>12.2?}");
    }
}
