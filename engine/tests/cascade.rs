//! Deleting an owner: its dependents go after it (background), before it (foreground),
//! or stay, unowned (orphan); and a delete's preconditions.

use crate::common;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::{ControllerRevision, Deployment, ReplicaSet, StatefulSet};
use engine::k8s_openapi::api::core::v1::Pod;
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::{DeleteOptions, Preconditions};
use engine::store::{EventType, Object};
use engine::{demo, pod_state, Error, FOREGROUND_FINALIZER};

fn running(c: &mut Cluster, replicas: i32) {
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", replicas))
        .expect("create");
    c.run_for(10_000);
    assert_eq!(c.ready_pods().len(), replicas as usize);
}

fn policy(name: &str) -> DeleteOptions {
    DeleteOptions {
        propagation_policy: Some(name.to_owned()),
        ..Default::default()
    }
}

/// Deletes the Deployment `web` with `propagation`.
fn delete_web(c: &mut Cluster, propagation: &str) -> Deployment {
    (*c.engine
        .delete_with::<Deployment>("default", "web", &policy(propagation))
        .expect("delete"))
    .clone()
}

fn web_exists(c: &Cluster) -> bool {
    c.engine
        .store()
        .get::<Deployment>("default", "web")
        .is_some()
}

fn sets(c: &Cluster) -> Vec<ReplicaSet> {
    c.engine
        .store()
        .list::<ReplicaSet>(Some("default"))
        .map(|rs| (**rs).clone())
        .collect()
}

/// The resourceVersion at which the last object of a kind was removed.
fn removed_at<K: Object>(c: &Cluster) -> u64 {
    c.engine
        .store()
        .changes_since::<K>(0)
        .expect("history")
        .filter(|e| e.kind == EventType::Deleted)
        .map(|e| e.resource_version)
        .max()
        .expect("a removal")
}

#[test]
fn background_removes_the_owner_at_once_and_the_dependents_after() {
    let mut c = Cluster::new();
    running(&mut c, 2);
    delete_web(&mut c, "Background");
    assert!(!web_exists(&c));
    assert!(sets(&c).is_empty());
    assert!(c.pods().iter().all(|p| pod_state::is_terminating(p)));
    c.run_for(31_000);
    assert!(c.pods().is_empty());
}

#[test]
fn foreground_keeps_the_owner_until_its_blocking_dependents_are_gone() {
    let mut c = Cluster::new();
    running(&mut c, 2);
    let marked = delete_web(&mut c, "Foreground");
    assert!(marked.metadata.deletion_timestamp.is_some());
    assert_eq!(
        marked.metadata.finalizers,
        Some(vec![FOREGROUND_FINALIZER.to_owned()])
    );

    // The ReplicaSet is deleted in the foreground too, and makes no new pods.
    let rs = sets(&c);
    assert_eq!(rs.len(), 1);
    assert!(rs[0].metadata.deletion_timestamp.is_some());
    assert_eq!(
        rs[0].metadata.finalizers,
        Some(vec![FOREGROUND_FINALIZER.to_owned()])
    );
    assert_eq!(c.pods().len(), 2);
    assert!(c.pods().iter().all(|p| pod_state::is_terminating(p)));

    c.run_for(31_000);
    assert!(c.pods().is_empty());
    assert!(sets(&c).is_empty());
    assert!(!web_exists(&c));
    // Bottom up: the pods, then the ReplicaSet, then the Deployment.
    assert!(removed_at::<Pod>(&c) < removed_at::<ReplicaSet>(&c));
    assert!(removed_at::<ReplicaSet>(&c) < removed_at::<Deployment>(&c));
}

#[test]
fn foreground_on_a_stateful_set_takes_its_revisions_too() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::stateful_set("default", "db", "nginx:1.27", 2))
        .expect("create");
    c.run_for(20_000);
    assert_eq!(c.ready_pods().len(), 2);
    c.engine
        .delete_with::<StatefulSet>("default", "db", &policy("Foreground"))
        .expect("delete");
    assert!(c
        .engine
        .store()
        .get::<StatefulSet>("default", "db")
        .is_some());
    assert_eq!(c.engine.store().count::<ControllerRevision>(), 0);
    c.run_for(31_000);
    assert!(c.pods().is_empty());
    assert!(c
        .engine
        .store()
        .get::<StatefulSet>("default", "db")
        .is_none());
}

#[test]
fn orphan_leaves_the_dependents_running_without_their_owner() {
    let mut c = Cluster::new();
    running(&mut c, 2);
    delete_web(&mut c, "Orphan");
    assert!(!web_exists(&c));
    let rs = sets(&c);
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].metadata.owner_references, None);
    assert!(rs[0].metadata.deletion_timestamp.is_none());
    c.run_for(60_000);
    assert_eq!(c.ready_pods().len(), 2, "the ReplicaSet keeps its pods");

    // The deprecated `orphanDependents: true` is the same.
    let name = rs[0].metadata.name.clone().expect("name");
    let orphaning = DeleteOptions {
        orphan_dependents: Some(true),
        ..Default::default()
    };
    c.engine
        .delete_with::<ReplicaSet>("default", &name, &orphaning)
        .expect("delete");
    c.run_for(60_000);
    assert!(sets(&c).is_empty());
    assert_eq!(c.ready_pods().len(), 2, "the pods stay");
    assert!(c
        .pods()
        .iter()
        .all(|p| p.metadata.owner_references.is_none()));
}

#[test]
fn preconditions_must_hold() {
    let mut c = Cluster::new();
    running(&mut c, 1);
    let d = c.deployment("web");
    let with = |uid: Option<&str>, rv: Option<&str>| DeleteOptions {
        preconditions: Some(Preconditions {
            uid: uid.map(str::to_owned),
            resource_version: rv.map(str::to_owned),
        }),
        ..Default::default()
    };
    let uid = d.metadata.uid.clone().expect("uid");
    let rv = d.metadata.resource_version.clone().expect("rv");

    let err = c
        .engine
        .delete_with::<Deployment>("default", "web", &with(Some("other"), None))
        .expect_err("uid differs");
    assert_eq!((err.code(), err.reason()), (409, "Conflict"));
    assert_eq!(
        err.to_string(),
        format!(
            "Operation cannot be fulfilled on deployments.apps \"web\": Precondition failed: \
             UID in precondition: other, UID in object meta: {uid}"
        )
    );
    let err = c
        .engine
        .delete_with::<Deployment>("default", "web", &with(Some(&uid), Some("1")))
        .expect_err("resourceVersion differs");
    assert!(matches!(err, Error::PreconditionFailed { .. }), "{err}");
    assert!(web_exists(&c));

    c.engine
        .delete_with::<Deployment>("default", "web", &with(Some(&uid), Some(&rv)))
        .expect("both hold");
    assert!(!web_exists(&c));
}

#[test]
fn an_unknown_policy_is_invalid() {
    let mut c = Cluster::new();
    running(&mut c, 1);
    let err = c
        .engine
        .delete_with::<Deployment>("default", "web", &policy("Sideways"))
        .expect_err("invalid");
    assert_eq!(err.code(), 422);
    assert_eq!(
        err.to_string(),
        "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \
         \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\""
    );
}
