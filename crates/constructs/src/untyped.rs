//! The one way around the typed model, for what it cannot spell.
//!
//! The generated types cover every resource type of the vendored spec,
//! and each property with its type. Templates out there hold more:
//! custom resources (`Custom::*`, `AWS::CloudFormation::CustomResource`)
//! and registry extensions no spec lists, properties newer than the
//! vendored spec, a `GetAtt` of a nested stack's `Outputs.Name`, a string
//! parameter where an integer goes (CloudFormation passes parameters as
//! text and converts on use), a policy written in a shape the
//! [`PolicyDocument`](crate::iam::PolicyDocument) builder does not
//! produce. `synth import` writes those through this module, and only
//! this module, so a reviewer finds every untyped value by searching for
//! `untyped::`.
//!
//! What stays checked: every reference inside an untyped value (`Ref`,
//! `GetAtt`, `Fn::Sub` placeholders, conditions, mappings) is validated
//! at synthesis like a typed one.
//!
//! ```
//! use constructs::untyped::{self, Untyped};
//! use constructs::{Json, Resource, Template};
//!
//! let mut template = Template::default();
//! let seeded = template
//!     .add_untyped(Resource::new(
//!         "SeedTable",
//!         Untyped::new("Custom::Seed")
//!             .property("ServiceToken", "arn:aws:lambda:eu-west-1:111122223333:function:seed")
//!             .property("Rows", Json::from(3)),
//!     ))
//!     .unwrap();
//! let _count: constructs::Expr<String> = untyped::get_att(&seeded, "Count");
//! assert!(template.synthesize(constructs::Format::Yaml).is_ok());
//! ```

use indexmap::IndexMap;

use crate::json::Json;
use crate::node::{Function, Node, ToNode};
use crate::resource::{CustomResourceType, Handle, StoredResource};
use crate::value::Expr;

/// A resource of a type no spec models: its `Type` and its properties as
/// JSON (which may hold intrinsics).
#[derive(Debug, Clone, PartialEq)]
pub struct Untyped {
    type_name: &'static str,
    properties: IndexMap<String, Json>,
}

impl Untyped {
    /// A resource of `type_name` (`Custom::Seed`) with no properties yet.
    /// The name is `'static`, as a type name written in code is.
    pub fn new(type_name: &'static str) -> Self {
        Untyped {
            type_name,
            properties: IndexMap::new(),
        }
    }

    /// Sets `name` to `value`; properties render in the order they are
    /// set.
    pub fn property(mut self, name: &str, value: impl Into<Json>) -> Self {
        self.properties.insert(name.to_string(), value.into());
        self
    }
}

impl ToNode for Untyped {
    fn to_node(&self) -> Node {
        self.properties.to_node()
    }
}

// Whether the type is a custom resource's is known only at synthesis,
// which refuses a `Version` on any other.
impl CustomResourceType for Untyped {}

// Not through `ResourceType`: the type name is a value, not a constant.
impl StoredResource for Untyped {
    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn properties(&self) -> Node {
        self.to_node()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// `Fn::GetAtt` of an attribute the resource's type does not model: any
/// attribute of an [`Untyped`] resource, or a nested stack's
/// `Outputs.Name`. `T` is what the attribute holds.
pub fn get_att<T, R>(handle: &Handle<R>, attribute: &str) -> Expr<T> {
    Expr::new(Node::Fn(
        Function::GetAtt,
        Box::new(Node::List(vec![
            Node::Str(handle.logical_id().to_string().into()),
            Node::Str(attribute.to_string().into()),
        ])),
    ))
}

/// A value as the JSON CloudFormation reads, where the model expects a
/// `T` it cannot express this value as (a policy in a shape the builder
/// does not write, a value outside a property's enum).
pub fn value<T>(json: impl Into<Json>) -> Expr<T> {
    Expr::new(json.into().to_node())
}

/// `expr`, used where a `U` is expected. CloudFormation hands parameters
/// and attributes over as text and converts them where they are used: a
/// `String` parameter in an integer property, an attribute that holds a
/// list in a list property.
pub fn cast<T, U>(expr: Expr<T>) -> Expr<U> {
    Expr::new(expr.into_node())
}
