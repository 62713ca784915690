//! One template as one module: a `Stack` whose `template()` adds every
//! parameter, mapping, condition, rule, resource and output of the
//! template, in an order where each handle exists before it is used.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::code::{self, compact, Binding, Code, Names, Writer};
use constructs::AwsType;

use crate::model::{self, ResourceModel, Ty};
use crate::report::{Note, NoteKind};
use crate::{rust, ImportError};

/// A template's module, and what the package needs to know about it.
pub struct Module {
    pub source: String,
    /// The cargo features (services) its resources need.
    pub features: BTreeSet<String>,
    /// Whether it uses `serde_json::json!`.
    pub json_macro: bool,
    pub resources: usize,
    pub notes: Vec<Note>,
}

/// The sections a template may have; `Transform` is refused on its own.
const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Resources",
    "Outputs",
];

/// A resource's keys besides its type.
const RESOURCE_KEYS: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
    "Version",
];

/// Names the module's code uses besides the bindings.
const RESERVED: &[&str] = &[
    "template",
    "fns",
    "pseudo",
    "untyped",
    "map",
    "json",
    "constructs",
    "framework",
    "synth",
    "serde_json",
    "Some",
    "None",
    "Ok",
    "Err",
];

fn fail(location: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError {
        location: location.into(),
        problem: problem.into(),
    }
}

fn section<'t>(body: &'t Value, name: &str) -> Result<Option<&'t Map<String, Value>>, ImportError> {
    match body.get(name) {
        None => Ok(None),
        Some(Value::Object(entries)) => Ok(Some(entries)),
        Some(other) => Err(fail(name, format!("is {}, not a mapping", compact(other)))),
    }
}

