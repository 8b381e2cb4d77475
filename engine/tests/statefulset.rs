//! A StatefulSet's pods have stable names, come and go in ordinal order, and are
//! replaced from the highest ordinal down on a template change.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::{
    ControllerRevision, RollingUpdateStatefulSetStrategy, StatefulSet, StatefulSetUpdateStrategy,
};
use engine::k8s_openapi::api::core::v1::{Pod, PodStatus};
use engine::{pod_state, CONTROLLER_REVISION_LABEL};

fn create(c: &mut Cluster, adjust: impl FnOnce(&mut StatefulSet)) {
    let mut set = demo::stateful_set("default", "web", "nginx:1.27", 3);
    adjust(&mut set);
    c.engine.create(set).expect("create");
}

/// A ready OrderedReady set of three.
fn ready_set(adjust: impl FnOnce(&mut StatefulSet)) -> Cluster {
    let mut c = Cluster::new();
    create(&mut c, adjust);
    c.run_for(10_000);
    assert_eq!(c.ready_pods(), ["web-0", "web-1", "web-2"]);
    c
}

fn set(c: &Cluster) -> StatefulSet {
    (*c.engine
        .store()
        .get::<StatefulSet>("default", "web")
        .expect("set"))
    .clone()
}

fn edit(c: &mut Cluster, change: impl FnOnce(&mut StatefulSet)) {
    let mut s = set(c);
    change(&mut s);
    c.engine.update(s).expect("update");
}

fn new_image(s: &mut StatefulSet) {
    let spec = s.spec.as_mut().expect("spec");
    spec.template.spec.as_mut().expect("pod spec").containers[0].image =
        Some("nginx:1.28".to_owned());
}

fn partition(s: &mut StatefulSet, partition: i32) {
    s.spec.as_mut().expect("spec").update_strategy = Some(StatefulSetUpdateStrategy {
        type_: Some("RollingUpdate".to_owned()),
        rolling_update: Some(RollingUpdateStatefulSetStrategy {
            partition: Some(partition),
            ..Default::default()
        }),
    });
}

fn pod(c: &Cluster, name: &str) -> Option<Pod> {
    c.engine
        .store()
        .get::<Pod>("default", name)
        .map(|p| (*p).clone())
}

/// Every pod name, terminating ones included.
fn names(c: &Cluster) -> Vec<String> {
    c.pods()
        .iter()
        .filter_map(|p| p.metadata.name.clone())
        .collect()
}

fn terminating(c: &Cluster, name: &str) -> bool {
    pod(c, name).is_some_and(|p| pod_state::is_terminating(&p))
}

/// The image of each pod, in name order.
fn images(c: &Cluster) -> Vec<String> {
    c.pods()
        .iter()
        .filter_map(|p| p.spec.as_ref()?.containers[0].image.clone())
        .collect()
}

/// The messages of the set's events with `reason`, oldest first.
fn events(c: &Cluster, reason: &str) -> Vec<String> {
    c.events_about("StatefulSet")
        .into_iter()
        .filter(|e| e.reason.as_deref() == Some(reason))
        .filter_map(|e| e.message.clone())
        .collect()
}

