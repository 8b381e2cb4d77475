//! Field sets, managed fields and the apply merge, without a server.

use serde_json::{json, Value};

use super::fieldset::{display, FieldSet};
use super::managers::{self, Entry};
use super::merged;

fn deployment(image: &str, replicas: i64) -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "shop", "namespace": "default", "labels": {"app": "shop"}},
        "spec": {
            "replicas": replicas,
            "template": {"spec": {"containers": [
                {"name": "web", "image": image, "ports": [{"containerPort": 80}]}
            ]}}
        }
    })
}

fn entry(manager: &str, operation: &str) -> Entry {
    Entry::new(manager, operation, "apps/v1", json!("2026-01-01T00:00:00Z"))
}

#[test]
fn field_sets_use_upstreams_path_elements() {
    let set = FieldSet::of(&deployment("nginx", 2));
    let json = set.to_json();
    assert_eq!(json["f:metadata"], json!({"f:labels": {"f:app": {}}}));
    let web = &json["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"web\"}"];
    assert_eq!(web["."], json!({}));
    assert_eq!(web["f:image"], json!({}));
    assert_eq!(
        web["f:ports"]["k:{\"containerPort\":80}"]["f:containerPort"],
        json!({})
    );
    assert_eq!(FieldSet::from_json(&json), set);
    let image: Vec<String> = [
        "f:spec",
        "f:template",
        "f:spec",
        "f:containers",
        "k:{\"name\":\"web\"}",
        "f:image",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(
        display(&image),
        ".spec.template.spec.containers[name=\"web\"].image"
    );
}

#[test]
fn an_update_owns_what_it_changed_and_takes_it_from_others() {
    let mut created = deployment("nginx", 2);
    managers::record_update(None, &mut created, entry("kubectl-create", "Update"));
    let mut scaled = created.clone();
    scaled["spec"]["replicas"] = json!(5);
    managers::record_update(
        Some(&created),
        &mut scaled,
        entry("kubectl-patch", "Update"),
    );
    let entries = managers::read(&scaled);
    let owners: Vec<(&str, bool)> = entries
        .iter()
        .map(|e| {
            let replicas = vec!["f:spec".to_owned(), "f:replicas".to_owned()];
            (e.manager.as_str(), e.fields.0.contains(&replicas))
        })
        .collect();
    assert_eq!(owners, [("kubectl-create", false), ("kubectl-patch", true)]);
}

#[test]
fn apply_conflicts_on_a_changed_field_another_manager_owns() {
    let mut live = deployment("nginx", 2);
    managers::record_update(None, &mut live, entry("kubectl-create", "Update"));
    // Applying the same values shares them; no conflict.
    let same = merged(
        &live,
        &deployment("nginx", 2),
        entry("kubectl", "Apply"),
        false,
    );
    assert!(same.is_ok());
    let err = merged(
        &live,
        &deployment("nginx", 3),
        entry("kubectl", "Apply"),
        false,
    )
    .expect_err("a conflict");
    let status = err.status();
    assert_eq!(status.code, Some(409));
    assert_eq!(
        status.message.as_deref(),
        Some("Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas")
    );
    // Forced, the apply takes the field over.
    let forced = merged(
        &live,
        &deployment("nginx", 3),
        entry("kubectl", "Apply"),
        true,
    )
    .expect("forced");
    assert_eq!(forced["spec"]["replicas"], 3);
    let entries = managers::read(&forced);
    let replicas = vec!["f:spec".to_owned(), "f:replicas".to_owned()];
    for e in &entries {
        assert_eq!(e.fields.0.contains(&replicas), e.manager == "kubectl");
    }
}

#[test]
fn reapplying_without_a_field_removes_it_unless_shared() {
    let mut live = deployment("nginx", 2);
    live["spec"]["template"]["spec"]["containers"][0]["env"] = json!([{"name": "A", "value": "1"}]);
    let first = merged(&Value::Null, &live, entry("kubectl", "Apply"), false);
    // Nothing is live yet: the merge of an apply over nothing is the apply.
    let first = first.expect("applied");
    let second = merged(
        &first,
        &deployment("nginx", 2),
        entry("kubectl", "Apply"),
        false,
    )
    .expect("applied");
    let container = &second["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container.get("env"), None, "{container}");
    assert_eq!(container["image"], "nginx");
}
