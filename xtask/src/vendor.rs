//! `cargo xtask vendor [VERSION]`: fetch the AWS service spec (npm
//! `@aws-cdk/aws-service-spec`, the database aws-cdk-lib generates its L1
//! classes from) into `schemas/aws-service-spec/`, with its licence, an
//! attribution notice and a `SOURCE.json` (package, version, sha256,
//! licence); and copy into `schemas/cfn-lint/` the two things the spec
//! lacks that cfn-lint has: the list of the types that hold data, and the
//! string enums of the registry schemas. Then the AWS Control Tower rules
//! `synth check` compiles in (npm `@cdklabs/cdk-validator-cfnguard`), into
//! `crates/check/rules/`.
//!
//! The only step that needs npm (and Python, for cfn-lint's file);
//! `cargo xtask codegen` and the `check` crate read the vendored files
//! alone.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::project_root;

/// The package and the version `cargo xtask vendor` fetches by default.
pub const PACKAGE: &str = "@aws-cdk/aws-service-spec";
pub const VERSION: &str = "0.1.216";

const CFN_LINT_SCRIPT: &str = include_str!("vendor_cfn_lint.py");

const NOTICE: &str = "\
The documentation text in db.json.gz, and so in the generated code under
crates/constructs/src/aws/, comes from the AWS CloudFormation User Guide
(Copyright Amazon.com, Inc. or its affiliates), by way of the npm package
@aws-cdk/aws-service-spec, which is licensed under the Apache License 2.0
(LICENSE beside this file).
";

/// The Control Tower rules' package and version: the rules `synth check`
/// evaluates, with the cfn-guard version its binary is (the `check`
/// crate pins the same).
pub const RULES_PACKAGE: &str = "@cdklabs/cdk-validator-cfnguard";
pub const RULES_VERSION: &str = "0.0.62";

