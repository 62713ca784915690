//! What updating a stack from one template to another does: which
//! resources are added, removed, updated in place or replaced (and why),
//! what that costs in data or failed updates, probable renames, and
//! security changes. Offline: the two templates and the vendored schemas
//! are all it reads.
//!
//! [`diff`] builds a [`Report`]; `render_text` and `render_json` show it.
//! The modules follow the steps: `value` (equivalence of two values),
//! `replacement` (one resource's classification), propagation (here: a
//! replaced resource changes every `Ref`/`GetAtt` of it, which can replace
//! more), `grade` (data and failure), `rename`, `security`, `sections`.

mod grade;
pub mod palette;
mod rename;
mod render_html;
mod render_json;
mod render_markdown;
mod render_sarif;
mod render_text;
mod replacement;
mod sections;
mod security;
mod show;
mod value;

use std::collections::BTreeMap;

use constructs::{is_stateful, resource_facts};
use serde_json::Value;

use crate::read::Template;

pub use grade::{DataFate, Grade, Policy};
pub use rename::{refactor_mappings, Rename};
pub use render_html::render_html;
pub use render_json::render_json;
pub use render_markdown::{render_markdown, MAX_COMMENT_CHARS};
pub use render_sarif::{render_sarif, RULES as SARIF_RULES};
pub use render_text::render_text;
pub use replacement::{Action, Cause, CauseKind, Effect, PropertyChange};
pub use sections::{Change, Entry, RemovedExport};
pub use security::{Rule, Statement, Table};
pub use value::{Known, Verdict};

use value::{Context, Replacement};

/// Everything the diff found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The old template's label: its path, or `standard input`.
    pub old_label: String,
    /// The new template's label.
    pub new_label: String,
    /// Every resource that is not unchanged, in logical ID order.
    pub resources: Vec<ResourceReport>,
    /// Removed and added resources that are probably one resource renamed.
    pub renames: Vec<Rename>,
    /// IAM statements the change adds and removes.
    pub iam: Table<Statement>,
    /// Security group rules the change adds and removes.
    pub security_groups: Table<Rule>,
    /// Parameters added, removed or changed.
    pub parameters: Vec<Entry>,
    /// Outputs added, removed or changed.
    pub outputs: Vec<Entry>,
    /// Exports the new template no longer has: the update fails while another stack imports one.
    pub removed_exports: Vec<RemovedExport>,
    /// Other sections that changed (`Conditions`, `Mappings`, ...).
    pub other_sections: Vec<String>,
}

/// What happens to one resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceReport {
    /// The resource's logical ID.
    pub logical_id: String,
    /// The new type (the old one for a removal).
    pub type_name: String,
    /// The old type, when the change replaces it with another.
    pub old_type: Option<String>,
    /// What happens to it.
    pub kind: ResourceChange,
    /// Every changed value, at its deepest path both sides share.
    pub changes: Vec<PropertyChange>,
    /// Why it is (or may be) replaced.
    pub causes: Vec<Cause>,
    /// For a replacement, a removal or a probable rename: its cost.
    pub grade: Option<Grade>,
    /// Whether the type holds data.
    pub stateful: bool,
}

/// The kinds of resource change a report lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceChange {
    /// Only in the new template: created.
    Added,
    /// Only in the old template: deleted, as its `DeletionPolicy` says.
    Removed,
    /// Removed here and added as `to`: a probable rename.
    RenamedTo(String),
    /// Added here, removed as `from`.
    RenamedFrom(String),
    /// Changed in place: the physical resource stays.
    Updated,
    /// Changed in a way that replaces it for some values: which, only a deployment knows.
    MayBeReplaced,
    /// Changed in a way that replaces it: a new physical resource, the old one deleted or kept as its `UpdateReplacePolicy` says.
    Replaced,
    /// Changed, but its type is in no spec: neither called in place nor guessed.
    CannotClassify,
}

impl ResourceReport {
    /// Whether this change destroys data or fails the update. A possible
    /// replacement is not: its grade says what would happen, and exit code
    /// 3 is kept for what will.
    pub fn destructive(&self) -> bool {
        self.kind != ResourceChange::MayBeReplaced
            && self.grade.as_ref().is_some_and(Grade::destructive)
    }

