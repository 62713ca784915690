//! Tags, written once for every resource type.
//!
//! The AWS service spec gives tags four shapes: most types take a list of
//! the standard [`Tag`]; some a `{Key, Value}` struct of their own
//! (`efs::access_point::AccessPointTag`, with both properties optional);
//! some a string map (`ssm::Parameter`) or free-form JSON; Auto Scaling
//! groups a struct with `PropagateAtLaunch`. The generator implements
//! [`KeyValueTag`] for every tag struct, and `Tags` converts into the map
//! and JSON shapes, so a single [`Tags`] list converts into any resource's
//! tag property: `.tags(&tags)` compiles for every taggable type, and
//! callers stop writing a `|key, value|` closure per type.
//!
//! ```
//! use constructs::aws::{ecs, s3};
//! use constructs::Tags;
//!
//! let tags = Tags::new().with("team", "data");
//! let bucket = s3::Bucket::default().tags(&tags);
//! let cluster = ecs::Cluster::default().tags(&tags);
//! assert_eq!(bucket.tags, Some(vec![constructs::Tag::new("team", "data")].into()));
//! assert!(cluster.tags.is_some());
//! ```
//!
//! Only tags are tags: a load balancer's `{Key, Value}` attributes do not
//! take a tag list.
//!
//! ```compile_fail
//! use constructs::aws::elasticloadbalancingv2 as elb;
//! use constructs::Tags;
//!
//! let _ = elb::LoadBalancer::default().load_balancer_attributes(&Tags::new());
//! ```

use crate::json::Json;
use crate::node::{Fields, Node, ToNode};
use crate::value::{List, Map, Value};

/// A `{Key, Value}` tag struct: what lets [`Tags`] build the tag list of
/// any resource type. Implemented by [`Tag`] and by the generated structs
/// of the types whose tags have a shape of their own.
pub trait KeyValueTag {
    /// The tag `key: value`.
    fn key_value(key: String, value: String) -> Self;
}

/// The standard CloudFormation tag, `{Key, Value}`: what most resource
/// types' `Tags` list holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// `Key`: the tag's name.
    pub key: Value<String>,
    /// `Value`: the tag's value.
    pub value: Value<String>,
}

impl Tag {
    /// The tag `key: value`.
    pub fn new(key: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl crate::value::Literal for Tag {}

impl ToNode for Tag {
    fn to_node(&self) -> Node {
        let mut fields = Fields::new();
        fields.required("Key", &self.key);
        fields.required("Value", &self.value);
        fields.finish()
    }
}

impl KeyValueTag for Tag {
    fn key_value(key: String, value: String) -> Self {
        Tag::new(key, value)
    }
}

/// Tags in the order they are written to the template (the order is part
/// of the output, so it is kept as given, never sorted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags(Vec<(String, String)>);

impl Tags {
    /// No tags.
    pub fn new() -> Self {
        Tags::default()
    }

    /// These tags and then `key: value`.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.push((key.into(), value.into()));
        self
    }

    /// `key: value` and then these tags (a `Name` the console shows goes
    /// first).
    pub fn before(&self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let mut pairs = vec![(key.into(), value.into())];
        pairs.extend(self.0.iter().cloned());
        Tags(pairs)
    }

    /// The `(key, value)` pairs, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The tag list of the resource type whose tag struct is `T`.
    pub fn to_list<T: KeyValueTag>(&self) -> Value<List<T>> {
        Value::Literal(
            self.0
                .iter()
                .map(|(key, value)| Value::Literal(T::key_value(key.clone(), value.clone())))
                .collect(),
        )
    }
}

impl<T: KeyValueTag> From<&Tags> for Value<List<T>> {
    fn from(tags: &Tags) -> Self {
        tags.to_list()
    }
}

impl<T: KeyValueTag> From<Tags> for Value<List<T>> {
    fn from(tags: Tags) -> Self {
        tags.to_list()
    }
}

/// The tags of the types that take a string map (`SSM::Parameter`).
impl From<&Tags> for Value<Map<String>> {
    fn from(tags: &Tags) -> Self {
        crate::value::map(tags.pairs())
    }
}

impl From<Tags> for Value<Map<String>> {
    fn from(tags: Tags) -> Self {
        (&tags).into()
    }
}

/// The tags of the types that take them as free-form JSON, as an object.
impl From<&Tags> for Value<Json> {
    fn from(tags: &Tags) -> Self {
        let object: serde_json::Map<String, serde_json::Value> = tags
            .pairs()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
            .collect();
        Value::Literal(Json::from(serde_json::Value::Object(object)))
    }
}

impl From<Tags> for Value<Json> {
    fn from(tags: Tags) -> Self {
        (&tags).into()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Tags {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Tags(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::{autoscaling, efs, s3, ssm};
    use crate::node::ToNode;

    #[test]
    fn before_puts_the_new_tag_first_and_keeps_the_rest_in_order() {
        let tags = Tags::new()
            .with("a", "1")
            .with("b", "2")
            .before("Name", "n");
        let pairs: Vec<_> = tags.pairs().collect();
        assert_eq!(pairs, [("Name", "n"), ("a", "1"), ("b", "2")]);
    }

    /// Every tag variant of the spec takes the same `Tags`: the standard
    /// list, a struct of the type's own, a string map, and Auto Scaling's
    /// tags, which propagate to the instances.
    #[test]
    fn one_tags_value_fills_every_variant() {
        let tags = Tags::new().with("team", "data");
        let bucket = s3::Bucket::default().tags(&tags);
        assert_eq!(bucket.tags, Some(vec![Tag::new("team", "data")].into()));
        let access_point = efs::AccessPoint::new("fs-1").access_point_tags(&tags);
        assert_eq!(
            access_point.access_point_tags.unwrap().to_node(),
            vec![efs::access_point::AccessPointTag::default()
                .key("team")
                .value("data")]
            .to_node()
        );
        let parameter = ssm::Parameter::new(ssm::ParameterRequired {
            r#type: ssm::parameter::ParameterType::String.into(),
            value: "v".into(),
        })
        .tags(&tags);
        assert_eq!(parameter.tags, Some(crate::value::map([("team", "data")])));
        let group = autoscaling::AutoScalingGroup::new(autoscaling::AutoScalingGroupRequired {
            max_size: "1".into(),
            min_size: "0".into(),
        })
        .tags(&tags);
        let node = group.tags.unwrap().to_node();
        assert!(
            format!("{node:?}").contains("PropagateAtLaunch"),
            "{node:?}"
        );
    }
}
