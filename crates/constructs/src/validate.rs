//! Reference checking: every `Ref`, `GetAtt`, `Sub` placeholder, condition
//! and mapping name must exist in the template.
//!
//! Handles make most dangling references impossible, but a handle can still
//! be carried into another template, and `Fn::Sub` names live inside a
//! string. CloudFormation reports these only at deploy time (and moto with
//! an HTTP 500), so synthesis refuses them with the location of the use.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::error::Error;
use crate::node::{Function, Node};
use crate::pseudo;
use crate::sub_syntax::{sub_parts, SubPart};

/// The names each kind of reference may point at.
pub(crate) struct Names<'a> {
    /// Parameters and resources: what `Ref` and `${Name}` may name.
    pub refs: HashSet<&'a str>,
    pub resources: HashSet<&'a str>,
    pub conditions: HashSet<&'a str>,
    pub mappings: HashSet<&'a str>,
}

impl Names<'_> {
    /// Records an error unless `set` holds `name`; the location is only
    /// spelt out for an error, since almost every reference resolves.
    fn expect(
        &self,
        set: &HashSet<&str>,
        kind: &'static str,
        location: impl FnOnce() -> String,
        name: &str,
        errors: &mut Vec<Error>,
    ) {
        if !set.contains(name) {
            errors.push(Error::UnknownReference {
                location: location(),
                kind,
                target: name.to_string(),
            });
        }
    }

    pub fn expect_resource(&self, location: &str, name: &str, errors: &mut Vec<Error>) {
        self.expect(
            &self.resources,
            "resource",
            || location.to_string(),
            name,
            errors,
        );
    }

    pub fn expect_condition(&self, location: &str, name: &str, errors: &mut Vec<Error>) {
        self.expect(
            &self.conditions,
            "condition",
            || location.to_string(),
            name,
            errors,
        );
    }

    /// A `${...}` placeholder: a variable of the Sub, `Resource.Attribute`,
    /// or a parameter, resource or pseudo parameter.
    fn expect_placeholder(
        &self,
        location: &dyn Fn() -> String,
        name: &str,
        variables: &[&str],
        errors: &mut Vec<Error>,
    ) {
        if variables.contains(&name) {
            return;
        }
        match name.split_once('.') {
            Some((resource, _)) if !name.starts_with("AWS::") => {
                self.expect(&self.resources, "resource", location, resource, errors)
            }
            _ if pseudo::NAMES.contains(&name) => {}
            _ => self.expect(&self.refs, "parameter or resource", location, name, errors),
        }
    }
}

/// Checks every reference inside `node`, which sits at `location`.
pub(crate) fn check(names: &Names, location: &str, node: &Node, errors: &mut Vec<Error>) {
    let mut path = Path {
        root: location,
        steps: Vec::new(),
    };
    walk(names, &mut path, node, errors);
}

/// Where the walk is: the location the check started at and the steps
/// taken from it. Almost every reference resolves, so the steps are kept
/// as borrowed keys and indices and spelt out only for an error.
struct Path<'a> {
    root: &'a str,
    steps: Vec<Step<'a>>,
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

impl Path<'_> {
    /// `root.Key[0].Other`, as errors name a location.
    fn spelt(&self) -> String {
        let mut out = self.root.to_string();
        for step in &self.steps {
            let _ = match step {
                Step::Key(key) => write!(out, ".{key}"),
                Step::Index(index) => write!(out, "[{index}]"),
            };
        }
        out
    }
}

/// Walks `node` with `step` taken, then takes it back.
fn walk_at<'a>(
    names: &Names,
    path: &mut Path<'a>,
    step: Step<'a>,
    node: &'a Node,
    errors: &mut Vec<Error>,
) {
    path.steps.push(step);
    walk(names, path, node, errors);
    path.steps.pop();
}

fn walk<'a>(names: &Names, path: &mut Path<'a>, node: &'a Node, errors: &mut Vec<Error>) {
    match node {
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Float(_) | Node::Str(_) => {}
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_at(names, path, Step::Index(i), item, errors);
            }
        }
        Node::Map(fields) => {
            for (key, value) in fields {
                walk_at(names, path, Step::Key(key), value, errors);
            }
        }
        Node::Fn(function, arg) => check_function(names, path, *function, arg, errors),
    }
}

