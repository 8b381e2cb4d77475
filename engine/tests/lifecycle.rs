//! A Deployment's life after creation: history limits, rollback, pause and resume,
//! restart, and the progress deadline.

use crate::common;

use std::collections::BTreeMap;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use engine::REVISION_ANNOTATION;

fn set_image(d: &mut Deployment, image: &str) {
    common::first_container(d).image = Some(image.to_owned());
}

fn roll_to(c: &mut Cluster, image: &str) {
    let mut d = c.deployment("web");
    set_image(&mut d, image);
    c.engine.update(d).expect("update");
    c.run_for(10_000);
}

fn revision(c: &Cluster) -> Option<String> {
    c.deployment("web")
        .metadata
        .annotations
        .and_then(|a| a.get(REVISION_ANNOTATION).cloned())
}

fn progressing(c: &Cluster) -> (String, String) {
    let d = c.deployment("web");
    let cond = d
        .status
        .and_then(|s| s.conditions)
        .and_then(|cs| cs.into_iter().find(|c| c.type_ == "Progressing"))
        .expect("Progressing condition");
    (cond.status, cond.reason.unwrap_or_default())
}

fn web(c: &mut Cluster, replicas: i32, adjust: impl FnOnce(&mut Deployment)) {
    let mut d = demo::deployment("default", "web", "nginx:1.25", replicas);
    adjust(&mut d);
    c.engine.create(d).expect("create");
    c.run_for(10_000);
}

#[test]
fn old_replicasets_beyond_the_history_limit_are_deleted() {
    let mut c = Cluster::new();
    web(&mut c, 2, |d| {
        d.spec.as_mut().expect("spec").revision_history_limit = Some(2)
    });
    for image in ["nginx:1.26", "nginx:1.27", "nginx:1.28", "nginx:1.29"] {
        roll_to(&mut c, image);
    }
    let sets = c.engine.store().count::<ReplicaSet>();
    assert_eq!(sets, 3, "the current ReplicaSet and two old ones");
    assert_eq!(revision(&c).as_deref(), Some("5"));
    assert_eq!(c.images(), vec!["nginx:1.29"; 2]);
}

#[test]
fn rollback_brings_the_old_template_back_as_a_new_revision() {
    let mut c = Cluster::new();
    web(&mut c, 3, |_| {});
    roll_to(&mut c, "nginx:1.26");
    assert_eq!(revision(&c).as_deref(), Some("2"));
    c.engine.rollback("default", "web", None).expect("undo");
    c.run_for(10_000);
    assert_eq!(c.images(), vec!["nginx:1.25"; 3]);
    assert_eq!(
        revision(&c).as_deref(),
        Some("3"),
        "the old ReplicaSet takes the next revision"
    );
    assert_eq!(
        c.engine.store().count::<ReplicaSet>(),
        2,
        "no new ReplicaSet: the old one is reused"
    );

    c.engine
        .rollback("default", "web", Some(2))
        .expect("to revision 2");
    c.run_for(10_000);
    assert_eq!(c.images(), vec!["nginx:1.26"; 3]);
    let missing = c.engine.rollback("default", "web", Some(99)).err();
    assert!(
        matches!(missing, Some(engine::Error::Invalid { .. })),
        "{missing:?}"
    );
}

#[test]
fn a_paused_deployment_does_not_roll_out_but_still_scales() {
    let mut c = Cluster::new();
    web(&mut c, 2, |_| {});
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").paused = Some(true);
    set_image(&mut d, "nginx:1.26");
    c.engine.update(d).expect("pause and edit");
    c.run_for(10_000);
    assert_eq!(c.images(), vec!["nginx:1.25"; 2], "no rollout while paused");
    assert_eq!(
        progressing(&c),
        ("Unknown".into(), "DeploymentPaused".into())
    );

    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").replicas = Some(3);
    c.engine.update(d).expect("scale");
    c.run_for(10_000);
    assert_eq!(c.images(), vec!["nginx:1.25"; 3], "scaling still applies");

    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").paused = Some(false);
    c.engine.update(d).expect("resume");
    c.run_for(10_000);
    assert_eq!(c.images(), vec!["nginx:1.26"; 3]);
    assert_eq!(
        progressing(&c),
        ("True".into(), "NewReplicaSetAvailable".into())
    );
}

#[test]
fn a_restart_annotation_replaces_every_pod() {
    let mut c = Cluster::new();
    web(&mut c, 2, |_| {});
    let before = c.ready_pods();
    let mut d = c.deployment("web");
    let template = &mut d.spec.as_mut().expect("spec").template;
    template
        .metadata
        .get_or_insert_with(Default::default)
        .annotations = Some(BTreeMap::from([(
        "kubectl.kubernetes.io/restartedAt".to_owned(),
        "2026-01-01T00:00:00Z".to_owned(),
    )]));
    c.engine.update(d).expect("restart");
    c.run_for(10_000);
    let after = c.ready_pods();
    assert_eq!(after.len(), 2);
    assert!(
        after.iter().all(|p| !before.contains(p)),
        "every pod replaced: {before:?} -> {after:?}"
    );
}

#[test]
fn a_stuck_rollout_exceeds_its_progress_deadline_and_recovers() {
    let mut c = Cluster::without_nodes();
    web(&mut c, 2, |d| {
        d.spec.as_mut().expect("spec").progress_deadline_seconds = Some(30)
    });
    assert_eq!(progressing(&c), ("True".into(), "ReplicaSetUpdated".into()));
    c.run_for(15_000);
    assert_eq!(progressing(&c).1, "ReplicaSetUpdated", "25 s in: not yet");
    c.run_for(10_000);
    assert_eq!(
        progressing(&c),
        ("False".into(), "ProgressDeadlineExceeded".into())
    );

    c.engine.add_node("node-1", 1, 8, 32).expect("node");
    c.run_for(10_000);
    assert_eq!(
        progressing(&c),
        ("True".into(), "NewReplicaSetAvailable".into())
    );
    assert_eq!(c.ready_pods().len(), 2);
}
