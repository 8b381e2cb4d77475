//! Strategic merge patch (`application/strategic-merge-patch+json`), what kubectl
//! `apply`, `edit`, `set image` and `rollout restart` send: a merge patch whose lists
//! merge element by element where the type says so ([`super::keys`]), with upstream's
//! directives `$patch` (`replace`, `delete`, `merge`), `$retainKeys`,
//! `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.

use serde_json::{Map, Value};

use super::keys::{list_merge, ListMerge};
use crate::api::status::ApiError;

const PATCH: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const ORDER: &str = "$setElementOrder/";
const DELETE_PRIMITIVES: &str = "$deleteFromPrimitiveList/";

/// Applies `patch` to `doc`.
pub fn apply(doc: &mut Value, patch: Value) -> Result<(), ApiError> {
    let (Value::Object(original), Value::Object(patch)) = (&mut *doc, patch) else {
        return Err(bad("the patch must be a JSON object"));
    };
    if merge_map(original, patch, &mut Vec::new())? == Outcome::Delete {
        return Err(bad("a patch can't delete the whole object"));
    }
    Ok(())
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::BadRequest(message.into())
}

/// Whether the merged map stays, or a `$patch: delete` removed it.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Keep,
    Delete,
}

fn merge_map(
    original: &mut Map<String, Value>,
    mut patch: Map<String, Value>,
    path: &mut Vec<String>,
) -> Result<Outcome, ApiError> {
    match patch.remove(PATCH) {
        None => {}
        Some(Value::String(d)) if d == "merge" => {}
        Some(Value::String(d)) if d == "delete" => return Ok(Outcome::Delete),
        Some(Value::String(d)) if d == "replace" => {
            // The rest of the patch is the map's new content, directives and all gone.
            let mut replaced = Map::new();
            merge_map(&mut replaced, patch, path)?;
            *original = replaced;
            return Ok(Outcome::Keep);
        }
        Some(other) => return Err(bad(format!("unknown patch type: {other}"))),
    }
    if let Some(retain) = patch.remove(RETAIN_KEYS) {
        let Value::Array(keys) = retain else {
            return Err(bad("$retainKeys must be a list of strings"));
        };
        let keys: Vec<&str> = keys.iter().filter_map(Value::as_str).collect();
        // Upstream's rule: a patch may only set (not clear) the keys it retains.
        if let Some((stray, _)) = patch
            .iter()
            .find(|(k, v)| !v.is_null() && !k.starts_with('$') && !keys.contains(&k.as_str()))
        {
            return Err(bad(format!(
                "invalid patch: {stray:?} is set but not in $retainKeys"
            )));
        }
        original.retain(|k, _| keys.contains(&k.as_str()));
    }
    // The list directives first, so they apply whatever order the patch's keys are in.
    let mut orders: Vec<(String, Vec<Value>)> = Vec::new();
    let directives: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(ORDER) || k.starts_with(DELETE_PRIMITIVES))
        .cloned()
        .collect();
    for key in directives {
        let Some(Value::Array(values)) = patch.remove(&key) else {
            return Err(bad(format!("{key} must be a list")));
        };
        if let Some(list) = key.strip_prefix(ORDER) {
            orders.push((list.to_owned(), values));
        } else if let Some(Value::Array(items)) = key
            .strip_prefix(DELETE_PRIMITIVES)
            .and_then(|list| original.get_mut(list))
        {
            items.retain(|v| !values.contains(v));
        }
    }
    for (key, value) in patch {
        if value.is_null() {
            original.remove(&key);
            continue;
        }
        path.push(key.clone());
        let merged = merge_value(original.remove(&key), value, path);
        path.pop();
        if let Some(merged) = merged? {
            original.insert(key, merged);
        }
    }
    for (list, order) in orders {
        path.push(list.clone());
        let strategy = list_merge(path);
        path.pop();
        if let Some(Value::Array(items)) = original.get_mut(&list) {
            reorder(items, &order, strategy);
        }
    }
    Ok(Outcome::Keep)
}

/// Merges one field: `None` when a `$patch: delete` removed it.
fn merge_value(
    original: Option<Value>,
    patch: Value,
    path: &mut Vec<String>,
) -> Result<Option<Value>, ApiError> {
    match (original, patch) {
        (Some(Value::Object(mut original)), Value::Object(patch)) => {
            Ok((merge_map(&mut original, patch, path)? == Outcome::Keep)
                .then_some(Value::Object(original)))
        }
        // A new map still has its directives worked out, against nothing.
        (None, Value::Object(patch)) => {
            merge_value(Some(Value::Object(Map::new())), Value::Object(patch), path)
        }
        (Some(Value::Array(mut original)), Value::Array(patch)) => {
            merge_list(&mut original, patch, path)?;
            Ok(Some(Value::Array(original)))
        }
        (None, Value::Array(patch)) => {
            let mut merged = Vec::new();
            merge_list(&mut merged, patch, path)?;
            Ok(Some(Value::Array(merged)))
        }
        (_, patch) => Ok(Some(patch)),
    }
}

