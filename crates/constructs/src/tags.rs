//! Tags, written once for every resource type.
//!
//! AWS's schemas give each resource type its own `{Key, Value}` struct
//! (`s3::bucket::Tag`, `ecs::service::Tag`, `efs::access_point::AccessPointTag`,
//! ...), some with both properties required and some with both optional.
//! The generator implements [`KeyValueTag`] for every one of them, so a
//! single [`Tags`] list converts into any resource's `Tags` property:
//! `.tags(&tags)` compiles for every taggable type, and callers stop
//! writing a `|key, value|` closure per type.
//!
//! ```
//! use constructs::aws::{ecs, s3};
//! use constructs::Tags;
//!
//! let tags = Tags::new().with("team", "data");
//! let bucket = s3::Bucket::default().tags(&tags);
//! let cluster = ecs::Cluster::default().tags(&tags);
//! assert_eq!(bucket.tags, Some(vec![s3::bucket::Tag::new("team", "data")].into()));
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

use crate::value::{List, Value};

/// A generated `{Key, Value}` tag struct: what lets [`Tags`] build the tag
/// list of any resource type.
pub trait KeyValueTag {
    /// The tag `key: value`.
    fn key_value(key: String, value: String) -> Self;
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
    use crate::aws::{ecs, efs};
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

    #[test]
    fn optional_key_value_structs_get_both_set() {
        let tag = ecs::cluster::Tag::key_value("k".into(), "v".into());
        assert_eq!(tag, ecs::cluster::Tag::default().key("k").value("v"));
        let tag = efs::access_point::AccessPointTag::key_value("k".into(), "v".into());
        assert_eq!(
            tag.to_node(),
            efs::access_point::AccessPointTag::default()
                .key("k")
                .value("v")
                .to_node()
        );
    }
}