    /// Whether this change may be a replacement that destroys data or
    /// fails the update: what the summary must not call safe.
    pub fn may_destroy(&self) -> bool {
        self.kind == ResourceChange::MayBeReplaced
            && self.grade.as_ref().is_some_and(Grade::destructive)
    }

    /// The replacement causes with their chains: for a cause reached
    /// through a replaced resource, that resource, then the one that
    /// replaced it, and so on, to a direct cause.
    pub fn chain(&self, cause: &Cause, report: &Report) -> Vec<String> {
        let mut chain = Vec::new();
        let mut via = cause.via.clone();
        while let Some(id) = via {
            if chain.contains(&id) {
                break;
            }
            chain.push(id.clone());
            via = report
                .resource(&id)
                .and_then(|r| r.causes.iter().find(|c| c.certain()).or(r.causes.first()))
                .and_then(|c| c.via.clone());
        }
        chain
    }
}

/// How `synth diff` exits: what a pipeline branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: the templates are the same to CloudFormation.
    NoDifference,
    /// 2: differences that replace nothing that holds data and fail nothing.
    Changes,
    /// 3: data lost, snapshotted or orphaned by a replacement or removal, or
    /// an update that will fail.
    Destructive,
}

impl Outcome {
    /// The process exit code (1 is an error, never an outcome).
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::NoDifference => 0,
            Outcome::Changes => 2,
            Outcome::Destructive => 3,
        }
    }

    /// The name the JSON report uses.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NoDifference => "no-difference",
            Outcome::Changes => "changes",
            Outcome::Destructive => "destructive",
        }
    }
}

impl Report {
    /// The resource entry for `logical_id`, if it changed.
    pub fn resource(&self, logical_id: &str) -> Option<&ResourceReport> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// The outcome: destructive when any change is, otherwise whether
    /// anything differs at all.
    pub fn outcome(&self) -> Outcome {
        if self.resources.iter().any(ResourceReport::destructive) {
            Outcome::Destructive
        } else if self.resources.is_empty()
            && self.parameters.is_empty()
            && self.outputs.is_empty()
            && self.other_sections.is_empty()
        {
            Outcome::NoDifference
        } else {
            Outcome::Changes
        }
    }
}

/// Compares the template deployed (`old`) with the one about to be (`new`).
pub fn diff(old: &Template, new: &Template) -> Report {
    diff_with(old, new, &Known::default())
}

