//! Loading a template from a file or standard input, whatever wrote it.
//!
//! Accepted: YAML with short-form tags, JSON, and what
//! `aws cloudformation get-template` prints: with `--query TemplateBody`
//! that is the template as a JSON object (a JSON template) or a JSON string
//! holding the YAML or JSON text (a YAML template); without `--query` it is
//! an object whose `TemplateBody` is one of those. Anything else that parses
//! but is not a template (a config file, a list) is refused here, so the
//! tools built on this module never explain a document that is not one.

use std::fmt;
use std::path::Path;

use serde_json::Value;

/// A template as read: its long-form JSON value (`{"Ref": ...}`, never
/// `!Ref`) and the name messages give it.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The whole template, intrinsics in long form.
    pub body: Value,
    /// The path it was read from, or `standard input`.
    pub label: String,
    /// The text as read, for reports that point at a line of it.
    pub text: String,
}

impl Template {
    /// The `Resources` mapping, which [`parse`] guarantees.
    pub fn resources(&self) -> &serde_json::Map<String, Value> {
        self.body["Resources"]
            .as_object()
            .expect("read only returns templates with a Resources mapping")
    }
}

/// Why a template could not be read, with the label of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The input's label, as in [`Template::label`].
    pub label: String,
    /// What is wrong, and where in the document when that is known.
    pub problem: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.problem)
    }
}

impl std::error::Error for ReadError {}

/// The argument that means standard input.
pub const STDIN: &str = "-";

/// Reads the template at `argument`: a file path, or `-` for standard input.
pub fn load(argument: &str) -> Result<Template, ReadError> {
    if argument == STDIN {
        let label = "standard input".to_string();
        let text = yaml::read_bounded(std::io::stdin().lock()).map_err(|e| ReadError {
            label: label.clone(),
            problem: e.to_string(),
        })?;
        parse(&text, &label)
    } else {
        let label = argument.to_string();
        let text = yaml::read_file(Path::new(argument)).map_err(|e| ReadError {
            label: label.clone(),
            problem: e.to_string(),
        })?;
        parse(&text, &label)
    }
}

/// Where to go from a template that a transform or a macro must expand
/// first: CloudFormation keeps a deployed stack's expanded ("processed")
/// template, which every command reads.
pub const USE_PROCESSED: &str = "use the processed template instead \
     (`aws cloudformation get-template --template-stage Processed`)";

/// Why a template with a `Transform` section cannot be read as it is, and
/// what to read instead.
pub fn uses_transform(transform: &Value) -> String {
    format!(
        "the template uses the transform {}, which CloudFormation expands at deploy time; \
         {USE_PROCESSED}",
        yaml::excerpt(&transform.to_string(), 80)
    )
}

