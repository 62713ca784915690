//! Reference checking: every `Ref`, `GetAtt`, `Sub` placeholder, condition
//! and mapping name must exist in the template.
//!
//! Handles make most dangling references impossible, but a handle can still
//! be carried into another template, and `Fn::Sub` names live inside a
//! string. CloudFormation reports these only at deploy time (and moto with
//! an HTTP 500), so synthesis refuses them with the location of the use.

use std::collections::HashSet;

use crate::error::Error;
use crate::logical_id::LogicalId;
use crate::node::{Function, Node};
use crate::pseudo;

/// The names each kind of reference may point at.
pub(crate) struct Names<'a> {
    /// Parameters and resources: what `Ref` and `${Name}` may name.
    pub refs: HashSet<&'a LogicalId>,
    pub resources: HashSet<&'a LogicalId>,
    pub conditions: HashSet<&'a LogicalId>,
    pub mappings: HashSet<&'a LogicalId>,
}

fn contains(set: &HashSet<&LogicalId>, name: &str) -> bool {
    set.iter().any(|id| id.as_str() == name)
}

impl Names<'_> {
    fn expect(
        &self,
        set: &HashSet<&LogicalId>,
        kind: &'static str,
        location: &str,
        name: &str,
        errors: &mut Vec<Error>,
    ) {
        if !contains(set, name) {
            errors.push(Error::UnknownReference {
                location: location.to_string(),
                kind,
                target: name.to_string(),
            });
        }
    }

    pub fn expect_resource(&self, location: &str, name: &str, errors: &mut Vec<Error>) {
        self.expect(&self.resources, "resource", location, name, errors);
    }

    pub fn expect_condition(&self, location: &str, name: &str, errors: &mut Vec<Error>) {
        self.expect(&self.conditions, "condition", location, name, errors);
    }

    fn expect_ref(&self, location: &str, name: &str, errors: &mut Vec<Error>) {
        if !pseudo::NAMES.contains(&name) {
            self.expect(&self.refs, "parameter or resource", location, name, errors);
        }
    }

    /// A `${...}` placeholder: a variable of the Sub, `Resource.Attribute`,
    /// or a parameter, resource or pseudo parameter.
    fn expect_placeholder(
        &self,
        location: &str,
        name: &str,
        variables: &[&str],
        errors: &mut Vec<Error>,
    ) {
        if variables.contains(&name) {
            return;
        }
        match name.split_once('.') {
            Some((resource, _)) if !name.starts_with("AWS::") => {
                self.expect_resource(location, resource, errors)
            }
            _ => self.expect_ref(location, name, errors),
        }
    }
}

/// Checks every reference inside `node`, which sits at `location`.
pub(crate) fn check(names: &Names, location: &str, node: &Node, errors: &mut Vec<Error>) {
    match node {
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Float(_) | Node::Str(_) => {}
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                check(names, &format!("{location}[{i}]"), item, errors);
            }
        }
        Node::Map(fields) => {
            for (key, value) in fields {
                check(names, &format!("{location}.{key}"), value, errors);
            }
        }
        Node::Fn(function, arg) => check_function(names, location, *function, arg, errors),
    }
}

fn check_function(
    names: &Names,
    location: &str,
    function: Function,
    arg: &Node,
    errors: &mut Vec<Error>,
) {
    let here = format!("{location} ({})", function.long_name());
    match (function, arg) {
        (Function::Ref, Node::Str(name)) => names.expect_ref(&here, name, errors),
        (Function::GetAtt, Node::List(parts)) => {
            if let Some(Node::Str(resource)) = parts.first() {
                names.expect_resource(&here, resource, errors);
            }
        }
        (Function::Condition, Node::Str(name)) => names.expect_condition(&here, name, errors),
        (Function::Sub, Node::Str(template)) => check_sub(names, &here, template, &[], errors),
        (Function::Sub, Node::List(parts)) => {
            if let [Node::Str(template), Node::Map(variables)] = parts.as_slice() {
                let variable_names: Vec<&str> = variables.iter().map(|(k, _)| k.as_str()).collect();
                check_sub(names, &here, template, &variable_names, errors);
                for (key, value) in variables {
                    check(names, &format!("{location}.{key}"), value, errors);
                }
            }
        }
        (Function::If, Node::List(parts)) => {
            if let Some(Node::Str(condition)) = parts.first() {
                names.expect_condition(&here, condition, errors);
            }
            for (i, branch) in parts.iter().enumerate().skip(1) {
                check(names, &format!("{location}[{i}]"), branch, errors);
            }
        }
        (Function::FindInMap, Node::List(parts)) => {
            if let Some(Node::Str(mapping)) = parts.first() {
                names.expect(&names.mappings, "mapping", &here, mapping, errors);
            }
            for (i, key) in parts.iter().enumerate().skip(1) {
                check(names, &format!("{location}[{i}]"), key, errors);
            }
        }
        _ => check(names, location, arg, errors),
    }
}

fn check_sub(
    names: &Names,
    location: &str,
    template: &str,
    variables: &[&str],
    errors: &mut Vec<Error>,
) {
    match placeholders(template) {
        Ok(found) => {
            for name in found {
                names.expect_placeholder(location, name, variables, errors);
            }
        }
        Err(reason) => errors.push(Error::InvalidSub {
            location: location.to_string(),
            reason,
        }),
    }
}

/// The names inside `${...}` in a Sub template, skipping `${!Literal}`
/// escapes.
pub(crate) fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| format!("unterminated ${{ in {template:?}"))?;
        let name = after[..end].trim();
        if !name.starts_with('!') {
            found.push(name);
        }
        rest = &after[end + 1..];
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn finds_placeholders_and_skips_escapes() {
        assert_eq!(
            placeholders("arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}/${Db.Endpoint.Address}")
                .unwrap(),
            vec!["AWS::Partition", "Bucket", "Db.Endpoint.Address"]
        );
        assert!(placeholders("${Open").is_err());
    }
}
