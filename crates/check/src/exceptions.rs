//! The failures a team accepts, each with its kind and its reason: a JSON
//! file (`--exceptions FILE`), an object keyed by template name, each key a
//! list of listings:
//!
//! ```json
//! {
//!   "adology": [
//!     {"rule": "CT.SQS.PR.1", "because": "does-not-apply",
//!      "why": "A dead-letter queue is the end of the redrive chain.",
//!      "resources": ["DeadLetterQueue"]}
//!   ]
//! }
//! ```
//!
//! A key covers the template whose name (its file name without the
//! extension, or `--name` for standard input) is the key or starts with
//! the key and a `-` (`adology` covers `adology-default` and
//! `adology-example`). A listing without `resources` covers every
//! resource. `because` is `seed` (what the system is specified to do is
//! what the control forbids), `does-not-apply` (the control's concern does
//! not arise for this resource), `config` (the failure arises only where a
//! stack's config turns off what the control asks for, a documented choice
//! of the operator's; `holds` then states what that leaves in the
//! template) or `open` (a real failure still to fix, listed so that nothing
//! new slips in meanwhile; reports say so). A
//! listing that covers no failure is stale, and an error: the reason it
//! gives is no longer true.
//!
//! A reason that rests on something the template says can state it, so
//! it cannot go stale silently: `holds` lists facts about resources, each
//! a dotted path below the resource and what must be there, checked in
//! every template where the listing excepts a failure; a fact that does
//! not hold is an error, like a stale listing.
//!
//! ```json
//! {"rule": "CT.SQS.PR.1", "because": "does-not-apply", "resources": ["DeadLetterQueue"],
//!  "why": "A dead-letter queue is the end of the redrive chain.",
//!  "holds": [{"resource": "DeadLetterQueue", "path": "Properties.RedrivePolicy", "present": false},
//!            {"resource": "Jobs", "path": "Properties.RedrivePolicy.deadLetterTargetArn",
//!             "equals": {"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}}]}
//! ```

use std::collections::BTreeSet;

use serde_json::Value;

use crate::evaluate::Finding;

/// Why a failure is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    /// The system's specification asks for what the control forbids.
    Seed,
    /// The control's concern does not arise for this resource.
    DoesNotApply,
    /// Only a config that turns off what the control asks for fails it:
    /// the operator's documented choice.
    Config,
    /// A real failure not fixed yet: accepted for now, reported as open.
    Open,
}

impl Because {
    /// As the file spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Because::Seed => "seed",
            Because::DoesNotApply => "does-not-apply",
            Because::Config => "config",
            Because::Open => "open",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "seed" => Ok(Because::Seed),
            "does-not-apply" => Ok(Because::DoesNotApply),
            "config" => Ok(Because::Config),
            "open" => Ok(Because::Open),
            other => Err(format!(
                "`because` is {other:?}; expected `seed`, `does-not-apply`, `config` or `open`"
            )),
        }
    }
}

/// One accepted failure: a control in the templates a key names, on the
/// listed resources or on every resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The key: a template name or the start of several.
    pub template: String,
    /// The control, e.g. `CT.SQS.PR.1`.
    pub rule: String,
    /// The logical IDs it covers; `None` covers every resource.
    pub resources: Option<BTreeSet<String>>,
    /// The kind of reason.
    pub because: Because,
    /// The reason, which a reviewer checks is true.
    pub why: String,
    /// What the reason rests on, checked against the template.
    pub holds: Vec<Fact>,
}

/// Something a reason says about a resource of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The resource's logical ID.
    pub resource: String,
    /// A dotted path below it (`Properties.VpcConfig.SubnetIds`, `DeletionPolicy`);
    /// a number steps into a list.
    pub path: String,
    /// What must be there.
    pub expect: Expect,
}

/// What a [`Fact`] expects at its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// This value, in long form (`{"Ref": "SubnetAId"}`).
    Equals(Value),
    /// Something (`true`) or nothing (`false`).
    Present(bool),
}

impl Fact {
    /// `None` when the fact holds in `template` (long-form JSON), else
    /// what is there instead.
    pub fn check(&self, template: &Value) -> Option<String> {
        let mut at = template
            .get("Resources")
            .and_then(|r| r.get(&self.resource));
        for step in self.path.split('.') {
            at = at.and_then(|value| match (value, step.parse::<usize>()) {
                (Value::Array(items), Ok(index)) => items.get(index),
                _ => value.get(step),
            });
        }
        let found = || match at {
            Some(value) => value.to_string(),
            None => "nothing".to_string(),
        };
        match &self.expect {
            Expect::Equals(value) if at == Some(value) => None,
            Expect::Present(present) if at.is_some() == *present => None,
            _ => Some(found()),
        }
    }

