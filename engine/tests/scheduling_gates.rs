//! Scheduling gates (upstream's pod scheduling readiness): a gated pod is not
//! scheduled and says so; while gated it may still be told where to go, by additions
//! only; once its last gate is removed it is scheduled where it was told.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::Error;
use serde_json::json;

fn gated(c: &mut Cluster) {
    pods::create(
        c,
        "p",
        json!({"schedulingGates": [{"name": "example.com/quota"}],
               "containers": [pods::container_spec("app", "nginx:1.27", json!({}))]}),
    );
}

#[test]
fn a_gated_pod_waits_unscheduled_and_says_why() {
    let mut c = Cluster::with_member_clusters();
    let before = c.engine.scheduling_attempts();
    gated(&mut c);
    c.run_for(30_000);
    let pod = pods::get(&c, "p");
    assert_eq!(pod.spec.as_ref().and_then(|s| s.node_name.clone()), None);
    assert_eq!(c.engine.scheduling_attempts(), before, "never tried");
    let scheduled = pod
        .status
        .iter()
        .flat_map(|s| s.conditions.iter().flatten())
        .find(|c| c.type_ == "PodScheduled")
        .expect("a PodScheduled condition");
    assert_eq!(
        (scheduled.status.as_str(), scheduled.reason.as_deref()),
        ("False", Some("SchedulingGated"))
    );
    let word = rules::pod_status::summarize(&serde_json::to_value(&pod).expect("json"));
    assert_eq!(word.reason, "SchedulingGated");
}

#[test]
fn a_gated_pod_told_where_to_go_goes_there_once_its_gate_is_removed() {
    let mut c = Cluster::with_member_clusters();
    gated(&mut c);
    c.run_for(1_000);
    let mut told = pods::get(&c, "p");
    if let Some(spec) = told.spec.as_mut() {
        spec.node_selector =
            Some([("kubernetes.io/hostname".to_owned(), "node-3".to_owned())].into());
    }
    c.engine
        .update(told)
        .expect("a gated pod may gain a node selector");

    let mut moved = pods::get(&c, "p");
    if let Some(spec) = moved.spec.as_mut() {
        spec.node_selector =
            Some([("kubernetes.io/hostname".to_owned(), "node-1".to_owned())].into());
    }
    match c.engine.update(moved) {
        Err(Error::Invalid { causes, .. }) => assert_eq!(causes[0].field, "spec.nodeSelector"),
        other => panic!("a changed pair is refused, got {other:?}"),
    }

    let mut released = pods::get(&c, "p");
    if let Some(spec) = released.spec.as_mut() {
        spec.scheduling_gates = None;
    }
    c.engine.update(released).expect("the gate removed");
    c.run_for(5_000);
    let pod = c.engine.store().get::<Pod>("default", "p").expect("pod");
    assert_eq!(
        pod.spec.as_ref().and_then(|s| s.node_name.as_deref()),
        Some("node-3")
    );
    assert_eq!(pods::phase(&c, "p"), "Running");
}
