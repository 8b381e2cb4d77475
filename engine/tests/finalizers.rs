//! Deletion that waits for finalizers, as upstream's registry does it: a pod a client's
//! finalizer holds stays, ended, once its containers stop; the update that removes the
//! last finalizer removes the object; a second delete may only shorten the grace
//! period; a Job's tracking finalizer never outlives the Job.

use crate::common;
use crate::pods;

use common::Cluster;
use engine::k8s_openapi::api::batch::v1::Job;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::k8s_openapi::api::rbac::v1::Role;
use engine::store::EventType;
use pods::container_spec as spec;
use serde_json::json;

const KEEP: &str = "example.com/keep";

fn exists(c: &Cluster, name: &str) -> bool {
    c.engine.store().get::<Pod>("default", name).is_some()
}

/// A running nginx pod `p`, held by the finalizer `KEEP`.
fn held_pod(hook: serde_json::Value) -> Cluster {
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("app", "nginx:1.27", hook)]}),
    );
    let mut pod = pods::get(&c, "p");
    pod.metadata.finalizers = Some(vec![KEEP.to_owned()]);
    c.engine.update(pod).expect("add the finalizer");
    c.run_for(5_000);
    assert_eq!(pods::phase(&c, "p"), "Running");
    c
}

fn without_finalizers(c: &Cluster, name: &str) -> Pod {
    let mut pod = pods::get(c, name);
    pod.metadata.finalizers = None;
    pod
}

#[test]
fn a_pod_held_by_a_finalizer_stays_ended_until_the_finalizer_goes() {
    let mut c = held_pod(json!({}));
    c.engine
        .delete::<Pod>("default", "p", Some(30))
        .expect("delete");
    c.run_for(60_000);
    assert!(exists(&c, "p"), "held by its finalizer");
    let pod = pods::get(&c, "p");
    assert_eq!(pod.metadata.deletion_grace_period_seconds, Some(0));
    assert_eq!(pods::phase(&c, "p"), "Succeeded");
    let state = pods::container(&c, "p", "app").state.expect("a state");
    let ended = state.terminated.expect("the container ended");
    assert_eq!(
        (ended.exit_code, ended.reason.as_deref()),
        (0, Some("Completed"))
    );
    assert!(ended.started_at.is_some() && ended.finished_at.is_some());
    assert!(
        c.engine
            .logs("default", "p", None, None, None, false)
            .is_ok(),
        "its logs are read until it is gone"
    );

    let before = c.engine.store().resource_version();
    c.engine
        .update(without_finalizers(&c, "p"))
        .expect("remove the finalizer");
    assert!(!exists(&c, "p"), "the update that released it removed it");
    let changes: Vec<EventType> = c
        .engine
        .store()
        .changes_since::<Pod>(before)
        .expect("history")
        .map(|e| e.kind)
        .collect();
    assert_eq!(changes, [EventType::Modified, EventType::Deleted]);
}

#[test]
fn a_container_killed_when_the_grace_period_ran_out_ends_failed() {
    let hook = json!({"lifecycle": {"preStop": {"sleep": {"seconds": 60}}}});
    let mut c = held_pod(hook);
    c.engine
        .delete::<Pod>("default", "p", Some(2))
        .expect("delete");
    c.run_for(5_000);
    assert!(exists(&c, "p"));
    assert_eq!(pods::phase(&c, "p"), "Failed");
    let ended = pods::container(&c, "p", "app")
        .state
        .and_then(|s| s.terminated)
        .expect("ended");
    assert_eq!(ended.exit_code, 137);
}

#[test]
fn a_finalizer_removed_during_the_grace_period_lets_the_pod_go_once_it_stopped() {
    let hook = json!({"lifecycle": {"preStop": {"sleep": {"seconds": 10}}}});
    let mut c = held_pod(hook);
    c.engine
        .delete::<Pod>("default", "p", Some(30))
        .expect("delete");
    c.run_for(2_000);
    c.engine
        .update(without_finalizers(&c, "p"))
        .expect("remove the finalizer");
    assert!(exists(&c, "p"), "its containers are still stopping");
    c.run_for(15_000);
    assert!(!exists(&c, "p"), "gone once its containers stopped");
}

#[test]
fn a_second_delete_may_only_shorten_the_grace_period_and_zero_removes_at_once() {
    let hook = json!({"lifecycle": {"preStop": {"sleep": {"seconds": 60}}}});
    let mut c = Cluster::new();
    pods::create(
        &mut c,
        "p",
        json!({"containers": [spec("app", "nginx:1.27", hook)]}),
    );
    c.run_for(5_000);
    let first = c
        .engine
        .delete::<Pod>("default", "p", Some(40))
        .expect("delete");
    let at = |p: &Pod| p.metadata.deletion_timestamp.as_ref().expect("marked").0;
    let asked = at(&first) - engine::k8s_openapi::jiff::SignedDuration::from_secs(40);

    let shorter = c
        .engine
        .delete::<Pod>("default", "p", Some(10))
        .expect("shorten");
    assert_eq!(shorter.metadata.deletion_grace_period_seconds, Some(10));
    assert_eq!(
        at(&shorter),
        asked + engine::k8s_openapi::jiff::SignedDuration::from_secs(10),
        "counted from the first request, as upstream counts it"
    );
    let longer = c
        .engine
        .delete::<Pod>("default", "p", Some(20))
        .expect("a longer one is no change");
    assert_eq!(longer.metadata.deletion_grace_period_seconds, Some(10));

    c.engine
        .delete::<Pod>("default", "p", Some(0))
        .expect("force");
    assert!(!exists(&c, "p"), "grace 0 and no finalizer: gone at once");
}

#[test]
fn a_role_held_by_a_finalizer_goes_when_the_finalizer_is_removed() {
    let mut c = Cluster::new();
    let role: Role = serde_json::from_value(json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
        "metadata": {"name": "r", "namespace": "default", "finalizers": [KEEP]},
        "rules": []
    }))
    .expect("a role");
    c.engine.create(role).expect("create");
    c.engine
        .delete::<Role>("default", "r", None)
        .expect("delete");
    c.run_for(5_000);
    let held = c.engine.store().get::<Role>("default", "r").expect("held");
    assert!(held.metadata.deletion_timestamp.is_some());

    let mut released = (*held).clone();
    released.metadata.finalizers = Some(Vec::new());
    c.engine.update(released).expect("remove the finalizer");
    assert!(c.engine.store().get::<Role>("default", "r").is_none());
}

#[test]
fn a_deleted_jobs_pods_are_released_and_go() {
    let mut c = Cluster::new();
    let job: Job = serde_json::from_value(json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "j", "namespace": "default"},
        "spec": {"template": {"spec": {
            "restartPolicy": "Never",
            "containers": [{"name": "work", "image": "busybox:1.36",
                            "command": ["sh", "-c", "sleep 3600"]}]
        }}}
    }))
    .expect("a job");
    c.engine.create(job).expect("create");
    c.run_for(5_000);
    let tracked = c.pods();
    assert_eq!(tracked.len(), 1);
    assert!(tracked[0]
        .metadata
        .finalizers
        .iter()
        .flatten()
        .any(|f| f == "batch.kubernetes.io/job-tracking"));

    c.engine
        .delete::<Job>("default", "j", None)
        .expect("delete the job");
    c.run_for(60_000);
    assert!(
        c.pods().is_empty(),
        "no pod is left behind by its finalizer"
    );
}
