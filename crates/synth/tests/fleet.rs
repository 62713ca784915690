//! `synth fleet`, run as users run it: on examples/fleet.yaml, and on
//! fleet files that break every rule at once.

mod common;

use std::path::Path;
use std::process::Command;

use common::{root, stderr, stdout, synth, temp_dir};

fn example() -> String {
    root().join("examples/fleet.yaml").display().to_string()
}

/// The example fleet with acme moved onto an existing cluster: one
/// tenant's template changes, the others' do not.
fn acme_on_a_shared_cluster() -> String {
    std::fs::read_to_string(root().join("examples/fleet.yaml"))
        .unwrap()
        .replace(
            "  - name: acme\n    account: \"111111111111\"\n    regions: [us-east-1]\n    wave: 2\n",
            "  - name: acme\n    account: \"111111111111\"\n    regions: [us-east-1]\n    wave: 2\n    \
             config: {existingClusterName: shared}\n",
        )
}

/// Every file under `dir`, relative, with its contents.
/// A scratch directory for `label` with the example fleet written to its
/// `build/`.
fn example_built(label: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = temp_dir(label);
    let out = dir.join("build");
    let output = synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, out)
}

fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_example_fleet_writes_every_file_deterministically() {
    let dir = temp_dir("example");
    let out = dir.join("build");
    let output = synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing on stderr in a pipe");
    assert!(stdout(&output).contains("5 tenants (6 stacks in 3 waves)"));
    let first = tree(&out);
    let names: Vec<&str> = first.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "deploy.sh",
        "manifest.yaml",
        "runbooks/askedgi-acme.md",
        "templates/askedgi-acme.yaml",
        "templates/askedgi-umbrella.yaml",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert_eq!(names.len(), 12, "{names:?}");
    // Again, over the first output: the same bytes.
    let again = synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(tree(&out), first);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(out.join("deploy.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0o111, "deploy.sh is executable");
}

#[test]
fn each_template_is_what_synth_tenant_prints_for_the_merged_config() {
    let dir = temp_dir("identical");
    let out = dir.join("build");
    let output = synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    // initech: defaults.config with its overrides merged in.
    let merged = dir.join("initech.yaml");
    std::fs::write(
        &merged,
        "logRetentionDays: 90\nassetsOwner: {uid: 2000, gid: 1000, permissions: '0750'}\n\
         maxReceiveCount: 5\n",
    )
    .unwrap();
    let tenant = synth(&["tenant", "initech", "--config", merged.to_str().unwrap()]);
    assert!(tenant.status.success(), "{}", stderr(&tenant));
    let written = std::fs::read_to_string(out.join("templates/askedgi-initech.yaml")).unwrap();
    assert_eq!(written, stdout(&tenant));
    let runbook = synth(&[
        "tenant",
        "initech",
        "--config",
        merged.to_str().unwrap(),
        "--emit",
        "runbook",
    ]);
    assert_eq!(
        std::fs::read_to_string(out.join("runbooks/askedgi-initech.md")).unwrap(),
        stdout(&runbook)
    );
}

/// Tenants of one config and one name shape are filled into stencils
/// rather than built: what they get is still byte for byte what
/// `synth tenant` prints.
#[test]
fn stencilled_tenants_are_what_synth_tenant_prints() {
    let dir = temp_dir("stencilled");
    let fleet = dir.join("fleet.yaml");
    std::fs::write(&fleet, many_tenants(3)).unwrap();
    let out = dir.join("build");
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The example's defaults.config, which these tenants do not override.
    let config = dir.join("defaults.yaml");
    std::fs::write(
        &config,
        "logRetentionDays: 90\nassetsOwner: {uid: 1000, gid: 1000, permissions: '0750'}\n",
    )
    .unwrap();
    for name in ["tenant-000", "tenant-001", "tenant-002"] {
        let tenant = synth(&["tenant", name, "--config", config.to_str().unwrap()]);
        assert!(tenant.status.success(), "{}", stderr(&tenant));
        let written =
            std::fs::read_to_string(out.join(format!("templates/askedgi-{name}.yaml"))).unwrap();
        assert_eq!(written, stdout(&tenant), "{name}");
    }
}

#[test]
fn the_manifest_lists_one_stack_set_per_tenant_in_wave_order() {
    let dir = temp_dir("manifest");
    let out = dir.join("build");
    assert!(
        synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()])
            .status
            .success()
    );
    let manifest =
        yaml::parse_document(&std::fs::read_to_string(out.join("manifest.yaml")).unwrap()).unwrap();
    assert_eq!(manifest["region"], "us-east-1");
    let resources = manifest["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "askedgi-internal",
            "askedgi-acme",
            "askedgi-globex",
            "askedgi-initech",
            "askedgi-umbrella"
        ]
    );
    let initech = &resources[3];
    assert_eq!(initech["deploy_method"], "stack_set");
    assert_eq!(initech["resource_file"], "templates/askedgi-initech.yaml");
    assert_eq!(initech["deployment_targets"]["accounts"][0], "222222222222");
    assert_eq!(initech["regions"][1], "eu-central-1");
    let image = initech["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter_key"] == "ContainerImage")
        .unwrap();
    assert!(image["parameter_value"]
        .as_str()
        .unwrap()
        .ends_with(":8.1.0"));
}

