//! `cargo bench -p check`: the 237 Control Tower rules over the Adology
//! example template (its committed snapshot, about 67 KB of YAML), in
//! process as `synth check` runs them, and, side by side, through the
//! `cfn-guard` CLI on the same long-form JSON with the same rules
//! directory, when a binary is at hand: `CFN_GUARD=/path/to/cfn-guard`, or
//! the one `npm install --prefix target/cfn-guard
//! @cdklabs/cdk-validator-cfnguard@0.0.62` unpacks. The target: in-process
//! at least five times faster.
//!
//! A fixed-iteration harness like the workspace's other benchmarks: the
//! median of a few dozen runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const WARMUP: usize = 3;
const RUNS: usize = 21;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let snapshot = std::fs::read_to_string(root.join("snapshots/adology-example.snap")).unwrap();
    let body = snapshot.splitn(3, "---\n").nth(2).unwrap();
    let template = inspect::read::parse(body, "adology-example").unwrap();
    let findings = check::evaluate(&template.body).unwrap();
    println!(
        "adology-example: {} resources, {} failures",
        template.resources().len(),
        findings.len()
    );
    let in_process = median(|| {
        std::hint::black_box(check::evaluate(&template.body).unwrap());
    });
    println!(
        "{:<40} {:>10}",
        "synth check (in-process)",
        millis(in_process)
    );
    let Some(binary) = cfn_guard_binary(&root) else {
        println!("cfn-guard CLI: none found (set CFN_GUARD to compare)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("check-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("adology-example.json");
    std::fs::write(&data, template.body.to_string()).unwrap();
    let rules = root.join("crates/check/rules/control-tower");
    let cli = median(|| {
        let output = Command::new(&binary)
            .args(["validate", "--structured", "--output-format", "json"])
            .args(["--show-summary", "none", "--rules"])
            .arg(&rules)
            .arg("--data")
            .arg(&data)
            .output()
            .unwrap();
        assert!(matches!(output.status.code(), Some(0 | 19)), "{output:?}");
    });
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{:<40} {:>10}",
        format!("cfn-guard CLI ({})", binary.display()),
        millis(cli)
    );
    println!(
        "in-process is {:.1} times faster",
        cli.as_secs_f64() / in_process.as_secs_f64()
    );
}

/// `CFN_GUARD`, or the Linux or macOS binary of the npm package under
/// `target/cfn-guard/`.
fn cfn_guard_binary(root: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CFN_GUARD") {
        return Some(PathBuf::from(path));
    }
    let os = match std::env::consts::OS {
        "linux" => "ubuntu",
        "macos" => "macos",
        _ => return None,
    };
    let binary = root
        .join("target/cfn-guard/node_modules/@cdklabs/cdk-validator-cfnguard/bin")
        .join(os)
        .join(std::env::consts::ARCH)
        .join("cfn-guard");
    binary.is_file().then_some(binary)
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut samples = Vec::with_capacity(RUNS);
    for index in 0..WARMUP + RUNS {
        let start = Instant::now();
        run();
        if index >= WARMUP {
            samples.push(start.elapsed());
        }
    }
    samples.sort();
    samples[RUNS / 2]
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}
