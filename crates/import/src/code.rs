//! Rust expressions for template values, typed by what the generated
//! model expects where they go.
//!
//! Each value becomes a [`Code`]: its text, whether it is a literal of
//! the expected type or an `Expr`, and its Rust type. A literal the model
//! spells differently but CloudFormation reads alike (`"10"` for an
//! integer) becomes the typed form and is noted; an intrinsic whose type
//! differs from the expected one (a `String` parameter in an integer
//! property) goes through `untyped::cast`; a value the model cannot spell
//! at all through `untyped::value`. Both are noted for the report.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use inspect::references::{intrinsic, sub_placeholders};
use serde_json::{Map, Value};

use crate::model::{ResourceModel, Struct, Ty};
use crate::report::{Note, NoteKind};
use crate::rust;
use crate::ImportError;

/// A Rust expression and what it evaluates to.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: String,
    /// `true`: an `Expr<T>`; `false`: a literal `T` (or `&str` for a
    /// `String`), which every setter takes as well.
    pub expr: bool,
    /// The Rust type `T`.
    pub ty: String,
}

impl Code {
    fn literal(text: String, ty: &str) -> Code {
        Code {
            text,
            expr: false,
            ty: ty.to_string(),
        }
    }

    fn expr(text: String, ty: &str) -> Code {
        Code {
            text,
            expr: true,
            ty: ty.to_string(),
        }
    }

    /// The text where a `Value<T>` is expected (a `...Required` field).
    pub fn into_value(self) -> String {
        if self.text.starts_with('-') {
            format!("({}).into()", self.text)
        } else {
            format!("{}.into()", self.text)
        }
    }
}

/// What a binding stands for.
#[derive(Debug, Clone)]
pub enum Binding {
    /// A resource, with its model when it is typed.
    Resource(Option<Rc<ResourceModel>>),
    /// A parameter, with the Rust type of its value.
    Parameter(&'static str),
}

/// The names a template's code refers to: logical ID to Rust binding.
#[derive(Debug, Default)]
pub struct Names {
    pub refs: BTreeMap<String, (String, Binding)>,
    pub conditions: BTreeMap<String, String>,
    pub mappings: BTreeMap<String, String>,
}

/// The pseudo parameters, their functions and types.
const PSEUDO: &[(&str, &str, &str)] = &[
    ("AWS::AccountId", "pseudo::account_id()", "String"),
    ("AWS::Region", "pseudo::region()", "String"),
    ("AWS::Partition", "pseudo::partition()", "String"),
    ("AWS::StackName", "pseudo::stack_name()", "String"),
    ("AWS::StackId", "pseudo::stack_id()", "String"),
    ("AWS::URLSuffix", "pseudo::url_suffix()", "String"),
    (
        "AWS::NotificationARNs",
        "pseudo::notification_arns()",
        "List<String>",
    ),
];

/// Writes the code of one template's values; what it used (bindings,
/// imports, `json!`) is collected for the module around it.
pub struct Writer<'a> {
    pub names: &'a Names,
    /// The resource whose properties are written, for its module's types.
    pub current: Option<Rc<ResourceModel>>,
    /// Logical IDs of resources and parameters referred to as handles.
    pub used: BTreeSet<String>,
    /// The resources the current statement refers to (its dependencies).
    pub depends: BTreeSet<String>,
    /// Conditions and mappings referred to.
    pub used_conditions: BTreeSet<String>,
    pub used_mappings: BTreeSet<String>,
    /// Names of `constructs` the code uses (`fns`, `Json`, ...).
    pub imports: BTreeSet<&'static str>,
    /// Whether `serde_json::json!` is used.
    pub json_macro: bool,
    /// Whether the current statement calls a deprecated setter.
    pub deprecated: bool,
    pub notes: Vec<Note>,
}

type Result<T> = std::result::Result<T, ImportError>;

fn fail(at: &str, problem: impl Into<String>) -> ImportError {
    ImportError {
        location: at.to_string(),
        problem: problem.into(),
    }
}

/// Items of a list or call: on one line when they fit in 60 columns,
/// else one per line, the brackets on lines of their own (as rustfmt
/// would lay them out, should it give up on the statement).
pub fn one_line_or_each(parts: &[String]) -> String {
    let line = parts.join(", ");
    if line.len() <= 60 && !line.contains('\n') {
        line
    } else {
        format!("\n{},\n", parts.join(",\n"))
    }
}

impl<'a> Writer<'a> {
    pub fn new(names: &'a Names) -> Self {
        Writer {
            names,
            current: None,
            used: BTreeSet::new(),
            depends: BTreeSet::new(),
            used_conditions: BTreeSet::new(),
            used_mappings: BTreeSet::new(),
            imports: BTreeSet::new(),
            json_macro: false,
            deprecated: false,
            notes: Vec::new(),
        }
    }

    fn note(&mut self, kind: NoteKind, at: &str, text: String) {
        self.notes.push(Note {
            kind,
            location: at.to_string(),
            text,
        });
    }