#[test]
fn deploy_dry_run_prints_the_commands_in_wave_order() {
    let dir = temp_dir("dry-run");
    let out = dir.join("build");
    assert!(
        synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()])
            .status
            .success()
    );
    for (flags, command) in [
        (&["--dry-run"][..], "aws cloudformation deploy"),
        (
            &["--dry-run", "--stack-sets"][..],
            "aws cloudformation create-stack-instances",
        ),
    ] {
        let run = Command::new("bash")
            .arg(out.join("deploy.sh"))
            .args(flags)
            .env("PATH", "/nonexistent") // a dry run calls nothing
            .env_remove("AWS_PROFILE")
            .output();
        let run = match run {
            Ok(run) => run,
            Err(_) => Command::new("/bin/bash")
                .arg(out.join("deploy.sh"))
                .args(flags)
                .output()
                .unwrap(),
        };
        let printed = stdout(&run);
        assert!(run.status.success(), "{printed}{}", stderr(&run));
        let stacks: Vec<&str> = printed
            .lines()
            .filter(|line| line.starts_with(command))
            .map(|line| {
                let at = line
                    .find("--stack-name ")
                    .or(line.find("--stack-set-name "))
                    .unwrap();
                line[at..].split(' ').nth(1).unwrap()
            })
            .collect();
        let expected: &[&str] = if flags.len() == 1 {
            &[
                "askedgi-internal",
                "askedgi-acme",
                "askedgi-globex",
                "askedgi-initech",
                "askedgi-initech",
                "askedgi-umbrella",
            ]
        } else {
            &[
                "askedgi-internal",
                "askedgi-acme",
                "askedgi-globex",
                "askedgi-initech",
                "askedgi-umbrella",
            ]
        };
        assert_eq!(stacks, expected, "{printed}");
        let waves: Vec<&str> = printed
            .lines()
            .filter(|l| l.starts_with("== wave"))
            .collect();
        assert_eq!(waves.len(), 3, "{printed}");
    }
}

