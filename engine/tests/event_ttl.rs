//! Events expire an hour after they were last seen (upstream's `--event-ttl`): the
//! recorder's, and a client's written with an older time, found even when more Events
//! were written since than the watch history keeps.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::core::v1::{Event, ObjectReference};
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use engine::k8s_openapi::jiff::SignedDuration;

/// A client's Event named `name`, last seen `ago` before now.
fn event(c: &Cluster, name: &str, ago: SignedDuration) -> Event {
    Event {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        involved_object: ObjectReference {
            kind: Some("Pod".to_owned()),
            name: Some("somewhere".to_owned()),
            namespace: Some("default".to_owned()),
            ..Default::default()
        },
        reason: Some("Noted".to_owned()),
        message: Some("a client's note".to_owned()),
        type_: Some("Normal".to_owned()),
        last_timestamp: Some(Time(c.engine.now() - ago)),
        ..Default::default()
    }
}

fn events(c: &Cluster) -> usize {
    c.engine.store().count::<Event>()
}

fn exists(c: &Cluster, name: &str) -> bool {
    c.engine.store().get::<Event>("default", name).is_some()
}

#[test]
fn the_recorders_events_go_an_hour_after_they_were_last_seen() {
    let mut c = Cluster::new();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 1))
        .expect("create");
    c.run_for(5_000);
    let recorded = events(&c);
    assert!(recorded > 0);
    c.run_for(59 * 60_000);
    assert_eq!(events(&c), recorded, "kept for the hour");
    c.run_for(2 * 60_000);
    assert_eq!(events(&c), 0, "gone after it");
}

#[test]
fn a_clients_old_event_goes_at_the_next_pass() {
    let mut c = Cluster::new();
    c.run_for(1_000);
    let old = event(&c, "old", SignedDuration::from_hours(2));
    c.engine.create(old).expect("create");
    let fresh = event(&c, "fresh", SignedDuration::ZERO);
    c.engine.create(fresh).expect("create");
    c.run_for(1_000);
    assert!(!exists(&c, "old"), "older than the hour");
    assert!(exists(&c, "fresh"));
}

#[test]
fn an_old_event_is_found_among_more_than_the_history_keeps() {
    let mut c = Cluster::new();
    c.run_for(1_000);
    c.engine.store_mut().set_history_limit(5);
    let now = c.engine.now();
    let old = event(&c, "old", SignedDuration::from_hours(2));
    c.engine.store_mut().create(old, now).expect("old");
    for i in 0..20 {
        let fresh = event(&c, &format!("fresh-{i}"), SignedDuration::ZERO);
        c.engine.store_mut().create(fresh, now).expect("fresh");
    }
    // Written past the engine, as a burst within one pass is: settled after.
    c.engine.settle();
    assert!(!exists(&c, "old"));
    assert!(exists(&c, "fresh-19"));
}