pub fn run(version: Option<&str>) -> Result<(), String> {
    let root = project_root();
    let version = version.unwrap_or(VERSION);
    let out_dir = root.join("schemas/aws-service-spec");
    let scratch = std::env::temp_dir().join(format!("xtask-vendor-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let result = fetch_spec(version, &scratch, &out_dir);
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    vendor_cfn_lint(&root.join("schemas/cfn-lint"))?;
    let scratch = std::env::temp_dir().join(format!("xtask-vendor-rules-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let result = fetch_rules(&scratch, &root.join("crates/check/rules"));
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    eprintln!("vendored {PACKAGE}@{version}; now run `cargo xtask codegen`");
    Ok(())
}

/// `npm pack package` into `scratch`, and `members` of the tarball
/// unpacked there.
fn unpack(package: &str, members: &[&str], scratch: &Path) -> Result<(), String> {
    let status = Command::new("npm")
        .args(["pack", "--silent", package, "--pack-destination"])
        .arg(scratch)
        .status()
        .map_err(|e| format!("running npm: {e} (install Node.js and npm)"))?;
    if !status.success() {
        return Err(format!("npm pack {package} failed ({status})"));
    }
    let tarball = std::fs::read_dir(scratch)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "tgz"))
        .ok_or("npm pack wrote no tarball")?;
    let status = Command::new("tar")
        .args(["-xzf"])
        .arg(&tarball)
        .arg("-C")
        .arg(scratch)
        .args(members)
        .status()
        .map_err(|e| format!("running tar: {e}"))?;
    if !status.success() {
        return Err(format!("unpacking {} failed ({status})", tarball.display()));
    }
    Ok(())
}

fn fetch_spec(version: &str, scratch: &Path, out_dir: &Path) -> Result<(), String> {
    unpack(
        &format!("{PACKAGE}@{version}"),
        &["package/db.json.gz", "package/LICENSE"],
        scratch,
    )?;
    std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
    let db = std::fs::read(scratch.join("package/db.json.gz")).map_err(|e| e.to_string())?;
    std::fs::write(out_dir.join("db.json.gz"), &db).map_err(|e| e.to_string())?;
    std::fs::copy(scratch.join("package/LICENSE"), out_dir.join("LICENSE"))
        .map_err(|e| e.to_string())?;
    std::fs::write(out_dir.join("NOTICE"), NOTICE).map_err(|e| e.to_string())?;
    let source = serde_json::json!({
        "package": PACKAGE,
        "version": version,
        "file": "package/db.json.gz",
        "sha256": sha256(&db),
        "license": "Apache-2.0",
        "note": "The AWS service spec that crates/constructs/src/aws/ is generated from. Regenerate with `cargo xtask vendor [VERSION] && cargo xtask codegen`.",
    });
    std::fs::write(
        out_dir.join("SOURCE.json"),
        serde_json::to_string_pretty(&source).unwrap() + "\n",
    )
    .map_err(|e| e.to_string())
}

/// The Control Tower rules, flattened into `out_dir/control-tower/`, with
/// the package's licence and a `SOURCE.json` whose digest the `check`
/// crate's tests hold the files to.
fn fetch_rules(scratch: &Path, out_dir: &Path) -> Result<(), String> {
    unpack(
        &format!("{RULES_PACKAGE}@{RULES_VERSION}"),
        &["package/rules/control-tower/cfn-guard", "package/LICENSE"],
        scratch,
    )?;
    let mut files = Vec::new();
    let mut dirs = vec![scratch.join("package/rules/control-tower/cfn-guard")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "guard") {
                files.push(path);
            }
        }
    }
    files.sort_by_key(|path| path.file_name().map(|name| name.to_os_string()));
    let rules_dir = out_dir.join("control-tower");
    let _ = std::fs::remove_dir_all(&rules_dir);
    std::fs::create_dir_all(&rules_dir).map_err(|e| e.to_string())?;
    let mut digest = Sha256::new();
    for path in &files {
        let name = path.file_name().unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        digest.update(name.as_encoded_bytes());
        digest.update(b"\0");
        digest.update(&bytes);
        digest.update(b"\0");
        std::fs::write(rules_dir.join(name), &bytes).map_err(|e| e.to_string())?;
    }
    std::fs::copy(scratch.join("package/LICENSE"), out_dir.join("LICENSE"))
        .map_err(|e| e.to_string())?;
    let source = serde_json::json!({
        "package": RULES_PACKAGE,
        "version": RULES_VERSION,
        "files": "package/rules/control-tower/cfn-guard/**/*.guard, flattened into control-tower/",
        "count": files.len(),
        "sha256": digest.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "license": "Apache-2.0",
        "note": "AWS Control Tower's proactive controls as cfn-guard rules, which `synth check` evaluates in-process. The digest is over the sorted files, each as its name, a NUL, its bytes and a NUL. Refresh with `cargo xtask vendor`.",
    });
    std::fs::write(
        out_dir.join("SOURCE.json"),
        serde_json::to_string_pretty(&source).unwrap() + "\n",
    )
    .map_err(|e| e.to_string())
}

fn vendor_cfn_lint(out_dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
    let status = Command::new("python3")
        .arg("-c")
        .arg(CFN_LINT_SCRIPT)
        .arg(out_dir)
        .status()
        .map_err(|e| {
            format!("running python3: {e} (install Python 3 and `pip install cfn-lint`)")
        })?;
    if !status.success() {
        return Err(format!(
            "copying cfn-lint's stateful types and enums failed ({status}); is cfn-lint installed?"
        ));
    }
    Ok(())
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vendored database is the one `SOURCE.json` names, byte for byte.
    #[test]
    fn the_vendored_spec_matches_its_source_record() {
        let dir = project_root().join("schemas/aws-service-spec");
        let db = std::fs::read(dir.join("db.json.gz")).unwrap();
        let source: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("SOURCE.json")).unwrap())
                .unwrap();
        assert_eq!(source["sha256"], sha256(&db));
        assert_eq!(source["package"], PACKAGE);
        assert_eq!(source["version"], VERSION);
    }
}
