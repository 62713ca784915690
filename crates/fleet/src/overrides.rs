//! A tenant's config: its overrides merged over the fleet's defaults, as
//! JSON documents, and the way back from a place in the merged config to
//! the place in the fleet file that set it.

use serde_json::Value;

use super::file::ConfigDocument;

/// `overrides` over `defaults`: objects merge key by key, recursively;
/// any other value (a string, a number, a list) replaces the default.
pub fn merge(defaults: &ConfigDocument, overrides: &ConfigDocument) -> ConfigDocument {
    let mut merged = defaults.clone();
    for (key, value) in overrides {
        let combined = match (merged.get(key), value) {
            (Some(Value::Object(base)), Value::Object(over)) => Value::Object(merge(base, over)),
            _ => value.clone(),
        };
        merged.insert(key.clone(), combined);
    }
    merged
}

/// Where the value at `pointer` of the merged config came from: the
/// tenant's overrides (`/tenants/3/config...`) when they hold the path, or
/// a value above it that replaced the default wholesale; else
/// `defaults.config`.
pub fn origin(pointer: &str, overrides: &ConfigDocument, tenant_index: usize) -> String {
    let base = if set_by_tenant(pointer, overrides) {
        format!("/tenants/{tenant_index}/config")
    } else {
        "/defaults/config".to_string()
    };
    format!("{base}{pointer}")
}

fn set_by_tenant(pointer: &str, overrides: &ConfigDocument) -> bool {
    let mut segments = pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"));
    let Some(first) = segments.next() else {
        return !overrides.is_empty();
    };
    let Some(mut node) = overrides.get(&first) else {
        return false;
    };
    for segment in segments {
        match node {
            Value::Object(map) => match map.get(&segment) {
                Some(child) => node = child,
                None => return false,
            },
            // A list or scalar override replaced everything below it.
            _ => return true,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document(value: Value) -> ConfigDocument {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn objects_merge_and_other_values_replace() {
        let defaults = document(json!({
            "logLevel": "info",
            "assetsOwner": {"uid": 1, "gid": 2},
            "maxReceiveCount": 3,
        }));
        let overrides = document(json!({"assetsOwner": {"uid": 9}, "maxReceiveCount": 5}));
        assert_eq!(
            Value::Object(merge(&defaults, &overrides)),
            json!({"logLevel": "info", "assetsOwner": {"uid": 9, "gid": 2}, "maxReceiveCount": 5})
        );
    }

    #[test]
    fn a_problem_points_where_its_value_was_written() {
        let overrides = document(json!({"assetsOwner": {"uid": 9}, "logLevel": "loud"}));
        assert_eq!(
            origin("/logLevel", &overrides, 3),
            "/tenants/3/config/logLevel"
        );
        assert_eq!(
            origin("/assetsOwner/uid", &overrides, 3),
            "/tenants/3/config/assetsOwner/uid"
        );
        assert_eq!(
            origin("/assetsOwner/gid", &overrides, 3),
            "/defaults/config/assetsOwner/gid"
        );
        assert_eq!(
            origin("/maxReceiveCount", &overrides, 3),
            "/defaults/config/maxReceiveCount"
        );
    }
}