/// [`diff`], reading what `known` gives (parameter values, the account,
/// region and partition) as literals, so fewer values are unknown.
pub fn diff_with(old: &Template, new: &Template, known: &Known) -> Report {
    let (a, b) = (&old.body, &new.body);
    let (old_resources, new_resources) = (old.resources(), new.resources());
    let mut context = Context::with_known(a, b, known);

    // Propagation: classify, mark what is replaced, then classify again
    // the resources that refer to a resource whose mark changed, until no
    // mark changes. Marks only grow, so this ends within one round per
    // resource. A resource written the same on both sides is unchanged
    // until something it refers to is replaced.
    let both: Vec<&String> = old_resources
        .keys()
        .filter(|id| new_resources.contains_key(*id))
        .collect();
    let refers_to: BTreeMap<&String, Vec<String>> = both
        .iter()
        .map(|id| (*id, value::references(&new_resources[*id])))
        .collect();
    let classify = |id: &String, context: &Context| {
        let (x, y) = (&old_resources[id], &new_resources[id]);
        let facts = y["Type"].as_str().and_then(resource_facts);
        replacement::classify(x, y, facts, context)
    };
    let mut classified: BTreeMap<String, replacement::Classified> = BTreeMap::new();
    let mut pending: Vec<&String> = both
        .iter()
        .copied()
        .filter(|id| old_resources[*id] != new_resources[*id])
        .collect();
    while !pending.is_empty() {
        for id in &pending {
            classified.insert(id.to_string(), classify(id, &context));
        }
        let replaced: BTreeMap<String, Replacement> = classified
            .iter()
            .filter_map(|(id, c)| match c.action {
                Action::Replace => Some((id.clone(), Replacement::Certain)),
                Action::MayReplace => Some((id.clone(), Replacement::Possible)),
                _ => None,
            })
            .collect();
        let moved: Vec<&String> = replaced
            .iter()
            .filter(|(id, mark)| context.replaced.get(*id) != Some(*mark))
            .map(|(id, _)| id)
            .collect();
        pending = both
            .iter()
            .copied()
            .filter(|id| refers_to[*id].iter().any(|r| moved.contains(&r)))
            .collect();
        context.replaced = replaced;
    }

    let type_of = |r: &Value| r["Type"].as_str().unwrap_or_default().to_string();
    let removed: Vec<(&str, &Value)> = old_resources
        .iter()
        .filter(|(id, _)| !new_resources.contains_key(*id))
        .map(|(id, r)| (id.as_str(), r))
        .collect();
    let added: Vec<(&str, &Value)> = new_resources
        .iter()
        .filter(|(id, _)| !old_resources.contains_key(*id))
        .map(|(id, r)| (id.as_str(), r))
        .collect();
    let renames = rename::probable_renames(&removed, &added, &context);

    let mut resources = Vec::new();
    for (id, definition) in &removed {
        let type_name = type_of(definition);
        let rename = renames.iter().find(|r| r.from == *id);
        let stateful = is_stateful(&type_name);
        // A rename is, to CloudFormation, this removal and an addition.
        let data = stateful.then(|| grade::data_fate(definition, &type_name, grade::Loss::Removal));
        let fails = rename.and_then(|r| {
            let facts = resource_facts(&type_name)?;
            grade::fixed_name(
                definition,
                &new_resources[&r.to],
                facts.name_property,
                &context,
            )
        });
        resources.push(ResourceReport {
            logical_id: id.to_string(),
            type_name,
            old_type: None,
            kind: match rename {
                Some(r) => ResourceChange::RenamedTo(r.to.clone()),
                None => ResourceChange::Removed,
            },
            changes: Vec::new(),
            causes: Vec::new(),
            grade: Some(Grade { data, fails }),
            stateful,
        });
    }
    for (id, definition) in &added {
        let type_name = type_of(definition);
        let stateful = is_stateful(&type_name);
        resources.push(ResourceReport {
            logical_id: id.to_string(),
            kind: match renames.iter().find(|r| r.to == *id) {
                Some(r) => ResourceChange::RenamedFrom(r.from.clone()),
                None => ResourceChange::Added,
            },
            type_name,
            old_type: None,
            changes: Vec::new(),
            causes: Vec::new(),
            grade: None,
            stateful,
        });
    }
    for (id, c) in classified {
        if c.action == Action::Unchanged {
            continue;
        }
        let (x, y) = (&old_resources[&id], &new_resources[&id]);
        let (old_type, type_name) = (type_of(x), type_of(y));
        let stateful = is_stateful(&old_type);
        let grade = match c.action {
            Action::Replace | Action::MayReplace => {
                let data =
                    stateful.then(|| grade::data_fate(y, &old_type, grade::Loss::Replacement));
                let type_changed = old_type != type_name;
                let fails = (c.action == Action::Replace && !type_changed)
                    .then(|| resource_facts(&type_name).and_then(|f| f.name_property))
                    .flatten()
                    .and_then(|name| grade::fixed_name(x, y, Some(name), &context));
                Some(Grade { data, fails })
            }
            _ => None,
        };
        resources.push(ResourceReport {
            logical_id: id.clone(),
            old_type: (old_type != type_name).then_some(old_type),
            type_name,
            kind: match c.action {
                Action::Replace => ResourceChange::Replaced,
                Action::MayReplace => ResourceChange::MayBeReplaced,
                Action::CannotClassify => ResourceChange::CannotClassify,
                _ => ResourceChange::Updated,
            },
            changes: c.changes,
            causes: c.causes,
            grade,
            stateful,
        });
    }
    resources.sort_by(|p, q| p.logical_id.cmp(&q.logical_id));

    Report {
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        resources,
        renames,
        iam: security::iam_changes(a, b),
        security_groups: security::security_group_changes(a, b),
        parameters: sections::entries(a, b, "Parameters", &context),
        outputs: sections::entries(a, b, "Outputs", &context),
        removed_exports: sections::removed_exports(a, b),
        other_sections: sections::other_sections(a, b, &context),
    }
}

#[cfg(test)]
mod tests;
