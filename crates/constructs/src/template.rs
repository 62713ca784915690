//! The template: the one place resources, parameters, conditions, mappings
//! and outputs are added, and the only maker of handles to them.

use std::fmt;

use indexmap::IndexMap;

use crate::condition::{Condition, ConditionHandle};
use crate::error::Error;
use crate::json::Json;
use crate::limits;
use crate::logical_id::LogicalId;
use crate::mapping::{Mapping, MappingHandle};
use crate::node::{Node, Text, ToNode};
use crate::output::Output;
use crate::parameter::{Parameter, ParameterHandle, ParameterSpec};
use crate::render::{self, Format};
use crate::resource::{Attributes, Handle, Resource, ResourceType, StoredResource};
use crate::rule::Rule;
use crate::untyped::Untyped;
use crate::validate::{self, Names};

/// The template format version; the only one CloudFormation defines.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// A CloudFormation template under construction.
#[derive(Debug, Default)]
pub struct Template {
    description: Option<String>,
    metadata: IndexMap<String, Json>,
    parameters: IndexMap<LogicalId, ParameterSpec>,
    rules: IndexMap<LogicalId, Rule>,
    mappings: IndexMap<LogicalId, Mapping>,
    conditions: IndexMap<LogicalId, Condition>,
    resources: IndexMap<LogicalId, StoredEntry>,
    outputs: IndexMap<LogicalId, Output>,
}

struct StoredEntry {
    resource: Box<dyn StoredResource>,
    attributes: Attributes,
}

/// A resource shows as its type, not its properties (render the template
/// to see those): a `Debug` that reached every property would compile the
/// `Debug` of every resource type a stack adds into that stack's crate,
/// about 8% of a stack crate's code, for output nobody reads.
impl fmt::Debug for StoredEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredEntry")
            .field("type", &self.resource.type_name())
            .field("attributes", &self.attributes)
            .finish()
    }
}

/// A rendered template and what the caller should tell the user about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synthesized {
    /// The template in the format asked for, ready to write to a file or
    /// pass to a deploy.
    pub body: String,
    /// Non-fatal findings, e.g. a body too large to deploy inline.
    pub warnings: Vec<String>,
}

/// Every problem that stops a template from being rendered, all at once so
/// a user fixes them in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthesisError {
    /// The problems, in the order they were found (at least one when
    /// [`Template::synthesize`] returns them).
    pub errors: Vec<Error>,
}

impl fmt::Display for SynthesisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SynthesisError {}

impl Template {
    /// An empty template; `description` is its `Description`, shown beside
    /// the stack in the console.
    pub fn new(description: &str) -> Self {
        Template {
            description: Some(description.to_string()),
            ..Template::default()
        }
    }

    /// Adds `key` to the template's top-level `Metadata`, for tools and
    /// people reading the template; a later value for the same key wins.
    pub fn add_metadata(&mut self, key: &str, value: impl Into<Json>) {
        self.metadata.insert(key.to_string(), value.into());
    }

    /// Adds a resource and returns its handle. Parameters and resources
    /// share one namespace, as `!Ref` does.
    pub fn add<R: ResourceType>(&mut self, resource: Resource<R>) -> Result<Handle<R>, Error> {
        self.add_stored(resource)
    }

    /// Adds a resource of a type no spec has (`Custom::*`, a registry
    /// extension); see [`crate::untyped`].
    pub fn add_untyped(&mut self, resource: Resource<Untyped>) -> Result<Handle<Untyped>, Error> {
        self.add_stored(resource)
    }

