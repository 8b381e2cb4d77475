//! The ReplicaSet controller creates pods as upstream's `slowStartBatch` does (batches
//! of 1, 2, 4, …, stopping after a batch with an error) and at most `burstReplicas`
//! (500) per sync.

use crate::common;
use crate::scheduling;

use common::Cluster;
use engine::k8s_openapi::api::apps::v1::ReplicaSet;
use engine::k8s_openapi::api::core::v1::{Event, ResourceQuota, ResourceQuotaSpec};
use engine::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use scheduling::deploy;

/// The ReplicaSet's `status.replicas` each time it changed, from resourceVersion `from`
/// on, with the resourceVersion of the write.
fn status_history(c: &Cluster, from: u64) -> Vec<(u64, i32)> {
    let mut history: Vec<(u64, i32)> = Vec::new();
    let changes = c.engine.store().changes_since::<ReplicaSet>(from);
    for change in changes.expect("history kept") {
        let Some(replicas) = change.object.status.as_ref().map(|s| s.replicas) else {
            continue;
        };
        if history.last().map(|(_, r)| *r) != Some(replicas) {
            history.push((change.resource_version, replicas));
        }
    }
    history
}

/// The reasons of the ReplicaSet events recorded before resourceVersion `before`.
fn create_events_before(c: &Cluster, before: u64) -> Vec<String> {
    let mut events: Vec<(u64, String)> = c
        .engine
        .store()
        .list_unpacked::<Event>(Some("default"))
        .filter(|e| e.involved_object.kind.as_deref() == Some("ReplicaSet"))
        .filter_map(|e| {
            let rv = e.metadata.resource_version.as_deref()?.parse().ok()?;
            Some((rv, e.reason.clone()?))
        })
        .filter(|(rv, _)| *rv < before)
        .collect();
    events.sort();
    events.into_iter().map(|(_, reason)| reason).collect()
}

#[test]
fn a_failing_quota_ends_the_slow_start_after_the_batch_with_errors() {
    let mut c = Cluster::new();
    let quota = ResourceQuota {
        metadata: ObjectMeta {
            name: Some("five".to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        spec: Some(ResourceQuotaSpec {
            hard: Some([("pods".to_owned(), Quantity("5".to_owned()))].into()),
            ..Default::default()
        }),
        status: None,
    };
    c.engine.create(quota).expect("quota");
    let from = c.engine.store().resource_version();
    deploy(&mut c, "web", 20, serde_json::json!({}));

    // The first sync: batches of 1 and 2 succeed; of the batch of 4, two fit the quota
    // and two are refused, and no batch of 8 follows.
    let history = status_history(&c, from);
    assert_eq!(history.first().map(|(_, r)| *r), Some(5), "{history:?}");
    let first_sync = create_events_before(&c, history[0].0);
    let created = first_sync
        .iter()
        .filter(|r| *r == "SuccessfulCreate")
        .count();
    let refused = first_sync.iter().filter(|r| *r == "FailedCreate").count();
    assert_eq!((created, refused), (5, 2), "{first_sync:?}");
    assert_eq!(first_sync.last().map(String::as_str), Some("FailedCreate"));
}

#[test]
fn twelve_hundred_replicas_arrive_500_per_sync() {
    let mut c = Cluster::without_nodes();
    let from = c.engine.store().resource_version();
    deploy(&mut c, "big", 1_200, serde_json::json!({}));
    let counts: Vec<i32> = status_history(&c, from)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    assert_eq!(counts, [500, 1_000, 1_200]);
    assert_eq!(scheduling::pods_of(&c, "big").len(), 1_200);
}
