//! Namespace ResourceQuota: its status kept by the quota controller, pod creates
//! refused with upstream's 403 message, and the ReplicaSet's FailedCreate event and
//! ReplicaFailure condition, which the Deployment surfaces.

use crate::common;
use crate::scheduling;

use std::collections::BTreeMap;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use engine::k8s_openapi::api::core::v1::{Pod, ResourceQuota, ResourceQuotaSpec};
use engine::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use engine::{demo, Error};
use scheduling::{deploy, pods_of, requesting};

fn quota(name: &str, hard: &[(&str, &str)]) -> ResourceQuota {
    ResourceQuota {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        spec: Some(ResourceQuotaSpec {
            hard: Some(
                hard.iter()
                    .map(|(k, v)| ((*k).to_owned(), Quantity((*v).to_owned())))
                    .collect(),
            ),
            ..Default::default()
        }),
        status: None,
    }
}

fn used(c: &Cluster, name: &str) -> BTreeMap<String, String> {
    let q = c
        .engine
        .store()
        .get::<ResourceQuota>("default", name)
        .expect("quota");
    q.status
        .as_ref()
        .and_then(|s| s.used.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> BTreeMap<String, String> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn the_replica_set(c: &Cluster) -> std::sync::Arc<ReplicaSet> {
    c.engine
        .store()
        .list::<ReplicaSet>(Some("default"))
        .next()
        .cloned()
        .expect("a ReplicaSet")
}

fn condition_of_deployment(c: &Cluster, kind: &str) -> Option<(String, String)> {
    let d = c.engine.store().get::<Deployment>("default", "web")?;
    let cond = d
        .status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == kind)?
        .clone();
    Some((
        cond.reason.unwrap_or_default(),
        cond.message.unwrap_or_default(),
    ))
}

#[test]
fn the_quota_controller_fills_hard_and_used() {
    let mut c = Cluster::new();
    c.engine
        .create(quota(
            "compute",
            &[
                ("pods", "10"),
                ("requests.cpu", "4"),
                ("requests.memory", "8Gi"),
            ],
        ))
        .expect("quota");
    deploy(&mut c, "web", 3, requesting("500m", "256Mi"));
    let q = c
        .engine
        .store()
        .get::<ResourceQuota>("default", "compute")
        .expect("quota");
    let hard = q
        .status
        .as_ref()
        .and_then(|s| s.hard.clone())
        .expect("hard");
    assert_eq!(hard.get("pods"), Some(&Quantity("10".to_owned())));
    assert_eq!(
        used(&c, "compute"),
        pairs(&[
            ("pods", "3"),
            ("requests.cpu", "1500m"),
            ("requests.memory", "768Mi")
        ])
    );
}

#[test]
fn a_replica_set_over_the_quota_fails_to_create_and_says_why() {
    let mut c = Cluster::new();
    c.engine
        .create(quota("pod-count", &[("pods", "2")]))
        .expect("quota");
    deploy(&mut c, "web", 3, serde_json::json!({}));
    c.run_for(10_000);
    assert_eq!(pods_of(&c, "web").len(), 2);
    let rs = the_replica_set(&c);
    let failure = rs
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "ReplicaFailure"))
        .cloned()
        .expect("ReplicaFailure");
    assert_eq!(failure.status, "True");
    assert_eq!(failure.reason.as_deref(), Some("FailedCreate"));
    let message = failure.message.unwrap_or_default();
    let rs_name = rs.metadata.name.clone().unwrap_or_default();
    assert!(
        message.starts_with(&format!("pods \"{rs_name}-")),
        "{message}"
    );
    assert!(
        message.ends_with(
            "\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, \
             limited: pods=2"
        ),
        "{message}"
    );
    let event = c
        .events_about("ReplicaSet")
        .into_iter()
        .find(|e| e.reason.as_deref() == Some("FailedCreate"))
        .expect("FailedCreate event");
    assert_eq!(event.type_.as_deref(), Some("Warning"));
    assert_eq!(event.message, Some(format!("Error creating: {message}")));
    assert_eq!(
        condition_of_deployment(&c, "ReplicaFailure"),
        Some(("FailedCreate".to_owned(), message))
    );

    // More room: the ReplicaSet creates its last pod and the failure clears.
    let mut raised = (*c
        .engine
        .store()
        .get::<ResourceQuota>("default", "pod-count")
        .expect("quota"))
    .clone();
    raised.spec = quota("pod-count", &[("pods", "3")]).spec;
    c.engine.update(raised).expect("raise");
    c.run_for(10_000);
    assert_eq!(pods_of(&c, "web").len(), 3);
    let rs = the_replica_set(&c);
    assert!(rs
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_none());
    assert_eq!(condition_of_deployment(&c, "ReplicaFailure"), None);
}

#[test]
fn a_pod_over_the_compute_quota_is_forbidden_with_upstreams_message() {
    let mut c = Cluster::new();
    c.engine
        .create(quota(
            "compute",
            &[("requests.cpu", "1"), ("requests.memory", "1Gi")],
        ))
        .expect("quota");
    deploy(&mut c, "web", 2, requesting("500m", "256Mi"));
    let mut pod: Pod = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "big", "namespace": "default"},
        "spec": requesting("250m", "128Mi"),
    }))
    .expect("pod");
    let err = c.engine.create(pod.clone()).expect_err("over the quota");
    assert_eq!(err.code(), 403);
    assert_eq!(err.reason(), "Forbidden");
    assert_eq!(
        err.to_string(),
        "pods \"big\" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, \
         used: requests.cpu=1, limited: requests.cpu=1"
    );
    // A container that leaves a constrained resource unset is refused too.
    pod.spec = serde_json::from_value(serde_json::json!({
        "containers": [{"name": "nginx", "image": "nginx:1.27"}],
    }))
    .expect("spec");
    let err = c.engine.create(pod).expect_err("unset requests");
    assert_eq!(
        err.to_string(),
        "pods \"big\" is forbidden: failed quota: compute: must specify \
         requests.cpu,requests.memory"
    );
}

#[test]
fn object_counts_are_limited_too() {
    let mut c = Cluster::new();
    c.engine
        .create(quota("objects", &[("count/deployments.apps", "1")]))
        .expect("quota");
    c.engine
        .create(demo::deployment("default", "one", "nginx:1.27", 1))
        .expect("first");
    let err = c
        .engine
        .create(demo::deployment("default", "two", "nginx:1.27", 1))
        .expect_err("second");
    assert_eq!(
        err,
        Error::Forbidden {
            kind: "deployments.apps".to_owned(),
            name: "two".to_owned(),
            message: "exceeded quota: objects, requested: count/deployments.apps=1, used: \
                      count/deployments.apps=1, limited: count/deployments.apps=1"
                .to_owned(),
        }
    );
    assert_eq!(
        used(&c, "objects"),
        pairs(&[("count/deployments.apps", "1")])
    );
}
