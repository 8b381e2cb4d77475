//! Upstream's strategic merge patch tags in the schemas (`x-kubernetes-patch-strategy`,
//! `x-kubernetes-patch-merge-key`): kubectl computes `apply` patches from the OpenAPI
//! document when there is one, so the document must say how each list merges, as the
//! server's own patching does ([`crate::api::patch::keys`]).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::schemas::REF_PREFIX;
use crate::api::patch::keys::{list_merge, ListMerge};

/// Tags every property reachable from the schema `root` whose path merges specially.
pub fn annotate(schemas: &mut Map<String, Value>, root: &str) {
    walk(schemas, root, &mut Vec::new(), &mut HashSet::new());
}

/// The schema a property refers to: `$ref` itself, or wrapped in `allOf` (how a
/// reference carries a description in OpenAPI 3.0).
fn referenced(schema: &Value) -> Option<String> {
    schema
        .get("$ref")
        .or_else(|| schema.get("allOf")?.get(0)?.get("$ref"))
        .and_then(Value::as_str)?
        .strip_prefix(REF_PREFIX)
        .map(str::to_owned)
}

fn walk(
    schemas: &mut Map<String, Value>,
    name: &str,
    path: &mut Vec<String>,
    seen: &mut HashSet<String>,
) {
    if !seen.insert(name.to_owned()) {
        return;
    }
    let Some(properties) = schemas
        .get(name)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
    else {
        return;
    };
    let fields: Vec<(String, Option<String>, bool)> = properties
        .iter()
        .map(|(field, schema)| {
            let list = schema.get("type").and_then(Value::as_str) == Some("array");
            let target = if list {
                schema.get("items").and_then(referenced)
            } else {
                referenced(schema)
            };
            (field.clone(), target, list)
        })
        .collect();
    for (field, target, list) in fields {
        path.push(field.clone());
        if let Some(tags) = tags(path, list) {
            let property = schemas
                .get_mut(name)
                .and_then(|s| s.get_mut("properties"))
                .and_then(|p| p.get_mut(&field))
                .and_then(Value::as_object_mut);
            if let Some(property) = property {
                property.extend(tags);
            }
        }
        if let Some(target) = target {
            walk(schemas, &target, path, seen);
        }
        path.pop();
    }
}

/// The extensions of the property at `path`, as upstream's Go tags give them.
fn tags(path: &[String], list: bool) -> Option<Map<String, Value>> {
    let (strategy, key) = if list {
        match list_merge(path) {
            ListMerge::Replace => return None,
            ListMerge::Union => ("merge", None),
            // `PodSpec.volumes`: a volume's source is replaced whole when it changes.
            ListMerge::ByKey(key) if path.last().is_some_and(|f| f == "volumes") => {
                ("merge,retainKeys", Some(key))
            }
            ListMerge::ByKey(key) => ("merge", Some(key)),
        }
    } else if path == ["spec", "strategy"] {
        // `DeploymentSpec.strategy`: switching to Recreate drops `rollingUpdate`.
        ("retainKeys", None)
    } else {
        return None;
    };
    let mut tags = Map::new();
    tags.insert("x-kubernetes-patch-strategy".to_owned(), strategy.into());
    if let Some(key) = key {
        tags.insert("x-kubernetes-patch-merge-key".to_owned(), key.into());
    }
    Some(tags)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::api::discovery::openapi::schemas::document;
    use crate::api::kinds;

    #[test]
    fn apps_v1_carries_upstreams_patch_tags() {
        let served = kinds::served();
        let apps: Vec<_> = served.iter().filter(|k| k.group == "apps").collect();
        let doc = document(&apps);
        let schemas = &doc["components"]["schemas"];
        let deployment = &schemas["io.k8s.api.apps.v1.Deployment"];
        assert_eq!(
            deployment["x-kubernetes-group-version-kind"],
            json!([{"group": "apps", "kind": "Deployment", "version": "v1"}])
        );
        let pod_spec = &schemas["io.k8s.api.core.v1.PodSpec"]["properties"];
        assert_eq!(
            pod_spec["containers"]["x-kubernetes-patch-merge-key"],
            "name"
        );
        assert_eq!(
            pod_spec["volumes"]["x-kubernetes-patch-strategy"],
            "merge,retainKeys"
        );
        assert!(pod_spec["tolerations"]
            .get("x-kubernetes-patch-strategy")
            .is_none());
        let container = &schemas["io.k8s.api.core.v1.Container"]["properties"];
        assert_eq!(
            container["ports"]["x-kubernetes-patch-merge-key"],
            "containerPort"
        );
        assert_eq!(container["env"]["x-kubernetes-patch-merge-key"], "name");
        let spec = &schemas["io.k8s.api.apps.v1.DeploymentSpec"]["properties"];
        assert_eq!(
            spec["strategy"]["x-kubernetes-patch-strategy"],
            "retainKeys"
        );
        assert!(
            spec["strategy"]["description"].is_string(),
            "upstream's descriptions"
        );
    }
}
