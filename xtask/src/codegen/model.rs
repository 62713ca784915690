//! From a resource provider schema to the types codegen emits.
//!
//! The schema is JSON Schema with CloudFormation additions; this module
//! decides, once per property, which Rust type it becomes, and collects the
//! structs and enums a resource needs along the way.

use std::collections::BTreeMap;

use serde_json::Value as J;

use super::naming::{field_name, pascal_case, singular, snake_case, variant_name};

/// JSON-typed properties that are IAM policy documents; they get the typed
/// policy builder instead of free-form JSON.
const POLICY_DOCUMENT_PROPERTIES: &[&str] = &[
    "AccessPolicies",
    "AssumeRolePolicyDocument",
    "FileSystemPolicy",
    "KeyPolicy",
    "PolicyDocument",
    "RepositoryPolicyText",
];

/// Names the generated code uses unqualified; schema definitions with these
/// names are renamed so they cannot shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Default",
    "Expr",
    "Fields",
    "Json",
    "List",
    "Map",
    "Node",
    "Option",
    "PolicyDocument",
    "Some",
    "String",
    "ToNode",
    "Value",
    "Vec",
];

/// Property names too generic to name an enum on their own: eight schemas
/// have an inline `Type` enum, and `listener::Type` says less than
/// `listener::ActionType`. Such enums are named after the struct that holds
/// them.
const GENERIC_ENUM_NAMES: &[&str] = &["Type"];

/// The Rust type of a property value (what goes inside `Value<...>`).
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    Policy,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// A struct or enum of the resource's module, by Rust name.
    Named(String),
}

#[derive(Debug)]
pub struct Field {
    pub schema_name: String,
    pub rust_name: String,
    pub ty: Ty,
    pub required: bool,
    pub create_only: bool,
    pub doc: Option<String>,
}

#[derive(Debug)]
pub struct Struct {
    pub name: String,
    pub doc: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug)]
pub struct Enum {
    pub name: String,
    pub doc: Option<String>,
    /// (Rust variant, schema value)
    pub variants: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Attribute {
    pub name: String,
    pub method: String,
    pub ty: Ty,
}

/// Everything codegen emits for one resource type.
#[derive(Debug)]
pub struct Resource {
    pub type_name: String,
    pub rust_name: String,
    pub module_name: String,
    pub resource: Struct,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub attributes: Vec<Attribute>,
    pub create_only: Vec<String>,
    pub conditional_create_only: Vec<String>,
    pub primary_identifier: Vec<String>,
    pub name_property: Option<String>,
}

/// Types whose name-like property does not make the physical name unique:
/// hosted zones may share a domain name, and a record set is replaced only
/// when its name or zone changes, so a replacement never collides.
const NAMES_NOT_UNIQUE: &[&str] = &["AWS::Route53::HostedZone", "AWS::Route53::RecordSet"];

/// The property that names the physical resource (`BucketName`), read from
/// the schema: a writable, create-only, top-level property that is either
/// the type's sole primary identifier ending in Name/Id/Identifier
/// (`DBInstanceIdentifier`), or named `Name` or `<suffix of the type
/// name>Name` (`QueueName` for `Queue`, `GroupName` for `SecurityGroup`;
/// not `ClusterName` for `CapacityProvider`, which names another resource).
/// `Family` of a task definition is neither: it names revisions, each a new
/// resource.
fn name_property(
    type_name: &str,
    resource: &str,
    create_only: &[String],
    read_only: &[String],
    primary_identifier: &[String],
) -> Option<String> {
    if NAMES_NOT_UNIQUE.contains(&type_name) {
        return None;
    }
    let writable_create_only =
        |p: &String| !p.contains('/') && create_only.contains(p) && !read_only.contains(p);
    if let [identifier] = primary_identifier {
        if writable_create_only(identifier)
            && ["Name", "Id", "Identifier"]
                .iter()
                .any(|suffix| identifier.ends_with(suffix))
        {
            return Some(identifier.clone());
        }
    }
    create_only
        .iter()
        .filter(|p| writable_create_only(p))
        .find(|p| match p.strip_suffix("Name") {
            Some(prefix) => resource.ends_with(prefix),
            None => false,
        })
        .cloned()
}

struct Builder<'a> {
    schema: &'a J,
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    /// Definition name -> Rust name, for definitions already resolved.
    definitions: BTreeMap<String, Ty>,
    taken: BTreeMap<String, String>,
}

