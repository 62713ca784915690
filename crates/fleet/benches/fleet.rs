//! `cargo bench -p fleet`: `synth fleet` on a 1,000-tenant fleet file,
//! in-process through the command the binary registers, end to end: parse and check the file, build and
//! render every tenant, write every file to a temporary directory and swap
//! it in; once into a new directory, once over the previous output, and
//! once more into a new directory with every tenant given its own config
//! (the worst case: no two tenants share a rendering). The target is
//! 100 ms on the 2-core development machine.
//!
//! The same small fixed-iteration harness as `cargo bench -p stacks`: a
//! run takes tens of milliseconds, and the median of a few dozen is
//! stable enough to compare commits.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use framework::Command as _;

/// The binary's allocator, so the benchmark measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TENANTS: usize = 1_000;
const WARMUP: usize = 3;
const RUNS: usize = 25;

fn main() {
    let dir = std::env::temp_dir().join(format!("synth-fleet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("fleet.yaml");
    std::fs::write(&file, fleet(TENANTS, Configs::Few)).expect("the fleet file is written");
    let args = |out_dir: &str| {
        [
            "fleet".to_string(),
            file.display().to_string(),
            "--out-dir".to_string(),
            dir.join(out_dir).display().to_string(),
        ]
    };
    // A first run into a directory that does not exist, and runs over the
    // previous output (a fleet file edited and rendered again), where
    // files that did not change are linked rather than written.
    let fresh = samples(|| args("new"), || remove(&dir.join("new")));
    let rerun = samples(|| args("again"), || {});
    std::fs::write(&file, fleet(TENANTS, Configs::OnePerTenant))
        .expect("the fleet file is written");
    let distinct = samples(|| args("distinct"), || remove(&dir.join("distinct")));
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{:<55} {:>10} {:>10} {:>10} {:>14}",
        "fleet", "median", "min", "max", "per tenant"
    );
    for (label, samples) in [
        ("to a new directory", fresh),
        ("over its previous output", rerun),
        ("each its own config, to a new directory", distinct),
    ] {
        println!(
            "{:<55} {:>10} {:>10} {:>10} {:>14}",
            format!("{TENANTS} tenants, {label}"),
            millis(samples[RUNS / 2]),
            millis(samples[0]),
            millis(samples[RUNS - 1]),
            format!(
                "{:.1} µs",
                samples[RUNS / 2].as_secs_f64() * 1e6 / TENANTS as f64
            ),
        );
    }
}

/// `RUNS` timed runs of `synth fleet` on `args()` after `WARMUP` untimed ones,
/// sorted; `before` runs ahead of each, untimed.
fn samples(args: impl Fn() -> [String; 4], before: impl Fn()) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(RUNS);
    for run in 0..WARMUP + RUNS {
        before();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let command = fleet::FleetCommand;
        let start = Instant::now();
        let matches = command.clap().get_matches_from(args());
        let code = command.run(&matches, &mut out, &mut err);
        let elapsed = start.elapsed();
        match code {
            Ok(code) => assert_eq!(code, std::process::ExitCode::SUCCESS),
            Err(error) => panic!("{error}\n{}", String::from_utf8_lossy(&err)),
        }
        if run >= WARMUP {
            samples.push(elapsed);
        }
    }
    samples.sort();
    samples
}

/// How many tenant configs a benchmark fleet has.
#[derive(Clone, Copy, PartialEq)]
enum Configs {
    /// The defaults, and one override every seventh tenant.
    Few,
    /// A different `maxReceiveCount` for each tenant (at most 1,000).
    OnePerTenant,
}

/// A fleet of `count` tenants over ten accounts and five waves, each with
/// its own parameters.
fn fleet(count: usize, configs: Configs) -> String {
    let mut text = String::from(
        "region: us-east-1\n\
         defaults:\n  config: {logRetentionDays: 90}\n  parameters:\n    \
         ContainerImage: 123456789012.dkr.ecr.us-east-1.amazonaws.com/askedgi/edgi-data-service:8.1.0\n\
         tenants:\n",
    );
    for i in 0..count {
        let account = format!("{:012}", 100_000_000_000u64 + (i % 10) as u64);
        let octet = i % 250;
        let _ = write!(
            text,
            "  - name: tenant-{i:04}\n    account: \"{account}\"\n    regions: [us-east-1]\n    \
             wave: {wave}\n{config}    parameters:\n      VpcId: vpc-0a1b2c3d4e5f{i:05}\n      \
             VpcCidr: 10.{octet}.0.0/16\n      PrivateSubnetACidr: 10.{octet}.96.0/24\n      \
             PrivateSubnetBCidr: 10.{octet}.97.0/24\n      \
             ElasticsearchSecurityGroupId: sg-0a1b2c3d4e5f{i:05}\n      \
             RdsSecurityGroupId: sg-0b1b2c3d4e5f{i:05}\n      \
             EfsSecurityGroupId: sg-0c1b2c3d4e5f{i:05}\n      \
             EfsFileSystemId: fs-0a1b2c3d4e5f{i:05}\n      \
             DatabaseSecretName: ovaledge/tenant-{i:04}/database\n      \
             OvalEdgeUrl: https://tenant-{i:04}.ovaledge.example.com\n",
            wave = 1 + i % 5,
            config = match configs {
                Configs::Few if i % 7 == 0 => {
                    "    config: {logLevel: info, maxReceiveCount: 5}\n".to_string()
                }
                Configs::Few => String::new(),
                Configs::OnePerTenant => format!("    config: {{maxReceiveCount: {}}}\n", i + 1),
            },
        );
    }
    text
}

fn remove(dir: &std::path::Path) {
    let _ = std::fs::remove_dir_all(dir);
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}
