//! `synth import` as a user runs it: the real binary writes a package
//! and its report, or one error and nothing at all.

mod common;

use common::{root, snapshot_body, stderr, synth, synth_with_input, temp_dir, write};

/// A template becomes a package: manifest, lock file, `main.rs`, one
/// module; the report names the command to run.
#[test]
fn a_template_becomes_a_package() {
    let dir = temp_dir("import-package");
    let template = write(&dir, "tenant-acme.yaml", &snapshot_body("tenant-acme"));
    let out = dir.join("stacks");
    let output = synth(&["import", &template, "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(
        report.starts_with("imported 1 template (39 resources) into "),
        "{report}"
    );
    assert!(
        report.contains("-- tenant-acme > tenant-acme.yaml"),
        "{report}"
    );
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "src/main.rs",
        "src/tenant_acme.rs",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let checkout = root().canonicalize().unwrap();
    assert!(
        manifest.contains(&format!(
            "path = \"{}/crates/constructs\"",
            checkout.display()
        )),
        "{manifest}"
    );
    assert!(manifest.contains("features = [\"ec2\", \"ecs\", \"efs\", \"iam\", \"logs\", \"s3\", \"secretsmanager\", \"servicediscovery\", \"sqs\"]"), "{manifest}");
    let module = std::fs::read_to_string(out.join("src/tenant_acme.rs")).unwrap();
    assert!(
        module.contains("let data_bucket = template.add("),
        "{module}"
    );
}

/// What `cdk synth` writes, `<Stack>.template.json`, is named after the
/// stack, without the `.template`.
#[test]
fn a_cdk_template_is_named_after_its_stack() {
    let dir = temp_dir("import-cdk");
    let sample =
        std::fs::read_to_string(root().join("crates/import/tests/corpus/cdk-sample.json")).unwrap();
    let template = write(&dir, "CdkSample.template.json", &sample);
    let out = dir.join("stacks");
    let output = synth(&["import", &template, "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stderr(&output);
    assert!(report.contains("-- cdksample > cdksample.yaml"), "{report}");
    assert!(out.join("src/cdksample.rs").is_file());
}

/// Bad input: exit 1, one short error with the file and place, and no
/// directory.
#[test]
fn bad_input_writes_nothing() {
    let dir = temp_dir("import-bad");
    let out = dir.join("stacks");
    let out_arg = out.to_str().unwrap();
    let not_template = write(&dir, "config.yaml", "tenants: [a, b]\n");
    let dangling = write(
        &dir,
        "dangling.yaml",
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Nope\n",
    );
    let good = write(
        &dir,
        "good.yaml",
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
    );
    for (args, expected) in [
        (
            vec![not_template.as_str()],
            "config.yaml: not a CloudFormation template",
        ),
        (
            vec![good.as_str(), dangling.as_str()],
            "dangling.yaml: Resources.Q.Properties.QueueName (Ref): refers to \"Nope\"",
        ),
    ] {
        let mut all = vec!["import"];
        all.extend(args);
        all.extend(["-o", out_arg]);
        let output = synth(&all);
        assert_eq!(output.status.code(), Some(1));
        let error = stderr(&output);
        assert!(
            error.starts_with("error: ") && error.contains(expected),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1, "{error}");
        assert!(!out.exists(), "nothing is written");
    }
    let stdin = synth_with_input(&["import", "-", "-o", out_arg], b"Resources: {}\n");
    assert_eq!(stdin.status.code(), Some(1));
    assert!(
        stderr(&stdin).contains("needs a --name"),
        "{}",
        stderr(&stdin)
    );
    // A directory with something in it is never written into.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let output = synth(&["import", &good, "-o", out_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not empty"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // Only a new or empty directory: not a file, not a symlink (the
    // rename would replace the link), each left as it was.
    let file = write(&dir, "file.txt", "mine");
    let link = dir.join("link");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::os::unix::fs::symlink(&empty, &link).unwrap();
    for (target, expected) in [
        (file.as_str(), "not a directory"),
        (link.to_str().unwrap(), "a symlink"),
    ] {
        let output = synth(&["import", &good, "-o", target]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}
