//! Tenant fleets: one file describing hundreds of AskEdgi tenants (their
//! accounts, regions, rollout waves, config overrides and parameter
//! values) turned into everything a rollout needs, at once and offline.
//!
//! The fleet is not a stack: it makes one tenant stack per tenant, each
//! byte-identical to `synth tenant <name> --config <merged config>`, and
//! around them the files that deploy them: a Customizations for AWS
//! Control Tower manifest ([`manifest`]), `deploy.sh` with its waves
//! ([`scripts`]) and each tenant's runbook.
//!
//! [`synthesize`] checks the whole file before it renders anything and
//! reports every problem at once, each with the tenant's name and the
//! field's JSON pointer in the fleet file (`check.rs`); the tenants are
//! built on every core, since each is independent of the others.

mod check;
pub mod file;
mod json_string;
pub mod manifest;
mod overrides;
mod render;
pub mod scripts;
mod stencil;

use std::sync::atomic::{AtomicUsize, Ordering};

use indexmap::IndexMap;

use crate::config::Validated;
use crate::error::StackError;
use crate::tenant::TenantConfig;
pub use file::FleetFile;

/// A fleet file that passed every check.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// The home region.
    pub region: String,
    pub stack_sets: file::OperationPreferences,
    /// In the file's order.
    pub tenants: Vec<Tenant>,
}

/// One checked tenant, with its merged config and parameters.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub name: String,
    pub account: String,
    pub regions: Vec<String>,
    pub wave: u32,
    pub config: Validated<TenantConfig>,
    /// Every value the tenant's stacks get: its own over the defaults.
    pub parameters: IndexMap<String, String>,
    /// The values the tenant itself gives (StackSets' per-account
    /// overrides).
    pub own_parameters: std::collections::BTreeMap<String, String>,
}

impl Tenant {
    /// The stack (and stack set) name, as `synth tenant` documents it.
    pub fn stack_name(&self) -> String {
        format!("askedgi-{}", self.name)
    }

    /// The template's path in the output directory.
    pub fn template_path(&self) -> String {
        format!("templates/{}.yaml", self.stack_name())
    }
}

/// Everything `synth fleet` writes, rendered in memory.
#[derive(Debug, Clone)]
pub struct Output {
    pub fleet: Fleet,
    /// Paths relative to the output directory, with their contents, in a
    /// fixed order: per tenant its template and runbook, then the
    /// manifest and the deploy script.
    pub files: Vec<OutputFile>,
    /// Said on standard error; they do not stop the fleet.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
    /// Written with the executable bit (the deploy script).
    pub executable: bool,
}

/// Told how far [`synthesize`] is, for a progress bar.
pub trait Progress: Sync {
    /// The file is read: `tenants` are about to be built.
    fn start(&self, tenants: usize);
    /// One more tenant is built and rendered.
    fn tenant_done(&self);
}

/// A [`Progress`] that shows nothing (a pipe, a test, a benchmark).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _tenants: usize) {}
    fn tenant_done(&self) {}
}

/// Checks the fleet file `text` (YAML or JSON, read from `source`) and
/// renders every file in memory.
pub fn synthesize(text: &str, source: &str, progress: &dyn Progress) -> Result<Output, StackError> {
    let fail = |problems: Vec<String>| StackError::Config {
        source: source.to_string(),
        problems,
    };
    let file = check::parse(text, source)?;
    let checker = check::Checker::new(&file)?;
    progress.start(file.tenants.len());
    // The checks across tenants need only the file: they run beside the
    // tenants rather than after them.
    let (results, mut problems) = std::thread::scope(|scope| {
        let across = scope.spawn(|| checker.across_tenants());
        let results = in_parallel(file.tenants.len(), |index| {
            let result = checker.tenant(index);
            progress.tenant_done();
            result
        });
        (results, joined(across))
    });
    let mut tenants = Vec::with_capacity(results.len());
    let mut rendered = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((tenant, files)) => {
                tenants.push(tenant);
                rendered.push(files);
            }
            Err(tenant_problems) => problems.extend(tenant_problems),
        }
    }
    if !problems.is_empty() {
        let mut said = std::collections::HashSet::new();
        problems.retain(|problem| said.insert(problem.clone()));
        return Err(fail(problems));
    }
    let fleet = Fleet {
        region: file.region.clone(),
        stack_sets: file.stack_sets.clone(),
        tenants,
    };
    let mut files = Vec::with_capacity(2 * rendered.len() + 2);
    let mut warnings = Vec::new();
    for (tenant, built) in fleet.tenants.iter().zip(rendered) {
        warnings.extend(
            built
                .warnings
                .into_iter()
                .map(|warning| format!("tenant {}: {warning}", tenant.name)),
        );
        files.push(OutputFile {
            path: tenant.template_path(),
            contents: built.template,
            executable: false,
        });
        files.push(OutputFile {
            path: format!("runbooks/{}.md", tenant.stack_name()),
            contents: built.runbook,
            executable: false,
        });
    }
    // Two independent renderings of the whole fleet, one per core.
    let (manifest, deploy) = std::thread::scope(|scope| {
        let manifest = scope.spawn(|| manifest::render(&fleet, source));
        let deploy = scripts::deploy(&fleet, source);
        (joined(manifest), deploy)
    });
    files.push(OutputFile {
        path: "manifest.yaml".to_string(),
        contents: manifest,
        executable: false,
    });
    files.push(OutputFile {
        path: "deploy.sh".to_string(),
        contents: deploy?,
        executable: true,
    });
    Ok(Output {
        fleet,
        files,
        warnings,
    })
}

/// `work(0..count)` on every core, results in index order. Tenants take
/// about the same time each, so workers take the next index as they free
/// up rather than a fixed share.
fn in_parallel<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            break done;
                        }
                        done.push((index, work(index)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(joined).collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// What a scoped thread returned; its panic is re-raised here, as if it
/// had happened on this thread.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