pub fn build(schema: &J, getatts: &[String]) -> Result<Resource, String> {
    let type_name = schema["typeName"]
        .as_str()
        .ok_or("schema without typeName")?
        .to_string();
    let mut parts = type_name.split("::").skip(1);
    parts.next().ok_or("bad typeName")?;
    let rust_name = parts.next().ok_or("bad typeName")?.to_string();
    let mut builder = Builder {
        schema,
        structs: Vec::new(),
        enums: Vec::new(),
        definitions: BTreeMap::new(),
        taken: BTreeMap::new(),
    };
    let read_only = pointer_names(schema, "readOnlyProperties");
    let create_only: Vec<String> = pointers(schema, "createOnlyProperties");
    let conditional_create_only = pointers(schema, "conditionalCreateOnlyProperties");
    let primary_identifier = pointers(schema, "primaryIdentifier");
    let name_property = name_property(
        &type_name,
        &rust_name,
        &create_only,
        &read_only,
        &primary_identifier,
    );
    let fields = builder.fields(
        &rust_name,
        schema,
        |name| read_only.contains(&name.to_string()),
        &create_only,
    )?;
    let resource = Struct {
        name: rust_name.clone(),
        doc: schema["description"].as_str().map(str::to_string),
        fields,
    };
    let attributes = getatts
        .iter()
        .filter_map(|name| {
            let ty = attribute_type(schema, name)?;
            let method = match field_name(&name.replace('.', "_")) {
                m if m == "reference" || m == "logical_id" => format!("{m}_attribute"),
                m => m,
            };
            Some(Attribute {
                name: name.clone(),
                method,
                ty,
            })
        })
        .collect();
    let mut structs = builder.structs;
    structs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut enums = builder.enums;
    enums.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Resource {
        module_name: snake_case(&rust_name),
        type_name,
        rust_name,
        resource,
        structs,
        enums,
        attributes,
        create_only,
        conditional_create_only,
        primary_identifier,
        name_property,
    })
}

/// Paths below `/properties/` listed under `key` (e.g. createOnlyProperties).
fn pointers(schema: &J, key: &str) -> Vec<String> {
    let mut list: Vec<String> = schema[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str()?.strip_prefix("/properties/").map(str::to_string))
        .collect();
    list.sort();
    list
}

/// Top-level property names listed under `key`.
fn pointer_names(schema: &J, key: &str) -> Vec<String> {
    pointers(schema, key)
        .into_iter()
        .filter(|p| !p.contains('/'))
        .collect()
}