/// The module of `body`, a stack named `verb` whose struct is `stack`.
pub fn module(body: &Value, verb: &str, stack: &str, label: &str) -> Result<Module, ImportError> {
    let top = body
        .as_object()
        .ok_or_else(|| fail("the document", "is not a mapping"))?;
    if let Some(transform) = top.get("Transform") {
        return Err(fail("Transform", inspect::read::uses_transform(transform)));
    }
    if let Some(key) = top.keys().find(|k| !SECTIONS.contains(&k.as_str())) {
        return Err(fail(
            key.as_str(),
            "is not a section of a CloudFormation template",
        ));
    }
    let parameters = section(body, "Parameters")?.cloned().unwrap_or_default();
    let mappings = section(body, "Mappings")?.cloned().unwrap_or_default();
    let conditions = section(body, "Conditions")?.cloned().unwrap_or_default();
    let rules = section(body, "Rules")?.cloned().unwrap_or_default();
    let resources = section(body, "Resources")?
        .filter(|resources| !resources.is_empty())
        .cloned()
        .ok_or_else(|| {
            fail(
                "Resources",
                "is missing or empty: CloudFormation needs at least one resource",
            )
        })?;
    let outputs = section(body, "Outputs")?.cloned().unwrap_or_default();

    let mut notes = Vec::new();
    let models = resource_models(&resources)?;
    let names = bind(
        &parameters,
        &mappings,
        &conditions,
        &resources,
        &models,
        &mut notes,
    )?;
    let mut writer = Writer::new(&names);

    let mut statements: Vec<String> = Vec::new();
    let mut pending_lets: Vec<(String, String, String)> = Vec::new();

    // Parameters, mappings: no dependencies.
    for (id, spec) in &parameters {
        let text = parameter(id, spec, &mut notes, &mut writer.imports)?;
        pending_lets.push((
            id.clone(),
            names.refs[id].0.clone(),
            format!("template.add_parameter({text})?;"),
        ));
    }
    for (id, mapping) in &mappings {
        let text = mapping_code(id, mapping, &mut writer)?;
        pending_lets.push((
            id.clone(),
            names.mappings[id].clone(),
            format!("template.add_mapping({}, {text})?;", rust::string(id)),
        ));
    }
    // Conditions, in an order where each comes after those it names.
    let mut condition_codes = Vec::new();
    for (id, condition) in &conditions {
        writer.used_conditions.clear();
        let text = condition_code(&mut writer, condition, &format!("Conditions.{id}"))?;
        let needs: BTreeSet<String> = writer.used_conditions.clone();
        condition_codes.push((id.clone(), text, needs));
    }
    let mut used_conditions: BTreeSet<String> = condition_codes
        .iter()
        .flat_map(|(_, _, needs)| needs.iter().cloned())
        .collect();
    let ordered_conditions = order(
        condition_codes
            .into_iter()
            .map(|(id, text, needs)| (id, (text, needs)))
            .collect(),
        "Conditions",
    )?;
    let mut rule_codes = Vec::new();
    for (id, rule) in &rules {
        rule_codes.push(format!(
            "template.add_rule({}, {})?;",
            rust::string(id),
            rule_code(&mut writer, rule, &format!("Rules.{id}"))?
        ));
    }
    // Resources, each after the resources it refers to.
    let mut resource_codes = Vec::new();
    let mut features = BTreeSet::new();
    for (id, resource) in &resources {
        writer.depends.clear();
        writer.deprecated = false;
        let (text, feature) =
            resource_code(&mut writer, id, resource, models.get(id).cloned().flatten())?;
        if let Some(feature) = feature {
            features.insert(feature);
        }
        let mut needs = writer.depends.clone();
        needs.remove(id);
        let deprecated = writer.deprecated;
        resource_codes.push((id.clone(), ((text, deprecated), needs)));
    }
    let ordered_resources = order(resource_codes, "Resources")?;
    let mut output_codes = Vec::new();
    for (id, output) in &outputs {
        output_codes.push(output_code(&mut writer, id, output)?);
    }
    used_conditions.extend(writer.used_conditions.iter().cloned());

    // Statements, with a `let` only for what is used later.
    let bind_if_used = |used: bool, name: &str, statement: &str| -> String {
        if used {
            format!("let {name} = {statement}")
        } else {
            statement.to_string()
        }
    };
    for (id, name, statement) in &pending_lets {
        let used = writer.used.contains(id) || writer.used_mappings.contains(id);
        statements.push(bind_if_used(used, name, statement));
    }
    for (id, text) in ordered_conditions {
        let statement = format!("template.add_condition({}, {text})?;", rust::string(&id));
        statements.push(bind_if_used(
            used_conditions.contains(&id),
            &names.conditions[&id],
            &statement,
        ));
    }
    statements.extend(rule_codes);
    for (id, (text, deprecated)) in ordered_resources {
        let statement = bind_if_used(writer.used.contains(&id), &names.refs[&id].0, &text);
        statements.push(if deprecated {
            format!("#[allow(deprecated)] // a property the spec deprecates\n{statement}")
        } else {
            statement
        });
    }
    statements.extend(output_codes);

    let description = body.get("Description");
    let new_template = match description {
        None => "Template::default()".to_string(),
        Some(Value::String(text)) => format!("Template::new({})", rust::string(text)),
        Some(other) => {
            return Err(fail(
                "Description",
                format!("is {}, not a string", compact(other)),
            ))
        }
    };
    let mut metadata = Vec::new();
    if let Some(entries) = section(body, "Metadata")? {
        for (key, value) in entries {
            let json = writer.json(value, &format!("Metadata.{key}"))?;
            metadata.push(format!(
                "template.add_metadata({}, {});",
                rust::string(key),
                json.text
            ));
        }
    }
    attention(body, &mut notes);
    notes.append(&mut writer.notes);

    let mut source = String::new();
    let _ = writeln!(
        source,
        "//! The `{verb}` stack, imported by `synth import` from `{}`.",
        label.replace('`', "'")
    );
    source.push('\n');
    let services: Vec<&String> = features.iter().collect();
    if !services.is_empty() {
        let _ = writeln!(
            source,
            "use constructs::aws::{{{}}};",
            services
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut imports: BTreeSet<&str> = writer.imports.clone();
    imports.insert("Template");
    if !resources.is_empty() {
        imports.insert("Resource");
    }
    let (modules, items): (Vec<&str>, Vec<&str>) = imports
        .iter()
        .partition(|name| name.starts_with(|c: char| c.is_ascii_lowercase()));
    let mut names_used: Vec<String> = modules.iter().map(|m| m.to_string()).collect();
    names_used.extend(items.iter().map(|item| match *item {
        "Policy" => "Policy".to_string(),
        "PolicyDocument" | "Statement" | "Principal" | "ConditionOperator" | "Operator"
        | "Element" => {
            format!("iam::{item}")
        }
        "Untyped" => "untyped::Untyped".to_string(),
        other => other.to_string(),
    }));
    let names_used = grouped(names_used);
    let _ = writeln!(source, "use constructs::{{{}}};", names_used.join(", "));
    source.push_str(
        "use framework::config::{NoConfig, Validated};\n\
         use framework::examples::Example;\n\
         use framework::stack::{Built, EmitRequest, InstanceArg, NoDocuments, Stack};\n\
         use framework::StackError;\n",
    );
    if writer.json_macro {
        source.push_str("use serde_json::json;\n");
    }
    let about = match description {
        Some(Value::String(text)) if !text.trim().is_empty() => text.trim().to_string(),
        _ => format!("The stack imported from {label}."),
    };
    let _ = write!(
        source,
        r#"
/// The `{verb}` stack: {summary}
pub struct {stack};

impl Stack for {stack} {{
    type Config = NoConfig;
    type Instance = ();
    type Documents = NoDocuments;
    const VERB: &'static str = {verb_literal};
    const ABOUT: &'static str = {about_literal};
    const CONFIG_HELP: &'static str = "None: the imported template has no settings.";
    const INSTANCE: InstanceArg = InstanceArg::None;

    fn default_config() -> Option<NoConfig> {{
        Some(NoConfig::default())
    }}

    fn instance(_: Option<&str>) -> Result<(), StackError> {{
        Ok(())
    }}

    fn stack_name(_: &(), _: &NoConfig) -> String {{
        {verb_literal}.to_string()
    }}

    fn build(_: &(), _: &Validated<NoConfig>) -> Result<Built, StackError> {{
        Ok(Built::new(template()?))
    }}

    fn emit(document: NoDocuments, _: EmitRequest<'_, Self>) -> Result<String, StackError> {{
        match document {{}}
    }}

    fn examples() -> Result<Vec<Example>, StackError> {{
        Ok(Vec::new())
    }}
}}

/// The template: every parameter, mapping, condition, resource and
/// output of `{label_doc}`, each after the ones it refers to.
pub fn template() -> Result<Template, constructs::Error> {{
    let mut template = {new_template};
"#,
        summary = first_line(&about),
        verb_literal = rust::string(verb),
        about_literal = rust::string(&first_line(&about)),
        label_doc = label.replace('`', "'"),
    );
    for line in metadata {
        let _ = writeln!(source, "{line}");
    }
    for statement in statements {
        let _ = writeln!(source, "{statement}");
    }
    source.push_str("Ok(template)\n}\n");
    Ok(Module {
        source,
        features,
        json_macro: writer.json_macro,
        resources: resources.len(),
        notes,
    })
}

/// `["iam::Statement", "iam::Principal", "untyped", "untyped::Untyped"]`
/// → `["iam::{Principal, Statement}", "untyped::{self, Untyped}"]`,
/// sorted: one use tree per module.
fn grouped(names: Vec<String>) -> Vec<String> {
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in names {
        match name.split_once("::") {
            Some((module, item)) => modules
                .entry(module.to_string())
                .or_default()
                .insert(item.to_string()),
            None => modules.entry(name).or_default().insert(String::new()),
        };
    }
    modules
        .into_iter()
        .map(|(module, items)| {
            let items: Vec<&str> = items
                .iter()
                .map(|item| {
                    if item.is_empty() {
                        "self"
                    } else {
                        item.as_str()
                    }
                })
                .collect();
            match items.as_slice() {
                ["self"] => module,
                [one] => format!("{module}::{one}"),
                _ => format!("{module}::{{{}}}", items.join(", ")),
            }
        })
        .collect()
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_string()
}

/// Each resource's model when it is written typed: its type is in the
/// spec, its properties are a mapping and none the spec requires is
/// missing. `None` for an untyped one.
fn resource_models(
    resources: &Map<String, Value>,
) -> Result<BTreeMap<String, Option<Rc<ResourceModel>>>, ImportError> {
    let mut models = BTreeMap::new();
    let mut cache: BTreeMap<String, Option<Rc<ResourceModel>>> = BTreeMap::new();
    for (id, resource) in resources {
        let at = format!("Resources.{id}");
        let object = resource
            .as_object()
            .ok_or_else(|| fail(&at, format!("is {}, not a mapping", compact(resource))))?;
        let type_name = object
            .get("Type")
            .and_then(Value::as_str)
            .ok_or_else(|| fail(&at, "has no Type"))?;
        let model = cache
            .entry(type_name.to_string())
            .or_insert_with(|| model::resource(type_name).map(Rc::new))
            .clone();
        let typed = model.filter(|model| match object.get("Properties") {
            None => !model.resource.fields.values().any(|f| f.required),
            Some(Value::Object(properties)) => model
                .resource
                .fields
                .iter()
                .all(|(name, field)| !field.required || properties.contains_key(name)),
            Some(_) => false,
        });
        models.insert(id.clone(), typed);
    }
    Ok(models)
}

/// Bindings for every parameter, mapping, condition and resource: the
/// snake case of its logical ID, made unique and usable.
fn bind(
    parameters: &Map<String, Value>,
    mappings: &Map<String, Value>,
    conditions: &Map<String, Value>,
    resources: &Map<String, Value>,
    models: &BTreeMap<String, Option<Rc<ResourceModel>>>,
    notes: &mut Vec<Note>,
) -> Result<Names, ImportError> {
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    taken.extend(models.values().flatten().map(|m| m.feature.clone()));
    let mut claim = |section: &str, id: &str, suffix: &str| -> String {
        let plain = rust::snake_case(id);
        let mut name = plain.clone();
        let mut why = rust::unusable(&name).map(str::to_string);
        if why.is_some() {
            name = format!("{suffix}_{plain}");
        }
        if taken.contains(&name) {
            why.get_or_insert_with(|| format!("{plain} is taken"));
            name = format!("{plain}_{suffix}");
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{plain}_{suffix}{n}");
                n += 1;
            }
        }
        if let Some(why) = why {
            notes.push(Note {
                kind: NoteKind::Renamed,
                location: format!("{section}.{id}"),
                text: format!("bound as `{name}` ({why})"),
            });
        }
        taken.insert(name.clone());
        name
    };
    let mut names = Names::default();
    for (id, spec) in parameters {
        let ty = parameter_value_type(id, spec)?;
        let name = claim("Parameters", id, "parameter");
        names
            .refs
            .insert(id.clone(), (name, Binding::Parameter(ty)));
    }
    for id in mappings.keys() {
        let name = claim("Mappings", id, "mapping");
        names.mappings.insert(id.clone(), name);
    }
    for id in conditions.keys() {
        let name = claim("Conditions", id, "condition");
        names.conditions.insert(id.clone(), name);
    }
    for id in resources.keys() {
        if names.refs.contains_key(id) {
            return Err(fail(
                format!("Resources.{id}"),
                "is also a parameter's logical ID; Ref could not tell them apart",
            ));
        }
        let name = claim("Resources", id, "resource");
        names
            .refs
            .insert(id.clone(), (name, Binding::Resource(models[id].clone())));
    }
    Ok(names)
}

/// The parameter's value type in Rust, from its `Type`.
fn parameter_value_type(id: &str, spec: &Value) -> Result<&'static str, ImportError> {
    let at = format!("Parameters.{id}");
    let kind = spec
        .get("Type")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(&at, "has no Type"))?;
    Ok(match parameter_kind(kind) {
        Some(ParameterKind::Number) if integral(spec) => "i64",
        Some(ParameterKind::Number) => "f64",
        Some(ParameterKind::List(_)) => "List<String>",
        Some(_) => "String",
        None => {
            return Err(fail(
                format!("{at}.Type"),
                format!("{kind:?} is not a parameter type CloudFormation has"),
            ))
        }
    })
}

