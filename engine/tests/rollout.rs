//! A template change rolls out a new ReplicaSet within the strategy's limits.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{Deployment, DeploymentStrategy, ReplicaSet};
use engine::k8s_openapi::api::core::v1::Pod;
use engine::{pod_state, REVISION_ANNOTATION};

fn set_image(c: &mut Cluster, image: &str, strategy: Option<&str>) {
    let mut d = (*c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("d"))
    .clone();
    common::first_container(&mut d).image = Some(image.to_owned());
    if let Some(kind) = strategy {
        d.spec.as_mut().expect("spec").strategy = Some(DeploymentStrategy {
            type_: Some(kind.to_owned()),
            rolling_update: None,
        });
    }
    c.engine.update(d).expect("update");
}

fn images(c: &Cluster) -> Vec<String> {
    c.pods()
        .iter()
        .filter(|p| pod_state::is_active(p))
        .filter_map(|p| p.spec.as_ref()?.containers[0].image.clone())
        .collect()
}

#[test]
fn rolling_update_stays_within_surge_and_unavailable_and_completes() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 4))
        .expect("create");
    c.run_for(5_000);
    set_image(&mut c, "nginx:1.27", None);
    // 4 replicas, 25%/25%: at most 5 pods, at least 3 available, at every step.
    for _ in 0..100 {
        let active = c.pods().iter().filter(|p| pod_state::is_active(p)).count();
        assert!(active <= 5, "surge exceeded: {active}");
        assert!(
            c.ready_pods().len() >= 3,
            "availability fell to {}",
            c.ready_pods().len()
        );
        c.run_for(100);
    }
    assert_eq!(images(&c), vec!["nginx:1.27"; 4]);
    let sets: Vec<_> = c
        .engine
        .store()
        .list::<ReplicaSet>(Some("default"))
        .cloned()
        .collect();
    assert_eq!(sets.len(), 2, "the old ReplicaSet is kept for rollback");
    let d = c
        .engine
        .store()
        .get::<Deployment>("default", "web")
        .expect("d");
    let revision = d
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(REVISION_ANNOTATION))
        .cloned();
    assert_eq!(revision.as_deref(), Some("2"));
    let progressing = d
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Progressing"))
        .and_then(|c| c.reason.clone());
    assert_eq!(progressing.as_deref(), Some("NewReplicaSetAvailable"));
}

#[test]
fn recreate_removes_every_old_pod_before_a_new_one_exists() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.26", 3))
        .expect("create");
    c.run_for(5_000);
    set_image(&mut c, "nginx:1.27", Some("Recreate"));
    for _ in 0..100 {
        let all: Vec<String> = c
            .pods()
            .iter()
            .filter_map(|p| p.spec.as_ref()?.containers[0].image.clone())
            .collect::<Vec<_>>();
        let old = all.iter().any(|i| i == "nginx:1.26");
        let new = all.iter().any(|i| i == "nginx:1.27");
        assert!(!(old && new), "old and new pods side by side: {all:?}");
        c.run_for(100);
    }
    assert_eq!(images(&c), vec!["nginx:1.27"; 3]);
    assert_eq!(c.engine.store().list::<Pod>(Some("default")).count(), 3);
}
