//! The parts of a long-form template the diagram reads: resources with
//! their references, and parameters. Checks only what drawing needs, so a
//! deployed template written by any tool can be drawn.

use constructs::aws::type_names as types;
use std::fmt;

use serde_json::{Map, Value};

use crate::references::{self, Reference};

/// A template that cannot be drawn, with the reason a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramError(pub String);

impl fmt::Display for DiagramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DiagramError {}

/// One resource of the template.
#[derive(Debug)]
pub struct Resource<'a> {
    pub id: &'a str,
    pub type_name: &'a str,
    pub value: &'a Value,
    pub references: Vec<Reference>,
}

impl Resource<'_> {
    /// A property of the resource, if present.
    pub fn property(&self, key: &str) -> Option<&Value> {
        self.value.get("Properties").and_then(|p| p.get(key))
    }
}

/// The resources and parameters, in template order.
#[derive(Debug)]
pub struct Source<'a> {
    pub resources: Vec<Resource<'a>>,
    pub parameters: &'a Map<String, Value>,
    /// The template's `Description`, when it has one.
    pub description: Option<&'a str>,
}

static NO_PARAMETERS: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();

impl<'a> Source<'a> {
    /// Reads `template`, refusing what is not a CloudFormation template.
    /// References to names the template does not define are dropped, as
    /// CloudFormation would refuse them anyway and a picture of them says
    /// nothing.
    pub fn read(template: &'a Value) -> Result<Self, DiagramError> {
        let top = template.as_object().ok_or_else(|| {
            DiagramError("not a CloudFormation template: the document is not a mapping".into())
        })?;
        let resources = top.get("Resources").ok_or_else(|| {
            DiagramError("not a CloudFormation template: it has no Resources section".into())
        })?;
        let resources = resources.as_object().ok_or_else(|| {
            DiagramError("not a CloudFormation template: Resources is not a mapping".into())
        })?;
        if resources.is_empty() {
            return Err(DiagramError(
                "nothing to draw: the template's Resources section is empty".into(),
            ));
        }
        let parameters = match top.get("Parameters") {
            None => NO_PARAMETERS.get_or_init(Map::new),
            Some(Value::Object(map)) => map,
            Some(_) => {
                return Err(DiagramError(
                    "not a CloudFormation template: Parameters is not a mapping".into(),
                ))
            }
        };
        // Task definitions by family: a schedule or policy names one by its
        // ARN, `...:task-definition/<Family>`, rather than by `Ref`.
        let families: Vec<(&str, &str)> = resources
            .iter()
            .filter(|(_, r)| {
                r.get("Type").and_then(Value::as_str) == Some(types::ecs::TASK_DEFINITION)
            })
            .filter_map(|(id, r)| {
                let family = r.get("Properties")?.get("Family")?.as_str()?;
                Some((id.as_str(), family))
            })
            .collect();
        let mut read = Vec::with_capacity(resources.len());
        for (id, value) in resources {
            let type_name = value.get("Type").and_then(Value::as_str).ok_or_else(|| {
                DiagramError(format!(
                    "not a CloudFormation template: resource {id} has no Type"
                ))
            })?;
            let mut references = references::of_resource(value);
            references.extend(references::by_family(value, &families));
            let references = references
                .into_iter()
                .filter(|r| resources.contains_key(&r.target) || parameters.contains_key(&r.target))
                .filter(|r| r.target != *id)
                .collect();
            read.push(Resource {
                id,
                type_name,
                value,
                references,
            });
        }
        Ok(Source {
            resources: read,
            parameters,
            description: top.get("Description").and_then(Value::as_str),
        })
    }

    pub fn resource(&self, id: &str) -> Option<&Resource<'a>> {
        self.resources.iter().find(|r| r.id == id)
    }

    pub fn type_of(&self, id: &str) -> Option<&'a str> {
        self.resource(id).map(|r| r.type_name)
    }

    /// The declared type of a parameter (`String` when it has none).
    pub fn parameter_type(&self, name: &str) -> Option<&'a str> {
        self.parameters
            .get(name)
            .map(|p| p.get("Type").and_then(Value::as_str).unwrap_or("String"))
    }
}