/// Whether a Number parameter's values are all whole.
fn integral(spec: &Value) -> bool {
    let values = ["Default", "MinValue", "MaxValue"]
        .iter()
        .filter_map(|key| spec.get(*key))
        .chain(
            spec.get("AllowedValues")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
    values.into_iter().all(|v| code::integer(v).is_some())
}

/// What a parameter's `Type` makes in `constructs`.
enum ParameterKind {
    String,
    Number,
    /// A constructor call after `Parameter::`, for a list type.
    List(String),
    /// A constructor call after `Parameter::`, for a single value.
    Other(String),
}

/// The `AwsType` variant of an AWS-specific parameter type, by the name
/// `constructs` renders it with.
fn aws_type(kind: &str) -> Option<String> {
    AwsType::ALL
        .iter()
        .find(|t| t.as_str() == kind)
        .map(|t| format!("{t:?}"))
}

fn parameter_kind(kind: &str) -> Option<ParameterKind> {
    fn list(inner: &str) -> Option<&str> {
        inner
            .strip_prefix("List<")
            .and_then(|r| r.strip_suffix('>'))
    }
    Some(match kind {
        "String" => ParameterKind::String,
        "Number" => ParameterKind::Number,
        "List<Number>" => ParameterKind::List("number_list({id})".into()),
        "CommaDelimitedList" => ParameterKind::List("comma_delimited_list({id})".into()),
        "AWS::SSM::Parameter::Name" => ParameterKind::Other("ssm_parameter_name({id})".into()),
        _ => {
            if let Some(t) = aws_type(kind) {
                ParameterKind::Other(format!("aws({{id}}, AwsType::{t})"))
            } else if let Some(t) = list(kind).and_then(aws_type) {
                ParameterKind::List(format!("aws_list({{id}}, AwsType::{t})"))
            } else if let Some(inner) = kind
                .strip_prefix("AWS::SSM::Parameter::Value<")
                .and_then(|r| r.strip_suffix('>'))
            {
                match inner {
                    "String" => ParameterKind::Other("ssm_value({id}, SsmValue::String)".into()),
                    "List<String>" => {
                        ParameterKind::List("ssm_list_value({id}, SsmListValue::StringList)".into())
                    }
                    "CommaDelimitedList" => ParameterKind::List(
                        "ssm_list_value({id}, SsmListValue::CommaDelimitedList)".into(),
                    ),
                    _ => {
                        if let Some(t) = aws_type(inner) {
                            ParameterKind::Other(format!(
                                "ssm_value({{id}}, SsmValue::Aws(AwsType::{t}))"
                            ))
                        } else if let Some(t) = list(inner).and_then(aws_type) {
                            ParameterKind::List(format!(
                                "ssm_list_value({{id}}, SsmListValue::AwsList(AwsType::{t}))"
                            ))
                        } else {
                            return None;
                        }
                    }
                }
            } else {
                return None;
            }
        }
    })
}

/// `Parameter::...(...)` with its settings.
fn parameter(
    id: &str,
    spec: &Value,
    notes: &mut Vec<Note>,
    imports: &mut BTreeSet<&'static str>,
) -> Result<String, ImportError> {
    let at = format!("Parameters.{id}");
    let object = spec
        .as_object()
        .ok_or_else(|| fail(&at, format!("is {}, not a mapping", compact(spec))))?;
    let kind_text = object["Type"].as_str().unwrap_or_default();
    let kind = parameter_kind(kind_text).expect("checked when bound");
    let value_type = parameter_value_type(id, spec)?;
    let id_literal = rust::string(id);
    let mut text = match &kind {
        ParameterKind::String => format!("Parameter::string({id_literal})"),
        ParameterKind::Number if value_type == "i64" => format!("Parameter::integer({id_literal})"),
        ParameterKind::Number => format!("Parameter::number({id_literal})"),
        ParameterKind::List(call) | ParameterKind::Other(call) => {
            for name in ["AwsType", "SsmValue", "SsmListValue"] {
                if call.contains(&format!("{name}::")) {
                    imports.insert(name);
                }
            }
            format!("Parameter::{}", call.replace("{id}", &id_literal))
        }
    };
    imports.insert("Parameter");
    let literal = |value: &Value, key: &str| -> Result<String, ImportError> {
        let place = format!("{at}.{key}");
        match value_type {
            "i64" => code::integer(value)
                .map(|n| {
                    if i32::try_from(n).is_ok() {
                        n.to_string()
                    } else {
                        format!("{n}_i64")
                    }
                })
                .ok_or_else(|| fail(&place, format!("{} is not a number", compact(value)))),
            "f64" => value
                .as_f64()
                .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
                .map(rust::float)
                .ok_or_else(|| fail(&place, format!("{} is not a number", compact(value)))),
            "List<String>" => {
                let text = scalar_text(value).ok_or_else(|| fail(&place, "is not a string"))?;
                if text.is_empty() {
                    Ok("Vec::<String>::new()".to_string())
                } else {
                    let items: Vec<String> = text
                        .split(',')
                        .map(|item| format!("{}.to_string()", rust::string(item)))
                        .collect();
                    Ok(format!("vec![{}]", items.join(", ")))
                }
            }
            _ => scalar_text(value)
                .map(|text| rust::string(&text))
                .ok_or_else(|| fail(&place, format!("{} is not a string", compact(value)))),
        }
    };
    let string_only = |key: &str| -> Result<(), ImportError> {
        if value_type == "String" {
            Ok(())
        } else {
            Err(fail(
                format!("{at}.{key}"),
                format!("applies to String parameters, and {id} is a {kind_text}"),
            ))
        }
    };
    let number_only = |key: &str| -> Result<(), ImportError> {
        if matches!(value_type, "i64" | "f64") {
            Ok(())
        } else {
            Err(fail(
                format!("{at}.{key}"),
                format!("applies to Number parameters, and {id} is a {kind_text}"),
            ))
        }
    };
    for (key, value) in object {
        let place = format!("{at}.{key}");
        let text_of = |value: &Value| {
            value
                .as_str()
                .map(rust::string)
                .ok_or_else(|| fail(&place, format!("{} is not a string", compact(value))))
        };
        let whole = |value: &Value| {
            code::integer(value)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| fail(&place, format!("{} is not a whole number", compact(value))))
        };
        match key.as_str() {
            "Type" => {}
            "Description" => text += &format!("\n.description({})", text_of(value)?),
            "Default" => text += &format!("\n.default({})", literal(value, key)?),
            "AllowedValues" => {
                let values = value
                    .as_array()
                    .ok_or_else(|| fail(&place, "is not a list"))?
                    .iter()
                    .map(|v| literal(v, key))
                    .collect::<Result<Vec<_>, _>>()?;
                text += &format!("\n.allowed_values([{}])", values.join(", "));
            }
            "AllowedPattern" => {
                string_only(key)?;
                text += &format!("\n.allowed_pattern({})", text_of(value)?);
            }
            "MinLength" | "MaxLength" => {
                string_only(key)?;
                let method = if key == "MinLength" {
                    "min_length"
                } else {
                    "max_length"
                };
                text += &format!("\n.{method}({})", whole(value)?);
            }
            "MinValue" | "MaxValue" => {
                number_only(key)?;
                let method = if key == "MinValue" {
                    "min_value"
                } else {
                    "max_value"
                };
                let n = value
                    .as_f64()
                    .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
                    .ok_or_else(|| fail(&place, format!("{} is not a number", compact(value))))?;
                text += &format!("\n.{method}({})", rust::float(n));
            }
            "NoEcho" => match value {
                Value::Bool(true) => text += "\n.no_echo()",
                Value::String(s) if s.eq_ignore_ascii_case("true") => text += "\n.no_echo()",
                Value::Bool(false) => {}
                Value::String(s) if s.eq_ignore_ascii_case("false") => {}
                _ => {
                    return Err(fail(
                        &place,
                        format!("{} is not true or false", compact(value)),
                    ))
                }
            },
            "ConstraintDescription" => {
                text += &format!("\n.constraint_description({})", text_of(value)?)
            }
            _ => {
                return Err(fail(
                    &place,
                    "is not a parameter property CloudFormation has",
                ))
            }
        }
    }
    let no_echo = text.contains(".no_echo()");
    if no_echo && object.contains_key("Default") {
        return Err(fail(
            format!("{at}.Default"),
            "a NoEcho parameter's default is readable by anyone who can read the template \
             body; synth refuses to write one: remove the Default and pass the value at deploy \
             time",
        ));
    }
    if !no_echo && secret_name(id) && object.contains_key("Default") {
        notes.push(Note {
            kind: NoteKind::Attention,
            location: format!("{at}.Default"),
            text: "looks like a secret with a plain-text default and no NoEcho: move it to \
                   Secrets Manager or pass it at deploy time"
                .into(),
        });
    }
    Ok(text)
}

