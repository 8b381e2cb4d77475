//! Helpers for the node agent's tests: pods from JSON manifests, their container
//! statuses and their events.
#![allow(dead_code)] // each test file uses its own part of it

use engine::k8s_openapi::api::core::v1::{ContainerStatus, Event, Pod, PodStatus};
use serde_json::{json, Value};

use super::common::Cluster;

/// Creates the pod of `manifest` (a `spec`; name and namespace added) in `default`.
pub fn create(c: &mut Cluster, name: &str, spec: Value) {
    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": name}},
        "spec": spec,
    }))
    .expect("pod manifest");
    c.engine.create(pod).expect("create pod");
}

/// The pod `name` of `default`.
pub fn get(c: &Cluster, name: &str) -> Pod {
    (*c.engine.store().get::<Pod>("default", name).expect("pod")).clone()
}

/// The pod's status.
pub fn status(c: &Cluster, name: &str) -> PodStatus {
    get(c, name).status.unwrap_or_default()
}

/// The status of container `container` (init or app) of pod `name`.
pub fn container(c: &Cluster, name: &str, container: &str) -> ContainerStatus {
    let status = status(c, name);
    status
        .container_statuses
        .into_iter()
        .flatten()
        .chain(status.init_container_statuses.into_iter().flatten())
        .find(|s| s.name == container)
        .expect("container status")
}

/// The container's state: `Waiting:<reason>`, `Running` or `Terminated:<reason>:<code>`.
pub fn state(c: &Cluster, name: &str, container_name: &str) -> String {
    let state = container(c, name, container_name).state.unwrap_or_default();
    if let Some(w) = state.waiting {
        return format!("Waiting:{}", w.reason.unwrap_or_default());
    }
    if let Some(t) = state.terminated {
        return format!(
            "Terminated:{}:{}",
            t.reason.unwrap_or_default(),
            t.exit_code
        );
    }
    if state.running.is_some() {
        return "Running".to_owned();
    }
    "None".to_owned()
}

/// The waiting message of a container.
pub fn waiting_message(c: &Cluster, name: &str, container_name: &str) -> String {
    container(c, name, container_name)
        .state
        .and_then(|s| s.waiting?.message)
        .unwrap_or_default()
}

/// The pod's phase.
pub fn phase(c: &Cluster, name: &str) -> String {
    status(c, name).phase.unwrap_or_default()
}

/// The status of the pod's condition `kind`: `True` or `False`.
pub fn condition(c: &Cluster, name: &str, kind: &str) -> String {
    status(c, name)
        .conditions
        .into_iter()
        .flatten()
        .find(|c| c.type_ == kind)
        .map(|c| c.status)
        .unwrap_or_default()
}

/// The events about pod `name`, oldest first.
pub fn events(c: &Cluster, name: &str) -> Vec<Event> {
    c.events_about("Pod")
        .into_iter()
        .filter(|e| e.involved_object.name.as_deref() == Some(name))
        .map(|e| (*e).clone())
        .collect()
}

/// How often the pod had an event with `reason` whose message contains `text`
/// (counting repeats folded into one event).
pub fn count(c: &Cluster, name: &str, reason: &str, text: &str) -> i32 {
    events(c, name)
        .iter()
        .filter(|e| e.reason.as_deref() == Some(reason))
        .filter(|e| e.message.as_deref().is_some_and(|m| m.contains(text)))
        .map(|e| e.count.unwrap_or(1))
        .sum()
}

/// The event of the pod with `reason` whose message contains `text`.
pub fn event(c: &Cluster, name: &str, reason: &str, text: &str) -> Option<Event> {
    events(c, name).into_iter().find(|e| {
        e.reason.as_deref() == Some(reason)
            && e.message.as_deref().is_some_and(|m| m.contains(text))
    })
}

/// One container of `image` named `name`, with extra fields merged in.
pub fn container_spec(name: &str, image: &str, extra: Value) -> Value {
    let mut spec = json!({"name": name, "image": image});
    if let (Some(spec), Value::Object(extra)) = (spec.as_object_mut(), extra) {
        spec.extend(extra);
    }
    spec
}
