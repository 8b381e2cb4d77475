//! The kubelet's events about pods, aggregated as upstream's event correlator does, and
//! durations written as Go writes them (the kubelet's messages are Go's).

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Event, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::SignedDuration;

use super::super::Ctx;
use crate::store::CorrelationKey;

/// The component that reports the node agent's events.
pub(super) const COMPONENT: &str = "kubelet";

/// Records an event about `pod`. The same event again (same pod, type, reason and
/// message) bumps the first one's `count` and `lastTimestamp` instead of adding another,
/// as client-go's `EventCorrelator` does: a back-off loop is one line with a count.
pub(super) fn emit(ctx: &mut Ctx, pod: &Pod, warning: bool, reason: &str, message: String) {
    let kind = if warning { "Warning" } else { "Normal" };
    let namespace = pod.metadata.namespace.as_deref().unwrap_or("default");
    let uid = pod.metadata.uid.as_deref();
    let prefix = crate::events::name_prefix(pod.metadata.name.as_deref().unwrap_or_default());
    // Only this pod's events, as the correlator's cache keys them (not a namespace scan,
    // which made recording an event cost as much as the events already recorded).
    let key = CorrelationKey {
        object_uid: uid,
        type_: Some(kind),
        reason: Some(reason),
        message: Some(message.as_str()),
    };
    let same: Option<Arc<Event>> = ctx
        .store
        .list_stored_prefixed::<Event>(namespace, &prefix)
        .find(|(_, e)| e.correlation_key() == key)
        .and_then(|(name, _)| ctx.store.get::<Event>(namespace, name));
    match same {
        Some(event) => {
            let mut bumped = (*event).clone();
            bumped.metadata.resource_version = None;
            bumped.count = Some(bumped.count.unwrap_or(1) + 1);
            bumped.last_timestamp = Some(Time(ctx.now));
            let _ = ctx.store.update(bumped);
        }
        None => ctx.record(pod, warning, reason, message, COMPONENT),
    }
}

/// A duration as Go's `time.Duration.String` writes it: `700ms`, `1.4s`, `2m40s`.
pub(super) fn go_duration(d: SignedDuration) -> String {
    let millis = d.as_millis().max(0);
    if millis == 0 {
        return "0s".to_owned();
    }
    if millis < 1000 {
        return format!("{millis}ms");
    }
    let (hours, rest) = (millis / 3_600_000, millis % 3_600_000);
    let (minutes, rest) = (rest / 60_000, rest % 60_000);
    let seconds = match rest % 1000 {
        0 => format!("{}s", rest / 1000),
        frac => {
            let frac = format!("{frac:03}");
            format!("{}.{}s", rest / 1000, frac.trim_end_matches('0'))
        }
    };
    match (hours, minutes) {
        (0, 0) => seconds,
        (0, m) => format!("{m}m{seconds}"),
        (h, m) => format!("{h}h{m}m{seconds}"),
    }
}

/// A pod as the kubelet names it in messages (`format.Pod`): `name_namespace(uid)`.
pub(super) fn pod_label(pod: &Pod) -> String {
    let m = &pod.metadata;
    format!(
        "{}_{}({})",
        m.name.as_deref().unwrap_or_default(),
        m.namespace.as_deref().unwrap_or_default(),
        m.uid.as_deref().unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_in_go() {
        let d = SignedDuration::from_millis;
        assert_eq!(go_duration(d(700)), "700ms");
        assert_eq!(go_duration(d(1_400)), "1.4s");
        assert_eq!(go_duration(d(10_000)), "10s");
        assert_eq!(go_duration(d(160_000)), "2m40s");
        assert_eq!(go_duration(d(300_000)), "5m0s");
        assert_eq!(go_duration(d(3_600_000)), "1h0m0s");
    }
}
