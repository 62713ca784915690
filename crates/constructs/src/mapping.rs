//! Mappings: static two-level lookup tables read with `Fn::FindInMap`.

use indexmap::IndexMap;

use crate::json::Json;
use crate::logical_id::LogicalId;
use crate::node::{Node, ToNode};

/// A mapping's table: top-level key, second-level key, value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    entries: IndexMap<String, IndexMap<String, Json>>,
}

impl Mapping {
    /// An empty table; fill it with [`Mapping::entry`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the value `Fn::FindInMap` returns for `top_key` and
    /// `second_key`, e.g. an AMI ID by region and architecture.
    pub fn entry(mut self, top_key: &str, second_key: &str, value: impl Into<Json>) -> Self {
        self.entries
            .entry(top_key.to_string())
            .or_default()
            .insert(second_key.to_string(), value.into());
        self
    }
}

impl ToNode for Mapping {
    fn to_node(&self) -> Node {
        Node::Map(
            self.entries
                .iter()
                .map(|(top, seconds)| (top.clone().into(), seconds.to_node()))
                .collect(),
        )
    }
}

/// A mapping that was added to a template, for [`fns::find_in_map`](crate::fns::find_in_map).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingHandle {
    id: LogicalId,
}

impl MappingHandle {
    pub(crate) fn new(id: LogicalId) -> Self {
        MappingHandle { id }
    }

    /// The mapping's logical ID, the first argument of `Fn::FindInMap`.
    pub fn id(&self) -> &LogicalId {
        &self.id
    }
}