fn merge_list(
    original: &mut Vec<Value>,
    patch: Vec<Value>,
    path: &mut Vec<String>,
) -> Result<(), ApiError> {
    let strategy = list_merge(path);
    let replace_marker = |v: &Value| v.get(PATCH).and_then(Value::as_str) == Some("replace");
    if strategy == ListMerge::Replace || patch.iter().any(replace_marker) {
        original.clear();
        for item in patch.into_iter().filter(|v| !replace_marker(v)) {
            original.push(clean(item, path)?);
        }
        return Ok(());
    }
    let ListMerge::ByKey(key) = strategy else {
        for item in patch {
            if !original.contains(&item) {
                original.push(item);
            }
        }
        return Ok(());
    };
    for item in patch {
        let Value::Object(mut item) = item else {
            return Err(bad(format!(
                "{}: expected a map in a list merged by {key}",
                path.join(".")
            )));
        };
        let Some(id) = item.get(key).cloned() else {
            return Err(bad(format!(
                "{}: map does not contain declared merge key: {key}",
                path.join(".")
            )));
        };
        let same = |v: &Value| v.get(key) == Some(&id);
        if item.get(PATCH).and_then(Value::as_str) == Some("delete") {
            original.retain(|v| !same(v));
            continue;
        }
        match original.iter_mut().find(|v| same(v)) {
            Some(Value::Object(existing)) => {
                if merge_map(existing, item, path)? == Outcome::Delete {
                    original.retain(|v| !same(v));
                }
            }
            _ => {
                let mut added = Map::new();
                item.remove(PATCH);
                merge_map(&mut added, item, path)?;
                original.push(Value::Object(added));
            }
        }
    }
    Ok(())
}

/// A patch value with its directives worked out against nothing.
fn clean(value: Value, path: &mut Vec<String>) -> Result<Value, ApiError> {
    match value {
        Value::Object(map) => {
            let mut cleaned = Map::new();
            merge_map(&mut cleaned, map, path)?;
            Ok(Value::Object(cleaned))
        }
        other => Ok(other),
    }
}

/// Puts the list in the order `$setElementOrder` gives; elements it doesn't name (the
/// server's own) keep their relative order, after the named ones.
fn reorder(items: &mut [Value], order: &[Value], strategy: ListMerge) {
    let id = |v: &Value| -> Value {
        match strategy {
            ListMerge::ByKey(key) => v.get(key).cloned().unwrap_or(Value::Null),
            ListMerge::Replace | ListMerge::Union => v.clone(),
        }
    };
    let ids: Vec<Value> = order.iter().map(&id).collect();
    items.sort_by_key(|v| {
        let here = id(v);
        ids.iter().position(|o| *o == here).unwrap_or(usize::MAX)
    });
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::apply;

    fn patched(doc: serde_json::Value, patch: serde_json::Value) -> serde_json::Value {
        let mut doc = doc;
        apply(&mut doc, patch).expect("the patch applies");
        doc
    }

    fn pod_spec(containers: serde_json::Value) -> serde_json::Value {
        json!({"spec": {"template": {"spec": {"containers": containers}}}})
    }

    #[test]
    fn containers_merge_by_name_and_ports_by_container_port() {
        let doc = pod_spec(json!([
            {"name": "web", "image": "nginx:1.26", "ports": [{"containerPort": 80, "name": "http"}]},
            {"name": "side", "image": "redis:7.4"}
        ]));
        let patch = json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "web"}, {"name": "side"}],
            "containers": [{"name": "web", "image": "nginx:1.27",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}]}]
        }}}});
        assert_eq!(
            patched(doc, patch),
            pod_spec(json!([
                {"name": "web", "image": "nginx:1.27",
                 "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"}]},
                {"name": "side", "image": "redis:7.4"}
            ]))
        );
    }

    #[test]
    fn patch_delete_removes_an_element_and_order_follows_the_directive() {
        let doc = pod_spec(json!([{"name": "a"}, {"name": "b"}, {"name": "c"}]));
        let patch = json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}],
            "containers": [{"name": "b", "$patch": "delete"}]
        }}}});
        assert_eq!(
            patched(doc, patch),
            pod_spec(json!([{"name": "c"}, {"name": "a"}]))
        );
    }

    #[test]
    fn untagged_lists_are_replaced_and_nulls_delete() {
        let doc = json!({"spec": {"template": {"spec": {
            "tolerations": [{"key": "a"}, {"key": "b"}], "nodeName": "n1"}}}});
        let patch = json!({"spec": {"template": {"spec": {
            "tolerations": [{"key": "c"}], "nodeName": null}}}});
        assert_eq!(
            patched(doc, patch),
            json!({"spec": {"template": {"spec": {"tolerations": [{"key": "c"}]}}}})
        );
    }

    #[test]
    fn retain_keys_clears_the_other_keys() {
        let doc = json!({"spec": {"strategy": {"type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": 1}}}});
        let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate",
            "rollingUpdate": null}}});
        assert_eq!(
            patched(doc, patch),
            json!({"spec": {"strategy": {"type": "Recreate"}}})
        );
    }

    #[test]
    fn finalizers_are_a_set() {
        let doc = json!({"metadata": {"finalizers": ["a", "b"]}});
        let patch = json!({"metadata": {"finalizers": ["c"], "$deleteFromPrimitiveList/finalizers": ["a"]}});
        assert_eq!(
            patched(doc, patch),
            json!({"metadata": {"finalizers": ["b", "c"]}})
        );
    }

    #[test]
    fn a_map_is_replaced_whole_with_patch_replace() {
        let doc = json!({"metadata": {"labels": {"a": "1", "b": "2"}}});
        let patch = json!({"metadata": {"labels": {"$patch": "replace", "c": "3"}}});
        assert_eq!(
            patched(doc, patch),
            json!({"metadata": {"labels": {"c": "3"}}})
        );
    }

    #[test]
    fn a_key_outside_retain_keys_is_refused() {
        let mut doc = json!({"spec": {"strategy": {"type": "Recreate"}}});
        let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": {}}}});
        assert!(apply(&mut doc, patch).is_err());
    }
}
