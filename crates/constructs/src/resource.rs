//! Resources: the generated types' common interface, the envelope around
//! them (DependsOn, Condition, DeletionPolicy, ...) and typed handles.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;

use crate::condition::ConditionHandle;
use crate::json::Json;
use crate::logical_id::LogicalId;
use crate::node::{Function, Node, ToNode};
use crate::value::Expr;

/// A CloudFormation resource type. Implemented by every generated resource
/// struct in [`aws`](crate::aws); the constants come from AWS's schemas.
pub trait ResourceType: ToNode + fmt::Debug + 'static {
    /// The `Type` in the template, e.g. `AWS::S3::Bucket`.
    const TYPE_NAME: &'static str;
    /// Properties whose change makes CloudFormation replace the resource,
    /// as JSON-pointer-like paths below `Properties` (`BucketName`,
    /// `VpcConfig/SubnetIds`). A diff uses them to flag replacements.
    const CREATE_ONLY_PROPERTIES: &'static [&'static str];
}

/// What CloudFormation does with a resource's physical resource when the
/// resource is deleted from the stack or replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// `Delete`: delete the physical resource and its data.
    Delete,
    /// `Retain`: keep it, no longer managed by the stack.
    Retain,
    /// `RetainExceptOnCreate`: keep it, unless the operation that created it
    /// rolls back (`DeletionPolicy` only).
    RetainExceptOnCreate,
    /// `Snapshot`: take a final snapshot, then delete it; for types that
    /// have snapshots (databases, caches, volumes).
    Snapshot,
}

impl Policy {
    /// The policy as the template writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Delete => "Delete",
            Policy::Retain => "Retain",
            Policy::RetainExceptOnCreate => "RetainExceptOnCreate",
            Policy::Snapshot => "Snapshot",
        }
    }
}

/// A resource with its logical ID and resource attributes, ready to be
/// added to a [`Template`](crate::Template).
#[derive(Debug)]
pub struct Resource<R> {
    pub(crate) id: String,
    pub(crate) properties: R,
    pub(crate) attributes: Attributes,
}

/// The resource attributes CloudFormation defines besides `Properties`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attributes {
    /// `DependsOn`: resources CloudFormation creates before this one.
    pub depends_on: Vec<LogicalId>,
    /// `Condition`: the condition the resource is created under.
    pub condition: Option<LogicalId>,
    /// `DeletionPolicy`: what happens to the physical resource when it
    /// leaves the stack (CloudFormation deletes it when unset).
    pub deletion_policy: Option<Policy>,
    /// `UpdateReplacePolicy`: what happens to the old physical resource
    /// when an update replaces it.
    pub update_replace_policy: Option<Policy>,
    /// `Metadata`: free-form data for tools (cfn-init, linters);
    /// CloudFormation itself does not act on it.
    pub metadata: IndexMap<String, Json>,
    /// `CreationPolicy`: how many success signals CloudFormation waits for
    /// (instances, Auto Scaling groups, wait conditions) before it calls
    /// the resource created. Free-form, as CloudFormation documents it.
    pub creation_policy: Option<Json>,
    /// `UpdatePolicy`: how CloudFormation updates an Auto Scaling group,
    /// an ElastiCache replication group, an OpenSearch domain or a Lambda
    /// alias (rolling, replacing, through CodeDeploy).
    pub update_policy: Option<Json>,
    /// Properties the resource's type does not model (a property newer
    /// than the vendored spec), rendered after the typed ones; see
    /// [`crate::untyped`].
    pub untyped_properties: IndexMap<String, Json>,
    /// `Version`: the legacy attribute of custom resources; see
    /// [`Resource::custom_resource_version`].
    pub custom_resource_version: Option<String>,
}

// No `ResourceType` bound: an [`Untyped`](crate::untyped::Untyped)
// resource has the same envelope.
impl<R> Resource<R> {
    /// A resource under an explicit logical ID. The ID is validated when the
    /// resource is added to a template.
    pub fn new(id: &str, properties: R) -> Self {
        Resource {
            id: id.to_string(),
            properties,
            attributes: Attributes::default(),
        }
    }

    /// Create this resource only after `other` (for dependencies that no
    /// `Ref` or `GetAtt` already implies).
    pub fn depends_on<S>(mut self, other: &Handle<S>) -> Self {
        self.attributes.depends_on.push(other.id.clone());
        self
    }

    /// [`Self::depends_on`] a resource known by its logical ID, for a
    /// builder that collects dependencies of several types before it makes
    /// the resource. The ID is checked at synthesis like any other.
    pub fn depends_on_id(mut self, id: &LogicalId) -> Self {
        self.attributes.depends_on.push(id.clone());
        self
    }

    /// [`Self::depends_on`] each of `others`, in order.
    pub fn depends_on_all<'a, S: 'a>(
        self,
        others: impl IntoIterator<Item = &'a Handle<S>>,
    ) -> Self {
        others
            .into_iter()
            .fold(self, |resource, other| resource.depends_on(other))
    }

    /// Create this resource only when `condition` holds.
    pub fn condition(mut self, condition: &ConditionHandle) -> Self {
        self.attributes.condition = Some(condition.id().clone());
        self
    }

    /// What happens to the physical resource when it leaves the stack; see
    /// [`Self::retain`] and [`Self::snapshot`] for the usual pairs.
    pub fn deletion_policy(mut self, policy: Policy) -> Self {
        self.attributes.deletion_policy = Some(policy);
        self
    }

    /// What happens to the old physical resource when an update replaces
    /// it with a new one.
    pub fn update_replace_policy(mut self, policy: Policy) -> Self {
        self.attributes.update_replace_policy = Some(policy);
        self
    }