impl Builder<'_> {
    fn fields(
        &mut self,
        owner: &str,
        object: &J,
        skip: impl Fn(&str) -> bool,
        create_only: &[String],
    ) -> Result<Vec<Field>, String> {
        let required: Vec<&str> = object["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(J::as_str)
            .collect();
        let mut names: Vec<&String> = object["properties"]
            .as_object()
            .map(|p| p.keys().collect())
            .unwrap_or_default();
        names.sort();
        let mut fields = Vec::new();
        for name in names {
            if skip(name) {
                continue;
            }
            let property = &object["properties"][name.as_str()];
            let mut ty = self.resolve(owner, name, property)?;
            if ty == Ty::Json && POLICY_DOCUMENT_PROPERTIES.contains(&name.as_str()) {
                ty = Ty::Policy;
            }
            let rust_name = field_name(name);
            let required = required.contains(&name.as_str());
            if !required && rust_name == "new" {
                return Err(format!(
                    "{owner}: the optional property New would shadow the constructor with its setter"
                ));
            }
            if fields.iter().any(|f: &Field| f.rust_name == rust_name) {
                return Err(format!(
                    "{owner}: two properties map to the field name {rust_name}"
                ));
            }
            fields.push(Field {
                schema_name: name.clone(),
                rust_name,
                ty,
                required,
                create_only: create_only.contains(name),
                doc: describe(property, self.schema),
            });
        }
        Ok(fields)
    }

    fn definition<'r>(&self, reference: &'r str) -> Result<(&'r str, &J), String> {
        let name = reference
            .strip_prefix("#/definitions/")
            .ok_or_else(|| format!("unsupported $ref {reference}"))?;
        match &self.schema["definitions"][name] {
            J::Null => Err(format!("$ref to missing definition {name}")),
            definition => Ok((name, definition)),
        }
    }

    /// The type of `property`, named `name` inside the struct `owner`.
    fn resolve(&mut self, owner: &str, name: &str, property: &J) -> Result<Ty, String> {
        if let Some(reference) = property["$ref"].as_str() {
            let (def_name, definition) = self.definition(reference)?;
            let (def_name, definition) = (def_name.to_string(), definition.clone());
            if let Some(ty) = self.definitions.get(&def_name) {
                return Ok(ty.clone());
            }
            let ty = self.resolve_shape(owner, &def_name, &definition, true)?;
            self.definitions.insert(def_name, ty.clone());
            return Ok(ty);
        }
        self.resolve_shape(owner, name, property, false)
    }

    fn resolve_shape(
        &mut self,
        owner: &str,
        name: &str,
        shape: &J,
        is_definition: bool,
    ) -> Result<Ty, String> {
        let types: Vec<&str> = match &shape["type"] {
            J::String(t) => vec![t.as_str()],
            J::Array(ts) => ts.iter().filter_map(J::as_str).collect(),
            _ => Vec::new(),
        };
        let ty = match types.as_slice() {
            ["string"] | [] if shape["enum"].is_array() => {
                Ty::Named(self.add_enum(owner, name, shape, is_definition))
            }
            ["string"] => Ty::String,
            ["integer"] => Ty::Integer,
            ["number"] => Ty::Number,
            ["boolean"] => Ty::Boolean,
            ["array"] | ["string", "array"] => {
                let items = &shape["items"];
                match items {
                    J::Null => Ty::List(Box::new(Ty::String)),
                    items => Ty::List(Box::new(self.resolve(owner, &singular(name), items)?)),
                }
            }
            ["object"] | [] if shape["properties"].is_object() && !shape["oneOf"].is_array() => {
                Ty::Named(self.add_struct(owner, name, shape, is_definition)?)
            }
            ["object"] if shape["patternProperties"].is_object() => {
                let patterns = shape["patternProperties"].as_object().unwrap();
                let value = patterns.values().next().unwrap();
                Ty::Map(Box::new(self.resolve(owner, name, value)?))
            }
            // Lambda environment variables accept any scalar; CloudFormation
            // passes them as strings.
            many if many.len() > 2 && many.contains(&"string") => Ty::String,
            [] if shape["anyOf"].is_array() || shape["format"].is_string() => Ty::String,
            _ => Ty::Json,
        };
        Ok(ty)
    }

    fn unique_name(&mut self, owner: &str, name: &str, signature: String) -> (String, bool) {
        let mut candidate = pascal_case(name);
        if RESERVED_TYPE_NAMES.contains(&candidate.as_str()) {
            candidate.push_str("Property");
        }
        for attempt in 0.. {
            let name = match attempt {
                0 => candidate.clone(),
                1 => format!("{owner}{candidate}"),
                n => format!("{owner}{candidate}{n}"),
            };
            match self.taken.get(&name) {
                None => {
                    self.taken.insert(name.clone(), signature);
                    return (name, true);
                }
                Some(existing) if *existing == signature => return (name, false),
                Some(_) => continue,
            }
        }
        unreachable!()
    }

    fn add_enum(&mut self, owner: &str, name: &str, shape: &J, is_definition: bool) -> String {
        let values: Vec<String> = shape["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| match v {
                J::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        let signature = format!("enum:{}", values.join("\u{1}"));
        let owner = if is_definition { "" } else { owner };
        let name = if GENERIC_ENUM_NAMES.contains(&pascal_case(name).as_str()) {
            format!("{owner}{}", pascal_case(name))
        } else {
            name.to_string()
        };
        let (rust_name, is_new) = self.unique_name(owner, &name, signature);
        if is_new {
            let mut variants: Vec<(String, String)> = Vec::new();
            for value in values {
                let mut variant = variant_name(&value);
                let mut n = 2;
                while variants.iter().any(|(v, _)| *v == variant) {
                    variant = format!("{}{n}", variant_name(&value));
                    n += 1;
                }
                variants.push((variant, value));
            }
            self.enums.push(Enum {
                name: rust_name.clone(),
                doc: shape["description"].as_str().map(str::to_string),
                variants,
            });
        }
        rust_name
    }

    fn add_struct(
        &mut self,
        owner: &str,
        name: &str,
        shape: &J,
        is_definition: bool,
    ) -> Result<String, String> {
        let signature = format!("struct:{}", shape);
        let owner = if is_definition { "" } else { owner };
        let (rust_name, is_new) = self.unique_name(owner, name, signature);
        if is_new {
            // Reserve the name before recursing so self-references resolve.
            let fields = self.fields(&rust_name, shape, |_| false, &[])?;
            self.structs.push(Struct {
                name: rust_name.clone(),
                doc: shape["description"].as_str().map(str::to_string),
                fields,
            });
        }
        Ok(rust_name)
    }
}

