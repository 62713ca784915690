//! Every reference one resource makes to another resource or a parameter,
//! with where in the resource it is made: the diagram's edges, placement
//! and folding are all decided from these, and `synth check` finds
//! dependency cycles in them.

use constructs::sub_syntax::{sub_parts, SubPart};
use serde_json::Value;

/// One `Ref`, `Fn::GetAtt`, `Fn::Sub` placeholder or `DependsOn` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The logical ID or parameter name referred to.
    pub target: String,
    /// Property keys from the resource's `Properties` down to the reference,
    /// without list indices and intrinsic function names
    /// (`NotificationConfiguration/QueueConfigurations/Queue`), or
    /// `DependsOn`. Rules match on this, so a reference wrapped in
    /// `Fn::Select` or `Fn::If` still means what its property means.
    pub path: Vec<String>,
    /// The `Name` of the innermost object holding the reference (an
    /// environment variable or a container secret), or the key of a
    /// `Variables` map: what a labelled edge says the value is for.
    pub name: Option<String>,
}

impl Reference {
    /// Whether the path starts with these keys.
    pub fn under(&self, prefix: &[&str]) -> bool {
        self.path.len() >= prefix.len() && self.path.iter().zip(prefix).all(|(a, b)| a == b)
    }

    /// The last property key, where the referenced value is put.
    pub fn key(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }
}

/// The references of one resource's `Properties` and `DependsOn`, in
/// document order.
pub fn of_resource(resource: &Value) -> Vec<Reference> {
    let mut found = Vec::new();
    if let Some(properties) = resource.get("Properties") {
        walk(properties, &mut Vec::new(), None, &mut found);
    }
    let depends_on = match resource.get("DependsOn") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    for target in depends_on {
        found.push(Reference {
            target,
            path: vec!["DependsOn".to_string()],
            name: None,
        });
    }
    found
}

fn walk(value: &Value, path: &mut Vec<String>, name: Option<&str>, found: &mut Vec<Reference>) {
    match value {
        Value::Array(items) => {
            for item in items {
                walk(item, path, name, found);
            }
        }
        Value::Object(map) => {
            if map.len() == 1 {
                let (key, argument) = map.iter().next().expect("one entry");
                if let Some(targets) = intrinsic_targets(key, argument) {
                    for target in targets {
                        push(found, target, path, name);
                    }
                    // Arguments may nest further intrinsics (`Fn::Sub`'s
                    // variables, `Fn::Select`'s list).
                    if key != "Ref" && key != "Fn::GetAtt" {
                        walk(argument, path, name, found);
                    }
                    return;
                }
                if key.starts_with("Fn::") || key == "Condition" {
                    walk(argument, path, name, found);
                    return;
                }
            }
            let own_name = map.get("Name").and_then(Value::as_str).or(name);
            let in_variables = path.last().is_some_and(|key| key == "Variables");
            for (key, child) in map {
                path.push(key.clone());
                let child_name = if in_variables {
                    Some(key.as_str())
                } else {
                    own_name
                };
                walk(child, path, child_name, found);
                path.pop();
            }
        }
        _ => {}
    }
}

fn push(found: &mut Vec<Reference>, target: String, path: &[String], name: Option<&str>) {
    if target.starts_with("AWS::") {
        return;
    }
    found.push(Reference {
        target,
        path: path.to_vec(),
        name: name.map(str::to_string),
    });
}

/// The names an intrinsic refers to, or `None` when `key` is not one that
/// refers to anything.
fn intrinsic_targets(key: &str, argument: &Value) -> Option<Vec<String>> {
    match key {
        "Ref" => Some(argument.as_str().map(str::to_string).into_iter().collect()),
        "Fn::GetAtt" => {
            let target = match argument {
                Value::Array(parts) => parts.first().and_then(Value::as_str),
                Value::String(dotted) => dotted.split('.').next(),
                _ => None,
            };
            Some(target.map(str::to_string).into_iter().collect())
        }
        "Fn::Sub" => {
            let (text, variables) = match argument {
                Value::String(text) => (text.as_str(), None),
                Value::Array(parts) => (
                    parts.first().and_then(Value::as_str).unwrap_or(""),
                    parts.get(1).and_then(Value::as_object),
                ),
                _ => ("", None),
            };
            Some(
                sub_placeholders(text)
                    .into_iter()
                    .filter(|name| !variables.is_some_and(|vars| vars.contains_key(name)))
                    .collect(),
            )
        }
        _ => None,
    }
}

