//! Which pod a ReplicaSet deletes first when it scales down (upstream's
//! `ActivePodsWithRanks`): unscheduled before pending before not ready, then ready for
//! less time, then more restarts, then newer. Each case pits an older pod against a
//! newer one that the later rules alone would pick.

use crate::common;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::ReplicaSet;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::pod_state;
use serde_json::{json, Value};

/// A ReplicaSet `rs` of `replicas` pods of `pod` (a pod spec), selected by `app: rs`.
fn replica_set(replicas: i32, pod: Value) -> ReplicaSet {
    serde_json::from_value(json!({
        "metadata": {"name": "rs", "namespace": "default"},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "rs"}},
            "template": {"metadata": {"labels": {"app": "rs"}}, "spec": pod},
        },
    }))
    .expect("ReplicaSet")
}

/// The pods of `rs` by name, terminating ones too.
fn pods(c: &Cluster) -> BTreeMap<String, Pod> {
    c.pods()
        .into_iter()
        .map(|p| (p.metadata.name.clone().unwrap_or_default(), (*p).clone()))
        .collect()
}

/// A pod as the scale-down ranks it: `unscheduled`, or its phase, readiness and
/// restarts.
fn describe(pod: &Pod) -> String {
    if pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.as_ref())
        .is_none()
    {
        return "unscheduled".to_owned();
    }
    let ready = if pod_state::is_ready(pod) {
        "ready"
    } else {
        "unready"
    };
    let restarts = pod_state::restarts(pod);
    format!("{} {ready} restarts={restarts}", pod_state::phase(pod))
}

/// Which of two pods the ReplicaSet deletes when it goes from 2 to 1: the pod of
/// `older` is made first, the pod of `newer` `gap_ms` later (the ReplicaSet's template
/// changed in between), and the scale-down comes `wait_ms` after that. The answer is
/// `"older"` or `"newer"`, then how each pod stood when it was chosen.
fn first_to_go(older: Value, newer: Value, gap_ms: i64, wait_ms: i64) -> [String; 3] {
    let mut c = Cluster::new();
    c.engine.create(replica_set(1, older)).expect("create");
    let first = pods(&c).into_keys().next().expect("the older pod");
    c.run_for(gap_ms);
    c.engine.update(replica_set(2, newer)).expect("second pod");
    c.run_for(wait_ms);
    let before = pods(&c);
    assert_eq!(before.len(), 2);
    let second = before
        .keys()
        .find(|n| **n != first)
        .cloned()
        .expect("the newer pod");
    c.engine
        .update(replica_set(1, pod(nginx())))
        .expect("scale down");
    let active = |name: &str| pods(&c).get(name).is_some_and(pod_state::is_active);
    let victim = match (active(&first), active(&second)) {
        (false, true) => "older",
        (true, false) => "newer",
        other => panic!("not one pod deleted: {other:?}"),
    };
    [
        victim.to_owned(),
        describe(&before[&first]),
        describe(&before[&second]),
    ]
}

fn nginx() -> Value {
    json!({"name": "app", "image": "nginx:1.27"})
}

fn pod(container: Value) -> Value {
    json!({"containers": [container]})
}

/// A running container that never becomes ready: its readiness probe gets no answer.
fn never_ready(image: &str) -> Value {
    json!({"name": "app", "image": image, "readinessProbe": {
        "tcpSocket": {"port": 9999}, "periodSeconds": 1,
    }})
}

#[test]
fn an_unscheduled_pod_goes_before_a_scheduled_one() {
    let nowhere = json!({"nodeSelector": {"disktype": "none"}, "containers": [nginx()]});
    assert_eq!(
        first_to_go(nowhere, pod(nginx()), 1_000, 0),
        ["older", "unscheduled", "Pending unready restarts=0"]
    );
}

#[test]
fn a_pending_pod_goes_before_a_running_one() {
    // An unknown tag never pulls: the pod stays Pending.
    let pending = pod(json!({"name": "app", "image": "nginx:0.0.1"}));
    assert_eq!(
        first_to_go(pending, pod(never_ready("nginx:1.27")), 1_000, 5_000),
        [
            "older",
            "Pending unready restarts=0",
            "Running unready restarts=0"
        ]
    );
}

#[test]
fn a_pod_that_is_not_ready_goes_before_a_ready_one() {
    let unready = pod(never_ready("nginx:1.27"));
    assert_eq!(
        first_to_go(unready, pod(nginx()), 1_000, 5_000),
        [
            "older",
            "Running unready restarts=0",
            "Running ready restarts=0"
        ]
    );
}

#[test]
fn of_two_ready_pods_the_one_ready_for_less_time_goes_first() {
    // Ready about 9 s after its start, so 6 s ready when the newer has been for 13.
    let late = pod(
        json!({"name": "app", "image": "nginx:1.27", "readinessProbe": {
            "httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 8,
        }}),
    );
    assert_eq!(
        first_to_go(late, pod(nginx()), 2_000, 14_000),
        [
            "older",
            "Running ready restarts=0",
            "Running ready restarts=0"
        ]
    );
}

#[test]
fn of_two_unready_pods_the_one_with_more_restarts_goes_first() {
    // team/crashy crashes 5 s after each start; neither pod ever becomes ready.
    let crashing = pod(never_ready("team/crashy:v1"));
    let [victim, older, newer] =
        first_to_go(crashing, pod(never_ready("nginx:1.27")), 1_000, 15_000);
    assert_eq!(victim, "older");
    assert!(older.starts_with("Running unready restarts="), "{older}");
    assert_ne!(older, "Running unready restarts=0");
    assert_eq!(newer, "Running unready restarts=0");
}

#[test]
fn otherwise_the_newer_pod_goes_first() {
    let unready = || pod(never_ready("nginx:1.27"));
    assert_eq!(
        first_to_go(unready(), unready(), 3_000, 5_000),
        [
            "newer",
            "Running unready restarts=0",
            "Running unready restarts=0"
        ]
    );
}