/// A property's description, or failing that (cfn-lint's copies of the
/// schemas drop descriptions) the constraints CloudFormation enforces.
fn describe(property: &J, schema: &J) -> Option<String> {
    if let Some(text) = property["description"].as_str() {
        return Some(text.to_string());
    }
    let shape = follow(schema, property);
    let mut rules = Vec::new();
    let bound = |min: &str, max: &str, unit: &str| match (shape[min].as_f64(), shape[max].as_f64())
    {
        (Some(lo), Some(hi)) => Some(format!("{unit} {lo} to {hi}")),
        (Some(lo), None) => Some(format!("{unit} at least {lo}")),
        (None, Some(hi)) => Some(format!("{unit} at most {hi}")),
        (None, None) => None,
    };
    rules.extend(bound("minLength", "maxLength", "Length"));
    rules.extend(bound("minimum", "maximum", "Value"));
    rules.extend(bound("minItems", "maxItems", "Items"));
    if let Some(pattern) = shape["pattern"].as_str() {
        rules.push(format!("Pattern `{}`", pattern.replace('`', "'")));
    }
    (!rules.is_empty()).then(|| rules.join("; ") + ".")
}

/// The type `!GetAtt` yields for `name` (`Endpoint.Address`), or `None` for
/// attributes that are objects or lists of objects, which GetAtt cannot
/// usefully return.
fn attribute_type(schema: &J, name: &str) -> Option<Ty> {
    let mut node = &schema["properties"];
    let mut shape = &J::Null;
    for part in name.split('.') {
        shape = follow(schema, &node[part]);
        node = &shape["properties"];
    }
    let types: Vec<&str> = match &shape["type"] {
        J::String(t) => vec![t.as_str()],
        J::Array(ts) => ts.iter().filter_map(J::as_str).collect(),
        _ => Vec::new(),
    };
    match types.as_slice() {
        ["integer"] => Some(Ty::Integer),
        ["number"] => Some(Ty::Number),
        ["boolean"] => Some(Ty::Boolean),
        ["array"] => {
            let items = follow(schema, &shape["items"]);
            let scalar = matches!(
                items["type"].as_str(),
                Some("string" | "integer" | "number")
            ) || items.is_null();
            scalar.then(|| Ty::List(Box::new(Ty::String)))
        }
        ["object"] | ["object", "string"] | ["string", "object"] => None,
        _ if shape.is_null() => None,
        _ if shape["properties"].is_object() => None,
        _ => Some(Ty::String),
    }
}

