//! The scheduling queue: a pod that does not fit waits for an event that could make it
//! fit, then for its back-off (1 s doubling to 10 s), instead of being tried on every
//! change; so a burst of pods no node takes costs one attempt each.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::{ConfigMap, Pod};
use engine::pod_state;
use serde_json::json;

/// A bare pod `name` in `default` asking for `cpu` cores.
fn pod(name: &str, cpu: &str) -> Pod {
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"containers": [{
            "name": "web",
            "image": "nginx:1.27",
            "resources": {"requests": {"cpu": cpu, "memory": "64Mi"}},
        }]},
    }))
    .expect("pod")
}

fn node_of(c: &Cluster, name: &str) -> Option<String> {
    let pod = c.engine.store().get::<Pod>("default", name)?;
    pod.spec.as_ref()?.node_name.clone()
}

fn failed_scheduling(c: &Cluster) -> usize {
    c.events_about("Pod")
        .iter()
        .filter(|e| e.reason.as_deref() == Some("FailedScheduling"))
        .count()
}

/// A change that could make a pod fit (a node's labels), which moves it out of its wait.
fn relabel(c: &mut Cluster, value: &str) {
    c.edit_node("node-1", |n| {
        n.metadata
            .labels
            .get_or_insert_with(Default::default)
            .insert("berth.dev/test".to_owned(), value.to_owned());
    });
}

#[test]
fn a_pod_that_does_not_fit_is_retried_on_the_back_off_schedule() {
    let mut c = Cluster::new();
    c.engine.create(pod("big", "20")).expect("create");
    assert_eq!(c.engine.scheduling_attempts(), 1);
    assert_eq!(failed_scheduling(&c), 1);

    // Writes that cannot make it fit, and time alone, do not try it again.
    for i in 0..5 {
        let map: ConfigMap = serde_json::from_value(json!({
            "metadata": {"name": format!("c{i}"), "namespace": "default"},
        }))
        .expect("config map");
        c.engine.create(map).expect("create");
    }
    c.run_for(60_000);
    assert_eq!(c.engine.scheduling_attempts(), 1);

    // After each failed attempt an event moves it out of its wait, and it is tried
    // again once its back-off has run: 1 s, then doubling to 10 s.
    for (attempt, backoff_ms) in [
        (1, 1_000),
        (2, 2_000),
        (3, 4_000),
        (4, 8_000),
        (5, 10_000),
        (6, 10_000),
    ] {
        relabel(&mut c, &format!("v{attempt}"));
        c.run_for(0);
        if attempt == 1 {
            // Its first back-off ran out long ago: the event moves it to the active queue.
            assert_eq!(c.engine.scheduling_attempts(), 2, "tried at once");
            continue;
        }
        assert_eq!(
            c.engine.scheduling_attempts(),
            attempt,
            "waits out its back-off"
        );
        c.run_for(backoff_ms - 1);
        assert_eq!(
            c.engine.scheduling_attempts(),
            attempt,
            "{backoff_ms} ms not yet run"
        );
        c.run_for(1);
        assert_eq!(
            c.engine.scheduling_attempts(),
            attempt + 1,
            "tried after {backoff_ms} ms"
        );
    }
    // One FailedScheduling event per attempt, as upstream records them.
    assert_eq!(failed_scheduling(&c), 7);
    assert_eq!(node_of(&c, "big"), None);
}

#[test]
fn a_waiting_pod_is_placed_as_soon_as_a_node_frees_room() {
    let mut c = Cluster::new();
    for (name, _) in [("hog-1", 0), ("hog-2", 1), ("hog-3", 2)] {
        c.engine.create(pod(name, "6")).expect("create hog");
    }
    c.run_for(5_000);
    c.engine.create(pod("web", "4")).expect("create web");
    assert_eq!(node_of(&c, "web"), None);
    let freed = node_of(&c, "hog-2").expect("hog-2 runs");

    // Its back-off ran out while it waited: the freed room takes it at once.
    c.run_for(3_000);
    c.engine
        .delete::<Pod>("default", "hog-2", Some(0))
        .expect("delete");
    assert_eq!(node_of(&c, "web"), Some(freed));
    assert_eq!(c.engine.scheduling_attempts(), 5);
}

#[test]
fn a_waiting_pod_is_tried_again_after_five_minutes_without_an_event() {
    let mut c = Cluster::new();
    c.engine.create(pod("big", "20")).expect("create");
    c.run_for(299_000);
    assert_eq!(c.engine.scheduling_attempts(), 1);
    c.run_for(1_000);
    assert_eq!(c.engine.scheduling_attempts(), 2);
}

#[test]
fn a_burst_of_unschedulable_pods_costs_one_attempt_each() {
    const PODS: u64 = 5_000;
    let mut c = Cluster::without_nodes();
    for i in 0..PODS {
        c.engine
            .create(pod(&format!("p{i:04}"), "100m"))
            .expect("create");
    }
    // Each new pod is tried once: the others' creation cannot make any of them fit.
    assert_eq!(c.engine.scheduling_attempts(), PODS);

    // A node (110 pods at most) is an event for every waiting pod: each is tried once
    // more when its back-off has run, and the pods placed meanwhile are no event for
    // the rest.
    c.engine.add_node("node-1", 1, 64, 256).expect("node");
    c.run_for(1_000);
    assert_eq!(c.engine.scheduling_attempts(), 2 * PODS);
    let placed = c
        .pods()
        .iter()
        .filter(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_some()))
        .count();
    assert_eq!(placed, 110);
    assert!(c.pods().iter().all(|p| pod_state::phase(p) != "Failed"));
}
