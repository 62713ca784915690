//! Everything that can make a template unsynthesizable, each with enough
//! context to fix it without reading this crate.

use std::fmt;

/// Why a template could not be built or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A logical ID that CloudFormation would reject.
    InvalidLogicalId {
        /// The ID as the caller spelled it.
        id: String,
        /// The rule it breaks, e.g. that only ASCII letters and digits are
        /// allowed.
        reason: &'static str,
    },
    /// A second entity under an ID already taken in the same namespace.
    DuplicateId {
        /// The template section, e.g. `Resources` or `Outputs`.
        section: &'static str,
        /// The ID added twice.
        id: String,
    },
    /// A reference to a resource, parameter, condition or mapping that is not
    /// in this template (for instance a handle from another template).
    UnknownReference {
        /// Where the reference is, e.g.
        /// `Resources.Bus.Properties.Rules[1].Target (Ref)` or
        /// `Resources.Queue.DependsOn`.
        location: String,
        /// What the name should have been, e.g. `resource` or `parameter or
        /// resource`.
        kind: &'static str,
        /// The name referred to.
        target: String,
    },
    /// A `Fn::Sub` template string that cannot be parsed.
    InvalidSub {
        /// Where the `Fn::Sub` is, e.g. `Outputs.BucketUrl.Value (Fn::Sub)`.
        location: String,
        /// What is wrong with the string, e.g. an unterminated `${`.
        reason: String,
    },
    /// A condition function used with the wrong number of operands.
    InvalidCondition {
        /// The condition's logical ID.
        id: String,
        /// What is wrong, e.g. `Fn::And` with one operand.
        reason: String,
    },
    /// A rule without assertions, or with a malformed condition.
    InvalidRule {
        /// The rule's logical ID.
        id: String,
        /// What is wrong, e.g. no assertions, or an assertion naming a
        /// resource.
        reason: String,
    },
    /// A parameter CloudFormation would accept but that breaks a rule of
    /// this crate, such as a `NoEcho` parameter with a `Default`: the
    /// default is in the template body for anyone who can read it.
    InvalidParameter {
        /// The parameter's logical ID.
        id: String,
        /// The rule it breaks.
        reason: &'static str,
    },
    /// A property set through [`crate::Resource::untyped_property`] that
    /// the typed properties set too: one of the two would be lost.
    UntypedPropertyTwice {
        /// The resource's logical ID.
        resource: String,
        /// The property's CloudFormation name.
        property: String,
    },
    /// A resource attribute its resource's type may not carry.
    InvalidAttribute {
        /// The resource's logical ID.
        resource: String,
        /// The attribute's CloudFormation name.
        attribute: &'static str,
        /// The rule it breaks.
        reason: &'static str,
    },
    /// A template without a resource, which CloudFormation refuses ("At
    /// least one Resources member must be defined").
    NoResources,
    /// A CloudFormation quota the template exceeds.
    LimitExceeded {
        /// What is counted, e.g. `resources` or `bytes in its body`.
        what: &'static str,
        /// The most CloudFormation allows.
        limit: usize,
        /// How many the template has.
        actual: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidLogicalId { id, reason } => {
                write!(f, "invalid logical ID {id:?}: {reason}")
            }
            Error::DuplicateId { section, id } => write!(
                f,
                "duplicate logical ID {id:?} in {section}: each ID may be added once"
            ),
            Error::UnknownReference {
                location,
                kind,
                target,
            } => write!(
                f,
                "{location} refers to {kind} {target:?}, which is not in this template"
            ),
            Error::InvalidSub { location, reason } => write!(f, "{location}: {reason}"),
            Error::InvalidCondition { id, reason } => {
                write!(f, "condition {id:?} is invalid: {reason}")
            }
            Error::InvalidRule { id, reason } => write!(f, "rule {id:?} is invalid: {reason}"),
            Error::InvalidParameter { id, reason } => {
                write!(f, "parameter {id:?} is invalid: {reason}")
            }
            Error::UntypedPropertyTwice { resource, property } => write!(
                f,
                "Resources.{resource}.Properties.{property} is set both by a typed setter \
                 and as an untyped property; keep the typed one"
            ),
            Error::InvalidAttribute {
                resource,
                attribute,
                reason,
            } => write!(f, "Resources.{resource}.{attribute}: {reason}"),
            Error::NoResources => write!(
                f,
                "template has no resources; CloudFormation needs at least one"
            ),
            Error::LimitExceeded {
                what,
                limit,
                actual,
            } => write!(
                f,
                "template has {actual} {what}; CloudFormation allows at most {limit}"
            ),
        }
    }
}

impl std::error::Error for Error {}
