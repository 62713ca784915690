//! Tenant fleets: one file describing hundreds of AskEdgi tenants (their
//! accounts, regions, rollout waves, config overrides and parameter
//! values) turned into everything a rollout needs, at once and offline,
//! and `synth fleet`, the command that writes it ([`FleetCommand`]),
//! which the `synth` binary registers beside its stacks.
//!
//! The fleet is not a stack: it makes one tenant stack per tenant, each
//! byte-identical to `synth tenant <name> --config <merged config>`, and
//! around them the files that deploy them: a Customizations for AWS
//! Control Tower manifest ([`manifest`]), `deploy.sh` with its waves
//! ([`scripts`]) and each tenant's runbook.
//!
//! [`synthesize`] reports every problem at once, each with the tenant's
//! name and the field's JSON pointer in the fleet file (`check.rs`). The
//! tenants are built on every core, since each is independent of the
//! others, and each tenant's files go to a [`Sink`] as soon as they are
//! rendered: a thousand tenants' 36 MB are never all in memory, and
//! writing overlaps building.

mod check;
mod command;
mod diff;
pub mod file;
mod json_string;
pub mod manifest;
mod overrides;
mod render;
pub mod scripts;
mod stencil;
mod subnets;

use std::sync::atomic::{AtomicUsize, Ordering};

use indexmap::IndexMap;

pub use command::FleetCommand;
pub use file::FleetFile;
use framework::config::Validated;
use framework::error::StackError;
use framework::FileError;
use stacks::tenant::TenantConfig;

/// A fleet file that passed every check.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// The home region.
    pub region: String,
    /// How `stacksets.sh` rolls each tenant's stack set out to its regions.
    pub stack_sets: file::OperationPreferences,
    /// In the file's order.
    pub tenants: Vec<Tenant>,
}

/// One checked tenant, with its merged config and parameters.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// The tenant name; every physical name and its stack name derive from
    /// it.
    pub name: String,
    /// The 12-digit AWS account its stacks go to.
    pub account: String,
    /// The regions of its stacks, each once.
    pub regions: Vec<String>,
    /// Its rollout wave: every tenant of a wave deploys before any of the
    /// next.
    pub wave: u32,
    /// `defaults.config` with the tenant's overrides merged in, checked.
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
        stacks::tenant::names::STACK.of(&self.name)
    }

    /// The template's path in the output directory.
    pub fn template_path(&self) -> String {
        format!("{}/{}.yaml", OUTPUT_DIRS[0], self.stack_name())
    }

    /// The runbook's path in the output directory.
    pub fn runbook_path(&self) -> String {
        format!("{}/{}.md", OUTPUT_DIRS[1], self.stack_name())
    }
}

/// What a fleet came to, besides its files (which went to the [`Sink`]).
#[derive(Debug, Clone)]
pub struct Output {
    /// The checked fleet: what `synth fleet` counts in its summary and
    /// compares with an earlier output directory.
    pub fleet: Fleet,
    /// Said on standard error; they do not stop the fleet.
    pub warnings: Vec<String>,
}

/// One file of the fleet's output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFile<'a> {
    /// Relative to the output directory, under one of [`OUTPUT_DIRS`] or
    /// at its top.
    pub path: &'a str,
    /// The file's text.
    pub contents: &'a str,
    /// Written with the executable bit (the deploy script).
    pub executable: bool,
}

/// The subdirectories files go to: per tenant, its template and runbook.
pub const OUTPUT_DIRS: &[&str] = &["templates", "runbooks"];

/// Takes each file as soon as it is rendered, from whichever thread
/// rendered it, in no particular order. A file given to a sink is final
/// only if [`synthesize`] then succeeds: on an error the sink's files are
/// to be thrown away.
pub trait Sink: Sync {
    /// Keeps `file`; an error (a full disk) stops the fleet.
    fn put(&self, file: OutputFile<'_>) -> Result<(), FileError>;
}

/// Why [`synthesize`] failed: the fleet file, or the sink.
#[derive(Debug)]
pub enum Error {
    /// Every problem of the fleet file, at once.
    Input(StackError),
    /// The first error the sink returned.
    Sink(FileError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(error) => error.fmt(f),
            Error::Sink(error) => error.fmt(f),
        }
    }
}

/// Each variant shows the error it wraps as its own message, so its
/// source is that error's source, not that error again.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Input(error) => error.source(),
            Self::Sink(error) => error.source(),
        }
    }
}

impl From<StackError> for Error {
    fn from(error: StackError) -> Self {
        Error::Input(error)
    }
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
/// renders every file into `sink`.
pub fn synthesize(
    text: &str,
    source: &str,
    progress: &dyn Progress,
    sink: &dyn Sink,
) -> Result<Output, Error> {
    let fail = |problems: Vec<String>| {
        Error::Input(StackError::Config {
            source: source.to_string(),
            problems,
        })
    };
    let file = check::parse(text, source)?;
    let checker = check::Checker::new(&file)?;
    progress.start(file.tenants.len());
    // Once the sink fails, the remaining tenants are only checked.
    let sink_error = std::sync::OnceLock::new();
    // The checks across tenants need only the file: they run beside the
    // tenants rather than after them.
    let (results, mut problems) = std::thread::scope(|scope| {
        let across = scope.spawn(|| checker.across_tenants());
        let results = in_parallel(file.tenants.len(), |index| {
            let result = checker.tenant(index).map(|(tenant, rendered)| {
                if sink_error.get().is_none() {
                    if let Err(error) = put_tenant(sink, &tenant, &rendered) {
                        let _ = sink_error.set(error);
                    }
                }
                (tenant, rendered.warnings)
            });
            progress.tenant_done();
            result
        });
        (results, joined(across))
    });
    let mut tenants = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for result in results {
        match result {
            Ok((tenant, tenant_warnings)) => {
                warnings.extend(
                    tenant_warnings
                        .into_iter()
                        .map(|warning| format!("tenant {}: {warning}", tenant.name)),
                );
                tenants.push(tenant);
            }
            Err(tenant_problems) => problems.extend(tenant_problems),
        }
    }
    if !problems.is_empty() {
        let mut said = std::collections::HashSet::new();
        problems.retain(|problem| said.insert(problem.clone()));
        return Err(fail(problems));
    }
    if let Some(error) = sink_error.into_inner() {
        return Err(Error::Sink(error));
    }
    let fleet = Fleet {
        region: file.region.clone(),
        stack_sets: file.stack_sets.clone(),
        tenants,
    };
    // Two independent renderings of the whole fleet, one per core.
    let (manifest, deploy) = std::thread::scope(|scope| {
        let manifest = scope.spawn(|| manifest::render(&fleet, source));
        let deploy = scripts::deploy(&fleet, source);
        (joined(manifest), deploy)
    });
    sink.put(OutputFile {
        path: "manifest.yaml",
        contents: &manifest,
        executable: false,
    })
    .map_err(Error::Sink)?;
    sink.put(OutputFile {
        path: "deploy.sh",
        contents: &deploy?,
        executable: true,
    })
    .map_err(Error::Sink)?;
    Ok(Output { fleet, warnings })
}

/// The tenant's template and runbook, under [`OUTPUT_DIRS`].
fn put_tenant(
    sink: &dyn Sink,
    tenant: &Tenant,
    rendered: &render::Rendered,
) -> Result<(), FileError> {
    sink.put(OutputFile {
        path: &tenant.template_path(),
        contents: &rendered.template,
        executable: false,
    })?;
    sink.put(OutputFile {
        path: &tenant.runbook_path(),
        contents: &rendered.runbook,
        executable: false,
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
