//! From the service database to the types codegen emits.
//!
//! This module decides, once per property, which Rust type it becomes, and
//! names every struct, enum and union a resource needs. Names are decided
//! here and only here, in a fixed order (type definitions by name, then
//! properties by name), so the same database always gives the same names.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::{field_name, singular, type_name, variant_name};
use super::spec::{self, PropertyType, Spec};

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

/// Names the generated code uses unqualified; types with these names are
/// renamed (`ValueProperty`) so they cannot shadow them.
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
    "Result",
    "Self",
    "Some",
    "String",
    "Tag",
    "ToNode",
    "Value",
    "Vec",
];

/// Property names too generic to name an enum on their own: `Type` inside
/// a listener's action says less than `ActionType`. Such enums are named
/// after the struct that holds them.
const GENERIC_ENUM_NAMES: &[&str] = &["Type", "Mode", "Status", "State", "Name", "Value"];

/// Methods every `Handle` has; an attribute with the same name gets an
/// `_attribute` suffix.
const HANDLE_METHODS: &[&str] = &["reference", "logical_id", "get_att"];

/// Types whose name-like property does not make the physical name unique:
/// hosted zones may share a domain name, and a record set is replaced only
/// when its name or zone changes, so a replacement never collides.
const NAMES_NOT_UNIQUE: &[&str] = &["AWS::Route53::HostedZone", "AWS::Route53::RecordSet"];

/// The Rust type of a property value (what goes inside `Value<...>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    Policy,
    /// The standard `{Key, Value}` tag, `crate::tags::Tag`.
    Tag,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// A struct, enum or union of the resource's module, by Rust name.
    Named(String),
    /// A struct or union that holds, directly, the type holding it:
    /// behind a `Box`, or the type would have no size.
    Boxed(String),
}

/// Whether changing a property replaces its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaces {
    No,
    Yes,
    Maybe,
}

#[derive(Debug)]
pub struct Field {
    /// `KeySchema`.
    pub cfn_name: String,
    /// `key_schema` (`r#type` for a keyword).
    pub rust_name: String,
    pub ty: Ty,
    pub required: bool,
    pub replaces: Replaces,
    pub deprecated: bool,
    pub doc: Option<String>,
    /// The property's entry on the AWS reference page.
    pub url: String,
}

#[derive(Debug)]
pub struct Struct {
    pub name: String,
    /// The CloudFormation name: `AWS::DynamoDB::Table`, or a property
    /// type's name (`KeySchema`).
    pub cfn_name: String,
    pub doc: Option<String>,
    pub url: String,
    pub fields: Vec<Field>,
    /// `<Name>Required`, the struct `new` takes, when the type has two or
    /// more required properties.
    pub required_struct: Option<String>,
}

#[derive(Debug)]
pub struct Enum {
    pub name: String,
    pub doc: Option<String>,
    /// (Rust variant, CloudFormation value)
    pub variants: Vec<(String, String)>,
}

/// A property that takes one of several shapes (`KeySchema`: a list of
/// key schemas, or JSON).
#[derive(Debug)]
pub struct Union {
    pub name: String,
    /// (Rust variant, the type it holds)
    pub variants: Vec<(String, Ty)>,
}

#[derive(Debug)]
pub struct Attribute {
    /// `Endpoint.Address`.
    pub name: String,
    pub method: String,
    pub ty: Ty,
    pub doc: Option<String>,
}

/// Everything codegen emits for one resource type.
#[derive(Debug)]
pub struct Resource {
    pub type_name: String,
    pub rust_name: String,
    /// The module of its property types: `table`, `db_instance`.
    pub module_name: String,
    pub resource: Struct,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub unions: Vec<Union>,
    pub attributes: Vec<Attribute>,
    pub facts: Facts,
    /// The property type the resource's tag list holds, when it is a
    /// `{Key, Value}` struct of its own (EFS's `AccessPointTag`, Auto
    /// Scaling's `TagProperty`) rather than the standard tag.
    pub tag_struct: Option<String>,
}

/// What a resource's type says about replacing it and naming it.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Paths below `Properties` whose change replaces the resource
    /// (`*` for any list item or map key), sorted.
    pub create_only: Vec<String>,
    /// The same for changes that may replace it (`causesReplacement:
    /// maybe`).
    pub conditional_create_only: Vec<String>,
    pub primary_identifier: Vec<String>,
    pub name_property: Option<String>,
}

/// One service: its module (and cargo feature) and its resources.
#[derive(Debug)]
pub struct Service {
    pub module: String,
    pub namespace: String,
    pub resources: Vec<Resource>,
}