#[test]
fn ordered_ready_creates_each_ordinal_once_the_one_before_is_ready() {
    let mut c = Cluster::new();
    create(&mut c, |_| {});
    assert_eq!(names(&c), ["web-0"]);
    // A pod is Running and Ready a second after it lands on its node.
    c.run_for(900);
    assert_eq!(names(&c), ["web-0"], "web-1 waits for web-0 to be ready");
    c.run_for(100);
    assert_eq!(names(&c), ["web-0", "web-1"]);
    c.run_for(5_000);
    assert_eq!(c.ready_pods(), ["web-0", "web-1", "web-2"]);
    assert_eq!(
        events(&c, "SuccessfulCreate"),
        ["web-0", "web-1", "web-2"]
            .map(|p| format!("create Pod {p} in StatefulSet web successful"))
    );

    let s = set(&c);
    let status = s.status.clone().expect("status");
    let revision = status.update_revision.clone().expect("update revision");
    assert!(
        revision.starts_with("web-") && revision.len() > 4,
        "{revision}"
    );
    assert_eq!(status.current_revision.as_deref(), Some(revision.as_str()));
    assert_eq!(status.replicas, 3);
    assert_eq!(status.ready_replicas, Some(3));
    assert_eq!(status.available_replicas, Some(3));
    assert_eq!(status.current_replicas, Some(3));
    assert_eq!(status.updated_replicas, Some(3));
    assert_eq!(status.collision_count, Some(0));
    assert_eq!(status.observed_generation, s.metadata.generation);
    assert!(c
        .engine
        .store()
        .get::<ControllerRevision>("default", &revision)
        .is_some());

    let web1 = pod(&c, "web-1").expect("web-1");
    let labels = web1.metadata.labels.clone().unwrap_or_default();
    assert_eq!(labels.get("app").map(String::as_str), Some("web"));
    assert_eq!(labels.get(CONTROLLER_REVISION_LABEL), Some(&revision));
    assert_eq!(
        labels
            .get("statefulset.kubernetes.io/pod-name")
            .map(String::as_str),
        Some("web-1")
    );
    let spec = web1.spec.clone().expect("spec");
    assert_eq!(spec.hostname.as_deref(), Some("web-1"));
    assert_eq!(spec.subdomain.as_deref(), Some("web"));
    let owner = &web1.metadata.owner_references.clone().expect("owner")[0];
    assert_eq!(
        (owner.kind.as_str(), owner.controller),
        ("StatefulSet", Some(true))
    );
    assert_eq!(Some(&owner.uid), s.metadata.uid.as_ref());
}

#[test]
fn parallel_creates_every_pod_at_once() {
    let mut c = Cluster::new();
    create(&mut c, |s| {
        s.spec.as_mut().expect("spec").pod_management_policy = Some("Parallel".to_owned());
    });
    assert_eq!(names(&c), ["web-0", "web-1", "web-2"]);
    c.run_for(1_000);
    assert_eq!(c.ready_pods(), ["web-0", "web-1", "web-2"]);
}

#[test]
fn scaling_down_removes_the_highest_ordinal_first_one_at_a_time() {
    let mut c = ready_set(|_| {});
    edit(&mut c, |s| {
        s.spec.as_mut().expect("spec").replicas = Some(1)
    });
    assert!(terminating(&c, "web-2"));
    assert!(
        !terminating(&c, "web-1"),
        "web-1 waits for web-2 to be gone"
    );
    // The node agent stops a container 600ms after its delete.
    c.run_for(600);
    assert!(pod(&c, "web-2").is_none());
    assert!(terminating(&c, "web-1"));
    c.run_for(5_000);
    assert_eq!(names(&c), ["web-0"]);
    assert_eq!(
        events(&c, "SuccessfulDelete"),
        ["web-2", "web-1"].map(|p| format!("delete Pod {p} in StatefulSet web successful"))
    );
    assert_eq!(set(&c).status.expect("status").replicas, 1);
}

#[test]
fn a_deleted_or_failed_pod_comes_back_under_its_name() {
    let mut c = ready_set(|_| {});
    let before = pod(&c, "web-1").and_then(|p| p.metadata.uid);
    c.engine
        .delete::<Pod>("default", "web-1", None)
        .expect("delete");
    assert!(terminating(&c, "web-1"));
    c.run_for(5_000);
    assert_eq!(c.ready_pods(), ["web-0", "web-1", "web-2"]);
    let after = pod(&c, "web-1").and_then(|p| p.metadata.uid);
    assert_ne!(before, after, "web-1 is a new pod");

    let mut failed = pod(&c, "web-2").expect("web-2");
    failed.status.get_or_insert_with(PodStatus::default).phase = Some("Failed".to_owned());
    failed.metadata.resource_version = None;
    c.engine.store_mut().update(failed).expect("fail web-2");
    c.engine.settle();
    assert!(terminating(&c, "web-2"), "a failed pod is deleted");
    c.run_for(5_000);
    assert_eq!(c.ready_pods(), ["web-0", "web-1", "web-2"]);
}

