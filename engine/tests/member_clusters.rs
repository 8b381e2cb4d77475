//! Replica scheduling over member clusters (`berth.dev/replica-scheduling`): explicit
//! replicas per cluster, or weights splitting the replica count.

use crate::common;
use crate::scheduling;

use std::collections::BTreeMap;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::core::v1::Pod;
use scheduling::{deployment, pending_message, per_cluster, pods_of};
use serde_json::json;

const ANNOTATION: &str = "berth.dev/replica-scheduling";

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs
        .iter()
        .filter(|(_, v)| *v > 0)
        .map(|(k, v)| ((*k).to_owned(), *v))
        .collect()
}

fn annotation(mode: &str, field: &str, clusters: &[(&str, i64)]) -> String {
    let clusters: Vec<_> = clusters
        .iter()
        .map(|(name, n)| json!({"name": name, field: n}))
        .collect();
    json!({"mode": mode, "clusters": clusters}).to_string()
}

fn replicas(clusters: &[(&str, i64)]) -> String {
    annotation("Replicas", "replicas", clusters)
}

fn weights(clusters: &[(&str, i64)]) -> String {
    annotation("Weights", "weight", clusters)
}

fn deploy(c: &mut Cluster, name: &str, count: i32, scheduling: String) {
    let mut d = deployment(name, count, json!({}));
    d.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(ANNOTATION.to_owned(), scheduling);
    c.engine.create(d).expect("create");
}

#[test]
fn explicit_replicas_put_that_many_pods_in_each_cluster() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, replicas(&[("east", 1), ("west", 3)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 3)]));
    c.run_for(10_000);
    assert_eq!(c.ready_pods().len(), 4);
}

/// A Deployment's name, replicas, weights and the pods each cluster should get.
type Case = (
    &'static str,
    i32,
    &'static [(&'static str, i64)],
    &'static [(&'static str, usize)],
);

#[test]
fn weights_split_the_replicas_remainder_to_the_heaviest_then_the_first() {
    let cases: [Case; 4] = [
        (
            "thirds",
            6,
            &[("east", 1), ("west", 2)],
            &[("east", 2), ("west", 4)],
        ),
        (
            "even",
            3,
            &[("east", 1), ("west", 1)],
            &[("east", 2), ("west", 1)],
        ),
        (
            "heavy",
            4,
            &[("east", 2), ("west", 1)],
            &[("east", 3), ("west", 1)],
        ),
        ("light", 2, &[("east", 1), ("west", 3)], &[("west", 2)]),
    ];
    for (name, count, w, want) in cases {
        let mut c = Cluster::with_member_clusters();
        deploy(&mut c, name, count, weights(w));
        assert_eq!(per_cluster(&c, name), counts(want), "{name}");
    }
}

#[test]
fn a_replacement_pod_goes_back_to_the_cluster_that_lost_one() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 3, replicas(&[("east", 2), ("west", 1)]));
    c.run_for(10_000);
    let west = pods_of(&c, "web")
        .into_iter()
        .find(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some("node-3"))
        .and_then(|p| p.metadata.name.clone())
        .expect("a west pod");
    c.engine
        .delete::<Pod>("default", &west, None)
        .expect("delete");
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 2), ("west", 1)]));
}

#[test]
fn a_rollout_keeps_the_split() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, replicas(&[("east", 1), ("west", 3)]));
    c.run_for(10_000);
    let mut d = c.deployment("web");
    common::first_container(&mut d).image = Some("nginx:1.28".to_owned());
    c.engine.update(d).expect("update");
    for _ in 0..60 {
        c.run_for(1_000);
    }
    assert_eq!(c.images(), vec!["nginx:1.28"; 4]);
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 3)]));
}

#[test]
fn edited_weights_place_the_pods_added_next() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, weights(&[("east", 1), ("west", 1)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 2), ("west", 2)]));
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").replicas = Some(8);
    d.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(ANNOTATION.to_owned(), weights(&[("east", 1), ("west", 3)]));
    c.engine.update(d).expect("update");
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 2), ("west", 6)]));
}

#[test]
fn a_stateful_set_is_placed_the_same_way() {
    let mut c = Cluster::with_member_clusters();
    let mut sts = demo::stateful_set("default", "db", "nginx:1.27", 2);
    sts.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(ANNOTATION.to_owned(), replicas(&[("east", 0), ("west", 2)]));
    sts.spec.as_mut().expect("spec").pod_management_policy = Some("Parallel".to_owned());
    c.engine.create(sts).expect("create");
    assert_eq!(per_cluster(&c, "db"), counts(&[("west", 2)]));
}

#[test]
fn a_cluster_without_room_leaves_its_pods_pending() {
    let mut c = Cluster::with_member_clusters();
    c.edit_node("node-3", |n| {
        n.spec.get_or_insert_with(Default::default).unschedulable = Some(true);
    });
    deploy(&mut c, "web", 3, replicas(&[("east", 1), ("west", 2)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("-", 2), ("east", 1)]));
    assert_eq!(
        pending_message(&c, "web"),
        "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match the \
         workload's replica scheduling. preemption: 0/3 nodes are available: 3 Preemption is \
         not helpful for scheduling."
    );
    c.edit_node("node-3", |n| {
        n.spec.get_or_insert_with(Default::default).unschedulable = Some(false);
    });
    // The node is an event for the waiting pods: they are placed once their first
    // back-off (1 s) has run.
    assert_eq!(per_cluster(&c, "web"), counts(&[("-", 2), ("east", 1)]));
    c.run_for(1_000);
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 2)]));
}

/// Scales `web` to `count` with a new split, after replacing the pod of the cluster
/// that keeps one (so upstream's order alone, newest first, would delete it).
fn scale_down_after_replacing_east(c: &mut Cluster, count: i32, scheduling: String) {
    c.run_for(10_000);
    let east = pods_of(c, "web")
        .into_iter()
        .find(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) != Some("node-3"))
        .and_then(|p| p.metadata.name.clone())
        .expect("an east pod");
    c.engine
        .delete::<Pod>("default", &east, Some(0))
        .expect("delete");
    c.run_for(10_000);
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").replicas = Some(count);
    d.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(ANNOTATION.to_owned(), scheduling);
    c.engine.update(d).expect("update");
    c.run_for(60_000);
}

#[test]
fn scaling_down_deletes_from_the_clusters_over_their_share() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, replicas(&[("east", 1), ("west", 3)]));
    scale_down_after_replacing_east(&mut c, 2, replicas(&[("east", 1), ("west", 1)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 1)]));
    assert_eq!(c.ready_pods().len(), 2);
}

#[test]
fn scaling_down_by_weights_keeps_the_weighted_shares() {
    let mut c = Cluster::with_member_clusters();
    deploy(&mut c, "web", 4, weights(&[("east", 1), ("west", 3)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 3)]));
    // Two replicas by these weights: one each.
    scale_down_after_replacing_east(&mut c, 2, weights(&[("east", 1), ("west", 1)]));
    assert_eq!(per_cluster(&c, "web"), counts(&[("east", 1), ("west", 1)]));
}