/// The whole model: every service of the spec with every resource type.
pub fn build(spec: &Spec, known_enums: &KnownEnums) -> Result<Vec<Service>, String> {
    let mut services = Vec::new();
    for (service, resources) in spec.services_with_resources()? {
        let mut built = Vec::new();
        for resource in resources {
            built.push(
                build_resource(spec, known_enums.get(&resource.type_name), resource)
                    .map_err(|e| format!("{}: {e}", resource.type_name))?,
            );
        }
        let module = service.short_name.to_lowercase();
        let mut seen = BTreeSet::new();
        for resource in &built {
            if !seen.insert(resource.module_name.clone()) {
                return Err(format!(
                    "{module}: two resources share the module name {}",
                    resource.module_name
                ));
            }
        }
        services.push(Service {
            module,
            namespace: service.namespace.clone(),
            resources: built,
        });
    }
    Ok(services)
}

/// The facts of a resource type, also for types no service lists
/// (`Alexa::ASK::Skill`), which the facts table still covers.
pub fn facts(spec: &Spec, resource: &spec::Resource) -> Facts {
    let mut create_only = Vec::new();
    let mut conditional = Vec::new();
    for (name, property) in &resource.properties {
        replacement_paths(
            spec,
            name,
            property,
            &mut Vec::new(),
            &mut create_only,
            &mut conditional,
        );
    }
    create_only.sort();
    conditional.sort();
    // Attributes that are not also properties: `QueueName` is both, and
    // still names the queue.
    let read_only: Vec<String> = resource
        .attributes
        .keys()
        .filter(|name| !resource.properties.contains_key(*name))
        .cloned()
        .collect();
    let name_property = name_property(
        &resource.type_name,
        &resource.name,
        &create_only,
        &read_only,
        &resource.primary_identifier,
    );
    let mut primary_identifier = resource.primary_identifier.clone();
    primary_identifier.sort();
    Facts {
        create_only,
        conditional_create_only: conditional,
        primary_identifier,
        name_property,
    }
}

/// Collects the replacing paths at and under `path` (`KeySchema`,
/// `RootDirectory/Path`, `Items/*/Key`). A property that replaces the
/// resource covers everything under it; otherwise the type definitions it
/// holds are searched, each once per path (they may refer to themselves).
fn replacement_paths(
    spec: &Spec,
    path: &str,
    property: &spec::Property,
    visiting: &mut Vec<String>,
    create_only: &mut Vec<String>,
    conditional: &mut Vec<String>,
) {
    match property.causes_replacement.as_deref() {
        Some("yes") => return create_only.push(path.to_string()),
        // Under a path that may replace, only what surely replaces adds
        // anything.
        Some("maybe")
            if !conditional
                .iter()
                .any(|p| path.starts_with(&format!("{p}/"))) =>
        {
            conditional.push(path.to_string())
        }
        _ => {}
    }
    let mut nested = Vec::new();
    referenced(&property.ty, "", &mut nested);
    for (suffix, reference) in nested {
        if visiting.contains(&reference.id) {
            continue;
        }
        let Ok(definition) = spec.definition(reference) else {
            continue;
        };
        visiting.push(reference.id.clone());
        for (name, inner) in &definition.properties {
            replacement_paths(
                spec,
                &format!("{path}{suffix}/{name}"),
                inner,
                visiting,
                create_only,
                conditional,
            );
        }
        visiting.pop();
    }
}

/// The type definitions a property type holds, with the path step to
/// them: `` for a ref, `/*` through a list or map.
fn referenced<'a>(ty: &'a PropertyType, step: &str, out: &mut Vec<(String, &'a spec::Reference)>) {
    match ty {
        PropertyType::Ref { reference } => out.push((step.to_string(), reference)),
        PropertyType::Array { element } | PropertyType::Map { element } => {
            referenced(element, &format!("{step}/*"), out)
        }
        PropertyType::Union { types } => {
            for member in types {
                referenced(member, step, out);
            }
        }
        _ => {}
    }
}

/// The property that names the physical resource (`BucketName`): a
/// writable, create-only, top-level property that is either the type's
/// sole primary identifier ending in Name/Id/Identifier
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

/// The AWS reference pages, as CloudFormation's documentation names them.
struct Pages {
    /// `dynamodb-table`
    stem: String,
}

const REFERENCE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference";

impl Pages {
    fn new(type_name: &str) -> Pages {
        Pages {
            stem: type_name
                .split("::")
                .skip(1)
                .collect::<Vec<_>>()
                .join("-")
                .to_lowercase(),
        }
    }

    fn resource(&self) -> String {
        format!("{REFERENCE}/aws-resource-{}.html", self.stem)
    }

