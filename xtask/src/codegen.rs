//! `cargo xtask codegen [--check]`: generate `crates/constructs/src/aws/`
//! from the schemas vendored in `schemas/aws/`.
//!
//! Like rust-analyzer's codegen, the output is committed and formatted with
//! rustfmt, and `--check` (run in CI and by a test) fails with the command to
//! run when the committed files are stale.

mod emit;
mod model;
mod naming;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{project_root, resource_types::RESOURCE_TYPES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

pub fn run(mode: Mode) -> Result<(), String> {
    let files = generate(&project_root())?;
    let out_dir = project_root().join("crates/constructs/src/aws");
    let mut stale = Vec::new();
    let existing: Vec<PathBuf> = match std::fs::read_dir(&out_dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    for path in &existing {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !files.contains_key(&name) {
            stale.push(format!("{} should not exist", path.display()));
            if mode == Mode::Write {
                std::fs::remove_file(path)
                    .map_err(|e| format!("removing {}: {e}", path.display()))?;
            }
        }
    }
    for (name, contents) in &files {
        let path = out_dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != *contents {
            stale.push(format!("{} is out of date", path.display()));
            if mode == Mode::Write {
                std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
                std::fs::write(&path, contents)
                    .map_err(|e| format!("writing {}: {e}", path.display()))?;
            }
        }
    }
    match mode {
        Mode::Check if !stale.is_empty() => Err(format!(
            "generated code is stale:\n  {}\nrun `cargo xtask codegen` and commit the result",
            stale.join("\n  ")
        )),
        Mode::Check => Ok(()),
        Mode::Write => {
            eprintln!("codegen: {} files, {} updated", files.len(), stale.len());
            Ok(())
        }
    }
}

/// File name -> formatted contents of every generated file.
fn generate(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let schemas_dir = root.join("schemas/aws");
    let getatts: BTreeMap<String, Vec<String>> = read_json(&schemas_dir.join("getatts.json"))
        .and_then(|j| serde_json::from_value(j).map_err(|e| format!("getatts.json: {e}")))?;
    let stateful: BTreeMap<String, serde_json::Value> =
        read_json(&schemas_dir.join("StatefulResources.json")).and_then(|j| {
            serde_json::from_value(j["ResourceTypes"].clone())
                .map_err(|e| format!("StatefulResources.json: {e}"))
        })?;
    let mut by_service: BTreeMap<String, Vec<model::Resource>> = BTreeMap::new();
    for type_name in RESOURCE_TYPES {
        let mut parts = type_name.split("::").skip(1);
        let (service, resource) = (parts.next().unwrap(), parts.next().unwrap());
        let path = schemas_dir.join(service).join(format!("{resource}.json"));
        let schema = read_json(&path)?;
        let attributes = getatts.get(*type_name).cloned().unwrap_or_default();
        let resource =
            model::build(&schema, &attributes).map_err(|e| format!("{type_name}: {e}"))?;
        by_service
            .entry(service.to_string())
            .or_default()
            .push(resource);
    }
    let mut files = BTreeMap::new();
    let mut modules = Vec::new();
    for (service, resources) in &by_service {
        let module = service.to_lowercase();
        let source = emit::service_module(service, resources);
        files.insert(format!("{module}.rs"), rustfmt(&source)?);
        modules.push((module, service.clone()));
    }
    let mut facts: Vec<emit::Facts> = by_service
        .values()
        .flatten()
        .map(|resource| emit::Facts {
            resource,
            stateful: stateful.contains_key(&resource.type_name),
        })
        .collect();
    facts.sort_by(|a, b| a.resource.type_name.cmp(&b.resource.type_name));
    files.insert(
        "mod.rs".to_string(),
        rustfmt(&emit::aws_module(
            &modules,
            &facts,
            &stateful.keys().collect::<Vec<_>>(),
        ))?,
    );
    Ok(files)
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "reading {}: {e} (run `cargo xtask vendor-schemas` after adding a type)",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))
}

fn rustfmt(source: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running rustfmt: {e} (rustup component add rustfmt)"))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt rejected generated code:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    /// The committed generated code matches what the vendored schemas and
    /// the generator produce today.
    #[test]
    fn generated_code_is_fresh() {
        if let Err(message) = super::run(super::Mode::Check) {
            panic!("{message}");
        }
    }
}
