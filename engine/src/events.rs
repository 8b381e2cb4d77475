//! Kubernetes Events: what happened to an object, for people reading the console.

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use crate::store::{Object, Store};

/// How long events are kept, as the API server's default `--event-ttl`.
pub const EVENT_TTL: SignedDuration = SignedDuration::from_hours(1);

/// A reference to `obj` for `involvedObject` and `ownerReferences`-like uses.
pub fn reference<K: Object>(obj: &K) -> ObjectReference {
    let meta = obj.metadata();
    ObjectReference {
        api_version: Some(K::API_VERSION.to_owned()),
        kind: Some(K::KIND.to_owned()),
        name: meta.name.clone(),
        namespace: meta.namespace.clone(),
        uid: meta.uid.clone(),
        resource_version: meta.resource_version.clone(),
        field_path: None,
    }
}

/// Stores a new Event about `obj`, named as upstream's recorder names them
/// (`<object>.<hex time>`).
pub(crate) fn record<K: Object>(
    store: &mut Store,
    now: Timestamp,
    obj: &K,
    warning: bool,
    reason: &str,
    message: String,
    component: &str,
) {
    let involved = reference(obj);
    let namespace = involved
        .namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned());
    let stamp = now.as_nanosecond() as u64 + store.resource_version();
    let name = format!(
        "{}{stamp:x}",
        name_prefix(involved.name.as_deref().unwrap_or("object"))
    );
    let event = Event {
        metadata: ObjectMeta {
            name: Some(name),
            namespace: Some(namespace),
            ..Default::default()
        },
        involved_object: involved,
        reason: Some(reason.to_owned()),
        message: Some(message),
        type_: Some(if warning { "Warning" } else { "Normal" }.to_owned()),
        source: Some(EventSource {
            component: Some(component.to_owned()),
            host: None,
        }),
        reporting_component: Some(component.to_owned()),
        first_timestamp: Some(Time(now)),
        last_timestamp: Some(Time(now)),
        count: Some(1),
        ..Default::default()
    };
    if let Err(e) = store.create(event, now) {
        tracing::warn!(error = %e, "event not recorded");
    }
}

/// The name prefix of the events about the object `name` (see [`record`]): with
/// [`Store::list_stored_prefixed`], an object's events without a scan of the namespace.
pub(crate) fn name_prefix(name: &str) -> String {
    format!("{name}.")
}

/// Drops events older than [`EVENT_TTL`], and says when the oldest one left was last
/// seen (from their stored form: a scan that unpacks none of them).
pub(crate) fn expire(store: &mut Store, now: Timestamp) -> Option<Timestamp> {
    let cutoff = now - EVENT_TTL;
    let mut oldest: Option<Timestamp> = None;
    let mut old = Vec::new();
    for (ns, name, event) in store.list_stored::<Event>(None) {
        match event.last_timestamp() {
            Some(seen) if seen < cutoff => old.push((ns.to_owned(), name.to_owned())),
            Some(seen) => oldest = Some(oldest.map_or(seen, |o| o.min(seen))),
            None => {}
        }
    }
    for (ns, name) in old {
        let _ = store.remove::<Event>(&ns, &name);
    }
    oldest
}