    fn property_type(&self, definition: &str) -> String {
        format!(
            "{REFERENCE}/aws-properties-{}-{}.html",
            self.stem,
            definition.to_lowercase()
        )
    }

    /// A property of the resource (`definition` `None`) or of a property
    /// type.
    fn property(&self, definition: Option<&str>, property: &str) -> String {
        match definition {
            None => format!(
                "{}#cfn-{}-{}",
                self.resource(),
                self.stem,
                property.to_lowercase()
            ),
            Some(definition) => format!(
                "{}#cfn-{}-{}-{}",
                self.property_type(definition),
                self.stem,
                definition.to_lowercase(),
                property.to_lowercase()
            ),
        }
    }
}

/// Names within one resource's module, and what each stands for, so the
/// same shape asked for twice gets the same name and a different shape a
/// different one.
#[derive(Default)]
struct Names {
    taken: BTreeMap<String, String>,
}

impl Names {
    /// `candidate` if free (or taken by the same `signature`), else the
    /// owner-prefixed name, else that with a number: `Mode`,
    /// `RightMode`, `RightMode2`. The bool says whether the name is new.
    fn claim(&mut self, owner: &str, candidate: &str, signature: &str) -> (String, bool) {
        let mut candidate = candidate.to_string();
        if RESERVED_TYPE_NAMES.contains(&candidate.as_str()) {
            candidate.push_str("Property");
        }
        for attempt in 0.. {
            let name = match attempt {
                0 => candidate.clone(),
                1 if !owner.is_empty() && !candidate.starts_with(owner) => {
                    format!("{owner}{candidate}")
                }
                1 => continue,
                n => format!("{owner}{candidate}{n}"),
            };
            match self.taken.get(&name) {
                None => {
                    self.taken.insert(name.clone(), signature.to_string());
                    return (name, true);
                }
                Some(existing) if existing == signature => return (name, false),
                Some(_) => continue,
            }
        }
        unreachable!("some numbered name is free")
    }
}

/// cfn-lint's string enums, per type, keyed `<property type>/<property>`
/// (`/NetworkMode`, `RuntimePlatform/CpuArchitecture`): the values of the
/// string properties for which the spec has no `allowedValues`.
pub type KnownEnums = BTreeMap<String, BTreeMap<String, Vec<String>>>;

struct Builder<'a> {
    spec: &'a Spec,
    /// The resource's entry of [`KnownEnums`].
    known_enums: Option<&'a BTreeMap<String, Vec<String>>>,
    pages: Pages,
    names: Names,
    /// Type definition `$id` -> Rust name, decided before any property is
    /// resolved.
    definitions: BTreeMap<String, String>,
    /// Type definitions whose struct is built or being built.
    built: BTreeSet<String>,
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    unions: Vec<Union>,
}

/// Names a service module imports (`List`, `Map`, `Node`, ...): a resource
/// named so (`frauddetector::List`) gets a `Resource` suffix.
const IMPORTED_NAMES: &[&str] = &["Expr", "Fields", "List", "Map", "Node", "ToNode", "Value"];

fn build_resource(
    spec: &Spec,
    known_enums: Option<&BTreeMap<String, Vec<String>>>,
    resource: &spec::Resource,
) -> Result<Resource, String> {
    let mut rust_name = type_name(&resource.name);
    if IMPORTED_NAMES.contains(&rust_name.as_str()) {
        rust_name.push_str("Resource");
    }
    let mut builder = Builder {
        spec,
        known_enums,
        pages: Pages::new(&resource.type_name),
        names: Names::default(),
        definitions: BTreeMap::new(),
        built: BTreeSet::new(),
        structs: Vec::new(),
        enums: Vec::new(),
        unions: Vec::new(),
    };
    builder.names.claim("", &rust_name, "resource");
    builder.name_definitions(resource)?;
    let mut fields = builder.fields(&rust_name, None, &resource.properties)?;
    fields.sort_by(|a, b| a.cfn_name.cmp(&b.cfn_name));
    let required_struct = builder.required_struct(&rust_name, &fields)?;
    let resource_struct = Struct {
        name: rust_name.clone(),
        cfn_name: resource.type_name.clone(),
        doc: resource.documentation.clone(),
        url: builder.pages.resource(),
        fields,
        required_struct,
    };
    let mut attributes = Vec::new();
    for (name, attribute) in &resource.attributes {
        let mut method = field_name(&name.replace('.', "_"));
        if HANDLE_METHODS.contains(&method.as_str()) {
            method.push_str("_attribute");
        }
        // EKS has both `CertificateAuthorityData` and
        // `CertificateAuthority.Data`: the later name, in sorted order,
        // gets a number.
        let base = method.clone();
        let mut n = 2;
        while attributes.iter().any(|a: &Attribute| a.method == method) {
            method = format!("{base}_{n}");
            n += 1;
        }
        attributes.push(Attribute {
            name: name.clone(),
            method,
            ty: attribute_type(&attribute.ty),
            doc: attribute.documentation.clone(),
        });
    }
    let tag_struct = resource.tag_information.as_ref().and_then(|info| {
        let field = resource_struct
            .fields
            .iter()
            .find(|f| f.cfn_name == info.property)?;
        match &field.ty {
            Ty::List(item) => match item.as_ref() {
                Ty::Named(name) => Some(name.clone()),
                _ => None,
            },
            _ => None,
        }
    });
    let mut structs = builder.structs;
    let mut unions = builder.unions;
    box_cycles(&mut structs, &mut unions);
    structs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut enums = builder.enums;
    enums.sort_by(|a, b| a.name.cmp(&b.name));
    unions.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Resource {
        module_name: field_name(&resource.name),
        type_name: resource.type_name.clone(),
        rust_name,
        resource: resource_struct,
        structs,
        enums,
        unions,
        attributes,
        facts: facts(spec, resource),
        tag_struct,
    })
}

