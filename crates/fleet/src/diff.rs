//! `synth fleet ... --diff-against OLD_DIR`: `synth diff` of every tenant's
//! template against the one an earlier `synth fleet` wrote to `OLD_DIR`,
//! summed up per tenant and over the fleet ("3 of 300 tenants replace
//! DataBucket: acme, globex, initech"), with `synth diff`'s exit codes.
//!
//! The new templates are read from the staging directory, before it
//! replaces `--out-dir`, so `OLD_DIR` may be `--out-dir` itself.

use std::collections::BTreeMap;
use std::path::Path;

use inspect::diff::{self, Outcome, ResourceChange};
use stacks::tenant::names;

use crate::{Fleet, OUTPUT_DIRS};

/// The report, and the outcome `synth fleet` exits with.
pub struct FleetDiff {
    pub text: String,
    pub outcome: Outcome,
}

/// Compares `fleet`, whose files are in `new_dir`, with the fleet in
/// `old_dir`.
pub fn compare(old_dir: &Path, new_dir: &Path, fleet: &Fleet) -> Result<FleetDiff, String> {
    let total = fleet.tenants.len();
    let mut text = String::new();
    let mut outcome = Outcome::NoDifference;
    // (what, logical ID) -> the tenants it happens to.
    let mut groups: BTreeMap<(&'static str, String), Vec<&str>> = BTreeMap::new();
    let (mut changed, mut destructive, mut added) = (0, 0, 0);
    for tenant in &fleet.tenants {
        let path = tenant.template_path();
        let new_text = std::fs::read_to_string(new_dir.join(&path))
            .map_err(|e| format!("reading the new {path}: {e}"))?;
        let old_path = old_dir.join(&path);
        let Ok(old_text) = std::fs::read_to_string(&old_path) else {
            text.push_str(&format!("{}: new tenant\n", tenant.name));
            outcome = outcome.max_with(Outcome::Changes);
            added += 1;
            continue;
        };
        let old = inspect::read::parse(&old_text, &old_path.display().to_string())
            .map_err(|e| e.to_string())?;
        let new = inspect::read::parse(&new_text, &path).map_err(|e| e.to_string())?;
        let report = diff::diff(&old, &new);
        let tenant_outcome = report.outcome();
        outcome = outcome.max_with(tenant_outcome);
        if tenant_outcome == Outcome::NoDifference {
            continue;
        }
        changed += 1;
        if tenant_outcome == Outcome::Destructive {
            destructive += 1;
        }
        let mut parts: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for resource in &report.resources {
            let what = verb(&resource.kind);
            parts
                .entry(what)
                .or_default()
                .push(resource.logical_id.clone());
            groups
                .entry((what, resource.logical_id.clone()))
                .or_default()
                .push(&tenant.name);
        }
        let mut line: Vec<String> = parts
            .iter()
            .map(|(what, ids)| format!("{what} {}", ids.join(", ")))
            .collect();
        if !report.parameters.is_empty() || !report.outputs.is_empty() {
            line.push("parameters or outputs change".to_string());
        }
        let mark = if tenant_outcome == Outcome::Destructive {
            " [destructive]"
        } else {
            ""
        };
        text.push_str(&format!("{}: {}{mark}\n", tenant.name, line.join("; ")));
    }
    let gone = gone_tenants(old_dir, fleet)?;
    for name in &gone {
        text.push_str(&format!(
            "{name}: no longer in the fleet (deploy.sh leaves its stacks alone)\n"
        ));
        outcome = outcome.max_with(Outcome::Changes);
    }
    text.push_str(&format!(
        "fleet: {changed} of {total} tenants change ({destructive} destructively), {added} new, {} gone\n",
        gone.len()
    ));
    for ((what, logical_id), tenants) in &groups {
        text.push_str(&format!(
            "{} of {total} tenants {what} {logical_id}: {}\n",
            tenants.len(),
            tenants.join(", ")
        ));
    }
    Ok(FleetDiff { text, outcome })
}

/// How a tenant line and the fleet summary say a change.
fn verb(kind: &ResourceChange) -> &'static str {
    match kind {
        ResourceChange::Added => "add",
        ResourceChange::Removed => "remove",
        ResourceChange::RenamedTo(_) => "rename away",
        ResourceChange::RenamedFrom(_) => "rename to",
        ResourceChange::Updated => "update",
        ResourceChange::MayBeReplaced => "may replace",
        ResourceChange::Replaced => "replace",
        ResourceChange::CannotClassify => "cannot classify a change to",
    }
}

/// Tenants whose template is in `old_dir` but not in the new fleet.
fn gone_tenants(old_dir: &Path, fleet: &Fleet) -> Result<Vec<String>, String> {
    let dir = old_dir.join(OUTPUT_DIRS[0]);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("reading {}: {e}", dir.display())),
    };
    let mut gone: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let name = file
                .strip_prefix(names::STACK.prefix)?
                .strip_suffix(".yaml")?
                .to_string();
            (!fleet.tenants.iter().any(|t| t.name == name)).then_some(name)
        })
        .collect();
    gone.sort();
    Ok(gone)
}

/// Outcomes ordered by how much they say: destructive over changes over none.
trait Worst {
    fn max_with(self, other: Outcome) -> Outcome;
}

impl Worst for Outcome {
    fn max_with(self, other: Outcome) -> Outcome {
        if self.exit_code() >= other.exit_code() {
            self
        } else {
            other
        }
    }
}
