//! Events are held packed (issue 21): what a reader gets back is what was written.

use crate::common;

use common::Cluster;
use engine::demo;
use engine::k8s_openapi::api::core::v1::{Event, EventSeries, ObjectReference};
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use engine::store::StoredEvent;

#[test]
fn recorded_events_read_back_as_the_watch_delivered_them() {
    let mut c = Cluster::new();
    let from = c.engine.store().resource_version();
    c.engine
        .create(demo::deployment("default", "web", "nginx:1.27", 2))
        .expect("create");
    c.run_for(5_000);
    let store = c.engine.store();
    let written: Vec<_> = store
        .changes_since::<Event>(from)
        .expect("kept")
        .map(|change| change.object.clone())
        .collect();
    assert!(written.len() >= 10, "each pod's events: {}", written.len());
    for event in &written {
        let name = event.metadata.name.as_deref().unwrap_or_default();
        let got = store.get::<Event>("default", name).expect("stored");
        assert_eq!(*got, **event, "get");
    }
    let listed: Vec<_> = store.list_unpacked::<Event>(Some("default")).collect();
    assert_eq!(listed.len(), written.len());
    let packed = store
        .list_stored::<Event>(None)
        .filter(|(_, _, e)| matches!(e, StoredEvent::Packed(_)))
        .count();
    assert_eq!(
        packed,
        written.len(),
        "the recorder's events are all packed"
    );
}

#[test]
fn a_clients_event_keeps_every_field_it_was_written_with() {
    let mut c = Cluster::new();
    let event = Event {
        metadata: ObjectMeta {
            name: Some("web.custom".into()),
            namespace: Some("default".into()),
            labels: Some([("team".to_owned(), "web".to_owned())].into()),
            annotations: Some([("note".to_owned(), "by hand".to_owned())].into()),
            ..ObjectMeta::default()
        },
        involved_object: ObjectReference {
            kind: Some("Pod".into()),
            name: Some("web".into()),
            namespace: Some("default".into()),
            ..ObjectReference::default()
        },
        reason: Some("Checked".into()),
        series: Some(EventSeries {
            count: Some(4),
            last_observed_time: None,
        }),
        action: Some("Check".into()),
        ..Event::default()
    };
    let created = c.engine.create(event).expect("create");
    let got = c
        .engine
        .store()
        .get::<Event>("default", "web.custom")
        .expect("stored");
    assert_eq!(got, created);
    assert_eq!(got.metadata.labels, created.metadata.labels);
    assert_eq!(got.series.as_ref().and_then(|s| s.count), Some(4));
    assert_eq!(got.action.as_deref(), Some("Check"));
}