    /// `DeadLetterQueue.Properties.RedrivePolicy is absent`, for messages.
    pub fn describe(&self) -> String {
        let expect = match &self.expect {
            Expect::Equals(value) => format!("is {value}"),
            Expect::Present(true) => "is present".to_string(),
            Expect::Present(false) => "is absent".to_string(),
        };
        format!("{}.{} {expect}", self.resource, self.path)
    }
}

impl Exception {
    /// Whether it covers `finding` in the template named `template`.
    pub fn covers(&self, template: &str, finding: &Finding) -> bool {
        names(&self.template, template)
            && self.rule == finding.control.id
            && self
                .resources
                .as_ref()
                .is_none_or(|resources| resources.contains(&finding.resource))
    }

    /// `adology CT.SQS.PR.1 on DeadLetterQueue`, for messages.
    pub fn describe(&self) -> String {
        match &self.resources {
            Some(resources) => format!(
                "{} {} on {}",
                self.template,
                self.rule,
                resources.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
            None => format!("{} {}", self.template, self.rule),
        }
    }
}

/// Whether the key `key` names the template `template`.
fn names(key: &str, template: &str) -> bool {
    template
        .strip_prefix(key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// One entry of `holds`: `resource`, `path`, and `equals` or `present`.
fn parse_fact(fact: &Value) -> Result<Fact, String> {
    let fields = fact.as_object().ok_or("expected an object")?;
    if let Some(unknown) = fields
        .keys()
        .find(|key| !["resource", "path", "equals", "present"].contains(&key.as_str()))
    {
        return Err(format!(
            "unknown field {unknown:?} (expected resource, path, equals or present)"
        ));
    }
    let text = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_str)
            .filter(|value| !value.is_empty())
            .map(str::to_string)
            .ok_or_else(|| format!("`{key}` must be a non-empty string"))
    };
    let expect = match (fields.get("equals"), fields.get("present")) {
        (Some(value), None) => Expect::Equals(value.clone()),
        (None, Some(Value::Bool(present))) => Expect::Present(*present),
        _ => return Err("give `equals` (a value) or `present` (true or false), not both".into()),
    };
    Ok(Fact {
        resource: text("resource")?,
        path: text("path")?,
        expect,
    })
}

/// The listings of an exceptions file, in its order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exceptions(pub Vec<Exception>);

/// Why an exceptions file was refused: which file, where in it, and the
/// rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionsError {
    /// The file, as [`Exceptions::parse`] was told to name it.
    pub file: String,
    /// A JSON pointer to the offending listing or field (`/tenant/3`,
    /// `/tenant/3/holds/0`); empty when the whole file is at fault.
    pub at: String,
    /// The rule broken, with what was given where it helps.
    pub problem: String,
}

impl std::fmt::Display for ExceptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}: {}", self.file, self.problem)
        } else {
            write!(f, "{}: {}: {}", self.file, self.at, self.problem)
        }
    }
}

impl std::error::Error for ExceptionsError {}

