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
    pub fn new() -> Self {
        Self::default()
    }

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

    pub fn id(&self) -> &LogicalId {
        &self.id
    }
}
