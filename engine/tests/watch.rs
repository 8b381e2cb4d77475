//! Watches replay every change in order, from any resourceVersion still kept.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::core::v1::Pod;
use engine::store::EventType;
use engine::Error;

#[test]
fn watch_delivers_every_pod_change_in_order() {
    let mut c = Cluster::new();
    let from = c.engine.store().resource_version();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 2))
        .expect("create");
    c.run_for(5_000);
    let victim = c.ready_pods()[0].clone();
    c.engine
        .delete::<Pod>("default", &victim, None)
        .expect("delete");
    c.run_for(5_000);

    let events: Vec<_> = c
        .engine
        .store()
        .changes_since::<Pod>(from)
        .expect("kept")
        .collect();
    let versions: Vec<u64> = events.iter().map(|e| e.resource_version).collect();
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "strictly increasing: {versions:?}"
    );
    for e in &events {
        assert_eq!(
            e.object.metadata.resource_version.as_deref(),
            Some(e.resource_version.to_string().as_str())
        );
    }
    let added = events.iter().filter(|e| e.kind == EventType::Added).count();
    assert_eq!(added, 3, "two pods, then one replacement");
    let deleted: Vec<_> = events
        .iter()
        .filter(|e| e.kind == EventType::Deleted)
        .filter_map(|e| e.object.metadata.name.clone())
        .collect();
    assert_eq!(deleted, vec![victim.clone()]);
    // Replaying the history reproduces the store.
    let mut replay = std::collections::BTreeMap::new();
    for e in &events {
        let name = e.object.metadata.name.clone().unwrap_or_default();
        match e.kind {
            EventType::Deleted => replay.remove(&name),
            _ => replay.insert(name, e.object.metadata.resource_version.clone()),
        };
    }
    let now: std::collections::BTreeMap<_, _> = c
        .pods()
        .iter()
        .map(|p| {
            (
                p.metadata.name.clone().unwrap_or_default(),
                p.metadata.resource_version.clone(),
            )
        })
        .collect();
    assert_eq!(replay, now);
}

#[test]
fn a_watch_from_before_the_kept_history_is_expired() {
    let mut c = Cluster::new();
    c.engine.store_mut().set_history_limit(5);
    let from = c.engine.store().resource_version();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 3))
        .expect("create");
    c.run_for(5_000);
    let err = c.engine.store().changes_since::<Pod>(from).err();
    assert!(matches!(err, Some(Error::Expired { .. })), "{err:?}");
    let latest = c.engine.store().resource_version();
    assert!(c.engine.store().changes_since::<Pod>(latest).is_ok());
}

#[test]
fn a_stale_update_conflicts_and_harms_nothing() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 1))
        .expect("create");
    let stale = (*c
        .engine
        .store()
        .get::<engine::k8s_openapi::api::apps::v1::Deployment>("default", "web")
        .expect("d"))
    .clone();
    c.run_for(5_000);
    let before = c
        .engine
        .store()
        .get::<engine::k8s_openapi::api::apps::v1::Deployment>("default", "web")
        .expect("d");
    let err = c.engine.update(stale).err();
    assert!(matches!(err, Some(Error::Conflict { .. })), "{err:?}");
    let after = c
        .engine
        .store()
        .get::<engine::k8s_openapi::api::apps::v1::Deployment>("default", "web")
        .expect("d");
    assert_eq!(before, after);
}

#[test]
fn names_are_checked_and_clashes_refused() {
    let mut c = Cluster::new();
    let bad = c
        .engine
        .create(demo::deployment("default", "Bad_Name", "nginx", 1))
        .err();
    assert!(
        matches!(bad, Some(Error::Invalid { ref causes, .. }) if causes[0].field == "metadata.name"),
        "{bad:?}"
    );
    c.engine
        .create(demo::deployment("default", "web", "nginx", 1))
        .expect("first");
    let clash = c
        .engine
        .create(demo::deployment("default", "web", "nginx", 1))
        .err();
    assert!(
        matches!(clash, Some(Error::AlreadyExists { .. })),
        "{clash:?}"
    );
}

#[test]
fn a_watch_from_the_future_is_refused_so_the_client_relists() {
    let c = Cluster::new();
    let ahead = c.engine.store().resource_version() + 100;
    let err = c.engine.store().changes_since::<Pod>(ahead).err();
    assert!(matches!(err, Some(Error::TooLarge { .. })), "{err:?}");
}
