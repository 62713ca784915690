#![warn(missing_docs)]
//! The pieces every stack builds the same way, written once.
//!
//! A stack describes *what* it wants (a bucket named so, a service running
//! that image) as a plain spec; a pattern decides *how* it is secured,
//! tagged and kept, from the [`Scope`] the stack passes. So the stacks
//! cannot drift apart on how a bucket is encrypted or which tags a
//! resource carries.
//!
//! This crate depends on `constructs` alone (and `serde_json`, to write a
//! JSON literal): it knows nothing of configs, schemas or a particular
//! system, and Cargo keeps it that way (a pattern cannot reach into
//! `stacks`).
//!
//! ```
//! use constructs::aws::s3;
//! use constructs::{Format, Tags, Template};
//! use patterns::{PrivateBucket, Removal, Scope};
//!
//! let scope = Scope::new(Tags::new().with("team", "data"), Removal::allowing_delete(false), 30);
//! let mut template = Template::new("One private bucket");
//! PrivateBucket::new("DataBucket", s3::Bucket::default())
//!     .recoverable(30)
//!     .add(&mut template, &scope)
//!     .unwrap();
//! let yaml = template.synthesize(Format::Yaml).unwrap().body;
//! // Encrypted, private, versioned, kept when the stack goes, TLS only.
//! assert!(yaml.contains("SSEAlgorithm: AES256"));
//! assert!(yaml.contains("BlockPublicAcls: true"));
//! assert!(yaml.contains("NoncurrentVersionExpirationInDays: 30"));
//! assert!(yaml.contains("DeletionPolicy: RetainExceptOnCreate"));
//! assert!(yaml.contains("aws:SecureTransport"));
//! ```

pub mod access;
pub mod access_logs;
pub mod bucket;
pub mod container;
pub mod fargate;
pub mod load_balancer;
pub mod logs;
pub mod postgres;
pub mod queue;
pub mod role;
pub mod rotation;
pub mod scope;
pub mod secrets;
pub mod security_groups;
pub mod service;
pub mod tls;
pub mod vpc;

pub use bucket::{BucketGrants, BucketWithPolicy, PrivateBucket};
pub use queue::QueueGrants;
pub use scope::{rebuilt_from_parameters, Removal, Scope};