    fn add_stored<R: StoredResource + 'static>(
        &mut self,
        resource: Resource<R>,
    ) -> Result<Handle<R>, Error> {
        let id = self.claim_ref_id(&resource.id, "Resources")?;
        self.resources.insert(
            id.clone(),
            StoredEntry {
                resource: Box::new(resource.properties),
                attributes: resource.attributes,
            },
        );
        Ok(Handle::new(id))
    }

    /// Adds a parameter and returns its handle. Fails on a bad ID, one
    /// taken by a parameter or resource, or a `NoEcho` parameter with a
    /// default.
    pub fn add_parameter<T>(
        &mut self,
        parameter: Parameter<T>,
    ) -> Result<ParameterHandle<T>, Error> {
        if parameter.spec.no_echo && parameter.spec.default.is_some() {
            // NoEcho hides the value in the console and the API, but a
            // default is written in the template body for anyone to read.
            return Err(Error::InvalidParameter {
                id: parameter.id,
                reason: "a NoEcho parameter must not have a Default: the template body shows it",
            });
        }
        let id = self.claim_ref_id(&parameter.id, "Parameters")?;
        self.parameters.insert(id.clone(), parameter.spec);
        Ok(ParameterHandle::new(id))
    }

    /// Adds a named condition and returns its handle. Fails on a bad or
    /// taken ID, and when an `Fn::And` or `Fn::Or` in it has fewer than 2
    /// or more than 10 operands.
    pub fn add_condition(
        &mut self,
        id: &str,
        condition: Condition,
    ) -> Result<ConditionHandle, Error> {
        let id = claim(&self.conditions, id, "Conditions")?;
        if let Some(reason) = condition.arity_error() {
            return Err(Error::InvalidCondition {
                id: id.to_string(),
                reason,
            });
        }
        self.conditions.insert(id.clone(), condition);
        Ok(ConditionHandle::new(id))
    }

    /// Adds a rule, checked by CloudFormation before anything is created.
    pub fn add_rule(&mut self, id: &str, rule: Rule) -> Result<(), Error> {
        let id = claim(&self.rules, id, "Rules")?;
        let reason = if rule.is_empty() {
            Some("a rule needs at least one assertion".to_string())
        } else {
            rule.conditions().find_map(Condition::arity_error)
        };
        if let Some(reason) = reason {
            return Err(Error::InvalidRule {
                id: id.to_string(),
                reason,
            });
        }
        self.rules.insert(id, rule);
        Ok(())
    }

    /// Adds a mapping and returns its handle, for
    /// [`fns::find_in_map`](crate::fns::find_in_map).
    pub fn add_mapping(&mut self, id: &str, mapping: Mapping) -> Result<MappingHandle, Error> {
        let id = claim(&self.mappings, id, "Mappings")?;
        self.mappings.insert(id.clone(), mapping);
        Ok(MappingHandle::new(id))
    }

    /// Adds an output; outputs are only read from outside the stack, so
    /// there is no handle.
    pub fn add_output(&mut self, output: Output) -> Result<(), Error> {
        let id = claim(&self.outputs, &output.id, "Outputs")?;
        self.outputs.insert(id, output);
        Ok(())
    }

    /// The properties of a resource added to this template, typed.
    pub fn get<R: ResourceType>(&self, handle: &Handle<R>) -> Option<&R> {
        self.resources
            .get(handle.logical_id())
            .and_then(|entry| entry.resource.as_any().downcast_ref())
    }

    /// Change a resource after adding it, e.g. to wire two resources that
    /// refer to each other.
    pub fn get_mut<R: ResourceType>(&mut self, handle: &Handle<R>) -> Option<&mut R> {
        self.resources
            .get_mut(handle.logical_id())
            .and_then(|entry| entry.resource.as_any_mut().downcast_mut())
    }

    /// The resource attributes (DependsOn, DeletionPolicy, ...) of a resource.
    pub fn attributes<R>(&self, handle: &Handle<R>) -> Option<&Attributes> {
        self.resources
            .get(handle.logical_id())
            .map(|entry| &entry.attributes)
    }

    /// Logical ID and type of every resource, in template order.
    pub fn resource_types(&self) -> impl Iterator<Item = (&LogicalId, &'static str)> {
        self.resources
            .iter()
            .map(|(id, entry)| (id, entry.resource.type_name()))
    }

    /// The logical ID of every output, in template order.
    pub fn output_ids(&self) -> impl Iterator<Item = &LogicalId> {
        self.outputs.keys()
    }

    /// The logical ID of every parameter, in template order.
    pub fn parameter_ids(&self) -> impl Iterator<Item = &LogicalId> {
        self.parameters.keys()
    }

    /// The parameters a deploy must give a value: those without a default.
    pub fn required_parameter_ids(&self) -> impl Iterator<Item = &LogicalId> {
        self.parameters
            .iter()
            .filter(|(_, spec)| spec.default.is_none())
            .map(|(id, _)| id)
    }

    /// Checks references and limits, then renders the template.
    pub fn synthesize(&self, format: Format) -> Result<Synthesized, SynthesisError> {
        // Lowered once: the checks walk the same tree the renderer prints.
        let tree = self.to_node();
        let mut errors = self.check_references(&tree);
        errors.extend(limits::check_counts(
            self.resources.len(),
            self.parameters.len(),
            self.outputs.len(),
            self.mappings.len(),
        ));
        if !errors.is_empty() {
            return Err(SynthesisError { errors });
        }
        let body = render::render(&tree, format);
        let warnings = limits::check_body(&body).map_err(|error| SynthesisError {
            errors: vec![error],
        })?;
        Ok(Synthesized { body, warnings })
    }

    /// The whole template as a tree, in CloudFormation's conventional
    /// section order.
    pub fn to_node(&self) -> Node {
        let mut sections = vec![(
            "AWSTemplateFormatVersion".into(),
            Node::Str(FORMAT_VERSION.into()),
        )];
        if let Some(description) = &self.description {
            sections.push(("Description".into(), Node::Str(description.clone().into())));
        }
        let mut section = |name: &'static str, entries: Vec<(Text, Node)>| {
            if !entries.is_empty() {
                sections.push((name.into(), Node::Map(entries)));
            }
        };
        section("Metadata", entries(&self.metadata));
        section("Parameters", entries(&self.parameters));
        section("Rules", entries(&self.rules));
        section("Mappings", entries(&self.mappings));
        section("Conditions", entries(&self.conditions));
        section(
            "Resources",
            self.resources
                .iter()
                .map(|(id, entry)| (id.to_string().into(), entry.to_node()))
                .collect(),
        );
        section("Outputs", entries(&self.outputs));
        Node::Map(sections)
    }

    fn claim_ref_id(&self, id: &str, section: &'static str) -> Result<LogicalId, Error> {
        let id = LogicalId::new(id)?;
        if self.resources.contains_key(&id) || self.parameters.contains_key(&id) {
            return Err(Error::DuplicateId {
                section,
                id: id.to_string(),
            });
        }
        Ok(id)
    }

    /// Every dangling reference; `tree` is [`Template::to_node`]'s.
    fn check_references(&self, tree: &Node) -> Vec<Error> {
        let names = Names {
            refs: self
                .parameters
                .keys()
                .chain(self.resources.keys())
                .map(LogicalId::as_str)
                .collect(),
            resources: self.resources.keys().map(LogicalId::as_str).collect(),
            conditions: self.conditions.keys().map(LogicalId::as_str).collect(),
            mappings: self.mappings.keys().map(LogicalId::as_str).collect(),
        };
        let mut errors = Vec::new();
        // Rules run before any resource exists: they may name parameters
        // and pseudo parameters only.
        let rule_names = Names {
            refs: self.parameters.keys().map(LogicalId::as_str).collect(),
            resources: Default::default(),
            conditions: Default::default(),
            mappings: Default::default(),
        };
        for (id, rule) in &self.rules {
            let mut rule_errors = Vec::new();
            validate::check(
                &rule_names,
                &format!("Rules.{id}"),
                &rule.to_node(),
                &mut rule_errors,
            );
            errors.extend(rule_errors.into_iter().map(|error| match error {
                Error::UnknownReference {
                    location, target, ..
                } if self.resources.keys().any(|r| r.as_str() == target) => Error::InvalidRule {
                    id: id.to_string(),
                    reason: format!(
                        "{location} names resource {target:?}; rules run before any resource \
                         exists, so they may name parameters and pseudo parameters only"
                    ),
                },
                other => other,
            }));
        }
        for (id, condition) in &self.conditions {
            validate::check(
                &names,
                &format!("Conditions.{id}"),
                &condition.to_node(),
                &mut errors,
            );
        }
        let lowered = section(tree, "Resources");
        for ((id, entry), (_, lowered)) in self.resources.iter().zip(lowered) {
            let location = format!("Resources.{id}");
            if let Node::Map(typed) = entry.resource.properties() {
                for (name, _) in typed {
                    if entry
                        .attributes
                        .untyped_properties
                        .contains_key(name.as_ref())
                    {
                        errors.push(Error::UntypedPropertyTwice {
                            resource: id.to_string(),
                            property: name.to_string(),
                        });
                    }
                }
            }
            let type_name = entry.resource.type_name();
            if entry.attributes.custom_resource_version.is_some()
                && !crate::resource::is_custom_resource_type(type_name)
            {
                errors.push(Error::InvalidAttribute {
                    resource: id.to_string(),
                    attribute: "Version",
                    reason: "only custom resources (Custom::*, \
                             AWS::CloudFormation::CustomResource) carry it",
                });
            }
            for dependency in &entry.attributes.depends_on {
                names.expect_resource(
                    &format!("{location}.DependsOn"),
                    dependency.as_str(),
                    &mut errors,
                );
            }
            if let Some(condition) = &entry.attributes.condition {
                names.expect_condition(
                    &format!("{location}.Condition"),
                    condition.as_str(),
                    &mut errors,
                );
            }
            if let Some(properties) = field(lowered, "Properties") {
                validate::check(
                    &names,
                    &format!("{location}.Properties"),
                    properties,
                    &mut errors,
                );
            }
        }
        for (id, output) in &self.outputs {
            let location = format!("Outputs.{id}");
            if let Some(condition) = output.condition_id() {
                names.expect_condition(
                    &format!("{location}.Condition"),
                    condition.as_str(),
                    &mut errors,
                );
            }
            validate::check(&names, &location, &output.to_node(), &mut errors);
        }
        errors
    }
}

