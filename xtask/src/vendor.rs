//! `cargo xtask vendor-schemas`: copy AWS resource provider schemas out of
//! the installed cfn-lint into `schemas/aws/`, with cfn-lint's list of
//! `GetAtt` attributes and of the types that hold data
//! (`StatefulResources.json`), which codegen turns into `RESOURCE_FACTS`.
//!
//! This is the only step of code generation that needs Python; everything
//! downstream reads the vendored JSON files.

use std::process::Command;

use crate::{project_root, resource_types::RESOURCE_TYPES};

const SCRIPT: &str = include_str!("vendor_schemas.py");

pub fn run() -> Result<(), String> {
    let out_dir = project_root().join("schemas/aws");
    if out_dir.exists() {
        std::fs::remove_dir_all(&out_dir)
            .map_err(|e| format!("removing {}: {e}", out_dir.display()))?;
    }
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    let status = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&out_dir)
        .args(RESOURCE_TYPES)
        .status()
        .map_err(|e| {
            format!("running python3: {e} (install Python 3 and `pip install cfn-lint`)")
        })?;
    if !status.success() {
        return Err(format!(
            "the vendoring script failed ({status}); is cfn-lint installed?"
        ));
    }
    eprintln!(
        "vendored {} schemas into {}; now run `cargo xtask codegen`",
        RESOURCE_TYPES.len(),
        out_dir.display()
    );
    Ok(())
}