/// Parses template text read from `label`.
pub fn parse(text: &str, label: &str) -> Result<Template, ReadError> {
    let fail = |problem: String| ReadError {
        label: label.to_string(),
        problem,
    };
    let mut body =
        yaml::parse_template(text).map_err(|e| fail(format!("not valid YAML or JSON: {e}")))?;
    // `get-template` without `--query`: the template is one field of it.
    if body.get("Resources").is_none() {
        if let Some(inner) = body.get_mut("TemplateBody") {
            body = inner.take();
        }
    }
    // A YAML template as `get-template --query TemplateBody` prints it: a
    // JSON string holding the template text.
    if let Value::String(inner) = &body {
        body = yaml::parse_template(inner).map_err(|e| {
            fail(format!(
                "the TemplateBody string is not valid YAML or JSON: {e}"
            ))
        })?;
    }
    match &body {
        Value::Object(top) => match top.get("Resources") {
            Some(Value::Object(resources)) => {
                // Every command relies on a resource's type: a diff would
                // otherwise call a typeless resource unchanged.
                if let Some(id) = resources
                    .iter()
                    .find(|(_, r)| r.get("Type").and_then(Value::as_str).is_none())
                    .map(|(id, _)| id)
                {
                    // `Fn::ForEach::Name` and a macro's own keys are the
                    // transform's input, not resources: say what to read.
                    let expanded_later = match top.get("Transform") {
                        Some(transform) => format!("; {}", uses_transform(transform)),
                        None if id.starts_with("Fn::ForEach::") => {
                            "; Fn::ForEach needs the AWS::LanguageExtensions transform, \
                             which the template does not declare"
                                .to_string()
                        }
                        None => String::new(),
                    };
                    return Err(fail(format!(
                        "not a CloudFormation template: resource {} has no Type{expanded_later}",
                        yaml::excerpt(id, 80)
                    )));
                }
                Ok(Template {
                    body,
                    label: label.to_string(),
                    text: text.to_string(),
                })
            }
            Some(_) => Err(fail(
                "not a CloudFormation template: Resources is not a mapping of logical IDs".into(),
            )),
            None => Err(fail(
                "not a CloudFormation template: it has no Resources section".into(),
            )),
        },
        Value::Null => Err(fail(
            "not a CloudFormation template: the document is empty".into(),
        )),
        _ => Err(fail(
            "not a CloudFormation template: the document is not a mapping".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use constructs::aws::type_names as types;
    use serde_json::json;

    use super::*;

    const YAML: &str = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${AWS::StackName}-jobs'\n";

    fn expected() -> Value {
        json!({"Resources": {"Queue": {"Type": types::sqs::QUEUE, "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-jobs"}}}}})
    }

    #[test]
    fn yaml_with_short_form_tags() {
        let template = parse(YAML, "t.yaml").unwrap();
        assert_eq!(template.body, expected());
        assert_eq!(template.label, "t.yaml");
        assert_eq!(template.resources().len(), 1);
    }

    #[test]
    fn a_resource_without_a_type_is_refused() {
        let error = parse("Resources:\n  Queue:\n    Properties: {}\n", "t.yaml").unwrap_err();
        assert_eq!(
            error.to_string(),
            "t.yaml: not a CloudFormation template: resource Queue has no Type"
        );
        let long = "Q".repeat(200);
        let error = parse(&format!("Resources:\n  {long}: {{}}\n"), "t.yaml").unwrap_err();
        assert!(error.to_string().len() < 200, "{error}");
    }

    #[test]
    fn a_loop_of_a_transform_says_to_read_the_processed_template() {
        let text = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Tables:\n    - Name\n    - [A, B]\n    - Table${Name}:\n        Type: AWS::DynamoDB::Table\n";
        let error = parse(text, "t.yaml").unwrap_err().to_string();
        assert_eq!(
            error,
            "t.yaml: not a CloudFormation template: resource Fn::ForEach::Tables has no Type; \
             the template uses the transform \"AWS::LanguageExtensions\", which CloudFormation \
             expands at deploy time; use the processed template instead \
             (`aws cloudformation get-template --template-stage Processed`)"
        );
        let error = parse(
            &text.replace("Transform: AWS::LanguageExtensions\n", ""),
            "t.yaml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.ends_with(
                "; Fn::ForEach needs the AWS::LanguageExtensions transform, which the template \
                 does not declare"
            ),
            "{error}"
        );
    }

    #[test]
    fn json() {
        let text = serde_json::to_string_pretty(&expected()).unwrap();
        assert_eq!(parse(&text, "t.json").unwrap().body, expected());
    }

    #[test]
    fn get_template_query_template_body_of_a_yaml_template() {
        // What `--query TemplateBody` prints for a stack created from YAML.
        let text = serde_json::to_string(&Value::String(YAML.to_string())).unwrap();
        assert_eq!(parse(&text, "deployed.json").unwrap().body, expected());
    }

    #[test]
    fn get_template_without_query() {
        let text = json!({"TemplateBody": YAML, "StagesAvailable": ["Original", "Processed"]});
        assert_eq!(
            parse(&text.to_string(), "deployed.json").unwrap().body,
            expected()
        );
        let text = json!({"TemplateBody": expected(), "StagesAvailable": ["Original"]});
        assert_eq!(
            parse(&text.to_string(), "deployed.json").unwrap().body,
            expected()
        );
    }

    #[test]
    fn documents_that_are_not_templates_are_refused() {
        let cases = [
            (
                "name: acme\n",
                "c.yaml: not a CloudFormation template: it has no Resources section",
            ),
            (
                "- a\n- b\n",
                "c.yaml: not a CloudFormation template: the document is not a mapping",
            ),
            (
                "",
                "c.yaml: not a CloudFormation template: the document is empty",
            ),
            (
                "Resources: [a]\n",
                "c.yaml: not a CloudFormation template: Resources is not a mapping of logical IDs",
            ),
            (
                "\"just a string\"",
                "c.yaml: not a CloudFormation template: the document is not a mapping",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(
                parse(text, "c.yaml").unwrap_err().to_string(),
                message,
                "{text:?}"
            );
        }
    }

    #[test]
    fn syntax_errors_name_the_input_and_the_place() {
        let error = parse("Resources:\n  A: [\n", "bad.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("bad.yaml: not valid YAML or JSON: line "),
            "{error}"
        );
    }

    #[test]
    fn unreadable_files_say_so() {
        let error = load("/nonexistent/template.yaml").unwrap_err().to_string();
        assert!(
            error.starts_with("/nonexistent/template.yaml: cannot read the file: "),
            "{error}"
        );
    }
}
