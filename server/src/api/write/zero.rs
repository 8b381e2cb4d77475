//! Go's zero values, read as absent. A Go client can't leave a struct field out, so
//! kubectl's typed code (`rollout undo`) sends `resources: {}` for a container that
//! has none; upstream decodes both to the same value. Here templates are compared by
//! their JSON, so the empty one would read as a new template (and a new ReplicaSet):
//! it is dropped before the object is stored.

use serde_json::Value;

/// The lists of containers in a pod spec.
const CONTAINER_LISTS: &[&str] = &["containers", "initContainers", "ephemeralContainers"];

/// Removes `resources: {}` from every container in `value`, however deep.
pub fn drop_empty_resources(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if CONTAINER_LISTS.contains(&key.as_str()) {
                    for container in field.as_array_mut().into_iter().flatten() {
                        if let Some(container) = container.as_object_mut() {
                            let empty = container
                                .get("resources")
                                .and_then(Value::as_object)
                                .is_some_and(|r| r.is_empty());
                            if empty {
                                container.remove("resources");
                            }
                        }
                    }
                }
                drop_empty_resources(field);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_resources),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::drop_empty_resources;

    #[test]
    fn only_empty_container_resources_go() {
        let mut template = json!({"spec": {"template": {"spec": {
            "containers": [{"name": "a", "resources": {}},
                           {"name": "b", "resources": {"limits": {"cpu": "1"}}}],
            "volumes": [{"name": "v", "emptyDir": {}}]}}}});
        drop_empty_resources(&mut template);
        assert_eq!(
            template,
            json!({"spec": {"template": {"spec": {
                "containers": [{"name": "a"},
                               {"name": "b", "resources": {"limits": {"cpu": "1"}}}],
                "volumes": [{"name": "v", "emptyDir": {}}]}}}})
        );
    }
}
