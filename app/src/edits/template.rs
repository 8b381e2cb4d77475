//! The edits themselves, as plain functions over the Deployment's JSON.

use rules::workload::{validate_workload, Context};
use rules::Findings;
use serde_json::{json, Value};

/// The pod template annotation `kubectl rollout restart` sets: a new value is a new
/// template, so the Deployment rolls its pods.
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

/// The label a ReplicaSet adds to its template; a rollback takes it off again, as
/// `kubectl rollout undo` does, or the Deployment's template would never match.
const TEMPLATE_HASH: &str = "pod-template-hash";

/// `kubectl scale`: the new pod count.
pub fn scale_patch(replicas: i64) -> Value {
    json!({ "spec": { "replicas": replicas } })
}

/// `kubectl rollout pause` / `resume`.
pub fn pause_patch(paused: bool) -> Value {
    json!({ "spec": { "paused": paused } })
}

/// `kubectl rollout restart`: the template stamped with `at` (RFC 3339).
pub fn restart_patch(at: &str) -> Value {
    json!({ "spec": { "template": { "metadata": { "annotations": { RESTARTED_AT: at } } } } })
}

/// Each container's name and image, in template order.
pub fn container_images(deployment: &Value) -> Vec<(String, String)> {
    containers(deployment)
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or_default().to_owned();
            (text("name"), text("image"))
        })
        .collect()
}

/// The Deployment with its containers' images replaced, in template order (an upgrade).
pub fn with_images(deployment: &Value, images: &[String]) -> Value {
    let mut upgraded = deployment.clone();
    if let Some(list) = upgraded
        .pointer_mut("/spec/template/spec/containers")
        .and_then(Value::as_array_mut)
    {
        for (container, image) in list.iter_mut().zip(images) {
            container["image"] = Value::String(image.trim().to_owned());
        }
    }
    upgraded
}

/// The Deployment with the template of an older ReplicaSet (a rollback).
pub fn rolled_back(deployment: &Value, template: &Value) -> Value {
    let mut template = template.clone();
    if let Some(labels) = template
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(TEMPLATE_HASH);
    }
    let mut rolled = deployment.clone();
    rolled["spec"]["template"] = template;
    rolled
}

/// What the shared rules find in an edited Deployment (the same the API will check).
pub fn check(deployment: &Value, gpu_namespace: bool) -> Findings {
    // The object as served carries status; the rules look at what a client sends.
    let mut sent = deployment.clone();
    if let Some(object) = sent.as_object_mut() {
        object.remove("status");
    }
    validate_workload(&sent, Context { gpu_namespace })
}

fn containers(deployment: &Value) -> impl Iterator<Item = &Value> {
    deployment
        .pointer("/spec/template/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "resourceVersion": "42"},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [
                        {"name": "web", "image": "nginx:1.25"},
                        {"name": "cache", "image": "redis:7"}
                    ]}
                }
            },
            "status": {"replicas": 2}
        })
    }

    #[test]
    fn an_upgrade_changes_only_the_images_and_keeps_the_version_read() {
        let d = deployment();
        assert_eq!(
            container_images(&d),
            vec![
                ("web".into(), "nginx:1.25".into()),
                ("cache".into(), "redis:7".into())
            ]
        );
        let up = with_images(&d, &["nginx:1.27 ".into(), "redis:7".into()]);
        assert_eq!(
            up["spec"]["template"]["spec"]["containers"][0]["image"],
            "nginx:1.27"
        );
        assert_eq!(
            up["spec"]["template"]["spec"]["containers"][1]["image"],
            "redis:7"
        );
        assert_eq!(up["metadata"]["resourceVersion"], "42");
        assert!(check(&up, false).is_valid(), "{:?}", check(&up, false));
    }

    #[test]
    fn an_empty_image_is_refused_at_its_field() {
        let up = with_images(&deployment(), &[String::new()]);
        let findings = check(&up, false);
        assert!(findings
            .errors
            .iter()
            .any(|e| e.path == "spec.template.spec.containers[0].image"));
    }

    #[test]
    fn a_rollback_puts_the_old_template_back_without_its_hash() {
        let old = json!({"metadata": {"labels": {"app": "web", "pod-template-hash": "abc"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.24"}]}});
        let rolled = rolled_back(&deployment(), &old);
        assert_eq!(
            rolled["spec"]["template"]["metadata"]["labels"],
            json!({"app": "web"})
        );
        assert_eq!(
            rolled["spec"]["template"]["spec"]["containers"][0]["image"],
            "nginx:1.24"
        );
        assert_eq!(rolled["metadata"]["resourceVersion"], "42");
    }

    #[test]
    fn patches_are_kubectls() {
        assert_eq!(scale_patch(5), json!({"spec": {"replicas": 5}}));
        assert_eq!(pause_patch(true), json!({"spec": {"paused": true}}));
        assert_eq!(
            restart_patch("2026-11-22T10:00:00Z")["spec"]["template"]["metadata"]["annotations"]
                [RESTARTED_AT],
            "2026-11-22T10:00:00Z"
        );
    }

    #[test]
    fn a_negative_scale_is_refused_by_the_rules() {
        let mut d = deployment();
        d["spec"]["replicas"] = json!(-1);
        assert!(check(&d, false)
            .errors
            .iter()
            .any(|e| e.path == "spec.replicas"));
    }
}