impl Exceptions {
    /// Reads an exceptions file's text; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Self, ExceptionsError> {
        let error = |at: String, problem: String| ExceptionsError {
            file: source.to_string(),
            at,
            problem,
        };
        let file = |problem: String| error(String::new(), problem);
        let document: Value =
            serde_json::from_str(text).map_err(|e| file(format!("not JSON: {e}")))?;
        let templates = document
            .as_object()
            .ok_or_else(|| file("expected an object keyed by template name".to_string()))?;
        let mut exceptions = Vec::new();
        for (template, entries) in templates {
            let entries = entries.as_array().ok_or_else(|| {
                error(
                    format!("/{template}"),
                    "expected a list of exceptions".to_string(),
                )
            })?;
            for (index, entry) in entries.iter().enumerate() {
                let at = |problem: String| error(format!("/{template}/{index}"), problem);
                let fields = entry
                    .as_object()
                    .ok_or_else(|| at("expected an object".to_string()))?;
                if let Some(unknown) = fields.keys().find(|key| {
                    !["rule", "because", "why", "resources", "holds"].contains(&key.as_str())
                }) {
                    return Err(at(format!(
                        "unknown field {unknown:?} (expected rule, because, why, resources, holds)"
                    )));
                }
                let text = |key: &str| {
                    fields
                        .get(key)
                        .and_then(Value::as_str)
                        .filter(|value| !value.trim().is_empty())
                        .ok_or_else(|| at(format!("`{key}` must be a non-empty string")))
                };
                let rule = text("rule")?.to_string();
                let because = Because::parse(text("because")?).map_err(at)?;
                let why = text("why")?.to_string();
                let resources = match fields.get("resources") {
                    None => None,
                    Some(list) => Some(
                        list.as_array()
                            .filter(|list| !list.is_empty())
                            .and_then(|list| {
                                list.iter()
                                    .map(|id| id.as_str().map(str::to_string))
                                    .collect::<Option<BTreeSet<_>>>()
                            })
                            .ok_or_else(|| {
                                at("`resources` must be a non-empty list of logical IDs"
                                    .to_string())
                            })?,
                    ),
                };
                let holds = match fields.get("holds") {
                    None => Vec::new(),
                    Some(list) => list
                        .as_array()
                        .ok_or_else(|| at("`holds` must be a list of facts".to_string()))?
                        .iter()
                        .enumerate()
                        .map(|(i, fact)| {
                            parse_fact(fact).map_err(|problem| {
                                error(format!("/{template}/{index}/holds/{i}"), problem)
                            })
                        })
                        .collect::<Result<_, _>>()?,
                };
                exceptions.push(Exception {
                    template: template.clone(),
                    rule,
                    resources,
                    because,
                    why,
                    holds,
                });
            }
        }
        Ok(Exceptions(exceptions))
    }

    /// The index of the first listing covering `finding` in `template`.
    pub fn covering(&self, template: &str, finding: &Finding) -> Option<usize> {
        self.0
            .iter()
            .position(|exception| exception.covers(template, finding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::Control;

    fn finding(resource: &str, id: &'static str) -> Finding {
        Finding {
            resource: resource.to_string(),
            control: Control {
                id,
                title: "",
                fix: "",
            },
            rule_file: "",
            detail: String::new(),
        }
    }

    #[test]
    fn a_key_covers_its_templates_and_listed_resources() {
        let exceptions = Exceptions::parse(
            r#"{"adology": [{"rule": "CT.SQS.PR.1", "because": "does-not-apply",
                "why": "the end of the chain", "resources": ["DeadLetterQueue"]}]}"#,
            "x.json",
        )
        .unwrap();
        let dead_letters = finding("DeadLetterQueue", "CT.SQS.PR.1");
        assert_eq!(exceptions.covering("adology", &dead_letters), Some(0));
        assert_eq!(
            exceptions.covering("adology-example", &dead_letters),
            Some(0)
        );
        assert_eq!(exceptions.covering("adologyx", &dead_letters), None);
        assert_eq!(
            exceptions.covering("adology", &finding("Jobs", "CT.SQS.PR.1")),
            None
        );
        assert_eq!(
            exceptions.covering("adology", &finding("DeadLetterQueue", "CT.SQS.PR.2")),
            None
        );
    }

    #[test]
    fn facts_are_read_and_checked() {
        let exceptions = Exceptions::parse(
            r#"{"adology": [{"rule": "CT.SQS.PR.1", "because": "does-not-apply", "why": "end",
                "holds": [{"resource": "Dlq", "path": "Properties.RedrivePolicy", "present": false},
                          {"resource": "Fn", "path": "Properties.VpcConfig.SubnetIds.0",
                           "equals": {"Ref": "SubnetA"}}]}]}"#,
            "x.json",
        )
        .unwrap();
        let [dlq, function] = exceptions.0[0].holds.as_slice() else {
            panic!("two facts")
        };
        let template = serde_json::json!({"Resources": {
            "Dlq": {"Type": "AWS::SQS::Queue"},
            "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"VpcConfig": {"SubnetIds": [{"Ref": "SubnetA"}]}}},
        }});
        assert_eq!(
            (dlq.check(&template), function.check(&template)),
            (None, None)
        );
        let changed = serde_json::json!({"Resources": {
            "Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"maxReceiveCount": 3}}},
            "Fn": {"Type": "AWS::Lambda::Function"},
        }});
        assert_eq!(
            dlq.check(&changed).as_deref(),
            Some(r#"{"maxReceiveCount":3}"#)
        );
        assert_eq!(function.check(&changed).as_deref(), Some("nothing"));
        assert_eq!(
            function.describe(),
            r#"Fn.Properties.VpcConfig.SubnetIds.0 is {"Ref":"SubnetA"}"#
        );
        let error = Exceptions::parse(
            r#"{"a": [{"rule": "R", "because": "open", "why": "w", "holds": [{"resource": "X", "path": "P"}]}]}"#,
            "x.json",
        )
        .unwrap_err();
        assert_eq!(error.at, "/a/0/holds/0");
        assert!(error.problem.starts_with("give `equals`"), "{error}");
    }

    #[test]
    fn a_listing_without_a_reason_is_refused_with_its_place() {
        let error = Exceptions::parse(
            r#"{"tenant": [{"rule": "CT.S3.PR.2", "because": "open", "why": " "}]}"#,
            "guard-exceptions.json",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "guard-exceptions.json: /tenant/0: `why` must be a non-empty string"
        );
        assert_eq!(error.at, "/tenant/0");
        let error = Exceptions::parse(
            r#"{"tenant": [{"rule": "CT.S3.PR.2", "because": "short-form", "why": "x"}]}"#,
            "e.json",
        )
        .unwrap_err();
        assert!(
            error
                .problem
                .contains("expected `seed`, `does-not-apply`, `config` or `open`"),
            "{error}"
        );
    }
}