#[test]
fn bad_fleets_report_every_problem_and_write_nothing() {
    let dir = temp_dir("bad");
    let out = dir.join("build");
    assert!(
        synth(&["fleet", &example(), "--out-dir", out.to_str().unwrap()])
            .status
            .success()
    );
    let before = tree(&out);
    let fleet = dir.join("fleet.yaml");
    std::fs::write(
        &fleet,
        r#"region: us-east-1
defaults:
  parameters: {ContainerImage: img, Nonsense: x}
tenants:
  - name: acme
    account: "111111111111"
    regions: [us-east-1]
    wave: 1
    parameters: {VpcId: vpc-1}
  - name: acme
    account: "111111111111"
    regions: [us-east-1, us-east-1]
    wave: 2
    config: {maxReceiveCount: 0}
  - name: Bad_Name
    account: "111111111111"
    regions: [us-east-1]
    wave: 1
  - name: short
    account: "1234"
    regions: [mars-1]
    wave: 0
"#,
    )
    .unwrap();
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert_eq!(stdout(&output), "");
    let message = stderr(&output);
    for expected in [
        "tenant short: /tenants/3/account",
        "tenant short: /tenants/3/regions/0",
        "tenant short: /tenants/3/wave",
        "tenant acme: /tenants/1/config/maxReceiveCount",
    ] {
        assert!(
            message.contains(expected),
            "{expected} missing from {message}"
        );
    }
    assert_eq!(tree(&out), before, "the output directory is untouched");

    // Once the schema passes, the rules: names, regions, parameters.
    std::fs::write(
        &fleet,
        r#"region: us-east-1
defaults:
  parameters: {ContainerImage: img, Nonsense: x}
tenants:
  - name: acme
    account: "111111111111"
    regions: [us-east-1]
    wave: 1
    parameters: {VpcId: vpc-1}
  - name: acme
    account: "111111111111"
    regions: [us-east-1, us-east-1]
    wave: 2
  - name: Bad_Name
    account: "111111111111"
    regions: [us-east-1]
    wave: 1
"#,
    )
    .unwrap();
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let message = stderr(&output);
    for expected in [
        "tenant acme: /tenants/1/name: \"acme\" is also the name of /tenants/0",
        "tenant acme: /tenants/1/regions/1: \"us-east-1\" is also /tenants/1/regions/0",
        "tenant Bad_Name: /tenants/2/name: invalid tenant name",
        "/defaults/parameters/Nonsense: the tenant template declares no parameter \"Nonsense\"",
        "tenant acme: /tenants/0/parameters: no value for parameter \"VpcCidr\"",
    ] {
        assert!(
            message.contains(expected),
            "{expected} missing from {message}"
        );
    }
    assert_eq!(tree(&out), before, "the output directory is untouched");

    // Good tenants' files are staged while the others are checked: one bad
    // tenant among good ones leaves no staging directory behind, and none
    // of the directories made for it.
    let one_bad = format!(
        "{}  - name: late\n    account: \"111111111111\"\n    regions: [us-east-1]\n    wave: 1\n    \
         config: {{logLevel: loud}}\n",
        std::fs::read_to_string(example()).unwrap()
    );
    std::fs::write(&fleet, one_bad).unwrap();
    let nested = dir.join("new/deeper/build");
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        nested.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("tenant late: /tenants/5/config/logLevel"),
        "{}",
        stderr(&output)
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["build", "fleet.yaml"]);
}

/// Two tenants of the example's shared VPC given the same subnet: only the
/// first would deploy, so the fleet is refused, naming both.
#[test]
fn tenants_whose_subnets_overlap_in_one_vpc_are_refused() {
    let dir = temp_dir("overlap");
    let example = std::fs::read_to_string(example()).unwrap();
    let globex_subnet = "PrivateSubnetACidr: 10.1.100.0/24";
    assert!(example.contains(globex_subnet));
    let fleet = dir.join("fleet.yaml");
    std::fs::write(
        &fleet,
        example.replacen(globex_subnet, "PrivateSubnetACidr: 10.1.98.0/25", 1),
    )
    .unwrap();
    let out = dir.join("build");
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(
            "tenant globex: /tenants/2/parameters/PrivateSubnetACidr: 10.1.98.0/25 overlaps \
             tenant acme's 10.1.98.0/24 at /tenants/1/parameters/PrivateSubnetACidr"
        ),
        "{message}"
    );
    assert!(!out.exists());
}

