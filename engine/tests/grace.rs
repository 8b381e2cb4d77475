//! How long a deleted pod takes to go (upstream's graceful deletion): the grace
//! period caps a preStop hook, grace 0 and a pod never scheduled go at once;
//! a stopping pod is not ready.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::Pod;
use pods::container_spec as spec;
use serde_json::json;

/// A cluster (with nodes or without) running pod `p` of `spec` for 5 s.
fn started(mut c: Cluster, spec: serde_json::Value) -> Cluster {
    pods::create(&mut c, "p", spec);
    c.run_for(5_000);
    c
}

fn nginx() -> serde_json::Value {
    json!({"containers": [spec("app", "nginx:1.27", json!({}))]})
}

fn exists(c: &Cluster, name: &str) -> bool {
    c.engine.store().get::<Pod>("default", name).is_some()
}

#[test]
fn the_grace_period_cuts_a_long_pre_stop_hook_short() {
    let hook = json!({"lifecycle": {"preStop": {"sleep": {"seconds": 60}}}});
    let pod = json!({"terminationGracePeriodSeconds": 1,
                     "containers": [spec("app", "nginx:1.27", hook)]});
    let mut c = started(Cluster::new(), pod);
    assert_eq!(pods::phase(&c, "p"), "Running");
    let deleted = c
        .engine
        .delete::<Pod>("default", "p", None)
        .expect("delete");
    assert_eq!(deleted.metadata.deletion_grace_period_seconds, Some(1));
    c.run_for(900);
    assert!(exists(&c, "p"), "still stopping 0.9 s in");
    c.run_for(100);
    assert!(!exists(&c, "p"), "gone at 1 s, not after the 60 s hook");
}

#[test]
fn a_grace_period_of_zero_removes_a_running_pod_at_once() {
    let mut c = started(Cluster::new(), nginx());
    assert_eq!(pods::phase(&c, "p"), "Running");
    c.engine
        .delete::<Pod>("default", "p", Some(0))
        .expect("delete");
    assert!(!exists(&c, "p"));
}

#[test]
fn a_pod_never_scheduled_is_removed_at_once() {
    let mut c = started(Cluster::without_nodes(), nginx());
    assert_eq!(pods::condition(&c, "p", "PodScheduled"), "False");
    c.engine
        .delete::<Pod>("default", "p", None)
        .expect("delete");
    assert!(!exists(&c, "p"), "nothing to stop: no grace period");
}

#[test]
fn a_stopping_pod_reports_not_ready_until_it_goes() {
    let mut c = started(Cluster::new(), nginx());
    assert!(engine::pod_state::is_ready(
        &c.engine.store().get::<Pod>("default", "p").expect("pod")
    ));
    c.engine
        .delete::<Pod>("default", "p", Some(10))
        .expect("delete");
    let stopping = c
        .engine
        .store()
        .get::<Pod>("default", "p")
        .expect("still there");
    assert!(
        !engine::pod_state::is_ready(&stopping),
        "{:?}",
        stopping.status
    );
    let statuses = stopping
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.clone());
    assert!(statuses.into_iter().flatten().all(|s| !s.ready));
    c.run_for(10_000);
    assert!(!exists(&c, "p"), "gone once its containers stopped");
}