fn follow<'a>(schema: &'a J, shape: &'a J) -> &'a J {
    match shape["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/definitions/"))
    {
        Some(name) => follow(schema, &schema["definitions"][name]),
        None => shape,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A resource `AWS::Test::Thing` with `properties` and `definitions`.
    fn thing(properties: J, definitions: J) -> Resource {
        thing_with(
            json!({ "properties": properties, "definitions": definitions }),
            &[],
        )
    }

    fn thing_with(mut schema: J, getatts: &[&str]) -> Resource {
        schema["typeName"] = json!("AWS::Test::Thing");
        let getatts: Vec<String> = getatts.iter().map(|s| s.to_string()).collect();
        build(&schema, &getatts).unwrap()
    }

    fn field<'a>(item: &'a Struct, schema_name: &str) -> &'a Field {
        item.fields
            .iter()
            .find(|f| f.schema_name == schema_name)
            .unwrap_or_else(|| panic!("no field {schema_name} in {}", item.name))
    }

    fn ty_of(property: J) -> Ty {
        let resource = thing(json!({ "P": property }), json!({}));
        field(&resource.resource, "P").ty.clone()
    }

    fn named(name: &str) -> Ty {
        Ty::Named(name.to_string())
    }

    #[test]
    fn scalars_map_to_primitives() {
        assert_eq!(ty_of(json!({ "type": "string" })), Ty::String);
        assert_eq!(ty_of(json!({ "type": "integer" })), Ty::Integer);
        assert_eq!(ty_of(json!({ "type": "number" })), Ty::Number);
        assert_eq!(ty_of(json!({ "type": "boolean" })), Ty::Boolean);
    }

    #[test]
    fn loose_shapes_become_strings_or_json() {
        // Lambda's environment variables: any scalar, passed as a string.
        let any_scalar = json!({ "type": ["string", "integer", "boolean"] });
        assert_eq!(ty_of(any_scalar), Ty::String);
        assert_eq!(ty_of(json!({ "anyOf": [{}, {}] })), Ty::String);
        assert_eq!(ty_of(json!({ "format": "date-time" })), Ty::String);
        assert_eq!(ty_of(json!({ "type": ["string", "object"] })), Ty::Json);
        assert_eq!(ty_of(json!({ "type": "object" })), Ty::Json);
        assert_eq!(ty_of(json!({})), Ty::Json);
        let one_of = json!({ "type": "object", "properties": {}, "oneOf": [] });
        assert_eq!(ty_of(one_of), Ty::Json);
    }

    #[test]
    fn policy_documents_get_the_typed_builder_only_by_name() {
        let resource = thing(
            json!({
                "PolicyDocument": { "type": "object" },
                "Settings": { "type": "object" },
            }),
            json!({}),
        );
        assert_eq!(field(&resource.resource, "PolicyDocument").ty, Ty::Policy);
        assert_eq!(field(&resource.resource, "Settings").ty, Ty::Json);
    }

    #[test]
    fn lists_default_to_strings_and_name_inline_items_in_the_singular() {
        assert_eq!(
            ty_of(json!({ "type": "array" })),
            Ty::List(Box::new(Ty::String))
        );
        let resource = thing(
            json!({ "RequiresCompatibilities": {
                "type": "array",
                "items": { "type": "string", "enum": ["EC2", "FARGATE"] },
            }}),
            json!({}),
        );
        let ty = &field(&resource.resource, "RequiresCompatibilities").ty;
        assert_eq!(*ty, Ty::List(Box::new(named("RequiresCompatibility"))));
        let variants = &resource.enums[0].variants;
        assert_eq!(
            *variants,
            [
                ("Ec2".to_string(), "EC2".to_string()),
                ("Fargate".to_string(), "FARGATE".to_string())
            ]
        );
    }

    #[test]
    fn objects_with_properties_are_structs_and_pattern_properties_maps() {
        let resource = thing(
            json!({
                "Labels": {
                    "type": "object",
                    "patternProperties": { ".*": { "type": "integer" } },
                },
                "Config": { "$ref": "#/definitions/Config" },
            }),
            json!({ "Config": {
                "type": "object",
                "required": ["Name"],
                "properties": {
                    "Name": { "type": "string" },
                    "Next": { "$ref": "#/definitions/Config" },
                },
            }}),
        );
        assert_eq!(
            field(&resource.resource, "Labels").ty,
            Ty::Map(Box::new(Ty::Integer))
        );
        assert_eq!(field(&resource.resource, "Config").ty, named("Config"));
        let config = &resource.structs[0];
        assert_eq!(config.name, "Config");
        assert!(field(config, "Name").required);
        assert!(!field(config, "Next").required);
        // A self-reference resolves to the struct being built.
        assert_eq!(field(config, "Next").ty, named("Config"));
    }

    #[test]
    fn reserved_names_are_suffixed_and_clashing_shapes_prefixed_by_owner() {
        let resource = thing(
            json!({
                "Value": { "$ref": "#/definitions/Value" },
                "Left": { "type": "object", "properties": {
                    "Mode": { "type": "string", "enum": ["a"] },
                }},
                "Right": { "type": "object", "properties": {
                    "Mode": { "type": "string", "enum": ["b"] },
                }},
                "Same": { "type": "object", "properties": {
                    "Mode": { "type": "string", "enum": ["a"] },
                }},
            }),
            json!({ "Value": { "type": "object", "properties": {} } }),
        );
        assert_eq!(
            field(&resource.resource, "Value").ty,
            named("ValueProperty")
        );
        let left = resource.structs.iter().find(|s| s.name == "Left").unwrap();
        let right = resource.structs.iter().find(|s| s.name == "Right").unwrap();
        let same = resource.structs.iter().find(|s| s.name == "Same").unwrap();
        assert_eq!(field(left, "Mode").ty, named("Mode"));
        assert_eq!(field(right, "Mode").ty, named("RightMode"));
        // The same values under the same name are one enum.
        assert_eq!(field(same, "Mode").ty, named("Mode"));
        let enums: Vec<&str> = resource.enums.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(enums, ["Mode", "RightMode"]);
    }

    #[test]
    fn generic_enum_names_say_whose_they_are() {
        let resource = thing(
            json!({
                "Type": { "type": "string", "enum": ["application", "network"] },
                "Action": { "$ref": "#/definitions/Action" },
            }),
            json!({ "Action": { "type": "object", "properties": {
                "Type": { "type": "string", "enum": ["forward", "redirect"] },
            }}}),
        );
        assert_eq!(field(&resource.resource, "Type").ty, named("ThingType"));
        assert_eq!(field(&resource.structs[0], "Type").ty, named("ActionType"));
    }

    #[test]
    fn read_only_properties_are_skipped_and_create_only_ones_marked() {
        let resource = thing_with(
            json!({
                "properties": {
                    "Arn": { "type": "string" },
                    "Name": { "type": "string" },
                    "Size": { "type": "integer" },
                },
                "required": ["Size"],
                "readOnlyProperties": ["/properties/Arn"],
                "createOnlyProperties": ["/properties/Name"],
            }),
            &[],
        );
        let names: Vec<&str> = resource
            .resource
            .fields
            .iter()
            .map(|f| f.schema_name.as_str())
            .collect();
        assert_eq!(names, ["Name", "Size"]);
        assert!(field(&resource.resource, "Name").create_only);
        assert!(field(&resource.resource, "Size").required);
        assert_eq!(resource.create_only, ["Name"]);
    }

    #[test]
    fn an_optional_property_named_new_is_refused() {
        let schema = json!({
            "typeName": "AWS::Test::Thing",
            "properties": { "New": { "type": "string" } },
        });
        let error = build(&schema, &[]).unwrap_err();
        assert!(error.contains("New"), "{error}");
    }

    #[test]
    fn attributes_are_typed_and_objects_left_out() {
        let resource = thing_with(
            json!({
                "properties": {
                    "Arn": { "type": "string" },
                    "Port": { "type": "integer" },
                    "Endpoint": { "$ref": "#/definitions/Endpoint" },
                    "Ids": { "type": "array", "items": { "type": "string" } },
                    "Reference": { "type": "string" },
                },
                "definitions": { "Endpoint": { "type": "object", "properties": {
                    "Address": { "type": "string" },
                }}},
            }),
            &[
                "Arn",
                "Port",
                "Endpoint",
                "Endpoint.Address",
                "Ids",
                "Reference",
                "Missing",
            ],
        );
        let attributes: Vec<(&str, &str, &Ty)> = resource
            .attributes
            .iter()
            .map(|a| (a.name.as_str(), a.method.as_str(), &a.ty))
            .collect();
        let list = Ty::List(Box::new(Ty::String));
        assert_eq!(
            attributes,
            [
                ("Arn", "arn", &Ty::String),
                ("Port", "port", &Ty::Integer),
                ("Endpoint.Address", "endpoint_address", &Ty::String),
                ("Ids", "ids", &list),
                // Handles already have `reference()` (`!Ref`).
                ("Reference", "reference_attribute", &Ty::String),
            ]
        );
    }

    #[test]
    fn undocumented_properties_are_described_by_their_constraints() {
        let schema = json!({ "definitions": { "Name": {
            "type": "string", "minLength": 1, "maxLength": 63, "pattern": "^[a-z`]+$",
        }}});
        let property = json!({ "$ref": "#/definitions/Name" });
        assert_eq!(
            describe(&property, &schema).unwrap(),
            "Length 1 to 63; Pattern `^[a-z']+$`."
        );
        let ranged = json!({ "type": "integer", "minimum": 1 });
        assert_eq!(describe(&ranged, &schema).unwrap(), "Value at least 1.");
        assert_eq!(describe(&json!({ "type": "string" }), &schema), None);
        let documented = json!({ "description": "Says why.", "maxLength": 3 });
        assert_eq!(describe(&documented, &schema).unwrap(), "Says why.");
    }
}
