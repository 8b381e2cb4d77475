//! A burst bigger than one pass (`Timings::pods_per_pass`) is created, bound and
//! started a slice at a time, so that what each slice wrote can be forgotten before the
//! next; all of it still runs, even when the slices outnumber a settle's passes.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::store::EventType;
use engine::timings::Timings;
use engine::{demo, Engine};

/// [`Cluster::new`] with the ReplicaSet controller and the node agent taking at most
/// `pods_per_pass` pods a pass.
fn paced(pods_per_pass: usize) -> Cluster {
    let mut c = Cluster::new();
    let timings = Timings {
        pods_per_pass,
        ..Timings::default()
    };
    let engine = std::mem::replace(&mut c.engine, Engine::new(c.clock.clone(), 0));
    c.engine = engine.with_timings(timings);
    c
}

/// `count` Deployments of `replicas` pods stored at once, as one burst for one settle.
fn burst(c: &mut Cluster, count: usize, replicas: i32) {
    let now = c.engine.now();
    for i in 0..count {
        let d = demo::deployment("default", &format!("web-{i:02}"), "nginx:1.27", replicas);
        c.engine.store_mut().create(d, now).expect("deployment");
    }
    c.engine.settle();
}

fn running(c: &Cluster) -> usize {
    c.pods()
        .iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .count()
}

#[test]
fn a_burst_is_created_and_bound_a_slice_at_a_time() {
    let mut c = paced(10);
    burst(&mut c, 6, 5);
    let changes: Vec<(EventType, bool)> = c
        .engine
        .store()
        .changes_since::<Pod>(0)
        .expect("the history reaches back")
        .map(|e| {
            let bound = e.object.spec.as_ref().and_then(|s| s.node_name.as_ref());
            (e.kind, bound.is_some())
        })
        .collect();
    let created = |n: usize| {
        changes
            .iter()
            .enumerate()
            .filter(|(_, (kind, _))| *kind == EventType::Added)
            .nth(n - 1)
            .map(|(at, _)| at)
            .expect("created")
    };
    let first_bound = changes
        .iter()
        .position(|(kind, bound)| *kind == EventType::Modified && *bound)
        .expect("a pod bound");
    assert_eq!(c.pods().len(), 30, "the whole burst created in one settle");
    assert!(
        first_bound < created(11),
        "the first slice is bound before the eleventh pod is created"
    );
    c.run_for(30_000);
    assert_eq!(running(&c), 30);
}

#[test]
fn slices_a_settle_has_no_passes_left_for_are_taken_on_by_the_next() {
    let mut c = paced(1);
    burst(&mut c, 80, 1);
    c.run_for(30_000);
    assert_eq!(c.pods().len(), 80);
    assert_eq!(running(&c), 80);
}
