//! Setting a ReplicaSet's size for its Deployment, with the replica annotations that
//! remember what the Deployment asked for when it was sized (upstream's
//! `scaleReplicaSet` and `SetReplicasAnnotations`).

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::rolling::max_surge;
use super::{desired, replicas_of, Ctx, COMPONENT};

/// The Deployment's replica count when the ReplicaSet was last sized: a Deployment
/// whose count differs is being scaled (upstream's `DesiredReplicasAnnotation`).
pub const DESIRED_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/desired-replicas";
/// The Deployment's replicas plus maxSurge when the ReplicaSet was last sized: the
/// base of its proportion when the Deployment is scaled (upstream's
/// `MaxReplicasAnnotation`).
pub const MAX_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/max-replicas";

/// An integer annotation of the ReplicaSet.
pub(super) fn annotation(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata
        .annotations
        .as_ref()?
        .get(key)
        .and_then(|v| v.parse().ok())
}

/// What the replica annotations of `d`'s ReplicaSets say now: desired and max replicas.
fn replica_annotations(d: &Deployment) -> [(&'static str, String); 2] {
    let want = desired(d);
    [
        (DESIRED_REPLICAS_ANNOTATION, want.to_string()),
        (MAX_REPLICAS_ANNOTATION, (want + max_surge(d)).to_string()),
    ]
}

/// Writes the replica annotations for `d` on `rs`; whether anything changed (upstream's
/// `SetReplicasAnnotations`).
pub(super) fn set_replica_annotations(rs: &mut ReplicaSet, d: &Deployment) -> bool {
    let annotations = rs.metadata.annotations.get_or_insert_with(Default::default);
    let mut changed = false;
    for (key, value) in replica_annotations(d) {
        if annotations.get(key) != Some(&value) {
            annotations.insert(key.to_owned(), value);
            changed = true;
        }
    }
    changed
}

/// Sizes `rs` at `replicas` for `d`, with the replica annotations, and records a
/// ScalingReplicaSet event when the size moved; whether it did (upstream's
/// `scaleReplicaSet`, which updates the annotations even when the size stays).
pub(super) fn scale_set(
    ctx: &mut Ctx,
    d: &Deployment,
    rs: &ReplicaSet,
    replicas: i32,
    direction: &str,
) -> bool {
    let before = replicas_of(rs);
    let mut scaled = rs.clone();
    let annotated = set_replica_annotations(&mut scaled, d);
    if before == replicas && !annotated {
        return false;
    }
    scaled.metadata.resource_version = None;
    if let Some(spec) = scaled.spec.as_mut() {
        spec.replicas = Some(replicas);
    }
    if ctx.store.update(scaled).is_err() || before == replicas {
        return false;
    }
    let name = rs.metadata.name.as_deref().unwrap_or_default();
    let message = format!("Scaled {direction} replica set {name} from {before} to {replicas}");
    ctx.record(d, false, "ScalingReplicaSet", message, COMPONENT);
    true
}

/// Sizes `rs` at `replicas` if that is a change; whether it scaled (upstream's
/// `scaleReplicaSetAndRecordEvent`).
pub(crate) fn scale(ctx: &mut Ctx, d: &Deployment, rs: &ReplicaSet, replicas: i32) -> bool {
    let before = replicas_of(rs);
    if before == replicas {
        return false;
    }
    let direction = if before < replicas { "up" } else { "down" };
    scale_set(ctx, d, rs, replicas, direction)
}