fn claim<V>(
    section: &IndexMap<LogicalId, V>,
    id: &str,
    name: &'static str,
) -> Result<LogicalId, Error> {
    let id = LogicalId::new(id)?;
    if section.contains_key(&id) {
        return Err(Error::DuplicateId {
            section: name,
            id: id.to_string(),
        });
    }
    Ok(id)
}

/// The entries of a top-level section of a lowered template (none when the
/// section is absent, as an empty one is).
fn section<'a>(tree: &'a Node, name: &str) -> &'a [(Text, Node)] {
    match field(tree, name) {
        Some(Node::Map(entries)) => entries,
        _ => &[],
    }
}

fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    match node {
        Node::Map(fields) => fields.iter().find(|(key, _)| key == name).map(|(_, v)| v),
        _ => None,
    }
}

fn entries<K: fmt::Display, V: ToNode>(map: &IndexMap<K, V>) -> Vec<(Text, Node)> {
    map.iter()
        .map(|(k, v)| (k.to_string().into(), v.to_node()))
        .collect()
}

impl ToNode for StoredEntry {
    fn to_node(&self) -> Node {
        let attributes = &self.attributes;
        let mut fields: Vec<(Text, Node)> =
            vec![("Type".into(), Node::Str(self.resource.type_name().into()))];
        if let Some(condition) = &attributes.condition {
            fields.push(("Condition".into(), Node::Str(condition.to_string().into())));
        }
        if !attributes.depends_on.is_empty() {
            let ids = attributes
                .depends_on
                .iter()
                .map(|id| Node::Str(id.to_string().into()));
            fields.push(("DependsOn".into(), Node::List(ids.collect())));
        }
        if let Some(policy) = attributes.deletion_policy {
            fields.push(("DeletionPolicy".into(), Node::Str(policy.as_str().into())));
        }
        if let Some(policy) = attributes.update_replace_policy {
            fields.push((
                "UpdateReplacePolicy".into(),
                Node::Str(policy.as_str().into()),
            ));
        }
        if let Some(policy) = &attributes.creation_policy {
            fields.push(("CreationPolicy".into(), policy.to_node()));
        }
        if let Some(policy) = &attributes.update_policy {
            fields.push(("UpdatePolicy".into(), policy.to_node()));
        }
        if !attributes.metadata.is_empty() {
            fields.push(("Metadata".into(), Node::Map(entries(&attributes.metadata))));
        }
        let mut properties = self.resource.properties();
        if let Node::Map(typed) = &mut properties {
            typed.extend(entries(&attributes.untyped_properties));
        }
        match properties {
            Node::Map(properties) if properties.is_empty() => {}
            properties => fields.push(("Properties".into(), properties)),
        }
        if let Some(version) = &attributes.custom_resource_version {
            fields.push(("Version".into(), Node::Str(version.clone().into())));
        }
        Node::Map(fields)
    }
}