    /// The Rust type of `ty` in the current resource's module.
    pub fn rust_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "String".into(),
            Ty::Integer => "i64".into(),
            Ty::Number => "f64".into(),
            Ty::Boolean => "bool".into(),
            Ty::Json => "Json".into(),
            Ty::Policy => "PolicyDocument".into(),
            Ty::Tag => "Tag".into(),
            Ty::List(item) => format!("List<{}>", self.rust_type(item)),
            Ty::Map(item) => format!("Map<{}>", self.rust_type(item)),
            Ty::Named(name) => self.named_path(name),
            Ty::Boxed(name) => format!("Box<{}>", self.named_path(name)),
        }
    }

    fn named_path(&self, name: &str) -> String {
        let model = self
            .current
            .as_ref()
            .expect("named types only inside a resource");
        format!("{}::{}::{name}", model.feature, model.module)
    }

    /// Marks the `constructs` names a type's spelling needs as imported.
    fn import_type(&mut self, ty: &Ty) {
        match ty {
            Ty::Json => {
                self.imports.insert("Json");
            }
            Ty::Policy => {
                self.imports.insert("PolicyDocument");
            }
            Ty::Tag => {
                self.imports.insert("Tag");
            }
            Ty::List(item) => {
                self.imports.insert("List");
                self.import_type(item);
            }
            Ty::Map(item) => {
                self.imports.insert("Map");
                self.import_type(item);
            }
            _ => {}
        }
    }

    /// The binding of the condition `name` names, recorded as used: for
    /// `Fn::If`, `Condition` inside a condition, and the `Condition` of a
    /// resource or output.
    pub fn condition_binding(&mut self, name: &Value, at: &str) -> Result<String> {
        let name = name
            .as_str()
            .ok_or_else(|| fail(at, "takes a literal condition name"))?;
        let binding = self.names.conditions.get(name).ok_or_else(|| {
            fail(
                at,
                format!("names {name:?}, which is no condition of the template"),
            )
        })?;
        self.used_conditions.insert(name.to_string());
        Ok(binding.clone())
    }

    /// Marks the `constructs` names a spelled Rust type uses as imported.
    fn import_spelled(&mut self, rust: &str) {
        for name in ["List", "Map", "Json", "Tag", "Value"] {
            if rust
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|w| w == name)
            {
                self.imports.insert(name);
            }
        }
        if rust.contains("PolicyDocument") {
            self.imports.insert("PolicyDocument");
        }
    }

    /// `value` as the code of a `ty`, at `at` (a path for messages).
    pub fn value(&mut self, ty: &Ty, value: &Value, at: &str) -> Result<Code> {
        if let Some((name, argument)) = intrinsic(value) {
            let want = self.rust_type(ty);
            let code = self.intrinsic(name, argument, Some(&want), at)?;
            return Ok(self.coerce(code, ty, at));
        }
        let normalised = |writer: &mut Self, typed: String| {
            writer.note(
                NoteKind::Normalised,
                at,
                format!("{} → {typed}", compact(value)),
            );
        };
        Ok(match ty {
            Ty::String => match value {
                Value::String(text) => Code::literal(rust::string(text), "String"),
                Value::Number(_) | Value::Bool(_) => {
                    let text = value.to_string();
                    normalised(self, format!("{text:?}"));
                    Code::literal(rust::string(&text), "String")
                }
                _ => self.untyped(ty, value, at, "is not a string")?,
            },
            Ty::Integer => self.scalar(
                (ty, value, at),
                integer(value).map(|n| n.to_string()),
                value.is_i64(),
                "is not an integer",
            )?,
            Ty::Number => self.scalar(
                (ty, value, at),
                number(value).map(rust::float),
                value.is_number(),
                "is not a number",
            )?,
            Ty::Boolean => self.scalar(
                (ty, value, at),
                boolean(value).map(|b| b.to_string()),
                value.is_boolean(),
                "is not a boolean",
            )?,
            Ty::Json => self.json(value, at)?,
            Ty::Policy => match crate::policy::typed(self, value, at)? {
                Some(code) => code,
                None => self.untyped(
                    ty,
                    value,
                    at,
                    "is a policy document in a form the typed builder does not write",
                )?,
            },
            Ty::Tag => match self.tag(value, at)? {
                Some(code) => code,
                None => self.untyped(ty, value, at, "is not a {Key, Value} tag")?,
            },
            Ty::List(item) => match value {
                Value::Array(items) => self.list(item, items, at)?,
                _ => self.untyped(ty, value, at, "is not a list")?,
            },
            Ty::Map(item) => match value {
                Value::Object(entries) => self.map(item, entries, at)?,
                _ => self.untyped(ty, value, at, "is not a mapping")?,
            },
            Ty::Named(name) => self.named(ty, name, value, at)?,
            Ty::Boxed(name) => {
                let inner = self.named(&Ty::Named(name.clone()), name, value, at)?;
                if inner.expr {
                    self.untyped(ty, value, at, "cannot be boxed as an expression")?
                } else {
                    Code::literal(format!("Box::new({})", inner.text), &self.rust_type(ty))
                }
            }
        })
    }

    /// A number or boolean: `typed` is its literal when CloudFormation
    /// reads `value` as one (noted as normalised unless `exact`, the JSON
    /// already of that type), else it goes through the escape hatch.
    fn scalar(
        &mut self,
        (ty, value, at): (&Ty, &Value, &str),
        typed: Option<String>,
        exact: bool,
        why: &str,
    ) -> Result<Code> {
        let Some(literal) = typed else {
            return self.untyped(ty, value, at, why);
        };
        if !exact {
            self.note(
                NoteKind::Normalised,
                at,
                format!("{} → {literal}", compact(value)),
            );
        }
        Ok(Code::literal(literal, &self.rust_type(ty)))
    }

    /// `value` through the escape hatch, noted with `why`.
    fn untyped(&mut self, ty: &Ty, value: &Value, at: &str, why: &str) -> Result<Code> {
        let rust = self.rust_type(ty);
        self.import_type(ty);
        self.note(
            NoteKind::Untyped,
            at,
            format!("{} {why}: written with untyped::value", compact(value)),
        );
        let json = self.json(value, at)?;
        self.imports.insert("untyped");
        Ok(Code::expr(
            format!("untyped::value::<{rust}>({})", json.text),
            &rust,
        ))
    }

    /// `code` where a `ty` is expected.
    fn coerce(&mut self, code: Code, ty: &Ty, at: &str) -> Code {
        let want = self.rust_type(ty);
        if code.ty == want {
            return code;
        }
        if *ty == Ty::Json {
            self.imports.insert("Json");
            return Code::literal(format!("Json::from({})", code.text), "Json");
        }
        self.import_type(ty);
        self.import_spelled(&code.ty);
        self.imports.insert("untyped");
        self.note(
            NoteKind::Untyped,
            at,
            format!(
                "`{}` where the model expects `{want}`: written with untyped::cast",
                code.ty
            ),
        );
        Code::expr(
            format!("untyped::cast::<{}, {want}>({})", code.ty, code.text),
            &want,
        )
    }

    fn tag(&mut self, value: &Value, at: &str) -> Result<Option<Code>> {
        let Some(object) = value.as_object() else {
            return Ok(None);
        };
        let (Some(key), Some(tag_value), 2) =
            (object.get("Key"), object.get("Value"), object.len())
        else {
            return Ok(None);
        };
        let key = self.value(&Ty::String, key, &format!("{at}.Key"))?;
        let tag_value = self.value(&Ty::String, tag_value, &format!("{at}.Value"))?;
        self.imports.insert("Tag");
        Ok(Some(Code::literal(
            format!("Tag::new({}, {})", key.text, tag_value.text),
            "Tag",
        )))
    }

    fn list(&mut self, item: &Ty, items: &[Value], at: &str) -> Result<Code> {
        let ty = format!("List<{}>", self.rust_type(item));
        let codes = items
            .iter()
            .enumerate()
            .map(|(i, value)| self.value(item, value, &format!("{at}[{i}]")))
            .collect::<Result<Vec<_>>>()?;
        if codes.is_empty() {
            self.import_type(item);
            self.imports.insert("Value");
            return Ok(Code::literal(
                format!("Vec::<Value<{}>>::new()", self.rust_type(item)),
                &ty,
            ));
        }
        let uniform = codes.iter().all(|c| c.expr) || codes.iter().all(|c| !c.expr);
        let texts: Vec<String> = if uniform {
            codes.into_iter().map(|c| c.text).collect()
        } else {
            self.imports.insert("Value");
            codes
                .into_iter()
                .map(|c| format!("Value::from({})", c.text))
                .collect()
        };
        Ok(Code::literal(
            format!("vec![{}]", one_line_or_each(&texts)),
            &ty,
        ))
    }

    fn map(&mut self, item: &Ty, entries: &Map<String, Value>, at: &str) -> Result<Code> {
        let ty = format!("Map<{}>", self.rust_type(item));
        let codes = entries
            .iter()
            .map(|(key, value)| Ok((key, self.value(item, value, &format!("{at}.{key}"))?)))
            .collect::<Result<Vec<_>>>()?;
        if *item == Ty::String {
            // `map` takes one value type: literals, or expressions, or
            // `Value`s when both are there.
            let uniform = codes.iter().all(|(_, c)| c.expr) || codes.iter().all(|(_, c)| !c.expr);
            if !uniform {
                self.imports.insert("Value");
            }
            let pairs: Vec<String> = codes
                .into_iter()
                .map(|(key, code)| match uniform {
                    true => format!("({}, {})", rust::string(key), code.text),
                    false => format!("({}, Value::from({}))", rust::string(key), code.text),
                })
                .collect();
            self.imports.insert("map");
            return Ok(Code::literal(
                format!("map([{}])", one_line_or_each(&pairs)),
                &ty,
            ));
        }
        self.import_type(item);
        self.imports.insert("Map");
        self.imports.insert("Value");
        let pairs: Vec<String> = codes
            .into_iter()
            .map(|(key, code)| {
                format!(
                    "(String::from({}), Value::from({}))",
                    rust::string(key),
                    code.text
                )
            })
            .collect();
        Ok(Code::literal(
            format!(
                "Map::<{}>::from_iter([{}])",
                self.rust_type(item),
                pairs.join(",\n")
            ),
            &ty,
        ))
    }

    fn named(&mut self, ty: &Ty, name: &str, value: &Value, at: &str) -> Result<Code> {
        let model = self
            .current
            .clone()
            .expect("named types only inside a resource");
        if let Some(values) = model.enums.get(name) {
            return match value.as_str().and_then(|v| values.get(v)) {
                Some(variant) => Ok(Code::literal(
                    format!("{}::{variant}", self.named_path(name)),
                    &self.rust_type(ty),
                )),
                None => self.untyped(ty, value, at, "is not a value of the property's enum"),
            };
        }
        if let Some(variants) = model.unions.get(name) {
            return self.union(ty, name, variants, value, at);
        }
        let Some(item) = model.structs.get(name) else {
            return Err(fail(at, format!("the model has no type {name}")));
        };
        let Some(object) = value.as_object() else {
            return self.untyped(ty, value, at, "is not a mapping");
        };
        let path = self.named_path(name);
        match self.structure(&path, item, object, at)? {
            Ok(text) => Ok(Code::literal(text, &self.rust_type(ty))),
            Err(why) => self.untyped(ty, value, at, &why),
        }
    }

    fn union(
        &mut self,
        ty: &Ty,
        name: &str,
        variants: &[(String, Ty)],
        value: &Value,
        at: &str,
    ) -> Result<Code> {
        let fits = |ty: &Ty| match (ty, value) {
            (Ty::String, Value::String(_)) => true,
            (Ty::Integer, v) => v.is_i64(),
            (Ty::Number, v) => v.is_number(),
            (Ty::Boolean, Value::Bool(_)) => true,
            (Ty::List(_), Value::Array(_)) => true,
            (Ty::Map(_) | Ty::Named(_) | Ty::Boxed(_) | Ty::Tag, Value::Object(_)) => true,
            _ => false,
        };
        // JSON takes anything: it is the last resort.
        let chosen = variants
            .iter()
            .find(|(_, ty)| *ty != Ty::Json && fits(ty))
            .or_else(|| variants.iter().find(|(_, ty)| *ty == Ty::Json));
        let Some((_, inner)) = chosen else {
            return self.untyped(ty, value, at, "fits none of the property's shapes");
        };
        let code = self.value(inner, value, at)?;
        if code.expr {
            return self.untyped(ty, value, at, "is an expression inside a union");
        }
        let owned = match inner {
            Ty::String => format!("String::from({})", code.text),
            Ty::Integer => format!("{}_i64", code.text),
            Ty::Number => format!("{}_f64", code.text),
            _ => code.text,
        };
        Ok(Code::literal(
            format!("{}::from({owned})", self.named_path(name)),
            &self.rust_type(ty),
        ))
    }

    /// A struct literal of `path` (a resource or property type) from
    /// `object`, or why the model cannot spell it (an unknown or missing
    /// property). Resources take unknown properties separately: see
    /// [`Self::resource_properties`].
    pub fn structure(
        &mut self,
        path: &str,
        item: &Struct,
        object: &Map<String, Value>,
        at: &str,
    ) -> Result<std::result::Result<String, String>> {
        if let Some(unknown) = object.keys().find(|key| !item.fields.contains_key(*key)) {
            return Ok(Err(format!(
                "has the property {unknown}, which the spec does not know"
            )));
        }
        self.typed_fields(path, item, object, at)
    }

    fn typed_fields(
        &mut self,
        path: &str,
        item: &Struct,
        object: &Map<String, Value>,
        at: &str,
    ) -> Result<std::result::Result<String, String>> {
        let missing: Vec<&String> = item
            .fields
            .iter()
            .filter(|(name, field)| field.required && !object.contains_key(*name))
            .map(|(name, _)| name)
            .collect();
        if let Some(name) = missing.first() {
            return Ok(Err(format!("lacks {name}, which the spec requires")));
        }
        let mut required = Vec::new();
        let mut setters = Vec::new();
        for (name, value) in object {
            let Some(field) = item.fields.get(name) else {
                continue;
            };
            if value.is_null() {
                self.note(
                    NoteKind::Normalised,
                    &format!("{at}.{name}"),
                    "null → left out, as CloudFormation reads it".into(),
                );
                continue;
            }
            let code = self.value(&field.ty, value, &format!("{at}.{name}"))?;
            if field.deprecated {
                self.deprecated = true;
            }
            if field.required {
                required.push((field.rust.clone(), code));
            } else {
                setters.push(format!("\n.{}({})", field.rust, code.text));
            }
        }
        let constructor = match (&item.required, required.as_slice()) {
            (_, []) => format!("{path}::default()"),
            (None, [(_, code)]) => format!("{path}::new({})", code.text),
            (Some(required_struct), fields) => {
                let module = path.rsplit_once("::").map(|(m, _)| m).unwrap_or(path);
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(rust, code)| format!("{rust}: {}", code.clone().into_value()))
                    .collect();
                format!(
                    "{path}::new({module}::{required_struct} {{\n{},\n}})",
                    fields.join(",\n")
                )
            }
            (None, _) => unreachable!("two required fields have a required struct"),
        };
        Ok(Ok(constructor + &setters.concat()))
    }

    /// A typed resource's properties: the struct literal, and the
    /// properties the spec does not know, which go on the resource
    /// envelope as `untyped_property`. `Err` when a required property is
    /// missing.
    pub fn resource_properties(
        &mut self,
        path: &str,
        item: &Struct,
        object: &Map<String, Value>,
        at: &str,
    ) -> Result<std::result::Result<(String, Vec<String>), String>> {
        let typed = match self.typed_fields(path, item, object, at)? {
            Ok(text) => text,
            Err(why) => return Ok(Err(why)),
        };
        let mut extra = Vec::new();
        for (name, value) in object {
            if item.fields.contains_key(name) {
                continue;
            }
            let place = format!("{at}.{name}");
            self.note(
                NoteKind::Untyped,
                &place,
                "a property the spec does not know: written with untyped_property".into(),
            );
            let json = self.json(value, &place)?;
            extra.push(format!(
                "\n.untyped_property({}, {})",
                rust::string(name),
                json.text
            ));
        }
        Ok(Ok((typed, extra)))
    }

    /// `value` as a `Json` expression: `json!` where nothing inside is an
    /// intrinsic, built up with `Json::object` and `Json::array` where
    /// something is.
    pub fn json(&mut self, value: &Value, at: &str) -> Result<Code> {
        self.imports.insert("Json");
        let scalar = match value {
            Value::String(text) => Some(rust::string(text)),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) if n.is_i64() => Some(n.to_string()),
            _ => None,
        };
        if let Some(literal) = scalar {
            return Ok(Code::literal(format!("Json::from({literal})"), "Json"));
        }
        if !has_intrinsic(value) {
            self.json_macro = true;
            return Ok(Code::literal(
                format!("Json::from(json!({}))", json_macro(value)),
                "Json",
            ));
        }
        if let Some((name, argument)) = intrinsic(value) {
            let code = self.intrinsic(name, argument, None, at)?;
            return Ok(Code::literal(format!("Json::from({})", code.text), "Json"));
        }
        Ok(match value {
            Value::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| Ok(self.json(item, &format!("{at}[{i}]"))?.text))
                    .collect::<Result<Vec<_>>>()?;
                Code::literal(
                    format!("Json::array([{}])", one_line_or_each(&items)),
                    "Json",
                )
            }
            Value::Object(entries) => {
                let pairs = entries
                    .iter()
                    .map(|(key, item)| {
                        let code = self.json(item, &format!("{at}.{key}"))?;
                        Ok(format!("({}, {})", rust::string(key), code.text))
                    })
                    .collect::<Result<Vec<_>>>()?;
                Code::literal(
                    format!("Json::object([{}])", one_line_or_each(&pairs)),
                    "Json",
                )
            }
            _ => unreachable!("scalars hold no intrinsic"),
        })
    }

    /// An intrinsic function as code. `want` is the Rust type expected,
    /// `None` inside JSON (where any type converts).
    pub fn intrinsic(
        &mut self,
        name: &str,
        argument: &Value,
        want: Option<&str>,
        at: &str,
    ) -> Result<Code> {
        if name != "Ref" && name != "Fn::GetAtt" {
            self.imports.insert("fns");
        }
        let at_fn = format!("{at} ({name})");
        // What a generic function (`select`, `if_`, ...) returns: what is
        // wanted, or inside JSON a `String` (JSON for `Fn::If`, whose
        // branches are JSON).
        let generic = |json_default: &str| -> (String, String) {
            match want {
                Some(ty) => (ty.to_string(), String::new()),
                None => (json_default.to_string(), format!("::<{json_default}>")),
            }
        };
        match name {
            "Ref" => {
                let target = argument.as_str().ok_or_else(|| {
                    fail(&at_fn, "Ref takes a logical ID or a pseudo parameter name")
                })?;
                if target == "AWS::NoValue" {
                    self.imports.insert("pseudo");
                    let (ty, turbofish) = generic("Json");
                    return Ok(Code::expr(format!("pseudo::no_value{turbofish}()"), &ty));
                }
                if let Some((_, function, ty)) = PSEUDO.iter().find(|(n, _, _)| *n == target) {
                    self.imports.insert("pseudo");
                    return Ok(Code::expr(function.to_string(), ty));
                }
                let (binding, kind) = self.names.refs.get(target).ok_or_else(|| {
                    fail(
                        &at_fn,
                        format!("refers to {target:?}, which is no parameter or resource of the template"),
                    )
                })?;
                self.used.insert(target.to_string());
                let ty = match kind {
                    Binding::Resource(_) => {
                        self.depends.insert(target.to_string());
                        "String"
                    }
                    Binding::Parameter(ty) => ty,
                };
                Ok(Code::expr(format!("{binding}.reference()"), ty))
            }
            "Fn::GetAtt" => {
                let (target, attribute) = match argument {
                    Value::String(dotted) => dotted
                        .split_once('.')
                        .map(|(t, a)| (t.to_string(), a.to_string())),
                    Value::Array(parts) => match parts.as_slice() {
                        [Value::String(t), Value::String(a)] => Some((t.clone(), a.clone())),
                        _ => None,
                    },
                    _ => None,
                }
                .ok_or_else(|| {
                    fail(
                        &at_fn,
                        "takes a logical ID and an attribute name, both literal",
                    )
                })?;
                let Some((binding, Binding::Resource(model))) = self.names.refs.get(&target) else {
                    return Err(fail(
                        &at_fn,
                        format!("names {target:?}, which is no resource of the template"),
                    ));
                };
                self.used.insert(target.clone());
                self.depends.insert(target.clone());
                if let Some((method, ty)) =
                    model.as_ref().and_then(|m| m.attributes.get(&attribute))
                {
                    let saved = self.current.replace(model.clone().expect("typed"));
                    let ty = self.rust_type(ty);
                    self.current = saved;
                    return Ok(Code::expr(format!("{binding}.{method}()"), &ty));
                }
                let (ty, _) = generic("String");
                self.imports.insert("untyped");
                self.note(
                    NoteKind::Untyped,
                    at,
                    format!("{target}.{attribute} is an attribute the model does not know: written with untyped::get_att"),
                );
                Ok(Code::expr(
                    format!(
                        "untyped::get_att::<{ty}, _>(&{binding}, {})",
                        rust::string(&attribute)
                    ),
                    &ty,
                ))
            }
            "Fn::Sub" => {
                let (text, variables) = match argument {
                    Value::String(text) => (text.as_str(), None),
                    Value::Array(parts) => match parts.as_slice() {
                        [Value::String(text), Value::Object(variables)] => {
                            (text.as_str(), Some(variables))
                        }
                        _ => {
                            return Err(fail(
                                &at_fn,
                                "takes a string, or a string and a mapping of variables",
                            ))
                        }
                    },
                    _ => {
                        return Err(fail(
                            &at_fn,
                            "takes a string, or a string and a mapping of variables",
                        ))
                    }
                };
                for target in sub_placeholders(text) {
                    if variables.is_some_and(|v| v.contains_key(&target))
                        || target.starts_with("AWS::")
                    {
                        continue;
                    }
                    match self.names.refs.get(&target) {
                        Some((_, Binding::Resource(_))) => {
                            self.depends.insert(target.to_string());
                        }
                        Some(_) => {}
                        None => {
                            return Err(fail(
                                &at_fn,
                                format!("${{{target}}} names {target:?}, which is no parameter or resource of the template"),
                            ))
                        }
                    }
                }
                let Some(variables) = variables else {
                    return Ok(Code::expr(
                        format!("fns::sub({})", rust::string(text)),
                        "String",
                    ));
                };
                if variables.is_empty() {
                    self.imports.insert("Value");
                    return Ok(Code::expr(
                        format!(
                            "fns::sub_with({}, Vec::<(&str, Value<String>)>::new())",
                            rust::string(text)
                        ),
                        "String",
                    ));
                }
                let pairs = variables
                    .iter()
                    .map(|(key, value)| {
                        let code = self.value(&Ty::String, value, &format!("{at_fn}.{key}"))?;
                        Ok(format!("({}, {})", rust::string(key), code.into_value()))
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(Code::expr(
                    format!(
                        "fns::sub_with(\n{},\n[{}],\n)",
                        rust::string(text),
                        pairs.join(",\n")
                    ),
                    "String",
                ))
            }
            "Fn::Join" => {
                let [Value::String(delimiter), items] = pair(argument)
                    .ok_or_else(|| fail(&at_fn, "takes a literal delimiter and a list"))?
                else {
                    return Err(fail(&at_fn, "takes a literal delimiter and a list"));
                };
                let items = self.value(&Ty::List(Box::new(Ty::String)), items, &at_fn)?;
                Ok(Code::expr(
                    format!("fns::join({}, {})", rust::string(delimiter), items.text),
                    "String",
                ))
            }
            "Fn::Select" => {
                let [index, list] =
                    pair(argument).ok_or_else(|| fail(&at_fn, "takes an index and a list"))?;
                let index = integer(index)
                    .and_then(|i| u32::try_from(i).ok())
                    .ok_or_else(|| {
                        fail(
                            &at_fn,
                            format!("the index {} is not a literal whole number", compact(index)),
                        )
                    })?;
                let (ty, turbofish) = generic("String");
                let item = self.ty_of(&ty);
                let list = self.value(&Ty::List(Box::new(item)), list, &at_fn)?;
                Ok(Code::expr(
                    format!("fns::select{turbofish}({index}, {})", list.text),
                    &ty,
                ))
            }
            "Fn::Split" => {
                let [Value::String(delimiter), source] = pair(argument)
                    .ok_or_else(|| fail(&at_fn, "takes a literal delimiter and a string"))?
                else {
                    return Err(fail(&at_fn, "takes a literal delimiter and a string"));
                };
                let source = self.value(&Ty::String, source, &at_fn)?;
                Ok(Code::expr(
                    format!("fns::split({}, {})", rust::string(delimiter), source.text),
                    "List<String>",
                ))
            }
            "Fn::GetAZs" => {
                // `!GetAZs` with nothing after it: the current region, as `""`.
                let region = match argument {
                    Value::Null => Code::literal("\"\"".to_string(), "String"),
                    _ => self.value(&Ty::String, argument, &at_fn)?,
                };
                Ok(Code::expr(
                    format!("fns::get_azs({})", region.text),
                    "List<String>",
                ))
            }
            "Fn::ImportValue" => {
                let name = self.value(&Ty::String, argument, &at_fn)?;
                Ok(Code::expr(
                    format!("fns::import_value({})", name.text),
                    "String",
                ))
            }
            "Fn::GetStackOutput" => {
                const FIELDS: [&str; 4] = ["StackName", "OutputName", "Region", "RoleArn"];
                let fields = argument
                    .as_object()
                    .filter(|_| intrinsic(argument).is_none())
                    .ok_or_else(|| {
                        fail(
                            &at_fn,
                            format!("takes a literal mapping of {}", FIELDS.join(", ")),
                        )
                    })?;
                if let Some(key) = fields.keys().find(|k| !FIELDS.contains(&k.as_str())) {
                    return Err(fail(
                        &format!("{at_fn}.{key}"),
                        format!(
                            "is not a field of Fn::GetStackOutput ({})",
                            FIELDS.join(", ")
                        ),
                    ));
                }
                let mut field = |key: &str| -> Result<Option<String>> {
                    fields
                        .get(key)
                        .map(|v| Ok(self.value(&Ty::String, v, &format!("{at_fn}.{key}"))?.text))
                        .transpose()
                };
                let (Some(stack), Some(output)) = (field("StackName")?, field("OutputName")?)
                else {
                    return Err(fail(&at_fn, "needs both StackName and OutputName"));
                };
                let mut text =
                    format!("fns::get_stack_output(\nfns::StackOutput::new({stack}, {output})");
                if let Some(region) = field("Region")? {
                    text += &format!("\n.region({region})");
                }
                if let Some(role_arn) = field("RoleArn")? {
                    text += &format!("\n.role_arn({role_arn})");
                }
                Ok(Code::expr(text + ",\n)", "String"))
            }
            "Fn::Base64" => {
                let text = self.value(&Ty::String, argument, &at_fn)?;
                Ok(Code::expr(format!("fns::base64({})", text.text), "String"))
            }
            "Fn::Cidr" => {
                let parts = argument
                    .as_array()
                    .filter(|p| p.len() == 3)
                    .ok_or_else(|| {
                        fail(&at_fn, "takes an address block, a count and a size in bits")
                    })?;
                let block = self.value(&Ty::String, &parts[0], &at_fn)?;
                let count = self.value(&Ty::Integer, &parts[1], &at_fn)?;
                let bits = self.value(&Ty::Integer, &parts[2], &at_fn)?;
                Ok(Code::expr(
                    format!("fns::cidr({}, {}, {})", block.text, count.text, bits.text),
                    "List<String>",
                ))
            }
            "Fn::FindInMap" => {
                let parts = argument
                    .as_array()
                    .filter(|p| p.len() == 3)
                    .ok_or_else(|| fail(&at_fn, "takes a mapping name and two keys"))?;
                let mapping = parts[0]
                    .as_str()
                    .ok_or_else(|| fail(&at_fn, "the mapping name must be literal"))?;
                let binding = self.names.mappings.get(mapping).ok_or_else(|| {
                    fail(
                        &at_fn,
                        format!("names the mapping {mapping:?}, which the template does not have"),
                    )
                })?;
                self.used_mappings.insert(mapping.to_string());
                let top = self.value(&Ty::String, &parts[1], &at_fn)?;
                let second = self.value(&Ty::String, &parts[2], &at_fn)?;
                let (ty, turbofish) = generic("String");
                Ok(Code::expr(
                    format!(
                        "fns::find_in_map{turbofish}(&{binding}, {}, {})",
                        top.text, second.text
                    ),
                    &ty,
                ))
            }
            "Fn::If" => {
                let parts = argument
                    .as_array()
                    .filter(|p| p.len() == 3)
                    .ok_or_else(|| fail(&at_fn, "takes a condition name and two values"))?;
                let binding = self.condition_binding(&parts[0], &at_fn)?;
                let (ty, turbofish) = generic("Json");
                let branch = self.ty_of(&ty);
                let then = self.value(&branch, &parts[1], &format!("{at_fn}[1]"))?;
                let otherwise = self.value(&branch, &parts[2], &format!("{at_fn}[2]"))?;
                Ok(Code::expr(
                    format!(
                        "fns::if_{turbofish}(\n&{binding},\n{},\n{},\n)",
                        then.text, otherwise.text
                    ),
                    &ty,
                ))
            }
            "Fn::RefAll" => {
                let kind = argument
                    .as_str()
                    .ok_or_else(|| fail(&at_fn, "takes a parameter type"))?;
                Ok(Code::expr(
                    format!("fns::ref_all({})", rust::string(kind)),
                    "List<String>",
                ))
            }
            "Fn::ValueOf" => {
                let [Value::String(parameter), Value::String(attribute)] = pair(argument)
                    .ok_or_else(|| fail(&at_fn, "takes a parameter name and an attribute"))?
                else {
                    return Err(fail(&at_fn, "takes a literal parameter name and attribute"));
                };
                let Some((binding, Binding::Parameter(_))) = self.names.refs.get(parameter) else {
                    return Err(fail(
                        &at_fn,
                        format!("names {parameter:?}, which is no parameter of the template"),
                    ));
                };
                self.used.insert(parameter.clone());
                Ok(Code::expr(
                    format!("fns::value_of(&{binding}, {})", rust::string(attribute)),
                    "String",
                ))
            }
            "Fn::ValueOfAll" => {
                let [Value::String(kind), Value::String(attribute)] = pair(argument)
                    .ok_or_else(|| fail(&at_fn, "takes a parameter type and an attribute"))?
                else {
                    return Err(fail(&at_fn, "takes a literal parameter type and attribute"));
                };
                Ok(Code::expr(
                    format!(
                        "fns::value_of_all({}, {})",
                        rust::string(kind),
                        rust::string(attribute)
                    ),
                    "List<String>",
                ))
            }
            "Fn::Transform" => Err(fail(
                &at_fn,
                format!(
                    "calls a macro, which CloudFormation runs at deploy time; {}",
                    inspect::read::USE_PROCESSED
                ),
            )),
            "Fn::Length" | "Fn::ToJsonString" | "Fn::ForEach" => Err(fail(
                &at_fn,
                "needs the AWS::LanguageExtensions transform, which synth does not evaluate",
            )),
            _ => Err(fail(
                &at_fn,
                format!("{name} is not an intrinsic function CloudFormation has"),
            )),
        }
    }

    /// The model type whose Rust type is `rust` (a generic function's
    /// type parameter, which came from a model type).
    fn ty_of(&self, rust: &str) -> Ty {
        fn parse(rust: &str) -> Ty {
            match rust {
                "String" => Ty::String,
                "i64" => Ty::Integer,
                "f64" => Ty::Number,
                "bool" => Ty::Boolean,
                "Json" => Ty::Json,
                "PolicyDocument" => Ty::Policy,
                "Tag" => Ty::Tag,
                _ => {
                    if let Some(item) = rust.strip_prefix("List<").and_then(|r| r.strip_suffix('>'))
                    {
                        Ty::List(Box::new(parse(item)))
                    } else if let Some(item) =
                        rust.strip_prefix("Map<").and_then(|r| r.strip_suffix('>'))
                    {
                        Ty::Map(Box::new(parse(item)))
                    } else if let Some(path) =
                        rust.strip_prefix("Box<").and_then(|r| r.strip_suffix('>'))
                    {
                        Ty::Boxed(path.rsplit("::").next().unwrap_or(path).to_string())
                    } else {
                        Ty::Named(rust.rsplit("::").next().unwrap_or(rust).to_string())
                    }
                }
            }
        }
        parse(rust)
    }
}

/// The two items of a two-item list.
fn pair(argument: &Value) -> Option<[&Value; 2]> {
    match argument.as_array()?.as_slice() {
        [a, b] => Some([a, b]),
        _ => None,
    }
}

/// An integer as CloudFormation reads one: a JSON integer, a whole float,
/// or a string of digits.
pub fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                .map(|f| f as i64)
        }),
        Value::String(text) => text.trim().parse().ok().filter(|_| text.trim() == text),
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(text) => text.parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
        Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Whether an intrinsic function is anywhere in `value`.
