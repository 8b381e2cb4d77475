//! The steps of a RollingUpdate as upstream's `rolloutRolling` takes them: a sync that
//! scales the new ReplicaSet up ends there, and old ReplicaSets scale down unhealthy
//! pods first, then the oldest set first.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::{
    Deployment, DeploymentStrategy, ReplicaSet, RollingUpdateDeployment,
};
use engine::k8s_openapi::api::core::v1::Pod;
use engine::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use engine::store::EventType;
use engine::{demo, pod_state};

fn limits(d: &mut Deployment, surge: i32, unavailable: i32) {
    d.spec.as_mut().expect("spec").strategy = Some(DeploymentStrategy {
        type_: Some("RollingUpdate".to_owned()),
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(IntOrString::Int(surge)),
            max_unavailable: Some(IntOrString::Int(unavailable)),
        }),
    });
}

/// 4 available replicas of nginx:1.25 with maxSurge 1 and maxUnavailable 1, then
/// `image`: at that instant 3 old pods and 2 new ones.
fn rolling_to(image: &str) -> Cluster {
    let mut c = Cluster::new();
    let mut d = demo::deployment("default", "web", "nginx:1.25", 4);
    limits(&mut d, 1, 1);
    c.engine.create(d).expect("create");
    c.run_for(10_000);
    c.set_image("web", image);
    assert_eq!(c.set_sizes(), [3, 2]);
    c
}

fn pause(c: &mut Cluster, paused: bool, image: Option<&str>) {
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").paused = Some(paused);
    if let Some(image) = image {
        common::first_container(&mut d).image = Some(image.to_owned());
    }
    c.engine.update(d).expect("pause or resume");
}

/// The resourceVersion at which ReplicaSet `name` was first sized `replicas` after
/// resourceVersion `from`.
fn sized_at(c: &Cluster, from: u64, name: &str, replicas: i32) -> u64 {
    let changes = c.engine.store().changes_since::<ReplicaSet>(from);
    changes
        .expect("history kept")
        .find(|e| {
            e.object.metadata.name.as_deref() == Some(name)
                && e.object.spec.as_ref().and_then(|s| s.replicas) == Some(replicas)
        })
        .map(|e| e.resource_version)
        .unwrap_or_else(|| panic!("{name} never sized {replicas}"))
}

#[test]
fn a_sync_that_scales_up_ends_there_and_the_old_set_shrinks_in_a_later_one() {
    let mut c = rolling_to("nginx:1.27");
    let sets = c.replica_sets();
    let (old, new) = (&sets[0], &sets[1]);
    let (old_name, new_name) = (
        old.metadata.name.clone().expect("name"),
        new.metadata.name.clone().expect("name"),
    );
    // Wider limits at the same instant: room for 2 more new pods and 1 fewer old one.
    let from = c.engine.store().resource_version();
    let mut d = c.deployment("web");
    limits(&mut d, 3, 2);
    c.engine.update(d).expect("wider limits");
    assert_eq!(c.set_sizes(), [2, 4]);

    let grown = sized_at(&c, from, &new_name, 4);
    let shrunk = sized_at(&c, from, &old_name, 2);
    assert!(grown < shrunk, "the new set grows first");
    // Between the two the ReplicaSet controller has acted on the scale-up: the sync
    // that scaled up did not go on to scale down.
    let new_uid = new.metadata.uid.clone().expect("uid");
    let pods_between = c
        .engine
        .store()
        .changes_since::<Pod>(grown)
        .expect("history kept")
        .filter(|e| e.resource_version < shrunk && e.kind == EventType::Added)
        .filter(|e| pod_state::controller_uid(&e.object.metadata) == Some(new_uid.as_str()))
        .count();
    assert_eq!(pods_between, 2);
}

#[test]
fn unhealthy_old_pods_go_before_available_ones_of_an_older_set() {
    // The second image's pods never start (an unknown tag), so its set is unhealthy.
    let mut c = rolling_to("nginx:0.0.1");
    c.run_for(5_000);
    assert_eq!(c.set_sizes(), [3, 2], "stuck: the old pods stay available");
    c.set_image("web", "nginx:1.27");
    // The unhealthy set goes to 0 at once; the older, available one keeps its pods
    // (upstream's `cleanupUnhealthyReplicas`, then the availability floor of 3).
    assert_eq!(c.set_sizes(), [3, 0, 2]);
    c.run_for(30_000);
    assert_eq!(c.set_sizes(), [0, 0, 4]);
    assert_eq!(c.images(), vec!["nginx:1.27"; 4]);
}

#[test]
fn the_oldest_old_set_scales_down_first() {
    let mut c = rolling_to("nginx:1.26");
    // Paused mid-rollout, the second set's pods become available too.
    pause(&mut c, true, None);
    c.run_for(5_000);
    assert_eq!(c.set_sizes(), [3, 2]);
    assert_eq!(c.ready_pods().len(), 5);
    // A third template: 5 pods available, 3 must stay, so 2 old pods go, both from
    // the oldest set.
    pause(&mut c, false, Some("nginx:1.27"));
    assert_eq!(c.set_sizes()[..2], [1, 2]);
    c.run_for(30_000);
    assert_eq!(c.set_sizes(), [0, 0, 4]);
}
