//! Every rule a fleet file must pass, each broken one reported as
//! `tenant <name>: <pointer into the fleet file>: <what is wrong>`.
//!
//! In order: the file's own schema (which includes the tenant config's, so
//! a bad field in `defaults.config` or a tenant's `config` is found where
//! it is written); per tenant, its name, regions, merged config (the tenant
//! config's schema and rules again, on the merged document, with each
//! problem traced back to the override or default that set it) and its
//! parameters against the template its config builds; across tenants,
//! duplicate names and physical names that would collide.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value;

use super::file::{FleetFile, TenantEntry};
use super::render::{Declared, Rendered, Renderer};
use super::stencil::Shape;
use super::{overrides, Tenant};
use framework::config::{self, Validated};
use framework::error::StackError;
use stacks::tenant::{names, TenantConfig, TenantName};

/// Reads and schema-checks the file; on failure, every problem.
pub fn parse(text: &str, source: &str) -> Result<FleetFile, StackError> {
    let fail = |problems: Vec<String>| StackError::Config {
        source: source.to_string(),
        problems,
    };
    let document = yaml::parse_document(text)
        .map_err(|e| fail(vec![format!("not valid YAML or JSON: {e}")]))?;
    let validator = compile(&config::schema_of::<FleetFile>()?)?;
    let problems: Vec<String> = validator
        .iter_errors(&document)
        .map(|error| {
            let (at, message) = config::schema_problem(&error);
            match tenant_named_at(&document, &at) {
                Some(name) => format!("tenant {name}: {at}: {message}"),
                None => format!("{at}: {message}"),
            }
        })
        .collect();
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    serde_json::from_value(document).map_err(|e| fail(vec![e.to_string()]))
}

fn compile(schema: &Value) -> Result<jsonschema::Validator, StackError> {
    jsonschema::validator_for(schema)
        .map_err(|e| StackError::Internal(format!("a generated schema does not compile: {e}")))
}

/// The name of the tenant whose entry holds `pointer`, when it has one.
fn tenant_named_at(document: &Value, pointer: &str) -> Option<String> {
    let index = pointer.strip_prefix("/tenants/")?.split('/').next()?;
    let name = document.pointer(&format!("/tenants/{index}/name"))?;
    Some(
        name.as_str()
            .map_or_else(|| name.to_string(), str::to_string),
    )
}