    /// Keep the physical resource (and its data) both when it leaves the
    /// stack and when an update replaces it.
    pub fn retain(self) -> Self {
        self.deletion_policy(Policy::Retain)
            .update_replace_policy(Policy::Retain)
    }

    /// Keep a final snapshot both on deletion and on replacement (databases,
    /// caches, volumes).
    pub fn snapshot(self) -> Self {
        self.deletion_policy(Policy::Snapshot)
            .update_replace_policy(Policy::Snapshot)
    }

    /// Adds `key` to the resource's `Metadata`, e.g. an owner or a
    /// linter's suppression; CloudFormation itself does not act on it.
    pub fn metadata(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.attributes
            .metadata
            .insert(key.to_string(), value.into());
        self
    }

    /// Sets the resource's `CreationPolicy` (signals to wait for).
    pub fn creation_policy(mut self, policy: impl Into<Json>) -> Self {
        self.attributes.creation_policy = Some(policy.into());
        self
    }

    /// Sets the resource's `UpdatePolicy` (how an update rolls out).
    pub fn update_policy(mut self, policy: impl Into<Json>) -> Self {
        self.attributes.update_policy = Some(policy.into());
        self
    }

    /// Sets a property the resource's type does not model: the escape
    /// hatch for a property newer than the vendored spec. A property the
    /// type has is refused at synthesis, so the typed setter stays the
    /// one way to set it.
    pub fn untyped_property(mut self, name: &str, value: impl Into<Json>) -> Self {
        self.attributes
            .untyped_properties
            .insert(name.to_string(), value.into());
        self
    }
}

/// Whether `type_name` is a custom resource's: `Custom::*` or
/// `AWS::CloudFormation::CustomResource`, the types whose resources may
/// carry the legacy `Version` attribute (as cfn-lint has it).
pub fn is_custom_resource_type(type_name: &str) -> bool {
    type_name.starts_with("Custom::") || type_name == "AWS::CloudFormation::CustomResource"
}

/// The types of custom resources: [`Untyped`](crate::untyped::Untyped)
/// (`Custom::*`) and `AWS::CloudFormation::CustomResource`. Only their
/// resources may carry the legacy `Version` attribute, so
/// [`Resource::custom_resource_version`] does not compile for any other.
pub trait CustomResourceType {}

#[cfg(feature = "cloudformation")]
impl CustomResourceType for crate::aws::cloudformation::CustomResource {}

impl<R: CustomResourceType> Resource<R> {
    /// Sets the resource's `Version` (`"1.0"`), an attribute early custom
    /// resources carried and CloudFormation still accepts and ignores.
    /// New code has no use for it; it is here so a template that has it
    /// (`synth import`) prints back as written. An
    /// [`Untyped`](crate::untyped::Untyped) resource of a type that is no
    /// custom resource (a registry extension) is refused at synthesis.
    ///
    /// ```
    /// use constructs::{untyped::Untyped, Resource};
    /// let _ = Resource::new("Seed", Untyped::new("Custom::Seed")).custom_resource_version("1.0");
    /// ```
    ///
    /// A queue is no custom resource:
    ///
    /// ```compile_fail
    /// use constructs::{aws::sqs, Resource};
    /// let _ = Resource::new("Q", sqs::Queue::default()).custom_resource_version("1.0");
    /// ```
    pub fn custom_resource_version(mut self, version: &str) -> Self {
        self.attributes.custom_resource_version = Some(version.to_string());
        self
    }
}

/// A reference to a resource that was added to a template, typed by its
/// resource type so that only its real attributes can be asked for.
///
/// Handles are only made by [`Template::add`](crate::Template::add); a
/// handle used in a template it does not belong to is caught at synthesis.
pub struct Handle<R> {
    id: LogicalId,
    resource: PhantomData<fn() -> R>,
}

impl<R> Handle<R> {
    pub(crate) fn new(id: LogicalId) -> Self {
        Handle {
            id,
            resource: PhantomData,
        }
    }

    /// The resource's logical ID, e.g. for `${Name}` in `Fn::Sub` or
    /// [`Resource::depends_on_id`].
    pub fn logical_id(&self) -> &LogicalId {
        &self.id
    }

    /// `!Ref` to the resource: what it returns (a name, an ID, an ARN)
    /// depends on the type; see the type's documentation.
    pub fn reference(&self) -> Expr<String> {
        Expr::new(Node::Fn(
            Function::Ref,
            Box::new(Node::Str(self.id.to_string().into())),
        ))
    }

    /// `!GetAtt` for an attribute name the generated code vouches for.
    pub(crate) fn get_att<T>(&self, attribute: &'static str) -> Expr<T> {
        Expr::new(Node::Fn(
            Function::GetAtt,
            Box::new(Node::List(vec![
                Node::Str(self.id.to_string().into()),
                Node::Str(attribute.to_string().into()),
            ])),
        ))
    }
}

impl<R> Clone for Handle<R> {
    fn clone(&self) -> Self {
        Handle::new(self.id.clone())
    }
}

impl<R> fmt::Debug for Handle<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({})", self.id)
    }
}

/// A resource stored in a template with its type erased, so one template
/// can hold resources of many types and still hand each back typed.
pub(crate) trait StoredResource {
    fn type_name(&self) -> &'static str;
    fn properties(&self) -> Node;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<R: ResourceType> StoredResource for R {
    fn type_name(&self) -> &'static str {
        R::TYPE_NAME
    }

    fn properties(&self) -> Node {
        self.to_node()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