impl Builder<'_> {
    /// Names every type definition the resource reaches, in the order of
    /// their CloudFormation names, before any enum or union is named: a
    /// property type keeps its own name, and an enum that would clash with
    /// it is the one that gets prefixed.
    fn name_definitions(&mut self, resource: &spec::Resource) -> Result<(), String> {
        let mut reached: BTreeMap<String, String> = BTreeMap::new();
        let mut queue: Vec<&PropertyType> = resource.properties.values().map(|p| &p.ty).collect();
        while let Some(ty) = queue.pop() {
            let mut refs = Vec::new();
            referenced(ty, "", &mut refs);
            for (_, reference) in refs {
                if reached.contains_key(&reference.id) {
                    continue;
                }
                let definition = self.spec.definition(reference)?;
                reached.insert(reference.id.clone(), definition.name.clone());
                queue.extend(definition.properties.values().map(|p| &p.ty));
            }
        }
        let mut by_name: Vec<(String, String)> =
            reached.into_iter().map(|(id, name)| (name, id)).collect();
        by_name.sort();
        for (name, id) in by_name {
            let (rust, _) = self
                .names
                .claim("", &type_name(&name), &format!("definition:{id}"));
            self.definitions.insert(id, rust);
        }
        Ok(())
    }

    /// The fields of the resource (`definition` `None`) or of a property
    /// type, sorted by CloudFormation name.
    fn fields(
        &mut self,
        owner: &str,
        definition: Option<&str>,
        properties: &BTreeMap<String, spec::Property>,
    ) -> Result<Vec<Field>, String> {
        let mut fields: Vec<Field> = Vec::new();
        for (name, property) in properties {
            let key = format!("{}/{name}", definition.unwrap_or_default());
            let known = self.known_enums.and_then(|enums| enums.get(&key));
            let mut ty = self.resolve(owner, name, &property.ty, known)?;
            if ty == Ty::Json && POLICY_DOCUMENT_PROPERTIES.contains(&name.as_str()) {
                ty = Ty::Policy;
            }
            let rust_name = field_name(name);
            if let Some(other) = fields.iter().find(|f| f.rust_name == rust_name) {
                return Err(format!(
                    "{owner}: {} and {name} both map to the field {rust_name}",
                    other.cfn_name
                ));
            }
            fields.push(Field {
                cfn_name: name.clone(),
                rust_name,
                ty,
                required: property.required,
                replaces: match property.causes_replacement.as_deref() {
                    Some("yes") => Replaces::Yes,
                    Some("maybe") => Replaces::Maybe,
                    _ => Replaces::No,
                },
                deprecated: property.deprecated.is_some(),
                doc: property.documentation.clone(),
                url: self.pages.property(definition, name),
            });
        }
        let setters: Vec<String> = fields
            .iter()
            .filter(|f| !f.required)
            .flat_map(|f| {
                let bare = f.rust_name.trim_start_matches("r#");
                [f.rust_name.clone(), format!("set_{bare}")]
            })
            .collect();
        let mut seen = BTreeSet::new();
        for setter in &setters {
            if setter == "new" || !seen.insert(setter) {
                return Err(format!("{owner}: two methods would be named {setter}"));
            }
        }
        Ok(fields)
    }

    /// `<Name>Required` for a type with two or more required properties.
    fn required_struct(&mut self, owner: &str, fields: &[Field]) -> Result<Option<String>, String> {
        if fields.iter().filter(|f| f.required).count() < 2 {
            return Ok(None);
        }
        let candidate = format!("{owner}Required");
        let (name, is_new) = self
            .names
            .claim("", &candidate, &format!("required:{owner}"));
        if name != candidate || !is_new {
            return Err(format!("the name {candidate} is taken"));
        }
        Ok(Some(name))
    }

    /// The type of the property `name` of `owner`; `known` is cfn-lint's
    /// enum of its strings (or of its list's strings), if any.
    fn resolve(
        &mut self,
        owner: &str,
        name: &str,
        ty: &PropertyType,
        known: Option<&Vec<String>>,
    ) -> Result<Ty, String> {
        Ok(match ty {
            PropertyType::String {
                allowed_values: Some(values),
            } if !values.is_empty() && values.iter().all(|v| v.is_string()) => {
                let values: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                Ty::Named(self.add_enum(owner, name, values))
            }
            PropertyType::String { .. } => match known {
                Some(values) if !values.is_empty() => {
                    Ty::Named(self.add_enum(owner, name, values.clone()))
                }
                _ => Ty::String,
            },
            PropertyType::DateTime {} => Ty::String,
            PropertyType::Integer {} => Ty::Integer,
            PropertyType::Number {} => Ty::Number,
            PropertyType::Boolean {} => Ty::Boolean,
            PropertyType::Json {} => Ty::Json,
            PropertyType::Tag {} => Ty::Tag,
            PropertyType::Array { element } => Ty::List(Box::new(self.resolve(
                owner,
                &singular(name),
                element,
                known,
            )?)),
            PropertyType::Map { element } => {
                Ty::Map(Box::new(self.resolve(owner, name, element, None)?))
            }
            PropertyType::Ref { reference } => Ty::Named(self.add_struct(reference)?),
            PropertyType::Union { types } => self.union(owner, name, types)?,
        })
    }

    /// A union: free-form JSON when one member is JSON and the others are
    /// scalars (JSON already holds any scalar), else an enum of its
    /// members.
    fn union(&mut self, owner: &str, name: &str, types: &[PropertyType]) -> Result<Ty, String> {
        let scalar = |t: &PropertyType| {
            matches!(
                t,
                PropertyType::String { .. }
                    | PropertyType::Integer {}
                    | PropertyType::Number {}
                    | PropertyType::Boolean {}
                    | PropertyType::DateTime {}
                    | PropertyType::Json {}
            )
        };
        if types.iter().any(|t| matches!(t, PropertyType::Json {})) && types.iter().all(scalar) {
            return Ok(Ty::Json);
        }
        let mut members: Vec<Ty> = Vec::new();
        for member in types {
            // A member enum would need a name of its own; its strings are
            // strings.
            let ty = match member {
                PropertyType::String { .. } => Ty::String,
                other => self.resolve(owner, &singular(name), other, None)?,
            };
            if !members.contains(&ty) {
                members.push(ty);
            }
        }
        if let [only] = members.as_slice() {
            return Ok(only.clone());
        }
        let mut variants: Vec<(String, Ty)> = Vec::new();
        for ty in members {
            let mut variant = variant_for(&ty);
            let mut n = 2;
            while variants.iter().any(|(v, _)| *v == variant) {
                variant = format!("{}{n}", variant_for(&ty));
                n += 1;
            }
            variants.push((variant, ty));
        }
        let signature = format!("union:{variants:?}");
        let (rust_name, is_new) = self.names.claim(owner, &candidate(owner, name), &signature);
        if is_new {
            self.unions.push(Union {
                name: rust_name.clone(),
                variants,
            });
        }
        Ok(Ty::Named(rust_name))
    }

    fn add_enum(&mut self, owner: &str, name: &str, values: Vec<String>) -> String {
        let signature = format!("enum:{}", values.join("\u{1}"));
        let (rust_name, is_new) = self.names.claim(owner, &candidate(owner, name), &signature);
        if is_new {
            let mut variants: Vec<(String, String)> = Vec::new();
            for value in values {
                if variants.iter().any(|(_, v)| *v == value) {
                    continue;
                }
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
                doc: None,
                variants,
            });
        }
        rust_name
    }

    fn add_struct(&mut self, reference: &spec::Reference) -> Result<String, String> {
        let name = self
            .definitions
            .get(&reference.id)
            .cloned()
            .ok_or_else(|| format!("type definition {} was not named", reference.id))?;
        if self.built.insert(reference.id.clone()) {
            let definition = self.spec.definition(reference)?;
            let fields = self.fields(&name, Some(&definition.name), &definition.properties)?;
            let required_struct = self.required_struct(&name, &fields)?;
            self.structs.push(Struct {
                name: name.clone(),
                cfn_name: definition.name.clone(),
                doc: definition.documentation.clone(),
                url: self.pages.property_type(&definition.name),
                fields,
                required_struct,
            });
        }
        Ok(name)
    }
}