#[test]
fn a_rerun_links_unchanged_files_from_the_previous_output_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let (dir, out) = example_built("rerun");
    let out_arg = out.to_str().unwrap();
    let inode = |file: &str| std::fs::metadata(out.join(file)).unwrap().ino();
    let (globex, acme) = (
        inode("templates/askedgi-globex.yaml"),
        inode("templates/askedgi-acme.yaml"),
    );
    let fleet = dir.join("fleet.yaml");
    std::fs::write(&fleet, acme_on_a_shared_cluster()).unwrap();
    let output = synth(&["fleet", fleet.to_str().unwrap(), "--out-dir", out_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(inode("templates/askedgi-globex.yaml"), globex, "linked");
    assert_ne!(inode("templates/askedgi-acme.yaml"), acme, "written anew");
    assert!(
        std::fs::read_to_string(out.join("templates/askedgi-acme.yaml"))
            .unwrap()
            .contains("shared")
    );
    // The previous output is gone, and no file is linked from elsewhere.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    assert_eq!(
        std::fs::metadata(out.join("templates/askedgi-globex.yaml"))
            .unwrap()
            .nlink(),
        1
    );
}

#[test]
fn a_directory_synth_fleet_did_not_write_is_never_replaced() {
    let dir = temp_dir("foreign");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let output = synth(&["fleet", &example(), "--out-dir", dir.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("neither empty nor written by synth fleet"));
    assert_eq!(tree(&dir), [("notes.txt".to_string(), "mine".to_string())]);
}

#[test]
fn diff_against_an_earlier_fleet_sums_up_per_tenant_and_over_the_fleet() {
    let (dir, out) = example_built("diff");
    let out_arg = out.to_str().unwrap();
    // The same fleet again: no difference, exit 0.
    let same = synth(&[
        "fleet",
        &example(),
        "--out-dir",
        out_arg,
        "--diff-against",
        out_arg,
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(
        stdout(&same).contains("fleet: 0 of 5 tenants change"),
        "{}",
        stdout(&same)
    );
    // acme moves to an existing cluster: its own cluster goes; a tenant
    // joins and one leaves.
    let changed = acme_on_a_shared_cluster().replace("name: umbrella", "name: hooli");
    let fleet = dir.join("fleet.yaml");
    std::fs::write(&fleet, changed).unwrap();
    let output = synth(&[
        "fleet",
        fleet.to_str().unwrap(),
        "--out-dir",
        out_arg,
        "--diff-against",
        out_arg,
    ]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(2), "{report}{}", stderr(&output));
    let acme = report
        .lines()
        .find(|line| line.starts_with("acme: "))
        .unwrap_or_default();
    assert!(acme.contains("remove Cluster"), "{report}");
    for expected in [
        "hooli: new tenant",
        "umbrella: no longer in the fleet",
        "fleet: 1 of 5 tenants change (0 destructively), 1 new, 1 gone",
        "1 of 5 tenants remove Cluster: acme",
    ] {
        assert!(
            report.contains(expected),
            "{expected} missing from {report}"
        );
    }
    // The new fleet was written.
    assert!(out.join("templates/askedgi-hooli.yaml").exists());
}

/// As Markdown or HTML the fleet's diff is per wave, tenants with the same
/// change on one row linked to their own diffs, which go into the output
/// with the summary.
#[test]
fn diff_against_as_markdown_and_html_groups_tenants_per_wave() {
    let (dir, out) = example_built("diff-formats");
    let out_arg = out.to_str().unwrap();
    let changed = std::fs::read_to_string(example())
        .unwrap()
        .replacen("name: umbrella", "name: hooli", 1)
        .replacen("logRetentionDays: 90", "logRetentionDays: 30", 1);
    let fleet = dir.join("fleet.yaml");
    std::fs::write(&fleet, changed).unwrap();
    let fleet_arg = fleet.to_str().unwrap();
    let output = synth(&[
        "fleet",
        fleet_arg,
        "--out-dir",
        out_arg,
        "--diff-against",
        out_arg,
        "--format",
        "markdown",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let comment = std::fs::read_to_string(out.join("diff.md")).unwrap();
    assert!(stdout(&output).ends_with(&comment));
    for expected in [
        "## synth fleet: 4 of 5 tenants change (0 destructively), 1 new, 1 gone\n",
        "### Wave 2\n\n| Tenants | Change |\n|---|---|\n| [acme](diffs/askedgi-acme.md), [globex](diffs/askedgi-globex.md) | update DataServiceLogGroup |\n",
        "| hooli | new tenant |\n",
        "- umbrella (deploy.sh leaves its stacks alone)\n",
    ] {
        assert!(comment.contains(expected), "{expected} missing from {comment}");
    }
    let acme = std::fs::read_to_string(out.join("diffs/askedgi-acme.md")).unwrap();
    assert!(acme.contains("DataServiceLogGroup"), "{acme}");
    // Back to the example, as a page: the links are to each tenant's page.
    let output = synth(&[
        "fleet",
        &example(),
        "--out-dir",
        out_arg,
        "--diff-against",
        out_arg,
        "--format",
        "html",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let page = std::fs::read_to_string(out.join("diff.html")).unwrap();
    assert!(
        page.contains("<a href=\"diffs/askedgi-acme.html\">acme</a>"),
        "{page}"
    );
    assert!(out.join("diffs/askedgi-acme.html").is_file());
    assert!(
        !out.join("diff.md").exists(),
        "the previous output's summary is gone"
    );
}

/// The example fleet's `acme` entry repeated as `count` tenants: large
/// enough a fleet to get a progress bar.
fn many_tenants(count: usize) -> String {
    let example = std::fs::read_to_string(root().join("examples/fleet.yaml")).unwrap();
    let (head, _) = example.split_once("tenants:\n").unwrap();
    let mut text = format!("{head}tenants:\n");
    // Tenants share one VPC, so each gets subnets of its own.
    assert!(count <= 128, "one /16 holds the subnets of 128 tenants");
    for index in 0..count {
        let (a, b) = (2 * index, 2 * index + 1);
        text.push_str(&format!(
            "  - name: tenant-{index:03}\n    account: \"111111111111\"\n    regions: [us-east-1]\n    \
             wave: 1\n    parameters:\n      VpcId: vpc-0a1b2c3d4e5f60001\n      VpcCidr: 10.1.0.0/16\n      \
             PrivateSubnetACidr: 10.1.{a}.0/24\n      PrivateSubnetBCidr: 10.1.{b}.0/24\n      \
             ElasticsearchSecurityGroupId: sg-0a1b2c3d4e5f60011\n      \
             RdsSecurityGroupId: sg-0a1b2c3d4e5f60012\n      EfsSecurityGroupId: sg-0a1b2c3d4e5f60013\n      \
             EfsFileSystemId: fs-0a1b2c3d4e5f60014\n      \
             DatabaseSecretName: ovaledge/tenant-{index:03}/database\n      \
             OvalEdgeUrl: https://tenant-{index:03}.ovaledge.example.com\n"
        ));
    }
    text
}

/// On a terminal the bar is drawn from the threads that build tenants: the
/// run must finish (it once waited forever for a lock on standard error
/// that the main thread held) and leave the bar cleared. `script` (from
/// util-linux) gives the binary a pseudo-terminal.
#[test]
fn on_a_terminal_a_large_fleet_shows_a_progress_bar_and_finishes() {
    let dir = temp_dir("terminal");
    let file = dir.join("fleet.yaml");
    std::fs::write(&file, many_tenants(120)).unwrap();
    let typescript = dir.join("typescript");
    let command = format!(
        "{} fleet {} --out-dir {}",
        env!("CARGO_BIN_EXE_synth"),
        file.display(),
        dir.join("build").display()
    );
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", &command])
        .arg(&typescript)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("script (util-linux) runs synth on a pseudo-terminal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("synth fleet on a terminal did not finish within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let screen = std::fs::read_to_string(&typescript).unwrap();
    assert!(status.success(), "{screen}");
    assert!(screen.contains("/120 tenants"), "no progress bar: {screen}");
    assert!(screen.contains("wrote 120 tenants"), "{screen}");
    assert!(dir
        .join("build/templates/askedgi-tenant-119.yaml")
        .is_file());
}