fn check_function<'a>(
    names: &Names,
    path: &mut Path<'a>,
    function: Function,
    arg: &'a Node,
    errors: &mut Vec<Error>,
) {
    let here = || format!("{} ({})", path.spelt(), function.long_name());
    match (function, arg) {
        (Function::Ref, Node::Str(name)) => {
            if !pseudo::NAMES.contains(&name.as_ref()) {
                names.expect(&names.refs, "parameter or resource", here, name, errors);
            }
        }
        (Function::GetAtt, Node::List(parts)) => {
            if let Some(Node::Str(resource)) = parts.first() {
                names.expect(&names.resources, "resource", here, resource, errors);
            }
        }
        (Function::Condition, Node::Str(name)) => {
            names.expect(&names.conditions, "condition", here, name, errors)
        }
        (Function::Sub, Node::Str(template)) => check_sub(names, &here, template, &[], errors),
        (Function::Sub, Node::List(parts)) => {
            if let [Node::Str(template), Node::Map(variables)] = parts.as_slice() {
                let variable_names: Vec<&str> = variables.iter().map(|(k, _)| k.as_ref()).collect();
                check_sub(names, &here, template, &variable_names, errors);
                for (key, value) in variables {
                    walk_at(names, path, Step::Key(key), value, errors);
                }
            }
        }
        (Function::If, Node::List(parts)) => {
            if let Some(Node::Str(condition)) = parts.first() {
                names.expect(&names.conditions, "condition", here, condition, errors);
            }
            for (i, branch) in parts.iter().enumerate().skip(1) {
                walk_at(names, path, Step::Index(i), branch, errors);
            }
        }
        (Function::FindInMap, Node::List(parts)) => {
            if let Some(Node::Str(mapping)) = parts.first() {
                names.expect(&names.mappings, "mapping", here, mapping, errors);
            }
            for (i, key) in parts.iter().enumerate().skip(1) {
                walk_at(names, path, Step::Index(i), key, errors);
            }
        }
        _ => walk(names, path, arg, errors),
    }
}

fn check_sub(
    names: &Names,
    location: &dyn Fn() -> String,
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
            location: location(),
            reason,
        }),
    }
}

/// The names inside `${...}` in a Sub template, skipping `${!Literal}`
/// escapes.
pub(crate) fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    for part in sub_parts(template) {
        match part {
            SubPart::Placeholder { name, .. } => found.push(name),
            SubPart::Unclosed(_) => return Err(format!("unterminated ${{ in {template:?}")),
            SubPart::Text(_) | SubPart::Literal(_) => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dangling_reference_is_reported_at_its_full_path() {
        let names = Names {
            refs: HashSet::from(["Known"]),
            resources: HashSet::new(),
            conditions: HashSet::new(),
            mappings: HashSet::new(),
        };
        let reference =
            |name: &'static str| Node::Fn(Function::Ref, Box::new(Node::Str(name.into())));
        let node = Node::Map(vec![(
            "Rules".into(),
            Node::List(vec![
                reference("Known"),
                Node::Map(vec![("Target".into(), reference("Missing"))]),
            ]),
        )]);
        let mut errors = Vec::new();
        check(&names, "Resources.Bus.Properties", &node, &mut errors);
        let [Error::UnknownReference {
            location, target, ..
        }] = errors.as_slice()
        else {
            panic!("one unknown reference, not {errors:?}");
        };
        assert_eq!(location, "Resources.Bus.Properties.Rules[1].Target (Ref)");
        assert_eq!(target, "Missing");
    }

    #[test]
    fn finds_placeholders_and_skips_escapes() {
        assert_eq!(
            placeholders("arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}/${Db.Endpoint.Address}")
                .unwrap(),
            vec!["AWS::Partition", "Bucket", "Db.Endpoint.Address"]
        );
        assert!(placeholders("${Open").is_err());
        // The `!` escapes only right after the brace.
        assert_eq!(placeholders("${ !X}").unwrap(), vec!["!X"]);
    }
}
