//! An Event as the table holds it: packed when it has the shape the engine's recorder
//! gives Events, whole otherwise, so no field a client wrote is ever lost.

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta, Time};
use k8s_openapi::jiff::Timestamp;

use super::strings::Strings;
use super::Form;

/// A stored Event.
#[derive(Debug)]
pub enum StoredEvent {
    /// The usual Event, in about a third of the bytes of the struct.
    Packed(Box<PackedEvent>),
    /// An Event with a field the packed form does not hold (labels, a series, …).
    Whole(Arc<Event>),
}

/// An Event's strings in one buffer, beside its times and counts. Its name and
/// namespace are the table's key.
#[derive(Debug)]
pub struct PackedEvent {
    text: Strings<STRINGS>,
    creation_timestamp: Option<Time>,
    first_timestamp: Option<Time>,
    last_timestamp: Option<Time>,
    event_time: Option<MicroTime>,
    generation: Option<i64>,
    count: Option<i32>,
    has_source: bool,
}

/// How many strings a packed Event keeps (see [`PackedEvent::pack`] for which).
const STRINGS: usize = 17;

impl Form<Event> for StoredEvent {
    fn pack(object: &Arc<Event>, namespace: &str, name: &str) -> Self {
        match PackedEvent::pack(object, namespace, name) {
            Some(packed) => StoredEvent::Packed(Box::new(packed)),
            None => StoredEvent::Whole(Arc::clone(object)),
        }
    }

    fn unpack(&self, namespace: &str, name: &str) -> Arc<Event> {
        match self {
            StoredEvent::Packed(packed) => Arc::new(packed.unpack(namespace, name)),
            StoredEvent::Whole(event) => Arc::clone(event),
        }
    }
}

/// What upstream's event correlator tells two events apart by (its `getEventKey`,
/// less what one recorder always sets the same), read without unpacking.
#[derive(Debug, PartialEq, Eq)]
pub struct CorrelationKey<'a> {
    /// The uid of the object the event is about.
    pub object_uid: Option<&'a str>,
    /// `Normal` or `Warning`.
    pub type_: Option<&'a str>,
    /// Why, in one word.
    pub reason: Option<&'a str>,
    /// What happened.
    pub message: Option<&'a str>,
}

/// Where [`PackedEvent::pack`] puts the strings a [`CorrelationKey`] reads.
const OBJECT_UID: usize = 8;
const MESSAGE: usize = 10;
const REASON: usize = 11;
const TYPE: usize = 14;

impl StoredEvent {
    /// The fields the event correlator compares.
    pub fn correlation_key(&self) -> CorrelationKey<'_> {
        match self {
            StoredEvent::Packed(packed) => CorrelationKey {
                object_uid: packed.text.get(OBJECT_UID),
                type_: packed.text.get(TYPE),
                reason: packed.text.get(REASON),
                message: packed.text.get(MESSAGE),
            },
            StoredEvent::Whole(event) => CorrelationKey {
                object_uid: event.involved_object.uid.as_deref(),
                type_: event.type_.as_deref(),
                reason: event.reason.as_deref(),
                message: event.message.as_deref(),
            },
        }
    }

    /// When the Event was last seen: what its time to live counts from.
    pub fn last_timestamp(&self) -> Option<Timestamp> {
        match self {
            StoredEvent::Packed(packed) => packed.last_timestamp.as_ref(),
            StoredEvent::Whole(event) => event.last_timestamp.as_ref(),
        }
        .map(|t| t.0)
    }
}

impl PackedEvent {
    /// `None` unless every field the packed form leaves out is unset. Every field is
    /// named, so a field k8s-openapi adds breaks the build rather than being dropped.
    fn pack(event: &Event, namespace: &str, name: &str) -> Option<Self> {
        let Event {
            action,
            count,
            event_time,
            first_timestamp,
            involved_object,
            last_timestamp,
            message,
            metadata,
            reason,
            related,
            reporting_component,
            reporting_instance,
            series,
            source,
            type_,
        } = event;
        let ObjectMeta {
            annotations,
            creation_timestamp,
            deletion_grace_period_seconds,
            deletion_timestamp,
            finalizers,
            generate_name,
            generation,
            labels,
            managed_fields,
            name: own_name,
            namespace: own_namespace,
            owner_references,
            resource_version,
            self_link,
            uid,
        } = metadata;
        let ObjectReference {
            api_version,
            field_path,
            kind,
            name: object_name,
            namespace: object_namespace,
            resource_version: object_version,
            uid: object_uid,
        } = involved_object;
        let keyed =
            own_name.as_deref() == Some(name) && own_namespace.as_deref() == Some(namespace);
        let plain = annotations.is_none()
            && deletion_grace_period_seconds.is_none()
            && deletion_timestamp.is_none()
            && finalizers.is_none()
            && generate_name.is_none()
            && labels.is_none()
            && managed_fields.is_none()
            && owner_references.is_none()
            && self_link.is_none()
            && related.is_none()
            && series.is_none();
        if !keyed || !plain {
            return None;
        }
        let (component, host) = source.as_ref().map_or((None, None), |s| {
            (s.component.as_deref(), s.host.as_deref())
        });
        // The order is the one the `CorrelationKey` indexes (`OBJECT_UID`, …) read.
        let text = Strings::pack([
            uid.as_deref(),
            resource_version.as_deref(),
            api_version.as_deref(),
            field_path.as_deref(),
            kind.as_deref(),
            object_name.as_deref(),
            object_namespace.as_deref(),
            object_version.as_deref(),
            object_uid.as_deref(),
            action.as_deref(),
            message.as_deref(),
            reason.as_deref(),
            reporting_component.as_deref(),
            reporting_instance.as_deref(),
            type_.as_deref(),
            component,
            host,
        ])?;
        Some(PackedEvent {
            text,
            creation_timestamp: creation_timestamp.clone(),
            first_timestamp: first_timestamp.clone(),
            last_timestamp: last_timestamp.clone(),
            event_time: event_time.clone(),
            generation: *generation,
            count: *count,
            has_source: source.is_some(),
        })
    }