fn secret_name(id: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    ["password", "secret", "token", "apikey", "privatekey"]
        .iter()
        .any(|word| lower.contains(word))
}

/// A scalar as CloudFormation reads it as text.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn mapping_code(id: &str, mapping: &Value, writer: &mut Writer) -> Result<String, ImportError> {
    let at = format!("Mappings.{id}");
    let tops = mapping
        .as_object()
        .ok_or_else(|| fail(&at, "is not a mapping of top-level keys"))?;
    writer.imports.insert("Mapping");
    let mut text = "Mapping::new()".to_string();
    for (top, seconds) in tops {
        let seconds = seconds.as_object().ok_or_else(|| {
            fail(
                format!("{at}.{top}"),
                "is not a mapping of second-level keys",
            )
        })?;
        for (second, value) in seconds {
            let value = match value {
                Value::String(s) => rust::string(s),
                _ if code::has_intrinsic(value) => {
                    return Err(fail(
                        format!("{at}.{top}.{second}"),
                        "holds an intrinsic function, which mappings may not",
                    ))
                }
                _ => {
                    writer.json_macro = true;
                    format!("json!({})", code::json_macro(value))
                }
            };
            text += &format!(
                "\n.entry({}, {}, {value})",
                rust::string(top),
                rust::string(second)
            );
        }
    }
    Ok(text)
}

