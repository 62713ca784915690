//! The CDK service database (`schemas/aws-service-spec/db.json.gz`), read
//! into plain Rust types.
//!
//! The file is an entity/relation database: `schema.<entity>.entities`
//! lists records with an `$id`, `schema.<relation>.forward` maps an `$id`
//! to the `$id`s it points at. Only what codegen reads is typed here; the
//! rest (metrics, events, regions) is ignored. The format's TypeScript
//! declarations are npm `@aws-cdk/service-spec-types`
//! (`lib/types/resource.d.ts`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

/// The whole database, indexed for lookups by `$id`.
pub struct Spec {
    pub services: Vec<Service>,
    pub resources: BTreeMap<String, Resource>,
    pub type_definitions: BTreeMap<String, TypeDefinition>,
    /// Service `$id` -> its resources' `$id`s.
    pub has_resource: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    #[serde(rename = "$id")]
    pub id: String,
    /// `dynamodb`: the module and cargo feature name.
    #[serde(rename = "shortName")]
    pub short_name: String,
    /// `AWS::DynamoDB`.
    #[serde(rename = "cloudFormationNamespace")]
    pub namespace: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Resource {
    #[serde(rename = "$id")]
    pub id: String,
    #[serde(rename = "cloudFormationType")]
    pub type_name: String,
    pub name: String,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, Property>,
    #[serde(default)]
    pub attributes: BTreeMap<String, Attribute>,
    #[serde(default, rename = "primaryIdentifier")]
    pub primary_identifier: Vec<String>,
    #[serde(default, rename = "tagInformation")]
    pub tag_information: Option<TagInformation>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TagInformation {
    /// The property holding the tags; its type says which of the shapes
    /// (`standard`, `map`, `asg`) they take.
    #[serde(rename = "tagPropertyName")]
    pub property: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TypeDefinition {
    #[serde(rename = "$id")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, Property>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Property {
    #[serde(rename = "type")]
    pub ty: PropertyType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub documentation: Option<String>,
    /// `yes` or `maybe`; absent means an in-place update.
    #[serde(default, rename = "causesReplacement")]
    pub causes_replacement: Option<String>,
    /// `WARN` when CloudFormation deprecated the property.
    #[serde(default)]
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Attribute {
    #[serde(rename = "type")]
    pub ty: PropertyType,
    #[serde(default)]
    pub documentation: Option<String>,
}

/// A property's type, as the database spells it.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum PropertyType {
    String {
        #[serde(default, rename = "allowedValues")]
        allowed_values: Option<Vec<serde_json::Value>>,
    },
    Integer {},
    Number {},
    Boolean {},
    Json {},
    DateTime {},
    /// A standard `{Key, Value}` tag.
    Tag {},
    Array {
        element: Box<PropertyType>,
    },
    Map {
        element: Box<PropertyType>,
    },
    Ref {
        reference: Reference,
    },
    Union {
        types: Vec<PropertyType>,
    },
}

#[derive(Debug, Clone, Deserialize)]
pub struct Reference {
    #[serde(rename = "$ref")]
    pub id: String,
}

#[derive(Deserialize)]
struct Database {
    schema: Schema,
}

#[derive(Deserialize)]
struct Schema {
    service: Entities<Service>,
    resource: Entities<Resource>,
    #[serde(rename = "typeDefinition")]
    type_definition: Entities<TypeDefinition>,
    #[serde(rename = "hasResource")]
    has_resource: Relation,
}

#[derive(Deserialize)]
struct Entities<T> {
    entities: Vec<T>,
}

#[derive(Deserialize)]
struct Relation {
    forward: BTreeMap<String, Vec<Target>>,
}

#[derive(Deserialize)]
struct Target {
    #[serde(rename = "$id")]
    id: String,
}

impl Spec {
    /// Reads and gunzips `path`.
    pub fn read(path: &Path) -> Result<Spec, String> {
        let file = std::fs::File::open(path).map_err(|e| {
            format!(
                "reading {}: {e} (run `cargo xtask vendor` to fetch it)",
                path.display()
            )
        })?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .map_err(|e| format!("gunzipping {}: {e}", path.display()))?;
        Spec::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses the unpacked JSON.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let database: Database = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let schema = database.schema;
        Ok(Spec {
            services: schema.service.entities,
            resources: by_id(schema.resource.entities, |r| &r.id),
            type_definitions: by_id(schema.type_definition.entities, |t| &t.id),
            has_resource: schema
                .has_resource
                .forward
                .into_iter()
                .map(|(from, to)| (from, to.into_iter().map(|r| r.id).collect()))
                .collect(),
        })
    }

    /// The type definition `reference` points at.
    pub fn definition(&self, reference: &Reference) -> Result<&TypeDefinition, String> {
        self.type_definitions
            .get(&reference.id)
            .ok_or_else(|| format!("reference to missing type definition {}", reference.id))
    }

    /// Every service with the resources it has, sorted by module name, each
    /// service's resources sorted by type name.
    pub fn services_with_resources(&self) -> Result<Vec<(&Service, Vec<&Resource>)>, String> {
        let mut services: Vec<(&Service, Vec<&Resource>)> = Vec::new();
        for service in &self.services {
            let mut resources = Vec::new();
            for id in self.has_resource.get(&service.id).into_iter().flatten() {
                let resource = self
                    .resources
                    .get(id)
                    .ok_or_else(|| format!("{}: missing resource {id}", service.short_name))?;
                resources.push(resource);
            }
            resources.sort_by(|a, b| a.type_name.cmp(&b.type_name));
            services.push((service, resources));
        }
        services.sort_by(|a, b| a.0.short_name.cmp(&b.0.short_name));
        Ok(services)
    }
}

fn by_id<T>(items: Vec<T>, id: impl Fn(&T) -> &String) -> BTreeMap<String, T> {
    items
        .into_iter()
        .map(|item| (id(&item).clone(), item))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_relations_and_every_type_kind() {
        let spec = Spec::parse(
            r#"{"idCtr": 3, "schema": {
                "service": {"type": "entities", "entities": [
                    {"$id": "0", "name": "aws-test", "shortName": "test", "capitalized": "Test",
                     "cloudFormationNamespace": "AWS::Test"}]},
                "resource": {"type": "entities", "entities": [
                    {"$id": "1", "cloudFormationType": "AWS::Test::Thing", "name": "Thing",
                     "documentation": "A thing.", "primaryIdentifier": ["Name"],
                     "tagInformation": {"tagPropertyName": "Tags", "variant": "standard"},
                     "properties": {
                        "Name": {"type": {"type": "string"}, "causesReplacement": "yes", "required": true},
                        "Mode": {"type": {"type": "string", "allowedValues": ["a", "b"]}},
                        "Tags": {"type": {"type": "array", "element": {"type": "tag"}}},
                        "Either": {"type": {"type": "union", "types": [{"type": "integer"}, {"type": "json"}]}},
                        "Config": {"type": {"type": "ref", "reference": {"$ref": "2"}}, "deprecated": "WARN"}
                     },
                     "attributes": {"Arn": {"type": {"type": "string"}, "documentation": "Its ARN."}}}]},
                "typeDefinition": {"type": "entities", "entities": [
                    {"$id": "2", "name": "Config", "properties": {
                        "When": {"type": {"type": "date-time"}},
                        "Labels": {"type": {"type": "map", "element": {"type": "number"}}},
                        "On": {"type": {"type": "boolean"}}}}]},
                "hasResource": {"type": "rel", "forward": {"0": [{"$id": "1"}]}}
            }}"#,
        )
        .unwrap();
        let services = spec.services_with_resources().unwrap();
        let (service, resources) = &services[0];
        assert_eq!(service.short_name, "test");
        assert_eq!(resources[0].type_name, "AWS::Test::Thing");
        let thing = resources[0];
        assert!(thing.properties["Name"].required);
        assert_eq!(
            thing.properties["Name"].causes_replacement.as_deref(),
            Some("yes")
        );
        assert_eq!(
            thing.properties["Config"].deprecated.as_deref(),
            Some("WARN")
        );
        assert!(matches!(
            &thing.properties["Mode"].ty,
            PropertyType::String { allowed_values: Some(values) } if values.len() == 2
        ));
        let PropertyType::Ref { reference } = &thing.properties["Config"].ty else {
            panic!("Config is a ref");
        };
        let config = spec.definition(reference).unwrap();
        assert!(matches!(
            config.properties["When"].ty,
            PropertyType::DateTime {}
        ));
        assert!(matches!(
            config.properties["Labels"].ty,
            PropertyType::Map { .. }
        ));
        assert_eq!(thing.tag_information.as_ref().unwrap().property, "Tags");
    }
}
