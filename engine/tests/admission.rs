//! Creates and updates pass the shared field rules and need their namespace; a
//! refused write leaves the store as it was.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::apps::v1::Deployment;
use engine::Error;

#[test]
fn an_invalid_workload_is_refused_with_each_field_and_nothing_is_stored() {
    let mut c = Cluster::new();
    let before = c.engine.store().resource_version();
    let mut d = demo::deployment("default", "web", "nginx:1.27", -1);
    common::first_container(&mut d).name = "Web".to_owned();
    let Err(Error::Invalid { causes, .. }) = c.engine.create(d) else {
        panic!("an invalid Deployment was created");
    };
    let fields: Vec<&str> = causes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        ["spec.replicas", "spec.template.spec.containers[0].name"]
    );
    assert_eq!(c.engine.store().resource_version(), before);
    assert_eq!(c.engine.store().count::<Deployment>(), 0);
}

#[test]
fn a_bad_name_is_one_more_cause_of_the_same_refusal() {
    let mut c = Cluster::new();
    let d = demo::deployment("default", "Web_1", "nginx:1.27", -1);
    let Err(Error::Invalid { causes, .. }) = c.engine.create(d) else {
        panic!("a badly named Deployment was created");
    };
    let fields: Vec<&str> = causes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["metadata.name", "spec.replicas"]);
    assert_eq!(c.engine.store().count::<Deployment>(), 0);
}

#[test]
fn a_workload_needs_its_namespace() {
    let mut c = Cluster::new();
    let d = demo::deployment("nowhere", "web", "nginx:1.27", 1);
    let err = c
        .engine
        .create(d)
        .expect_err("created in a missing namespace");
    assert_eq!(
        err,
        Error::NotFound {
            kind: "namespaces".into(),
            name: "nowhere".into()
        }
    );
}

#[test]
fn an_update_that_breaks_a_rule_keeps_the_stored_object() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 2))
        .expect("create");
    let mut d = c.deployment("web");
    d.spec.as_mut().expect("spec").min_ready_seconds = Some(-1);
    assert!(matches!(c.engine.update(d), Err(Error::Invalid { .. })));
    assert_eq!(
        c.deployment("web").spec.expect("spec").min_ready_seconds,
        None
    );
}

#[test]
fn a_dry_run_reports_a_clash_without_creating() {
    let mut c = Cluster::new();
    let d = demo::deployment("default", "web", "nginx:1.27", 1);
    let (previewed, warnings) = c.engine.check_create(d.clone()).expect("a dry run");
    assert!(warnings.is_empty());
    assert_eq!(c.engine.store().count::<Deployment>(), 0);
    // Answered as it would be stored, as upstream's dry run answers it.
    assert!(previewed.metadata.uid.is_some());
    assert!(previewed.metadata.creation_timestamp.is_some());
    assert_eq!(previewed.metadata.resource_version, None);
    c.engine.create(d.clone()).expect("create");
    assert!(matches!(
        c.engine.check_create(d),
        Err(Error::AlreadyExists { .. })
    ));
}

#[test]
fn a_dry_run_answers_what_a_create_fills_in() {
    use engine::k8s_openapi::api::batch::v1::Job;
    use engine::k8s_openapi::api::core::v1::Pod;
    let mut c = Cluster::new();
    let job: Job = serde_json::from_value(serde_json::json!({
        "metadata": {"generateName": "report-", "namespace": "default"},
        "spec": {"template": {"spec": {"restartPolicy": "Never",
            "containers": [{"name": "run", "image": "busybox:1.36"}]}}}
    }))
    .expect("job");
    let (job, _) = c.engine.check_create(job).expect("a dry run");
    assert!(job
        .metadata
        .name
        .as_deref()
        .is_some_and(|n| n.starts_with("report-")));
    let selected = job
        .spec
        .and_then(|s| s.selector)
        .and_then(|s| s.match_labels);
    let uid = job.metadata.uid.expect("a uid");
    assert_eq!(
        selected.and_then(|l| l.get("batch.kubernetes.io/controller-uid").cloned()),
        Some(uid)
    );
    let pod: Pod = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "gated", "namespace": "default"},
        "spec": {"schedulingGates": [{"name": "example.com/wait"}],
                 "containers": [{"name": "app", "image": "nginx:1.27"}]}
    }))
    .expect("pod");
    let (pod, _) = c.engine.check_create(pod).expect("a dry run");
    let reason = pod
        .status
        .and_then(|s| s.conditions)
        .and_then(|c| c.into_iter().find(|c| c.type_ == "PodScheduled"))
        .and_then(|c| c.reason);
    assert_eq!(reason.as_deref(), Some("SchedulingGated"));
    assert_eq!(c.engine.store().count::<Pod>(), 0);
}

#[test]
fn owner_references_name_their_owner_and_one_controller_at_most() {
    use engine::k8s_openapi::api::core::v1::ConfigMap;
    let mut c = Cluster::new();
    let owned = |refs: serde_json::Value| -> ConfigMap {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "owned", "namespace": "default", "ownerReferences": refs}
        }))
        .expect("config map")
    };
    let reference = |name: &str, uid: &str| {
        serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment", "name": name,
                           "uid": uid, "controller": true})
    };
    let Err(Error::Invalid { causes, .. }) = c.engine.create(owned(serde_json::json!([
        {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": ""}
    ]))) else {
        panic!("a reference without uid was stored");
    };
    assert_eq!(causes[0].field, "metadata.ownerReferences.uid");
    assert_eq!(
        causes[0].message,
        "Invalid value: \"\": uid must not be empty"
    );
    let Err(Error::Invalid { causes, .. }) = c.engine.create(owned(serde_json::json!([
        reference("a", "1"),
        reference("b", "2")
    ]))) else {
        panic!("two controllers were stored");
    };
    assert_eq!(causes[0].field, "metadata.ownerReferences");
    assert!(causes[0]
        .message
        .starts_with("Only one reference can have Controller set to true"));
    c.engine
        .create(owned(serde_json::json!([reference("a", "1")])))
        .expect("one controller is fine");
}