#[test]
fn a_rolling_update_goes_from_the_highest_ordinal_down_to_the_partition() {
    let mut c = ready_set(|_| {});
    let old_revision = set(&c).status.and_then(|s| s.current_revision);
    edit(&mut c, |s| {
        partition(s, 2);
        new_image(s);
    });
    assert!(terminating(&c, "web-2"));
    assert!(!terminating(&c, "web-1"));
    c.run_for(10_000);
    assert_eq!(images(&c), ["nginx:1.27", "nginx:1.27", "nginx:1.28"]);
    let status = set(&c).status.expect("status");
    assert_eq!(status.current_revision, old_revision);
    assert_ne!(status.update_revision, old_revision);
    assert_eq!(
        (status.current_replicas, status.updated_replicas),
        (Some(2), Some(1))
    );

    // Below the partition, a pod deleted by hand comes back at the current revision.
    c.engine
        .delete::<Pod>("default", "web-0", None)
        .expect("delete");
    c.run_for(5_000);
    assert_eq!(images(&c), ["nginx:1.27", "nginx:1.27", "nginx:1.28"]);

    let deleted_before = events(&c, "SuccessfulDelete").len();
    edit(&mut c, |s| partition(s, 0));
    assert!(terminating(&c, "web-1"));
    assert!(!terminating(&c, "web-0"));
    // web-1 is gone at 600ms and its replacement is ready at 1600ms; only then web-0 goes.
    c.run_for(1_599);
    assert!(pod(&c, "web-1").is_some_and(|p| !pod_state::is_ready(&p)));
    assert!(!terminating(&c, "web-0"));
    c.run_for(1);
    assert!(terminating(&c, "web-0"));
    c.run_for(5_000);
    assert_eq!(images(&c), ["nginx:1.28"; 3]);
    assert_eq!(
        events(&c, "SuccessfulDelete")[deleted_before..],
        ["web-1", "web-0"].map(|p| format!("delete Pod {p} in StatefulSet web successful"))
    );
    let status = set(&c).status.expect("status");
    assert_eq!(status.current_revision, status.update_revision);
    assert_eq!(status.current_replicas, Some(3));
}

#[test]
fn on_delete_keeps_old_pods_until_they_are_deleted_by_hand() {
    let mut c = ready_set(|s| {
        s.spec.as_mut().expect("spec").update_strategy = Some(StatefulSetUpdateStrategy {
            type_: Some("OnDelete".to_owned()),
            rolling_update: None,
        });
    });
    edit(&mut c, new_image);
    c.run_for(10_000);
    assert_eq!(images(&c), ["nginx:1.27"; 3]);
    assert_eq!(set(&c).status.and_then(|s| s.updated_replicas), Some(0));
    c.engine
        .delete::<Pod>("default", "web-1", None)
        .expect("delete");
    c.run_for(5_000);
    assert_eq!(images(&c), ["nginx:1.27", "nginx:1.28", "nginx:1.27"]);
    assert_eq!(set(&c).status.and_then(|s| s.updated_replicas), Some(1));
}

#[test]
fn min_ready_seconds_holds_back_availability() {
    let mut c = Cluster::new();
    create(&mut c, |s| {
        let spec = s.spec.as_mut().expect("spec");
        spec.pod_management_policy = Some("Parallel".to_owned());
        spec.min_ready_seconds = Some(5);
    });
    c.run_for(1_000);
    let status = set(&c).status.expect("status");
    assert_eq!(
        (status.ready_replicas, status.available_replicas),
        (Some(3), Some(0))
    );
    c.run_for(5_000);
    let status = set(&c).status.expect("status");
    assert_eq!(status.available_replicas, Some(3));
}

#[test]
fn deleting_the_set_deletes_its_pods_and_revisions() {
    let mut c = ready_set(|_| {});
    c.engine
        .delete::<StatefulSet>("default", "web", None)
        .expect("delete");
    c.run_for(5_000);
    assert!(c.pods().is_empty());
    assert_eq!(c.engine.store().count::<ControllerRevision>(), 0);
}

#[test]
fn a_name_held_by_another_pod_is_reported_once_and_skipped() {
    let mut c = Cluster::new();
    let mut stranger = Pod::default();
    stranger.metadata.name = Some("web-1".to_owned());
    stranger.metadata.namespace = Some("default".to_owned());
    let now = c.engine.now();
    c.engine.store_mut().create(stranger, now).expect("pod");
    create(&mut c, |s| {
        s.spec.as_mut().expect("spec").pod_management_policy = Some("Parallel".to_owned());
    });
    c.run_for(5_000);
    assert_eq!(names(&c), ["web-0", "web-1", "web-2"]);
    let failed = events(&c, "FailedCreate");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0].starts_with("create Pod web-1 in StatefulSet web failed error:"));
    assert_eq!(set(&c).status.expect("status").replicas, 2);
}