/// Boxes every direct (not through a list or map) reference from one
/// property type to another that leads back to the first: WAF's
/// `Statement` holds a `NotStatement` that holds a `Statement`.
fn box_cycles(structs: &mut [Struct], unions: &mut [Union]) {
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in structs.iter() {
        let targets = item.fields.iter().filter_map(|f| direct(&f.ty)).collect();
        edges.insert(item.name.clone(), targets);
    }
    for item in unions.iter() {
        let targets = item
            .variants
            .iter()
            .filter_map(|(_, ty)| direct(ty))
            .collect();
        edges.insert(item.name.clone(), targets);
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                stack.extend(edges.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    let cyclic =
        |owner: &str, ty: &Ty| matches!(direct(ty), Some(target) if reaches(&target, owner));
    for item in structs.iter_mut() {
        let owner = item.name.clone();
        for field in &mut item.fields {
            if cyclic(&owner, &field.ty) {
                field.ty = Ty::Boxed(direct(&field.ty).unwrap());
            }
        }
    }
    for item in unions.iter_mut() {
        let owner = item.name.clone();
        for (_, ty) in &mut item.variants {
            if cyclic(&owner, ty) {
                *ty = Ty::Boxed(direct(ty).unwrap());
            }
        }
    }
}

/// The type a property holds inline, not behind a list or map.
fn direct(ty: &Ty) -> Option<String> {
    match ty {
        Ty::Named(name) => Some(name.clone()),
        _ => None,
    }
}

/// The name an enum or union of the property `name` of `owner` asks for:
/// the property's, or with the owner's in front when it is generic.
fn candidate(owner: &str, name: &str) -> String {
    let candidate = type_name(name);
    if GENERIC_ENUM_NAMES.contains(&candidate.as_str()) {
        format!("{owner}{candidate}")
    } else {
        candidate
    }
}

/// The variant of a union member: `String`, `KeySchemaList`, `Json`.
fn variant_for(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "Integer".into(),
        Ty::Number => "Number".into(),
        Ty::Boolean => "Boolean".into(),
        Ty::Json => "Json".into(),
        Ty::Policy => "Policy".into(),
        Ty::Tag => "Tag".into(),
        Ty::List(item) => format!("{}List", variant_for(item)),
        Ty::Map(item) => format!("{}Map", variant_for(item)),
        Ty::Named(name) | Ty::Boxed(name) => name.clone(),
    }
}

/// What `!GetAtt` yields: scalars and lists of strings as themselves,
/// anything structured as JSON.
fn attribute_type(ty: &PropertyType) -> Ty {
    match ty {
        PropertyType::Integer {} => Ty::Integer,
        PropertyType::Number {} => Ty::Number,
        PropertyType::Boolean {} => Ty::Boolean,
        PropertyType::String { .. } | PropertyType::DateTime {} => Ty::String,
        PropertyType::Array { element } if matches!(**element, PropertyType::String { .. }) => {
            Ty::List(Box::new(Ty::String))
        }
        _ => Ty::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec with one service `test` and the resource `AWS::Test::Thing`
    /// with `properties` (the database's JSON) and type definitions
    /// `definitions` (`$id` -> definition).
    fn spec(properties: &str, definitions: &str) -> Spec {
        Spec::parse(&format!(
            r#"{{"schema": {{
                "service": {{"entities": [{{"$id": "s", "shortName": "test",
                    "cloudFormationNamespace": "AWS::Test"}}]}},
                "resource": {{"entities": [{{"$id": "r", "cloudFormationType": "AWS::Test::Thing",
                    "name": "Thing", "primaryIdentifier": ["Name"],
                    "properties": {properties},
                    "attributes": {{"Arn": {{"type": {{"type": "string"}}}},
                        "Endpoint.Port": {{"type": {{"type": "integer"}}}},
                        "Reference": {{"type": {{"type": "string"}}}},
                        "Config": {{"type": {{"type": "ref", "reference": {{"$ref": "1"}}}}}}}}}}]}},
                "typeDefinition": {{"entities": [{definitions}]}},
                "hasResource": {{"forward": {{"s": [{{"$id": "r"}}]}}}}
            }}}}"#
        ))
        .unwrap()
    }

    fn thing(properties: &str, definitions: &str) -> Resource {
        let spec = spec(properties, definitions);
        let mut services = build(&spec, &KnownEnums::new()).unwrap();
        services.remove(0).resources.remove(0)
    }

    fn field<'a>(item: &'a Struct, cfn_name: &str) -> &'a Field {
        item.fields
            .iter()
            .find(|f| f.cfn_name == cfn_name)
            .unwrap_or_else(|| panic!("no field {cfn_name} in {}", item.name))
    }

    const CONFIG: &str = r#"{"$id": "1", "name": "Config", "properties": {
        "Name": {"type": {"type": "string"}, "required": true},
        "Size": {"type": {"type": "integer"}, "required": true, "causesReplacement": "yes"},
        "Next": {"type": {"type": "ref", "reference": {"$ref": "1"}}},
        "Mode": {"type": {"type": "string", "allowedValues": ["fast", "SLOW_AND_STEADY"]}}
    }}"#;

    #[test]
    fn scalars_lists_maps_and_tags_map_to_rust_types() {
        let resource = thing(
            r#"{"A": {"type": {"type": "string"}}, "B": {"type": {"type": "integer"}},
                "C": {"type": {"type": "number"}}, "D": {"type": {"type": "boolean"}},
                "E": {"type": {"type": "json"}}, "F": {"type": {"type": "date-time"}},
                "G": {"type": {"type": "array", "element": {"type": "tag"}}},
                "H": {"type": {"type": "map", "element": {"type": "string"}}},
                "PolicyDocument": {"type": {"type": "json"}}}"#,
            "",
        );
        let ty = |name: &str| field(&resource.resource, name).ty.clone();
        assert_eq!(ty("A"), Ty::String);
        assert_eq!(ty("B"), Ty::Integer);
        assert_eq!(ty("C"), Ty::Number);
        assert_eq!(ty("D"), Ty::Boolean);
        assert_eq!(ty("E"), Ty::Json);
        assert_eq!(ty("F"), Ty::String);
        assert_eq!(ty("G"), Ty::List(Box::new(Ty::Tag)));
        assert_eq!(ty("H"), Ty::Map(Box::new(Ty::String)));
        assert_eq!(ty("PolicyDocument"), Ty::Policy);
    }

    #[test]
    fn type_definitions_become_structs_with_required_fields_and_enums() {
        let resource = thing(
            r#"{"Config": {"type": {"type": "ref", "reference": {"$ref": "1"}}},
                "Type": {"type": {"type": "string", "allowedValues": ["a", "b"]}}}"#,
            CONFIG,
        );
        assert_eq!(
            field(&resource.resource, "Config").ty,
            Ty::Named("Config".into())
        );
        let config = &resource.structs[0];
        assert_eq!(config.required_struct.as_deref(), Some("ConfigRequired"));
        assert!(field(config, "Name").required);
        // A self-reference resolves to the struct being built, boxed.
        assert_eq!(field(config, "Next").ty, Ty::Boxed("Config".into()));
        // A generic enum name says whose it is; a specific one does not.
        assert_eq!(
            field(&resource.resource, "Type").ty,
            Ty::Named("ThingType".into())
        );
        let mode = resource
            .enums
            .iter()
            .find(|e| e.name == "ConfigMode")
            .unwrap();
        assert_eq!(
            mode.variants,
            [
                ("Fast".to_string(), "fast".to_string()),
                ("SlowAndSteady".to_string(), "SLOW_AND_STEADY".to_string())
            ]
        );
        assert!(config
            .url
            .ends_with("aws-properties-test-thing-config.html"));
        assert!(field(config, "Size")
            .url
            .ends_with("#cfn-test-thing-config-size"));
    }

    #[test]
    fn cfn_lint_enums_fill_in_what_the_spec_lacks() {
        let spec = spec(
            r#"{"Config": {"type": {"type": "ref", "reference": {"$ref": "1"}}},
                "Colors": {"type": {"type": "array", "element": {"type": "string"}}},
                "Plain": {"type": {"type": "string"}}}"#,
            CONFIG,
        );
        let known: KnownEnums = [(
            "AWS::Test::Thing".to_string(),
            [
                (
                    "/Colors".to_string(),
                    vec!["red".to_string(), "blue".to_string()],
                ),
                ("Config/Name".to_string(), vec!["x".to_string()]),
            ]
            .into_iter()
            .collect(),
        )]
        .into_iter()
        .collect();
        let resource = build(&spec, &known).unwrap().remove(0).resources.remove(0);
        let colors = &field(&resource.resource, "Colors").ty;
        assert_eq!(*colors, Ty::List(Box::new(Ty::Named("Color".into()))));
        assert_eq!(field(&resource.resource, "Plain").ty, Ty::String);
        let config = resource
            .structs
            .iter()
            .find(|s| s.name == "Config")
            .unwrap();
        assert_eq!(field(config, "Name").ty, Ty::Named("ConfigName".into()));
    }

    #[test]
    fn clashing_names_go_to_the_enum_with_its_owner_prefixed() {
        let resource = thing(
            r#"{"Config": {"type": {"type": "ref", "reference": {"$ref": "1"}}},
                "Left": {"type": {"type": "string", "allowedValues": ["a"]}},
                "Other": {"type": {"type": "ref", "reference": {"$ref": "2"}}}}"#,
            &format!(
                r#"{CONFIG}, {{"$id": "2", "name": "Left", "properties": {{
                "Value": {{"type": {{"type": "ref", "reference": {{"$ref": "3"}}}}}}}}}},
                {{"$id": "3", "name": "Value", "properties": {{}}}}"#
            ),
        );
        // The property type keeps `Left`; the enum is `ThingLeft`.
        assert_eq!(
            field(&resource.resource, "Left").ty,
            Ty::Named("ThingLeft".into())
        );
        assert_eq!(
            field(&resource.resource, "Other").ty,
            Ty::Named("Left".into())
        );
        // A reserved name is suffixed.
        let left = resource.structs.iter().find(|s| s.name == "Left").unwrap();
        assert_eq!(field(left, "Value").ty, Ty::Named("ValueProperty".into()));
    }

    #[test]
    fn unions_are_enums_unless_json_already_holds_every_member() {
        let resource = thing(
            r#"{"Loose": {"type": {"type": "union", "types": [{"type": "json"}, {"type": "string"}]}},
                "KeySchema": {"type": {"type": "union", "types": [
                    {"type": "array", "element": {"type": "ref", "reference": {"$ref": "1"}}},
                    {"type": "json"}]}},
                "Size": {"type": {"type": "union", "types": [{"type": "integer"}, {"type": "string"}]}}}"#,
            CONFIG,
        );
        assert_eq!(field(&resource.resource, "Loose").ty, Ty::Json);
        assert_eq!(
            field(&resource.resource, "KeySchema").ty,
            Ty::Named("KeySchema".into())
        );
        let union = &resource.unions[0];
        assert_eq!(
            union.variants,
            [
                (
                    "ConfigList".to_string(),
                    Ty::List(Box::new(Ty::Named("Config".into())))
                ),
                ("Json".to_string(), Ty::Json)
            ]
        );
        assert_eq!(
            field(&resource.resource, "Size").ty,
            Ty::Named("Size".into())
        );
    }

    #[test]
    fn facts_follow_replacement_through_nesting_and_lists() {
        let resource = thing(
            r#"{"Name": {"type": {"type": "string"}, "causesReplacement": "yes"},
                "Items": {"type": {"type": "array", "element": {"type": "ref", "reference": {"$ref": "1"}}}},
                "Maybe": {"type": {"type": "string"}, "causesReplacement": "maybe"}}"#,
            CONFIG,
        );
        assert_eq!(resource.facts.create_only, ["Items/*/Size", "Name"]);
        assert_eq!(resource.facts.conditional_create_only, ["Maybe"]);
        assert_eq!(resource.facts.name_property.as_deref(), Some("Name"));
    }

    #[test]
    fn attributes_are_typed_and_never_shadow_handle_methods() {
        let resource = thing("{}", CONFIG);
        let attributes: Vec<(&str, &str, &Ty)> = resource
            .attributes
            .iter()
            .map(|a| (a.name.as_str(), a.method.as_str(), &a.ty))
            .collect();
        assert_eq!(
            attributes,
            [
                ("Arn", "arn", &Ty::String),
                ("Config", "config", &Ty::Json),
                ("Endpoint.Port", "endpoint_port", &Ty::Integer),
                ("Reference", "reference_attribute", &Ty::String),
            ]
        );
    }

    #[test]
    fn a_type_that_holds_itself_directly_is_boxed() {
        let resource = thing(
            r#"{"Config": {"type": {"type": "ref", "reference": {"$ref": "1"}}}}"#,
            CONFIG,
        );
        let config = resource
            .structs
            .iter()
            .find(|s| s.name == "Config")
            .unwrap();
        assert_eq!(field(config, "Next").ty, Ty::Boxed("Config".into()));
        // The resource's own reference to it is not a cycle.
        assert_eq!(
            field(&resource.resource, "Config").ty,
            Ty::Named("Config".into())
        );
    }

    #[test]
    fn two_properties_with_one_rust_name_are_refused() {
        let spec = spec(
            r#"{"VPCId": {"type": {"type": "string"}}, "VpcId": {"type": {"type": "string"}}}"#,
            "",
        );
        let error = build(&spec, &KnownEnums::new()).unwrap_err();
        assert!(error.contains("vpc_id"), "{error}");
    }
}
