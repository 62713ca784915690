#![warn(missing_docs)]
//! Typed CloudFormation.
//!
//! A [`Template`] holds resources whose types are generated from AWS's own
//! resource provider schemas ([`aws`]): a property that does not exist, a
//! required property left out, a string where an integer belongs, or an
//! attribute a type does not have is a compile error. Every property value
//! is a [`Value`], a literal or a typed intrinsic ([`fns`], [`pseudo`],
//! handles), so computed values keep their types too.
//!
//! ```
//! use constructs::{aws::sqs, fns, Format, Output, Resource, Template};
//!
//! let mut template = Template::new("One queue");
//! let queue = template
//!     .add(Resource::new("JobsQueue", sqs::Queue::default().visibility_timeout(120)))
//!     .unwrap();
//! template
//!     .add_output(Output::new("JobsQueueArn", queue.arn()).export(fns::sub("${AWS::StackName}-JobsQueueArn")))
//!     .unwrap();
//! let yaml = template.synthesize(Format::Yaml).unwrap().body;
//! assert!(yaml.contains("Value: !GetAtt JobsQueue.Arn"));
//! ```
//!
//! Asking a resource for an attribute its type does not have does not
//! compile:
//!
//! ```compile_fail
//! use constructs::{aws::sqs, Resource, Template};
//! let mut template = Template::new("");
//! let queue = template.add(Resource::new("Q", sqs::Queue::default())).unwrap();
//! let _ = queue.domain_name(); // a bucket's attribute, not a queue's
//! ```

pub mod aws;
pub mod condition;
pub mod error;
pub mod fns;
pub mod iam;
pub mod json;
mod limits;
pub mod logical_id;
pub mod mapping;
pub mod node;
pub mod output;
pub mod parameter;
pub mod pseudo;
mod render;
pub mod resource;
pub mod resource_facts;
pub mod rule;
pub mod sub_syntax;
pub mod tags;
pub mod template;
pub mod untyped;
mod validate;
pub mod value;

pub use condition::{Condition, ConditionHandle};
pub use error::Error;
pub use json::Json;
pub use limits::{
    MAX_BODY_BYTES, MAX_INLINE_BODY_BYTES, MAX_MAPPINGS, MAX_OUTPUTS, MAX_PARAMETERS, MAX_RESOURCES,
};
pub use logical_id::LogicalId;
pub use mapping::{Mapping, MappingHandle};
pub use output::Output;
pub use parameter::{AwsType, Parameter, ParameterHandle, SsmListValue, SsmValue};
pub use render::{render, Format};
pub use resource::{CustomResourceType, Handle, Policy, Resource, ResourceType};
pub use resource_facts::{is_stateful, resource_facts, ResourceFacts};
pub use rule::Rule;
pub use tags::{KeyValueTag, Tag, Tags};
pub use template::{SynthesisError, Synthesized, Template};
pub use value::{map, Expr, List, Map, Value};
