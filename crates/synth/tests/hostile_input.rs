//! The real binary against what a careless or hostile user gives it: paths
//! that are not regular files for `-o`, inputs that never end or would fill
//! memory, templates that are not quite templates. Each gets a short error
//! and exit 1, and leaves what was there alone.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout, synth, temp_dir};

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

/// `synth ARGS` in a shell that caps its address space at 1 GiB, so an
/// input read whole would fail the test instead of the machine.
fn synth_capped(args: &[&str]) -> (Output, Duration) {
    let mut command = String::from("ulimit -v 1048576; exec \"$0\"");
    for (i, _) in args.iter().enumerate() {
        command.push_str(&format!(" \"${}\"", i + 1));
    }
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg(env!("CARGO_BIN_EXE_synth"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (output, started.elapsed())
}

fn assert_refused(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(stderr(output).contains(message), "{}", stderr(output));
    assert!(stderr(output).len() < 4096, "{}", stderr(output));
    assert_eq!(stdout(output), "");
}

#[test]
fn output_into_a_named_pipe_or_a_directory_is_refused_and_left_alone() {
    let dir = temp_dir("out-fifo");
    let pipe = dir.join("pipe");
    mkfifo(&pipe);
    let output = synth(&["tenant", "acme", "-o", pipe.to_str().unwrap()]);
    assert_refused(&output, "is a named pipe, not a regular file");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());

    let output = synth(&["tenant", "acme", "-o", dir.to_str().unwrap()]);
    assert_refused(&output, "is a directory, not a regular file");
    // No temporary file is left behind either.
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn output_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("out-link");
    let target = dir.join("acme.yaml");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("latest.yaml");
    std::os::unix::fs::symlink("acme.yaml", &link).unwrap();
    let output = synth(&["tenant", "acme", "-o", link.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("AWSTemplateFormatVersion"));
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn endless_and_huge_inputs_are_refused_at_once() {
    let dir = temp_dir("huge");
    let pipe = dir.join("pipe");
    mkfifo(&pipe);
    let huge = dir.join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["tenant", "acme", "--config", "/dev/zero"], "is a device"),
        (
            &["tenant", "acme", "--config", "/dev/urandom"],
            "is a device",
        ),
        (
            &["tenant", "acme", "--config", pipe.to_str().unwrap()],
            "is a named pipe",
        ),
        (
            &["tenant", "acme", "--config", huge.to_str().unwrap()],
            "larger than the 16 MiB limit",
        ),
        (&["diagram", "/dev/zero"], "is a device"),
        (
            &["diff", huge.to_str().unwrap(), "/dev/zero"],
            "larger than the 16 MiB limit",
        ),
    ];
    for (args, message) in cases {
        let (output, took) = synth_capped(args);
        assert_refused(&output, message);
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
    }
}

#[test]
fn diff_refuses_a_resource_without_a_type() {
    let dir = temp_dir("no-type");
    let path = dir.join("t.yaml");
    std::fs::write(&path, "Resources:\n  Queue:\n    Properties: {}\n").unwrap();
    let path = path.to_str().unwrap();
    let output = synth(&["diff", path, path]);
    assert_refused(&output, "resource Queue has no Type");
    let output = synth(&["diagram", path]);
    assert_refused(&output, "resource Queue has no Type");
}

/// The three inputs that used to print megabytes of errors: a fleet file
/// whose root is a list of 5,000 tenants, 5,000 tenants of one name, and a
/// 100 KB tenant name. Each is a short error now.
#[test]
fn errors_stay_short_whatever_the_input() {
    let dir = temp_dir("short-errors");
    let tenants: Vec<String> = (0..5000)
        .map(|i| format!("{{\"name\": \"t{i}\"}}"))
        .collect();
    let list = dir.join("list.json");
    std::fs::write(&list, format!("[{}]", tenants.join(","))).unwrap();
    let out = dir.join("out");
    let output = synth(&[
        "fleet",
        list.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_refused(&output, "is not of type \"object\"");
    assert_eq!(stderr(&output).lines().count(), 2, "{}", stderr(&output));

    let same: Vec<String> = (0..5000)
        .map(|_| "{\"name\": \"acme\", \"account\": \"111111111111\"}".to_string())
        .collect();
    let duplicates = dir.join("duplicates.json");
    std::fs::write(
        &duplicates,
        format!(
            "{{\"region\": \"us-east-1\", \"tenants\": [{}]}}",
            same.join(",")
        ),
    )
    .unwrap();
    let output = synth(&[
        "fleet",
        duplicates.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_refused(&output, "more");

    let long_name = "a".repeat(100_000);
    let output = synth(&["tenant", &long_name]);
    assert_refused(&output, "invalid tenant name");
}