/// What the per-tenant checks share: the file, the tenant config's schema
/// compiled once for all of them, and the tenants' stencils.
pub struct Checker<'a> {
    file: &'a FleetFile,
    tenant_schema: jsonschema::Validator,
    renderer: Renderer,
    /// Whether each tenant shares its config overrides and name shape with
    /// another, so a stencil cut for it is used again; a stencil nobody
    /// reuses costs more than building the tenant in full.
    shares_stencil: Vec<bool>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a FleetFile) -> Result<Self, StackError> {
        let key = |entry: &TenantEntry| {
            let shape = TenantName::parse(&entry.name)
                .ok()
                .and_then(|name| Shape::of(&name));
            (
                serde_json::to_string(&entry.config).unwrap_or_default(),
                shape,
            )
        };
        let mut counts: HashMap<(String, Option<Shape>), usize> = HashMap::new();
        for entry in &file.tenants {
            *counts.entry(key(entry)).or_default() += 1;
        }
        let shares_stencil = file
            .tenants
            .iter()
            .map(|entry| counts[&key(entry)] > 1)
            .collect();
        Ok(Checker {
            file,
            tenant_schema: compile(&config::schema_of::<TenantConfig>()?)?,
            renderer: Renderer::new(),
            shares_stencil,
        })
    }

    /// Checks, builds and renders tenant `index`.
    pub fn tenant(&self, index: usize) -> Result<(Tenant, Rendered), Vec<String>> {
        let entry = &self.file.tenants[index];
        let mut problems = Problems::new(&entry.name, index);
        let name = TenantName::parse(&entry.name);
        if let Err(error) = &name {
            problems.at("name", &error.to_string());
        }
        for (position, region) in entry.regions.iter().enumerate() {
            if let Some(first) = entry.regions[..position].iter().position(|r| r == region) {
                problems.at(
                    &format!("regions/{position}"),
                    &format!("{region:?} is also /tenants/{index}/regions/{first}: a tenant has one stack per region"),
                );
            }
        }
        let config = self.config(entry, &mut problems);
        let (Some(config), Ok(name), true) = (config, name, problems.list.is_empty()) else {
            return Err(problems.list);
        };
        let rendering = match self
            .renderer
            .render(&name, &config, self.shares_stencil[index])
        {
            Ok(rendering) => rendering,
            Err(errors) => {
                errors.iter().for_each(|error| problems.whole(error));
                return Err(problems.list);
            }
        };
        let parameters = self.parameters(entry, &rendering.declared, &mut problems);
        let rendered = match rendering.files {
            Ok(rendered) if problems.list.is_empty() => rendered,
            Ok(_) => return Err(problems.list),
            Err(errors) => {
                errors.iter().for_each(|error| problems.whole(error));
                return Err(problems.list);
            }
        };
        let tenant = Tenant {
            name: entry.name.clone(),
            account: entry.account.clone(),
            regions: entry.regions.clone(),
            wave: entry.wave,
            config,
            parameters,
            own_parameters: entry.parameters.clone(),
        };
        Ok((tenant, rendered))
    }

    /// The merged config, checked like `synth tenant --config` checks one.
    fn config(
        &self,
        entry: &TenantEntry,
        problems: &mut Problems,
    ) -> Option<Validated<TenantConfig>> {
        let merged = Value::Object(overrides::merge(&self.file.defaults.config, &entry.config));
        let index = problems.index;
        let origin = |pointer: &str| overrides::origin(pointer, &entry.config, index);
        let schema_problems: Vec<String> = self
            .tenant_schema
            .iter_errors(&merged)
            .map(|error| format!("{}: {error}", origin(&error.instance_path().to_string())))
            .collect();
        let config = if schema_problems.is_empty() {
            match serde_json::from_value::<TenantConfig>(merged) {
                Ok(config) => Some(config),
                Err(error) => {
                    problems.whole(&format!("config: {error}"));
                    None
                }
            }
        } else {
            None
        };
        problems.extend(schema_problems);
        let config = config?;
        // The rules' problems point into the config: traced back to the
        // override or default that set the value.
        match config::check(config) {
            Ok(validated) => Some(validated),
            Err(rules) => {
                let traced = rules
                    .into_iter()
                    .map(|problem| {
                        framework::config::Problem {
                            at: origin(&problem.at),
                            ..problem
                        }
                        .to_string()
                    })
                    .collect();
                problems.extend(traced);
                None
            }
        }
    }

    /// The tenant's parameter values over the defaults, every one declared
    /// by its template and every required one given.
    fn parameters(
        &self,
        entry: &TenantEntry,
        declared: &Declared,
        problems: &mut Problems,
    ) -> IndexMap<String, String> {
        let required = &declared.required;
        let declared: Vec<&str> = declared.parameters.iter().map(String::as_str).collect();
        let defaults = &self.file.defaults.parameters;
        let unknown = |key: &String| {
            format!(
                "the tenant template declares no parameter {key:?}; it declares {}",
                declared.join(", ")
            )
        };
        for key in defaults
            .keys()
            .filter(|key| !declared.contains(&key.as_str()))
        {
            // The same for every tenant: said once, without a tenant.
            problems
                .list
                .push(format!("/defaults/parameters/{key}: {}", unknown(key)));
        }
        for key in entry.parameters.keys() {
            if !declared.contains(&key.as_str()) {
                problems.at(&format!("parameters/{key}"), &unknown(key));
            }
        }
        // In the template's order, so every tenant lists them alike.
        let mut parameters = IndexMap::new();
        for id in &declared {
            if let Some(value) = entry.parameters.get(*id).or_else(|| defaults.get(*id)) {
                parameters.insert(id.to_string(), value.clone());
            }
        }
        for required in required {
            if !parameters.contains_key(required) {
                problems.at(
                    "parameters",
                    &format!(
                        "no value for parameter {:?}, which has no default: give it here or \
                         in /defaults/parameters",
                        required
                    ),
                );
            }
        }
        parameters
    }

    /// Duplicate names, colliding physical names and overlapping subnets,
    /// over the whole file.
    pub fn across_tenants(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut first_index: HashMap<&str, usize> = HashMap::new();
        for (index, entry) in self.file.tenants.iter().enumerate() {
            let first = *first_index.entry(&entry.name).or_insert(index);
            if first != index {
                problems.push(format!(
                    "tenant {}: /tenants/{index}/name: {:?} is also the name of /tenants/{first}: \
                     tenant names must be unique (they name the stacks, stack sets and every \
                     resource)",
                    entry.name, entry.name
                ));
            }
        }
        problems.extend(collisions(&self.file.tenants, names::DERIVED_NAMES));
        problems.extend(super::subnets::overlaps(self.file));
        problems
    }
}