/// References made by naming a task definition's ARN
/// (`arn:...:task-definition/<Family>[:revision]`), literally or in a
/// `Fn::Sub`, to the task definitions of `families` (logical ID, family).
pub fn by_family(resource: &Value, families: &[(&str, &str)]) -> Vec<Reference> {
    let mut found = Vec::new();
    if let Some(properties) = resource.get("Properties") {
        strings(properties, &mut Vec::new(), &mut |text, path| {
            let mut rest = text;
            while let Some(start) = rest.find("task-definition/") {
                rest = &rest[start + "task-definition/".len()..];
                let family: &str = rest.split([':', '*', '"', '$']).next().unwrap_or("");
                if let Some((id, _)) = families.iter().find(|(_, f)| *f == family) {
                    found.push(Reference {
                        target: id.to_string(),
                        path: path.to_vec(),
                        name: None,
                    });
                }
            }
        });
    }
    found
}

/// Calls `visit` with every string in `value` and its property path.
fn strings(value: &Value, path: &mut Vec<String>, visit: &mut dyn FnMut(&str, &[String])) {
    match value {
        Value::String(text) => visit(text, path),
        Value::Array(items) => items.iter().for_each(|item| strings(item, path, visit)),
        Value::Object(map) => {
            for (key, child) in map {
                let property = !key.starts_with("Fn::");
                if property {
                    path.push(key.clone());
                }
                strings(child, path, visit);
                if property {
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// `(name, argument)` when `value` is an intrinsic function call
/// (`{"Fn::Join": [...]}`, `{"Ref": "X"}`, `{"Condition": "C"}`).
pub fn intrinsic(value: &Value) -> Option<(&str, &Value)> {
    match value {
        Value::Object(map) if map.len() == 1 => {
            let (key, argument) = map.iter().next()?;
            (key == "Ref" || key == "Condition" || key.starts_with("Fn::"))
                .then_some((key.as_str(), argument))
        }
        _ => None,
    }
}

/// The logical IDs and parameters named by `${Name}` and `${Name.Attr}`
/// placeholders, skipping `${!Literal}` escapes.
pub fn sub_placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in sub_parts(text) {
        if let SubPart::Placeholder { name, .. } = part {
            let name = name.split('.').next().unwrap_or(name).trim();
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::aws::type_names as types;
    use serde_json::json;

    #[test]
    fn finds_ref_getatt_sub_and_depends_on_with_their_paths() {
        let resource = json!({
            "Type": types::ecs::TASK_DEFINITION,
            "DependsOn": "Queue",
            "Properties": {
                "ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                "ContainerDefinitions": [{
                    "Environment": [{"Name": "BUCKET", "Value": {"Ref": "Bucket"}}],
                    "Image": {"Fn::Sub": "${Repo.Uri}:${Tag}-${!Literal}-${AWS::Region}"},
                    "Secrets": [{"Name": "KEY", "ValueFrom": {"Fn::Select": [0, [{"Ref": "Secret"}]]}}]
                }],
                "Family": {"Fn::Sub": ["${Local}-x", {"Local": {"Ref": "Name"}}]}
            }
        });
        let found: Vec<(String, String, Option<String>)> = of_resource(&resource)
            .into_iter()
            .map(|r| (r.target, r.path.join("/"), r.name))
            .collect();
        let s = |v: &str| v.to_string();
        assert_eq!(
            found,
            vec![
                (s("Role"), s("ExecutionRoleArn"), None),
                (
                    s("Bucket"),
                    s("ContainerDefinitions/Environment/Value"),
                    Some(s("BUCKET"))
                ),
                (s("Repo"), s("ContainerDefinitions/Image"), None),
                (s("Tag"), s("ContainerDefinitions/Image"), None),
                (
                    s("Secret"),
                    s("ContainerDefinitions/Secrets/ValueFrom"),
                    Some(s("KEY"))
                ),
                (s("Name"), s("Family/Local"), None),
                (s("Queue"), s("DependsOn"), None),
            ]
        );
    }

    #[test]
    fn task_definitions_named_by_arn_are_references() {
        let resource = json!({"Properties": {"Target": {"EcsParameters": {"TaskDefinitionArn":
            {"Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/Nightly:3"}}}}});
        let found = by_family(&resource, &[("NightlyTask", "Nightly"), ("Other", "Night")]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, "NightlyTask");
        assert_eq!(
            found[0].path,
            ["Target", "EcsParameters", "TaskDefinitionArn"]
        );
    }

    #[test]
    fn names_variables_by_their_key() {
        let resource =
            json!({"Properties": {"Environment": {"Variables": {"QUEUE_URL": {"Ref": "Queue"}}}}});
        let found = of_resource(&resource);
        assert_eq!(found[0].name.as_deref(), Some("QUEUE_URL"));
        assert_eq!(found[0].path, ["Environment", "Variables", "QUEUE_URL"]);
    }
}
