//! `cargo bench -p import`: time to import the Adology example template
//! (about 70 KB of YAML, read from its committed snapshot) into a
//! package, reading included and the code laid out as rustfmt lays it
//! out. Target: under 50 ms. Beside it, the rustfmt program on the same
//! module, which the in-process layout replaced (and which checks that
//! the layout is rustfmt's: it must leave the module unchanged).
//!
//! The same fixed-iteration harness as the other benchmarks: the median
//! of a few dozen runs is stable enough to compare commits.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use import::{package, Source};

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
    let import = || {
        let template = inspect::read::parse(&text, "adology.yaml").unwrap();
        let built = package(
            &[Source {
                label: template.label,
                verb: "adology".to_string(),
                body: template.body,
            }],
            "adology",
            Path::new("/synth"),
        )
        .unwrap();
        built
            .files
            .into_iter()
            .find(|(path, _)| path == "src/adology.rs")
            .unwrap()
            .1
    };
    let module = import();
    // What laying the module out in process replaces: the rustfmt
    // program on the same text, piped as `synth import` once did.
    let rustfmt = || {
        let mut child = Command::new("rustfmt")
            .args(["--edition", "2021", "--emit", "stdout"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("rustfmt on PATH");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(module.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(String::from_utf8(output.stdout).unwrap(), module);
    };
    println!(
        "{:<34} {:>12} {:>12} {:>12}",
        "step", "median", "min", "max"
    );
    let rows: [(&str, &mut dyn FnMut(), usize); 2] = [
        (
            "read + import (laid out in process)",
            &mut || drop(import()),
            RUNS,
        ),
        ("rustfmt on the written module", &mut { rustfmt }, RUNS / 5),
    ];
    for (label, step, runs) in rows {
        let (median, min, max) = time(runs, step);
        println!("{label:<34} {median:>12.2?} {min:>12.2?} {max:>12.2?}");
    }
}