/// Physical names two tenants would both use in one account and region.
///
/// Tenant names are unique and every derived name is `prefix + tenant +
/// suffix`, but two kinds of the same service could still meet
/// (`a` + `-x-y` is `a-x` + `-y`); this keeps that true whatever suffixes
/// `names` adds later. IAM names are per account, the others per region.
pub(super) fn collisions(tenants: &[TenantEntry], derived: &[names::DerivedName]) -> Vec<String> {
    // Keyed by account, region (`None` for IAM's per-account names), kind
    // and name, all borrowed but the name: a thousand tenants make tens of
    // thousands of keys.
    type Key<'t> = (&'t str, Option<&'t str>, &'static str, String);
    let mut owners: HashMap<Key<'_>, (usize, &str)> =
        HashMap::with_capacity(tenants.len() * derived.len());
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, entry) in tenants.iter().enumerate() {
        // A name given twice is reported as such, not as its every name.
        if !seen.insert(entry.name.as_str()) {
            continue;
        }
        let mut regions: Vec<&str> = entry.regions.iter().map(String::as_str).collect();
        regions.dedup();
        for name in derived {
            let physical = name.of(&entry.name);
            let scopes: Vec<Option<&str>> = if name.what.starts_with("IAM") {
                vec![None]
            } else {
                regions.iter().copied().map(Some).collect()
            };
            for region in scopes {
                let key = (entry.account.as_str(), region, name.what, physical.clone());
                match owners.get(&key) {
                    Some(&(other, other_name)) if other != index => problems.push(format!(
                        "tenant {}: /tenants/{index}/name: its {} {physical:?} is also tenant \
                         {other_name}'s (/tenants/{other}) in {}",
                        entry.name,
                        name.what,
                        match region {
                            Some(region) => format!("{} {region}", entry.account),
                            None => entry.account.clone(),
                        }
                    )),
                    Some(_) => {}
                    None => {
                        owners.insert(key, (index, &entry.name));
                    }
                }
            }
        }
    }
    problems
}

/// The problems of one tenant, each prefixed with its name.
struct Problems<'a> {
    name: &'a str,
    index: usize,
    list: Vec<String>,
}

impl<'a> Problems<'a> {
    fn new(name: &'a str, index: usize) -> Self {
        Problems {
            name,
            index,
            list: Vec::new(),
        }
    }

    /// A problem at `field` of the tenant's entry.
    fn at(&mut self, field: &str, message: &str) {
        let at = format!("/tenants/{}/{field}", self.index);
        self.absolute(&at, message);
    }

    /// A problem with the tenant as a whole.
    fn whole(&mut self, message: &str) {
        let at = format!("/tenants/{}", self.index);
        self.absolute(&at, message);
    }

    fn absolute(&mut self, at: &str, message: &str) {
        self.list
            .push(format!("tenant {}: {at}: {message}", self.name));
    }

    /// Problems already written as `<pointer>: <message>`.
    fn extend(&mut self, problems: Vec<String>) {
        let name = self.name;
        self.list
            .extend(problems.into_iter().map(|p| format!("tenant {name}: {p}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, account: &str) -> TenantEntry {
        TenantEntry {
            name: name.to_string(),
            account: account.to_string(),
            regions: vec!["us-east-1".to_string()],
            wave: 1,
            config: Default::default(),
            parameters: Default::default(),
        }
    }

    const SHORT: names::DerivedName = names::DerivedName {
        what: "SQS queue name",
        prefix: "",
        suffix: "-y",
        max_len: 80,
    };
    const LONG: names::DerivedName = names::DerivedName {
        what: "SQS queue name",
        prefix: "",
        suffix: "-x-y",
        max_len: 80,
    };

    #[test]
    fn derived_names_that_meet_collide_in_one_account_and_region() {
        let tenants = [entry("a", "111111111111"), entry("a-x", "111111111111")];
        let problems = collisions(&tenants, &[LONG, SHORT]);
        assert_eq!(
            problems,
            [
                "tenant a-x: /tenants/1/name: its SQS queue name \"a-x-y\" is also tenant a's \
              (/tenants/0) in 111111111111 us-east-1"
            ]
        );
        let apart = [entry("a", "111111111111"), entry("a-x", "222222222222")];
        assert!(collisions(&apart, &[LONG, SHORT]).is_empty());
    }

    #[test]
    fn the_tenant_stacks_names_never_collide() {
        let tenants = [
            entry("acme", "111111111111"),
            entry("acme-data", "111111111111"),
        ];
        assert!(collisions(&tenants, names::DERIVED_NAMES).is_empty());
    }
}
