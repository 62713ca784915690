//! The fleet part of `cargo xtask deploy-test`: two tenants in two waves,
//! written by `synth fleet` and deployed through the generated
//! `deploy.sh` against moto (the script's `aws` reads moto's address from
//! `AWS_ENDPOINT_URL`), then deleted.
//!
//! Both tenants use the tenant example's prerequisites (security groups
//! and a file system in the default VPC); the second one's subnets sit in
//! the same zones, so it declares the file system's mount targets as
//! existing, as a second tenant of a shared file system must.

use std::path::Path;
use std::process::{Command, Stdio};

use super::{timed, Example, MotoServer, Parameters};
use crate::project_root;

/// moto's account: `deploy.sh` checks the credentials are the tenant's.
const ACCOUNT: &str = "123456789012";
/// The example whose prerequisites the fleet's tenants use.
const TENANT_EXAMPLE: &str = "tenant-acme";
const TENANTS: [&str; 2] = ["fleet-one", "fleet-two"];

pub(super) fn test(
    server: &MotoServer,
    examples: &[Example],
    work_dir: &Path,
) -> Result<(), String> {
    println!("fleet (two tenants through deploy.sh)");
    let example = examples
        .iter()
        .find(|example| example.name == TENANT_EXAMPLE)
        .ok_or_else(|| format!("no example {TENANT_EXAMPLE} to take the prerequisites from"))?;
    let prerequisites = example
        .prerequisites
        .as_ref()
        .ok_or_else(|| format!("example {TENANT_EXAMPLE} has no prerequisites"))?;
    server.reset()?;
    let mut outputs = Parameters::new();
    timed("prerequisites", || {
        outputs = server.create_with_outputs("fleet-prerequisites", prerequisites)?;
        Ok(())
    })?;
    let vpc = server.default_vpc_id()?;
    let fleet_file = work_dir.join("fleet.yaml");
    std::fs::write(&fleet_file, fleet(&vpc, &outputs)?)
        .map_err(|e| format!("writing {}: {e}", fleet_file.display()))?;
    let out_dir = work_dir.join("fleet");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--package", "synth", "--", "fleet"])
        .arg(&fleet_file)
        .arg("--out-dir")
        .arg(&out_dir)
        .current_dir(project_root())
        .status()
        .map_err(|e| format!("starting cargo to run synth: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`synth fleet {}` failed ({status})",
            fleet_file.display()
        ));
    }
    timed("deploy.sh", || {
        let output = Command::new("bash")
            .arg(out_dir.join("deploy.sh"))
            .args(["--max-parallel", "2"])
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_SESSION_TOKEN", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env(
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", server.port),
            )
            .env_remove("AWS_PROFILE")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("starting bash: {e}"))?;
        let printed = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(server.failure(&format!(
                "deploy.sh failed ({}):\n{printed}{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        // Wave order: every stack of wave 1 reported before wave 2 starts.
        let one = printed.find("ok      fleet-one");
        let wave_two = printed.find("== wave 2");
        if !(one.is_some() && wave_two.is_some() && one < wave_two) {
            return Err(format!(
                "deploy.sh did not deploy in wave order:\n{printed}"
            ));
        }
        Ok(())
    })?;
    for tenant in TENANTS {
        let stack = format!("askedgi-{tenant}");
        server.expect_status(&stack, "CREATE_COMPLETE")?;
    }
    timed("delete", || {
        for tenant in TENANTS.iter().rev() {
            server.delete(&format!("askedgi-{tenant}"))?;
        }
        server.delete("fleet-prerequisites")
    })
}

/// The fleet file: the two tenants in the default VPC, one wave each.
fn fleet(vpc: &str, outputs: &Parameters) -> Result<String, String> {
    let output = |name: &str| {
        outputs
            .get(name)
            .cloned()
            .ok_or_else(|| format!("the prerequisites stack has no output {name}"))
    };
    let shared = format!(
        "      VpcId: {vpc}\n      ElasticsearchSecurityGroupId: {}\n      \
         RdsSecurityGroupId: {}\n      EfsSecurityGroupId: {}\n      EfsFileSystemId: {}\n",
        output("ElasticsearchSecurityGroupId")?,
        output("RdsSecurityGroupId")?,
        output("EfsSecurityGroupId")?,
        output("EfsFileSystemId")?,
    );
    let mut text = format!(
        "region: us-east-1\ndefaults:\n  parameters:\n    VpcCidr: 172.31.0.0/16\n    \
         ContainerImage: {ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/askedgi/edgi-data-service:8.1.0\n\
         tenants:\n"
    );
    for (index, tenant) in TENANTS.iter().enumerate() {
        let config = if index == 0 {
            "{allowDeleteResources: true}"
        } else {
            "{allowDeleteResources: true, efsMountTargetsExist: true}"
        };
        text.push_str(&format!(
            "  - name: {tenant}\n    account: \"{ACCOUNT}\"\n    regions: [us-east-1]\n    \
             wave: {wave}\n    config: {config}\n    parameters:\n{shared}      \
             PrivateSubnetACidr: 172.31.{a}.0/24\n      PrivateSubnetBCidr: 172.31.{b}.0/24\n      \
             DatabaseSecretName: ovaledge/{tenant}/database\n      \
             OvalEdgeUrl: https://{tenant}.ovaledge.example.com\n",
            wave = index + 1,
            a = 96 + 2 * index,
            b = 97 + 2 * index,
        ));
    }
    Ok(text)
}
