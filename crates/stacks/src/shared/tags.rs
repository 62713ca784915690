//! Tags as the generated types take them: each resource type has its own
//! tag struct, so the helpers take the type's constructor.

use constructs::{List, Value};

/// The `(key, value)` pairs as a tag list of the type `tag` builds.
pub fn list<T>(
    pairs: impl IntoIterator<Item = (&'static str, String)>,
    tag: impl Fn(String, String) -> T,
) -> Option<Value<List<T>>> {
    Some(
        pairs
            .into_iter()
            .map(|(key, value)| tag(key.to_string(), value))
            .collect::<Vec<_>>()
            .into(),
    )
}
