#![warn(missing_docs)]
//! The five systems this project deploys, each a [`framework::Stack`]: a
//! function from a validated configuration to a [`constructs::Template`],
//! with what the command line, the tests and the tasks need to know about
//! it. The [`registry`] lists them.
//!
//! Stacks are pure: no network, no AWS credentials, no clock. Whatever only
//! the deployer knows becomes a CloudFormation parameter; whatever the
//! operator chooses comes from a config file checked against its JSON
//! Schema ([`framework::config`]).
//!
//! ```
//! use constructs::Format;
//! use framework::config;
//! use stacks::tenant::{self, TenantConfig, TenantName};
//!
//! // What `synth tenant acme --config acme.yaml` does: read the config
//! // through its schema and rules, then build.
//! let config = config::parse::<TenantConfig>("logLevel: info\n", "acme.yaml").unwrap();
//! let name = TenantName::parse("acme").unwrap();
//! let yaml = tenant::build(&name, &config).unwrap().synthesize(Format::Yaml).unwrap().body;
//! assert!(yaml.contains("BucketName: !Sub 'askedgi-acme-data-${AWS::AccountId}'"));
//!
//! // A name S3 would refuse is refused here, before any template exists.
//! assert!(TenantName::parse("Acme_Corp").is_err());
//! ```

pub mod adology;
pub mod dataspace;
pub mod edge;
pub mod registry;
pub mod schedules;
pub mod shared;
pub mod tenant;