    fn unpack(&self, namespace: &str, name: &str) -> Event {
        let [uid, resource_version, api_version, field_path, kind, object_name, object_namespace, object_version, object_uid, action, message, reason, reporting_component, reporting_instance, type_, component, host] =
            self.text.unpack();
        Event {
            action,
            count: self.count,
            event_time: self.event_time.clone(),
            first_timestamp: self.first_timestamp.clone(),
            involved_object: ObjectReference {
                api_version,
                field_path,
                kind,
                name: object_name,
                namespace: object_namespace,
                resource_version: object_version,
                uid: object_uid,
            },
            last_timestamp: self.last_timestamp.clone(),
            message,
            metadata: ObjectMeta {
                creation_timestamp: self.creation_timestamp.clone(),
                generation: self.generation,
                name: Some(name.to_owned()),
                namespace: Some(namespace.to_owned()),
                resource_version,
                uid,
                ..ObjectMeta::default()
            },
            reason,
            related: None,
            reporting_component,
            reporting_instance,
            series: None,
            source: self.has_source.then_some(EventSource { component, host }),
            type_,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use k8s_openapi::api::core::v1::EventSeries;

    use super::*;

    fn recorded() -> Event {
        let now = Time(Timestamp::from_nanosecond(1_765_000_000_123_456_789).expect("a time"));
        Event {
            metadata: ObjectMeta {
                name: Some("web-1.18f2a3".into()),
                namespace: Some("shop".into()),
                uid: Some("0b6f3c1e-7d2a-4c1f-9e3b-5a8d2f1c0e9a".into()),
                resource_version: Some("42".into()),
                creation_timestamp: Some(now.clone()),
                generation: Some(1),
                ..ObjectMeta::default()
            },
            involved_object: ObjectReference {
                api_version: Some("v1".into()),
                kind: Some("Pod".into()),
                name: Some("web-1".into()),
                namespace: Some("shop".into()),
                uid: Some("5c1d".into()),
                resource_version: Some("41".into()),
                field_path: Some("spec.containers{web}".into()),
            },
            reason: Some("Pulled".into()),
            message: Some("Successfully pulled image \"nginx:1.27\"".into()),
            type_: Some("Normal".into()),
            source: Some(EventSource {
                component: Some("kubelet".into()),
                host: Some("node-1".into()),
            }),
            reporting_component: Some("kubelet".into()),
            reporting_instance: Some(String::new()),
            first_timestamp: Some(now.clone()),
            last_timestamp: Some(now),
            count: Some(3),
            ..Event::default()
        }
    }

    fn round_trip(event: Event) -> (bool, Event) {
        let event = Arc::new(event);
        let stored = StoredEvent::pack(&event, "shop", "web-1.18f2a3");
        let packed = matches!(stored, StoredEvent::Packed(_));
        (packed, (*stored.unpack("shop", "web-1.18f2a3")).clone())
    }

    #[test]
    fn a_recorded_event_is_packed_and_comes_back_field_for_field() {
        let (packed, back) = round_trip(recorded());
        assert!(packed);
        assert_eq!(back, recorded());
        let event = Arc::new(recorded());
        let key = CorrelationKey {
            object_uid: Some("5c1d"),
            type_: Some("Normal"),
            reason: Some("Pulled"),
            message: Some("Successfully pulled image \"nginx:1.27\""),
        };
        let stored = StoredEvent::pack(&event, "shop", "web-1.18f2a3");
        assert_eq!(stored.correlation_key(), key);
        assert_eq!(StoredEvent::Whole(event).correlation_key(), key);
        let bare = Event {
            metadata: recorded().metadata,
            ..Event::default()
        };
        let (packed, back) = round_trip(bare.clone());
        assert!(packed);
        assert_eq!(back, bare);
    }

    #[test]
    fn an_event_with_a_field_the_packed_form_lacks_is_kept_whole() {
        let mut labelled = recorded();
        labelled.metadata.labels = Some(BTreeMap::from([("team".into(), "web".into())]));
        let mut series = recorded();
        series.series = Some(EventSeries {
            count: Some(2),
            last_observed_time: None,
        });
        let mut renamed = recorded();
        renamed.metadata.name = Some("other".into());
        for event in [labelled, series, renamed] {
            let (packed, back) = round_trip(event.clone());
            assert!(!packed);
            assert_eq!(back, event);
        }
    }
}
