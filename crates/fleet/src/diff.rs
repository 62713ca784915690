//! `synth fleet ... --diff-against OLD_DIR`: `synth diff` of every tenant's
//! template against the one an earlier `synth fleet` wrote to `OLD_DIR`,
//! summed up per tenant and over the fleet ("3 of 300 tenants replace
//! DataBucket: acme, globex, initech"), with `synth diff`'s exit codes.
//!
//! As text, one line per changed tenant and one per change across the
//! fleet. As Markdown (a pull-request comment) or HTML, per wave: the
//! tenants whose change is the same grouped on one row, each linked to
//! its own diff, which goes into the new output under `diffs/` (the
//! summary too, as `diff.md` or `diff.html`).
//!
//! The new templates are read from the staging directory, before it
//! replaces `--out-dir`, so `OLD_DIR` may be `--out-dir` itself.

use std::collections::BTreeMap;
use std::path::Path;

use inspect::diff::{self, Outcome, Report, ResourceChange};
use inspect::read::Template;
use stacks::tenant::names;

use crate::{Fleet, OUTPUT_DIRS};

/// The form of the fleet's diff report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A line per changed tenant, then a line per change across the fleet.
    Text,
    /// Per wave, tenants with the same change on one row, linked to their
    /// own `synth diff --format markdown` under `diffs/`.
    Markdown,
    /// The same as a self-contained page, linked to each tenant's
    /// `synth diff --format html` page under `diffs/`.
    Html,
}

/// The subdirectory of the output the tenants' own diffs go to.
pub const DIFFS_DIR: &str = "diffs";

/// The report, the outcome `synth fleet` exits with, and the files it
/// adds to the output (each relative to it).
pub struct FleetDiff {
    pub text: String,
    pub outcome: Outcome,
    pub files: Vec<(String, String)>,
}

/// One tenant that changed.
struct Changed<'a> {
    name: &'a str,
    stack: String,
    wave: u32,
    /// `replace DataBucket; update Queue`, or `new tenant`.
    summary: String,
    outcome: Outcome,
    /// The comparison, for the tenant's own diff; none for a new tenant.
    compared: Option<(Report, Template, Template)>,
}

/// Compares `fleet`, whose files are in `new_dir`, with the fleet in
/// `old_dir`, and reports it as `format` says.
pub fn compare(
    old_dir: &Path,
    new_dir: &Path,
    fleet: &Fleet,
    format: DiffFormat,
) -> Result<FleetDiff, String> {
    let mut changed = Vec::new();
    for tenant in &fleet.tenants {
        let path = tenant.template_path();
        let new_text = std::fs::read_to_string(new_dir.join(&path))
            .map_err(|e| format!("reading the new {path}: {e}"))?;
        let old_path = old_dir.join(&path);
        let Ok(old_text) = std::fs::read_to_string(&old_path) else {
            changed.push(Changed {
                name: &tenant.name,
                stack: tenant.stack_name(),
                wave: tenant.wave,
                summary: "new tenant".to_string(),
                outcome: Outcome::Changes,
                compared: None,
            });
            continue;
        };
        let old = inspect::read::parse(&old_text, &old_path.display().to_string())
            .map_err(|e| e.to_string())?;
        let new = inspect::read::parse(&new_text, &path).map_err(|e| e.to_string())?;
        let report = diff::diff(&old, &new);
        let outcome = report.outcome();
        if outcome == Outcome::NoDifference {
            continue;
        }
        changed.push(Changed {
            name: &tenant.name,
            stack: tenant.stack_name(),
            wave: tenant.wave,
            summary: summary(&report),
            outcome,
            compared: Some((report, old, new)),
        });
    }
    let gone = gone_tenants(old_dir, fleet)?;
    let mut outcome = Outcome::NoDifference;
    for tenant in &changed {
        outcome = outcome.max_with(tenant.outcome);
    }
    if !gone.is_empty() {
        outcome = outcome.max_with(Outcome::Changes);
    }
    let total = fleet.tenants.len();
    let counts = Counts {
        total,
        changed: changed.iter().filter(|t| t.compared.is_some()).count(),
        destructive: changed
            .iter()
            .filter(|t| t.outcome == Outcome::Destructive)
            .count(),
        added: changed.iter().filter(|t| t.compared.is_none()).count(),
        gone: gone.len(),
    };
    Ok(match format {
        DiffFormat::Text => FleetDiff {
            text: render_text(&changed, &gone, &counts),
            outcome,
            files: Vec::new(),
        },
        DiffFormat::Markdown => {
            let summary = render_markdown(&changed, &gone, &counts);
            let mut files = tenant_diffs(&changed, "md", |(report, old, new)| {
                Ok(diff::render_markdown(report, old, new))
            })?;
            files.push(("diff.md".to_string(), summary.clone()));
            FleetDiff {
                text: summary,
                outcome,
                files,
            }
        }
        DiffFormat::Html => {
            let page = render_html(&changed, &gone, &counts);
            let mut files = tenant_diffs(&changed, "html", |(report, old, new)| {
                diff::render_html(report, old, new).map_err(|e| e.to_string())
            })?;
            files.push(("diff.html".to_string(), page.clone()));
            FleetDiff {
                text: page,
                outcome,
                files,
            }
        }
    })
}

