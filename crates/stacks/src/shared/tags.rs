//! Tags as the generated types take them: every generated tag struct is a
//! [`KeyValueTag`], so one list of pairs becomes any resource's `Tags`.

use constructs::{KeyValueTag, List, Tags, Value};

/// The `(key, value)` pairs as the tag list of whichever resource type the
/// field they are assigned to belongs to.
pub fn list<T: KeyValueTag>(
    pairs: impl IntoIterator<Item = (&'static str, String)>,
) -> Option<Value<List<T>>> {
    Some(pairs.into_iter().collect::<Tags>().to_list())
}
