//! Helpers for the scheduler's tests: Deployments with pod-spec fields from JSON, and
//! where their pods landed.
#![allow(dead_code)] // each test file uses its own part of it

use std::collections::BTreeMap;
use std::sync::Arc;

use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::k8s_openapi::api::core::v1::{Node, Pod, PodCondition};
use engine::{demo, pod_state};
use serde_json::{json, Value};

use super::common::Cluster;

/// A Deployment `name` of nginx with `pod` merged into its pod spec.
pub fn deployment(name: &str, replicas: i32, pod: Value) -> Deployment {
    let d = demo::deployment("default", name, "nginx:1.27", replicas);
    let mut value = serde_json::to_value(d).expect("to json");
    if let (Some(spec), Value::Object(extra)) =
        (value["spec"]["template"]["spec"].as_object_mut(), pod)
    {
        spec.extend(extra);
    }
    serde_json::from_value(value).expect("deployment")
}

/// Creates [`deployment`]'s Deployment.
pub fn deploy(c: &mut Cluster, name: &str, replicas: i32, pod: Value) {
    c.engine
        .create(deployment(name, replicas, pod))
        .expect("create deployment");
}

/// A container asking for `cpu` and `memory`.
pub fn requesting(cpu: &str, memory: &str) -> Value {
    json!({"containers": [{
        "name": "nginx",
        "image": "nginx:1.27",
        "resources": {"requests": {"cpu": cpu, "memory": memory}},
    }]})
}

/// The live pods of the app, terminating ones left out.
pub fn pods_of(c: &Cluster, app: &str) -> Vec<Arc<Pod>> {
    c.pods()
        .into_iter()
        .filter(|p| pod_state::is_active(p))
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("app"))
                .map(String::as_str)
                == Some(app)
        })
        .collect()
}

/// How many of the app's pods each node runs (`-` for unscheduled ones).
pub fn per_node(c: &Cluster, app: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for pod in pods_of(c, app) {
        let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
        *counts
            .entry(node.unwrap_or_else(|| "-".to_owned()))
            .or_default() += 1;
    }
    counts
}

/// How many of the app's pods each member cluster runs (`-` for unscheduled ones).
pub fn per_cluster(c: &Cluster, app: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for (node, n) in per_node(c, app) {
        let cluster = c.engine.store().get::<Node>("", &node).and_then(|n| {
            n.metadata
                .labels
                .as_ref()?
                .get("berth.dev/cluster")
                .cloned()
        });
        *counts
            .entry(cluster.unwrap_or_else(|| "-".to_owned()))
            .or_default() += n;
    }
    counts
}

/// The PodScheduled condition of the app's unscheduled pods.
pub fn unscheduled(c: &Cluster, app: &str) -> Vec<PodCondition> {
    pods_of(c, app)
        .iter()
        .filter(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_none()))
        .filter_map(|p| {
            p.status
                .as_ref()?
                .conditions
                .as_ref()?
                .iter()
                .find(|c| c.type_ == "PodScheduled")
                .cloned()
        })
        .collect()
}

/// The message every unscheduled pod of the app shows; panics unless there is one.
pub fn pending_message(c: &Cluster, app: &str) -> String {
    let conditions = unscheduled(c, app);
    assert!(!conditions.is_empty(), "no pod of {app} is unscheduled");
    for condition in &conditions {
        assert_eq!(condition.status, "False");
        assert_eq!(condition.reason.as_deref(), Some("Unschedulable"));
    }
    conditions[0].message.clone().unwrap_or_default()
}

/// Pins a label on a node.
pub fn label(c: &mut Cluster, node: &str, key: &str, value: &str) {
    c.edit_node(node, |n| {
        n.metadata
            .labels
            .get_or_insert_with(Default::default)
            .insert(key.to_owned(), value.to_owned());
    });
}