pub fn has_intrinsic(value: &Value) -> bool {
    intrinsic(value).is_some()
        || match value {
            Value::Array(items) => items.iter().any(has_intrinsic),
            Value::Object(entries) => entries.values().any(has_intrinsic),
            _ => false,
        }
}

/// `value` in `json!` syntax, strings as Rust literals (JSON's `\u00e9`
/// and `\b` escapes are not Rust's); an array or object too long for a
/// line has an item per line, so rustfmt can lay the statement out.
pub fn json_macro(value: &Value) -> String {
    let (open, close, parts) = match value {
        Value::Null => return "null".into(),
        Value::Bool(b) => return b.to_string(),
        Value::Number(n) => return n.to_string(),
        Value::String(text) => return rust::string(text),
        Value::Array(items) => ("[", "]", items.iter().map(json_macro).collect::<Vec<_>>()),
        Value::Object(entries) => (
            "{",
            "}",
            entries
                .iter()
                .map(|(key, value)| format!("{}: {}", rust::string(key), json_macro(value)))
                .collect(),
        ),
    };
    let line = format!("{open}{}{close}", parts.join(", "));
    if line.len() <= 60 && !line.contains('\n') {
        line
    } else {
        format!("{open}\n{},\n{close}", parts.join(",\n"))
    }
}

/// A value shown in a note or an error, cut short.
pub fn compact(value: &Value) -> String {
    yaml::excerpt(&value.to_string(), 60)
}
