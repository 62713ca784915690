//! What `synth import` tells the person who ran it, on standard error:
//! what was imported, what went through the escape hatch, which values
//! were normalised, what needs their attention, and what to run next.

use std::fmt::Write;

/// The kind of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// Something a person should look at: a hard-coded account ID, a
    /// plain-text secret.
    Attention,
    /// Written through `constructs::untyped`.
    Untyped,
    /// A value the model spells differently, written in its typed form
    /// (`"10"` → `10`).
    Normalised,
    /// A logical ID whose binding is not its plain snake case.
    Renamed,
}

/// One remark about one place of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What sort of remark it is.
    pub kind: NoteKind,
    /// `Resources.Queue.Properties.DelaySeconds`.
    pub location: String,
    /// The remark.
    pub text: String,
}

/// What one template became.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The template's label (its path, or `standard input`).
    pub label: String,
    /// The stack's verb, which is also its module's file name.
    pub verb: String,
    /// Its module's name (`src/<module>.rs`).
    pub module: String,
    /// How many resources it has.
    pub resources: usize,
    /// Everything worth a remark, in template order.
    pub notes: Vec<Note>,
}

/// How many notes of a kind are listed before the rest are counted.
const SHOWN_PER_KIND: usize = 20;

/// The report for `imported` into `dir`.
pub fn render(imported: &[Imported], dir: &str) -> String {
    let mut out = String::new();
    let total: usize = imported.iter().map(|i| i.resources).sum();
    let _ = writeln!(
        out,
        "imported {} template{} ({total} resources) into {dir}:",
        imported.len(),
        if imported.len() == 1 { "" } else { "s" },
    );
    for item in imported {
        let _ = writeln!(
            out,
            "  {} → src/{}.rs, stack `{}`: {} resources",
            item.label, item.module, item.verb, item.resources
        );
    }
    for (kind, heading) in [
        (NoteKind::Attention, "needs a person's attention"),
        (
            NoteKind::Untyped,
            "written through the escape hatch (constructs::untyped)",
        ),
        (
            NoteKind::Normalised,
            "normalised to the typed form (CloudFormation reads both alike)",
        ),
        (
            NoteKind::Renamed,
            "renamed bindings (the logical IDs are kept)",
        ),
    ] {
        let notes: Vec<(&str, &Note)> = imported
            .iter()
            .flat_map(|i| i.notes.iter().map(move |n| (i.label.as_str(), n)))
            .filter(|(_, n)| n.kind == kind)
            .collect();
        if notes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}: {}", notes.len());
        for (label, note) in notes.iter().take(SHOWN_PER_KIND) {
            let _ = writeln!(out, "  {label}: {}: {}", note.location, note.text);
        }
        if notes.len() > SHOWN_PER_KIND {
            let _ = writeln!(out, "  … and {} more", notes.len() - SHOWN_PER_KIND);
        }
    }
    let _ = writeln!(out, "try:");
    for item in imported {
        let _ = writeln!(
            out,
            "  cargo run --manifest-path {dir}/Cargo.toml -- {} > {}.yaml",
            item.verb, item.verb
        );
    }
    if let Some(item) = imported.first() {
        let _ = writeln!(
            out,
            "  synth diff {} {}.yaml   # exits 0: nothing changes on the first deploy",
            item.label, item.verb
        );
    }
    out
}
