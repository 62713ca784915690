#![warn(missing_docs)]
//! `synth check`'s engine: AWS Control Tower's proactive controls on any
//! CloudFormation template, offline and in-process.
//!
//! The controls are the cfn-guard rules of npm
//! `@cdklabs/cdk-validator-cfnguard`, vendored under `rules/` and compiled
//! in ([`rules`]); the `cfn-guard` crate, the engine of the `cfn-guard`
//! CLI, evaluates them ([`evaluate()`]) on the template's long-form JSON,
//! which is what a Control Tower hook sees, so short-form YAML tags make no
//! difference. [`forecast`] adds what CloudFormation itself will refuse,
//! known offline (quotas, sizes, a dependency cycle). [`exceptions`] are the failures a team accepts, each with
//! its reason; [`report`] renders the outcome for people, pipelines and
//! code scanning.
//!
//! ```
//! let template = serde_json::json!({"Resources": {
//!     "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": true}},
//! }});
//! let findings = check::evaluate(&template).unwrap();
//! assert!(findings.iter().any(|f| f.control.id == "CT.SQS.PR.1" && f.resource == "Jobs"));
//! ```

pub mod controls;
pub mod evaluate;
pub mod exceptions;
pub mod forecast;
pub mod report;
pub mod rules;

pub use evaluate::{evaluate, EngineError, Finding};

/// Every finding on `template` (long-form JSON) whose text is
/// `body_bytes` long: the Control Tower controls' and the forecast's, by
/// resource and control.
pub fn check(template: &serde_json::Value, body_bytes: usize) -> Result<Vec<Finding>, EngineError> {
    let mut findings = evaluate(template)?;
    findings.extend(forecast::forecast(template, body_bytes));
    findings.sort();
    Ok(findings)
}
