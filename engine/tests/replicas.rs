//! A Deployment keeps its replicas: deleted pods are replaced, scaling moves the count.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use engine::k8s_openapi::api::core::v1::Pod;
use engine::pod_state;

fn nginx(cluster: &mut Cluster, replicas: i32) {
    cluster
        .engine
        .create(demo::deployment("default", "web", "nginx:1.27", replicas))
        .expect("create");
    cluster.run_for(5_000);
}

#[test]
fn a_deployment_owns_a_replicaset_whose_pods_become_ready() {
    let mut c = Cluster::new();
    nginx(&mut c, 3);
    let sets: Vec<_> = c
        .engine
        .store()
        .list::<ReplicaSet>(Some("default"))
        .cloned()
        .collect();
    assert_eq!(sets.len(), 1);
    let hash = sets[0]
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get("pod-template-hash"))
        .cloned();
    assert!(hash.is_some(), "ReplicaSet has a pod-template-hash");
    assert_eq!(
        sets[0].metadata.name.as_deref(),
        Some(format!("web-{}", hash.unwrap_or_default()).as_str())
    );
    assert_eq!(c.ready_pods().len(), 3);
    for pod in c.pods() {
        assert_eq!(pod_state::phase(&pod), "Running");
        assert!(pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .is_some());
        assert!(pod
            .status
            .as_ref()
            .and_then(|s| s.pod_ip.as_ref())
            .is_some());
    }
    let d = c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("deployment");
    let status = d.status.clone().unwrap_or_default();
    assert_eq!(status.ready_replicas, Some(3));
    assert_eq!(status.available_replicas, Some(3));
    assert_eq!(status.observed_generation, d.metadata.generation);
}

#[test]
fn a_pod_moves_through_container_creating_before_running() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 1))
        .expect("create");
    let pod = c.pods().pop().expect("pod created at once");
    assert_eq!(pod_state::phase(&pod), "Pending");
    let waiting = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|cs| cs[0].state.as_ref()?.waiting.as_ref()?.reason.clone());
    assert_eq!(waiting.as_deref(), Some("ContainerCreating"));
    c.run_for(5_000);
    assert_eq!(c.ready_pods().len(), 1);
    let events = c.events_about("Pod");
    let reasons: Vec<String> = events.iter().filter_map(|e| e.reason.clone()).collect();
    let first = |want: &str| {
        reasons
            .iter()
            .position(|r| r == want)
            .unwrap_or_else(|| panic!("no {want} in {reasons:?}"))
    };
    let order: Vec<usize> = ["Scheduled", "Pulling", "Pulled", "Created", "Started"]
        .map(first)
        .to_vec();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "out of order: {reasons:?}"
    );
}

#[test]
fn a_deleted_pod_is_replaced_at_once_and_removed_after_it_stops() {
    let mut c = Cluster::new();
    nginx(&mut c, 3);
    let victim = c.ready_pods()[0].clone();
    let deleted = c
        .engine
        .delete::<Pod>("default", &victim, None)
        .expect("delete");
    assert!(
        deleted.metadata.deletion_timestamp.is_some(),
        "graceful: marked Terminating"
    );
    // The terminating pod no longer counts: its replacement exists already.
    let pods = c.pods();
    assert_eq!(pods.len(), 4);
    assert_eq!(pods.iter().filter(|p| pod_state::is_active(p)).count(), 3);
    c.run_for(5_000);
    let names = c.ready_pods();
    assert_eq!(names.len(), 3);
    assert!(!names.contains(&victim), "the deleted pod is gone");
    assert_eq!(c.pods().len(), 3);
}

#[test]
fn scaling_up_and_down_moves_the_pod_count() {
    let mut c = Cluster::new();
    nginx(&mut c, 2);
    let mut d = (*c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("d"))
    .clone();
    d.spec.as_mut().expect("spec").replicas = Some(5);
    c.engine.update(d).expect("scale up");
    c.run_for(5_000);
    assert_eq!(c.ready_pods().len(), 5);

    let mut d = (*c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("d"))
    .clone();
    assert_eq!(
        d.metadata.generation,
        Some(2),
        "a spec change bumps the generation"
    );
    d.spec.as_mut().expect("spec").replicas = Some(1);
    c.engine.update(d).expect("scale down");
    c.run_for(5_000);
    assert_eq!(c.ready_pods().len(), 1);
    assert_eq!(c.pods().len(), 1);
}

#[test]
fn scaling_to_zero_stops_every_pod() {
    let mut c = Cluster::new();
    nginx(&mut c, 2);
    let mut d = (*c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("d"))
    .clone();
    d.spec.as_mut().expect("spec").replicas = Some(0);
    c.engine.update(d).expect("scale");
    c.run_for(5_000);
    assert!(c.pods().is_empty());
}

#[test]
fn deleting_a_deployment_removes_its_replicasets_and_pods() {
    let mut c = Cluster::new();
    nginx(&mut c, 2);
    c.engine
        .delete::<Deployment>("default", "web", None)
        .expect("delete");
    c.run_for(5_000);
    assert_eq!(c.engine.store().count::<ReplicaSet>(), 0);
    assert!(c.pods().is_empty());
}

/// Scales `web` from 3 to 1 after giving pod number `keep` a deletion cost of 10:
/// the survivor's name.
fn survivor_with_cost(keep: usize) -> (String, String) {
    let mut c = Cluster::new();
    nginx(&mut c, 3);
    let mut pods = c.pods();
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut costly = (*pods[keep]).clone();
    costly
        .metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(
            "controller.kubernetes.io/pod-deletion-cost".to_owned(),
            "10".to_owned(),
        );
    c.engine.update(costly.clone()).expect("annotate");
    let mut d = (*c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("web"))
    .clone();
    d.spec.as_mut().expect("spec").replicas = Some(1);
    c.engine.update(d).expect("scale");
    c.run_for(60_000);
    let left: Vec<String> = c
        .pods()
        .iter()
        .filter(|p| pod_state::is_active(p))
        .filter_map(|p| p.metadata.name.clone())
        .collect();
    assert_eq!(left.len(), 1);
    (left[0].clone(), costly.metadata.name.unwrap_or_default())
}

#[test]
fn scale_down_keeps_the_pod_with_the_highest_deletion_cost() {
    for keep in 0..3 {
        let (survivor, costly) = survivor_with_cost(keep);
        assert_eq!(survivor, costly, "pod {keep}");
    }
}
