//! From a resource provider schema to the types codegen emits.
//!
//! The schema is JSON Schema with CloudFormation additions; this module
//! decides, once per property, which Rust type it becomes, and collects the
//! structs and enums a resource needs along the way.

use std::collections::BTreeMap;

use serde_json::Value as J;

use super::naming::{field_name, pascal_case, snake_case, variant_name};

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
            if fields.iter().any(|f: &Field| f.rust_name == rust_name) {
                return Err(format!(
                    "{owner}: two properties map to the field name {rust_name}"
                ));
            }
            fields.push(Field {
                schema_name: name.clone(),
                rust_name,
                ty,
                required: required.contains(&name.as_str()),
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
        let (rust_name, is_new) = self.unique_name(owner, name, signature);
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

/// `Subnets` -> `Subnet`, for naming the item type of an inline array.
fn singular(name: &str) -> String {
    name.strip_suffix('s').unwrap_or(name).to_string()
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