/// A condition function as a `Condition`.
fn condition_code(writer: &mut Writer, value: &Value, at: &str) -> Result<String, ImportError> {
    let (name, argument) = inspect::references::intrinsic(value).ok_or_else(|| {
        fail(
            at,
            format!("{} is not a condition function", compact(value)),
        )
    })?;
    let at_fn = format!("{at} ({name})");
    let list = |argument: &Value| {
        argument
            .as_array()
            .cloned()
            .ok_or_else(|| fail(&at_fn, "takes a list"))
    };
    writer.imports.insert("Condition");
    Ok(match name {
        "Fn::Equals" => {
            let items = list(argument)?;
            let [a, b] = items.as_slice() else {
                return Err(fail(&at_fn, "takes two values"));
            };
            let a = writer.value(&Ty::String, a, &format!("{at_fn}[0]"))?;
            let b = writer.value(&Ty::String, b, &format!("{at_fn}[1]"))?;
            format!("Condition::equals({}, {})", a.text, b.text)
        }
        "Fn::And" | "Fn::Or" => {
            let items = list(argument)?
                .iter()
                .enumerate()
                .map(|(i, c)| condition_code(writer, c, &format!("{at_fn}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            let function = if name == "Fn::And" { "and" } else { "or" };
            format!("Condition::{function}([\n{},\n])", items.join(",\n"))
        }
        "Fn::Not" => {
            let items = list(argument)?;
            let [inner] = items.as_slice() else {
                return Err(fail(&at_fn, "takes one condition"));
            };
            format!(
                "Condition::not({})",
                condition_code(writer, inner, &format!("{at_fn}[0]"))?
            )
        }
        "Condition" => {
            let binding = writer.condition_binding(argument, &at_fn)?;
            format!("Condition::from(&{binding})")
        }
        "Fn::Contains" | "Fn::EachMemberEquals" | "Fn::EachMemberIn" => {
            let items = list(argument)?;
            let [a, b] = items.as_slice() else {
                return Err(fail(&at_fn, "takes a list and a value"));
            };
            let strings = Ty::List(Box::new(Ty::String));
            let a = writer.value(&strings, a, &format!("{at_fn}[0]"))?;
            let (b, function) = match name {
                "Fn::Contains" => (
                    writer.value(&Ty::String, b, &format!("{at_fn}[1]"))?,
                    "contains",
                ),
                "Fn::EachMemberEquals" => (
                    writer.value(&Ty::String, b, &format!("{at_fn}[1]"))?,
                    "each_member_equals",
                ),
                _ => (
                    writer.value(&strings, b, &format!("{at_fn}[1]"))?,
                    "each_member_in",
                ),
            };
            format!("Condition::{function}({}, {})", a.text, b.text)
        }
        _ => return Err(fail(&at_fn, format!("{name} is not a condition function"))),
    })
}

fn rule_code(writer: &mut Writer, rule: &Value, at: &str) -> Result<String, ImportError> {
    let object = rule
        .as_object()
        .ok_or_else(|| fail(at, "is not a mapping"))?;
    writer.imports.insert("Rule");
    let mut text = "Rule::new()".to_string();
    for (key, value) in object {
        let place = format!("{at}.{key}");
        match key.as_str() {
            "RuleCondition" => {
                text += &format!("\n.when({})", condition_code(writer, value, &place)?)
            }
            "Assertions" => {
                for (i, assertion) in value
                    .as_array()
                    .ok_or_else(|| fail(&place, "is not a list"))?
                    .iter()
                    .enumerate()
                {
                    let item = format!("{place}[{i}]");
                    let fields = assertion
                        .as_object()
                        .ok_or_else(|| fail(&item, "is not a mapping"))?;
                    if let Some(key) = fields
                        .keys()
                        .find(|k| !["Assert", "AssertDescription"].contains(&k.as_str()))
                    {
                        return Err(fail(
                            format!("{item}.{key}"),
                            "is not a field of an assertion (Assert, AssertDescription)",
                        ));
                    }
                    let condition = fields
                        .get("Assert")
                        .ok_or_else(|| fail(&item, "has no Assert"))?;
                    let condition = condition_code(writer, condition, &format!("{item}.Assert"))?;
                    text += &match assertion.get("AssertDescription") {
                        None => format!("\n.assert_without_description({condition})"),
                        Some(Value::String(description)) => {
                            format!("\n.assert({condition}, {})", rust::string(description))
                        }
                        Some(other) => {
                            return Err(fail(
                                format!("{item}.AssertDescription"),
                                format!("is {}, not a string", compact(other)),
                            ))
                        }
                    };
                }
            }
            _ => return Err(fail(&place, "is not a rule property")),
        }
    }
    Ok(text)
}

/// A resource's statement, and the cargo feature its type needs.
fn resource_code(
    writer: &mut Writer,
    id: &str,
    resource: &Value,
    model: Option<Rc<ResourceModel>>,
) -> Result<(String, Option<String>), ImportError> {
    let at = format!("Resources.{id}");
    let object = resource.as_object().expect("checked when bound");
    if let Some(key) = object.keys().find(|k| !RESOURCE_KEYS.contains(&k.as_str())) {
        return Err(fail(
            format!("{at}.{key}"),
            "is not a resource attribute CloudFormation has",
        ));
    }
    let type_name = object["Type"].as_str().expect("checked when bound");
    let properties = match object.get("Properties") {
        None => Map::new(),
        Some(Value::Object(properties)) => properties.clone(),
        Some(other) => {
            return Err(fail(
                format!("{at}.Properties"),
                format!("is {}, not a mapping", compact(other)),
            ))
        }
    };
    let props_at = format!("{at}.Properties");
    let (body, adder, extra, feature) = match &model {
        Some(model) => {
            writer.current = Some(model.clone());
            let path = format!("{}::{}", model.feature, model.name);
            let built =
                writer.resource_properties(&path, &model.resource, &properties, &props_at)?;
            let (typed, extra) = built.expect("required properties checked when bound");
            (typed, "add", extra, Some(model.feature.clone()))
        }
        None => {
            writer.current = None;
            let why = match model::resource(type_name) {
                None => format!("{type_name} is a type the spec does not have"),
                Some(_) => format!("{type_name} lacks a property the spec requires"),
            };
            writer.notes.push(Note {
                kind: NoteKind::Untyped,
                location: at.clone(),
                text: format!("{why}: written as untyped::Untyped"),
            });
            writer.imports.insert("Untyped");
            let mut text = format!("Untyped::new({})", rust::string(type_name));
            for (name, value) in &properties {
                let json = writer.json(value, &format!("{props_at}.{name}"))?;
                text += &format!("\n.property({}, {})", rust::string(name), json.text);
            }
            (text, "add_untyped", Vec::new(), None)
        }
    };
    writer.current = None;
    let mut text = format!("Resource::new({}, {body})", rust::string(id));
    text += &attributes(writer, id, object, &at)?;
    if let Some(version) = object.get("Version") {
        text += &custom_resource_version(writer, type_name, version, &at)?;
    }
    text += &extra.concat();
    Ok((format!("template.{adder}({text})?;"), feature))
}

/// The resource attributes as calls on `Resource`.
fn attributes(
    writer: &mut Writer,
    _id: &str,
    object: &Map<String, Value>,
    at: &str,
) -> Result<String, ImportError> {
    let mut text = String::new();
    if let Some(condition) = object.get("Condition") {
        let binding = writer.condition_binding(condition, &format!("{at}.Condition"))?;
        text += &format!("\n.condition(&{binding})");
    }
    if let Some(depends) = object.get("DependsOn") {
        let ids: Vec<&str> = match depends {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many
                .iter()
                .map(|v| {
                    v.as_str().ok_or_else(|| {
                        fail(format!("{at}.DependsOn"), "is not a list of logical IDs")
                    })
                })
                .collect::<Result<_, _>>()?,
            _ => {
                return Err(fail(
                    format!("{at}.DependsOn"),
                    "is not a logical ID or a list of them",
                ))
            }
        };
        for target in ids {
            let Some((binding, Binding::Resource(_))) = writer.names.refs.get(target) else {
                return Err(fail(
                    format!("{at}.DependsOn"),
                    format!("names {target:?}, which is no resource of the template"),
                ));
            };
            writer.used.insert(target.to_string());
            writer.depends.insert(target.to_string());
            text += &format!("\n.depends_on(&{binding})");
        }
    }
    let policy = |key: &str| -> Result<Option<&str>, ImportError> {
        match object.get(key) {
            None => Ok(None),
            Some(Value::String(p))
                if ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]
                    .contains(&p.as_str()) =>
            {
                Ok(Some(p))
            }
            Some(other) => Err(fail(
                format!("{at}.{key}"),
                format!(
                    "{} is not Delete, Retain, RetainExceptOnCreate or Snapshot{}",
                    compact(other),
                    if other.is_object() {
                        " (a function here needs the AWS::LanguageExtensions transform)"
                    } else {
                        ""
                    }
                ),
            )),
        }
    };
    match (policy("DeletionPolicy")?, policy("UpdateReplacePolicy")?) {
        (Some("Retain"), Some("Retain")) => text += "\n.retain()",
        (Some("Snapshot"), Some("Snapshot")) => text += "\n.snapshot()",
        (deletion, replace) => {
            if deletion.is_some() || replace.is_some() {
                writer.imports.insert("Policy");
            }
            if let Some(p) = deletion {
                text += &format!("\n.deletion_policy(Policy::{p})");
            }
            if let Some(p) = replace {
                text += &format!("\n.update_replace_policy(Policy::{p})");
            }
        }
    }
    if let Some(metadata) = object.get("Metadata") {
        let entries = metadata
            .as_object()
            .ok_or_else(|| fail(format!("{at}.Metadata"), "is not a mapping"))?;
        for (key, value) in entries {
            let json = writer.json(value, &format!("{at}.Metadata.{key}"))?;
            text += &format!("\n.metadata({}, {})", rust::string(key), json.text);
        }
    }
    for (key, method) in [
        ("CreationPolicy", "creation_policy"),
        ("UpdatePolicy", "update_policy"),
    ] {
        if let Some(value) = object.get(key) {
            let json = writer.json(value, &format!("{at}.{key}"))?;
            text += &format!("\n.{method}({})", json.text);
        }
    }
    Ok(text)
}

/// The legacy `Version` of a custom resource (`"1.0"`), which
/// CloudFormation accepts and ignores; written as text, as it was meant.
fn custom_resource_version(
    writer: &mut Writer,
    type_name: &str,
    version: &Value,
    at: &str,
) -> Result<String, ImportError> {
    let at = format!("{at}.Version");
    if !constructs::resource::is_custom_resource_type(type_name) {
        return Err(fail(
            at,
            format!("is an attribute of custom resources only, not of {type_name}"),
        ));
    }
    let text = match version {
        Value::String(text) => text.clone(),
        Value::Number(number) if number.is_i64() || number.is_u64() => {
            let text = number.to_string();
            writer.notes.push(Note {
                kind: NoteKind::Normalised,
                location: at,
                text: format!("{text} → {text:?}"),
            });
            text
        }
        other => {
            return Err(fail(
                at,
                format!("is {}, not a version such as \"1.0\"", compact(other)),
            ))
        }
    };
    Ok(format!(
        "\n.custom_resource_version({})",
        rust::string(&text)
    ))
}

fn output_code(writer: &mut Writer, id: &str, output: &Value) -> Result<String, ImportError> {
    let at = format!("Outputs.{id}");
    let object = output
        .as_object()
        .ok_or_else(|| fail(&at, "is not a mapping"))?;
    let value = object
        .get("Value")
        .ok_or_else(|| fail(&at, "has no Value"))?;
    let value: Code = writer.value(&Ty::String, value, &format!("{at}.Value"))?;
    writer.imports.insert("Output");
    let mut text = format!("Output::new({}, {})", rust::string(id), value.text);
    for (key, item) in object {
        let place = format!("{at}.{key}");
        match key.as_str() {
            "Value" => {}
            "Description" => {
                let description = item
                    .as_str()
                    .ok_or_else(|| fail(&place, "is not a literal string"))?;
                text += &format!("\n.description({})", rust::string(description));
            }
            "Export" => {
                let name = item
                    .get("Name")
                    .filter(|_| item.as_object().is_some_and(|o| o.len() == 1))
                    .ok_or_else(|| fail(&place, "is not a mapping with one Name"))?;
                let name = writer.value(&Ty::String, name, &format!("{place}.Name"))?;
                text += &format!("\n.export({})", name.text);
            }
            "Condition" => {
                let binding = writer.condition_binding(item, &place)?;
                text += &format!("\n.condition(&{binding})");
            }
            _ => return Err(fail(&place, "is not an output property")),
        }
    }
    Ok(format!("template.add_output({text})?;"))
}

/// Entries in an order where each comes after the entries it needs,
/// otherwise as the template lists them.
fn order<T>(
    entries: Vec<(String, (T, BTreeSet<String>))>,
    section: &str,
) -> Result<Vec<(String, T)>, ImportError> {
    let ids: BTreeSet<String> = entries.iter().map(|(id, _)| id.clone()).collect();
    let mut pending: Vec<(String, (T, BTreeSet<String>))> = entries
        .into_iter()
        .map(|(id, (item, needs))| {
            let needs = needs
                .into_iter()
                .filter(|n| ids.contains(n) && *n != id)
                .collect();
            (id, (item, needs))
        })
        .collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    while !pending.is_empty() {
        let Some(at) = pending
            .iter()
            .position(|(_, (_, needs))| needs.iter().all(|n| done.contains(n)))
        else {
            let cycle: Vec<&str> = pending.iter().map(|(id, _)| id.as_str()).collect();
            return Err(fail(
                section,
                format!(
                    "{} refer to each other in a cycle, which CloudFormation refuses",
                    cycle.join(", ")
                ),
            ));
        };
        let (id, (item, _)) = pending.remove(at);
        done.insert(id.clone());
        out.push((id, item));
    }
    Ok(out)
}

/// Notes on what a person should look at: hard-coded account IDs.
fn attention(body: &Value, notes: &mut Vec<Note>) {
    fn walk(value: &Value, at: &str, notes: &mut Vec<Note>) {
        match value {
            Value::String(text) => {
                if let Some(account) = account_id(text) {
                    notes.push(Note {
                        kind: NoteKind::Attention,
                        location: at.to_string(),
                        text: format!(
                            "hard-codes the account {account}: pseudo::account_id() or a \
                             parameter deploys anywhere"
                        ),
                    });
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}[{i}]"), notes);
                }
            }
            Value::Object(entries) => {
                for (key, item) in entries {
                    walk(item, &format!("{at}.{key}"), notes);
                }
            }
            _ => {}
        }
    }
    for section in ["Resources", "Outputs"] {
        if let Some(value) = body.get(section) {
            walk(value, section, notes);
        }
    }
}

/// The account ID in an ARN (`arn:aws:iam::123456789012:role/x`).
fn account_id(text: &str) -> Option<&str> {
    let rest = text.find("arn:aws").map(|at| &text[at..])?;
    let account = rest.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}