/// How many tenants the report is about.
struct Counts {
    total: usize,
    changed: usize,
    destructive: usize,
    added: usize,
    gone: usize,
}

impl Counts {
    fn headline(&self) -> String {
        format!(
            "{} of {} tenants change ({} destructively), {} new, {} gone",
            self.changed, self.total, self.destructive, self.added, self.gone
        )
    }
}

/// What a tenant's diff does, by kind: `replace DataBucket; update Queue`.
fn summary(report: &Report) -> String {
    let mut parts: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for resource in &report.resources {
        parts
            .entry(verb(&resource.kind))
            .or_default()
            .push(resource.logical_id.clone());
    }
    let mut line: Vec<String> = parts
        .iter()
        .map(|(what, ids)| format!("{what} {}", ids.join(", ")))
        .collect();
    if !report.parameters.is_empty() || !report.outputs.is_empty() {
        line.push("parameters or outputs change".to_string());
    }
    line.join("; ")
}

/// Each compared tenant's own diff, as `diffs/<stack>.<extension>`.
fn tenant_diffs(
    changed: &[Changed<'_>],
    extension: &str,
    render: impl Fn(&(Report, Template, Template)) -> Result<String, String>,
) -> Result<Vec<(String, String)>, String> {
    changed
        .iter()
        .filter_map(|tenant| {
            tenant.compared.as_ref().map(|compared| {
                Ok((
                    format!("{DIFFS_DIR}/{}.{extension}", tenant.stack),
                    render(compared)?,
                ))
            })
        })
        .collect()
}

fn render_text(changed: &[Changed<'_>], gone: &[String], counts: &Counts) -> String {
    let mut text = String::new();
    // (what, logical ID) -> the tenants it happens to.
    let mut groups: BTreeMap<(&'static str, &str), Vec<&str>> = BTreeMap::new();
    for tenant in changed {
        let Some((report, _, _)) = &tenant.compared else {
            text.push_str(&format!("{}: new tenant\n", tenant.name));
            continue;
        };
        for resource in &report.resources {
            groups
                .entry((verb(&resource.kind), &resource.logical_id))
                .or_default()
                .push(tenant.name);
        }
        let mark = if tenant.outcome == Outcome::Destructive {
            " [destructive]"
        } else {
            ""
        };
        text.push_str(&format!("{}: {}{mark}\n", tenant.name, tenant.summary));
    }
    for name in gone {
        text.push_str(&format!(
            "{name}: no longer in the fleet (deploy.sh leaves its stacks alone)\n"
        ));
    }
    text.push_str(&format!("fleet: {}\n", counts.headline()));
    for ((what, logical_id), tenants) in &groups {
        text.push_str(&format!(
            "{} of {} tenants {what} {logical_id}: {}\n",
            tenants.len(),
            counts.total,
            tenants.join(", ")
        ));
    }
    text
}

/// One row of a wave: a change and the tenants it happens to.
struct Row<'b, 'a> {
    destructive: bool,
    summary: &'b str,
    tenants: Vec<&'b Changed<'a>>,
}

/// Per wave, in order: each distinct change with the tenants it happens
/// to, destructive ones first.
fn by_wave<'b, 'a>(changed: &'b [Changed<'a>]) -> BTreeMap<u32, Vec<Row<'b, 'a>>> {
    let mut waves: BTreeMap<u32, BTreeMap<(bool, &str), Vec<&Changed<'_>>>> = BTreeMap::new();
    for tenant in changed {
        let safe = tenant.outcome != Outcome::Destructive;
        waves
            .entry(tenant.wave)
            .or_default()
            .entry((safe, tenant.summary.as_str()))
            .or_default()
            .push(tenant);
    }
    waves
        .into_iter()
        .map(|(wave, groups)| {
            let rows = groups
                .into_iter()
                .map(|((safe, summary), tenants)| Row {
                    destructive: !safe,
                    summary,
                    tenants,
                })
                .collect();
            (wave, rows)
        })
        .collect()
}

/// A tenant's name, linked to its own diff when it has one.
fn markdown_link(tenant: &Changed<'_>) -> String {
    match tenant.compared {
        Some(_) => format!("[{}]({DIFFS_DIR}/{}.md)", tenant.name, tenant.stack),
        None => tenant.name.to_string(),
    }
}

fn render_markdown(changed: &[Changed<'_>], gone: &[String], counts: &Counts) -> String {
    let mut out = format!("## synth fleet: {}\n", counts.headline());
    if changed.is_empty() && gone.is_empty() {
        out.push_str("\nNo tenant's stack changes.\n");
    }
    for (wave, rows) in by_wave(changed) {
        out.push_str(&format!(
            "\n### Wave {wave}\n\n| Tenants | Change |\n|---|---|\n"
        ));
        for Row {
            destructive,
            summary,
            tenants,
        } in rows
        {
            let names: Vec<String> = tenants.iter().map(|t| markdown_link(t)).collect();
            let mark = if destructive {
                " **(destructive)**"
            } else {
                ""
            };
            out.push_str(&format!(
                "| {} | {}{mark} |\n",
                names.join(", "),
                summary.replace('|', "\\|")
            ));
        }
    }
    if !gone.is_empty() {
        out.push_str("\n### No longer in the fleet\n\n");
        for name in gone {
            out.push_str(&format!("- {name} (deploy.sh leaves its stacks alone)\n"));
        }
    }
    out
}

fn render_html(changed: &[Changed<'_>], gone: &[String], counts: &Counts) -> String {
    let escape = inspect::escape_xml;
    let mut body = format!("<h1>synth fleet: {}</h1>\n", escape(&counts.headline()));
    if changed.is_empty() && gone.is_empty() {
        body.push_str("<p>No tenant's stack changes.</p>\n");
    }
    for (wave, rows) in by_wave(changed) {
        body.push_str(&format!(
            "<h2>Wave {wave}</h2>\n<table>\n<tr><th>Tenants</th><th>Change</th></tr>\n"
        ));
        for Row {
            destructive,
            summary,
            tenants,
        } in rows
        {
            let names: Vec<String> = tenants
                .iter()
                .map(|tenant| match tenant.compared {
                    Some(_) => format!(
                        "<a href=\"{DIFFS_DIR}/{}.html\">{}</a>",
                        escape(&tenant.stack),
                        escape(tenant.name)
                    ),
                    None => escape(tenant.name),
                })
                .collect();
            let class = if destructive {
                " class=\"destructive\""
            } else {
                ""
            };
            body.push_str(&format!(
                "<tr{class}><td>{}</td><td>{}{}</td></tr>\n",
                names.join(", "),
                escape(summary),
                if destructive { " (destructive)" } else { "" }
            ));
        }
        body.push_str("</table>\n");
    }
    if !gone.is_empty() {
        body.push_str("<h2>No longer in the fleet</h2>\n<ul>\n");
        for name in gone {
            body.push_str(&format!(
                "<li>{} (deploy.sh leaves its stacks alone)</li>\n",
                escape(name)
            ));
        }
        body.push_str("</ul>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>synth fleet diff</title>\n<style>\n\
         body {{ font-family: sans-serif; margin: 2em; }}\n\
         table {{ border-collapse: collapse; }}\n\
         th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}\n\
         tr.destructive td {{ background: {}; }}\n\
         </style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        diff::palette::SWATCHES[0].fill
    )
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
