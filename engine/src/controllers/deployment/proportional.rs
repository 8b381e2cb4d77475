//! Scaling a Deployment whose pods several ReplicaSets share (upstream's `sync.go`:
//! `isScalingEvent`, `scale`, `GetReplicaSetProportion`): mid-rollout, the added or
//! removed replicas are spread over the active ReplicaSets in proportion to their
//! sizes, so the rollout carries on where it was rather than restarting.

use std::cmp::Ordering;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::rolling::{is_rolling, max_surge};
use super::scale::{
    annotation, scale, scale_set, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION,
};
use super::{available_of, desired, replicas_of, Ctx, Sets};

fn active(rs: &&Arc<ReplicaSet>) -> bool {
    replicas_of(rs) > 0
}

/// Whether the Deployment's replica count changed since its active ReplicaSets were
/// sized (upstream's `isScalingEvent`): such a sync only scales.
pub(super) fn is_scaling_event(d: &Deployment, sets: &Sets) -> bool {
    let want = desired(d);
    sets.all()
        .filter(active)
        .filter_map(|rs| annotation(rs, DESIRED_REPLICAS_ANNOTATION))
        .any(|sized_for| sized_for != want)
}

/// The one active ReplicaSet, or with none the new (else the newest) one; `None` when
/// several are active (upstream's `FindActiveOrLatest`).
fn active_or_latest(sets: &Sets) -> Option<&Arc<ReplicaSet>> {
    let mut active = sets.all().filter(active);
    match (active.next(), active.next()) {
        (Some(only), None) => Some(only),
        (None, _) => sets.new.as_ref().or(sets.old.last()),
        (Some(_), Some(_)) => None,
    }
}

/// The new ReplicaSet runs every replica, available, and was sized for this count
/// (upstream's `IsSaturated`).
fn saturated(d: &Deployment, rs: &ReplicaSet) -> bool {
    let want = desired(d);
    replicas_of(rs) == want
        && annotation(rs, DESIRED_REPLICAS_ANNOTATION) == Some(want)
        && available_of(rs) == want
}

/// Upstream's `scale`: one active ReplicaSet takes the whole count; a saturated new one
/// lets the old ones go; otherwise (RollingUpdate only) the difference between the
/// count plus maxSurge and the ReplicaSets' sizes is shared out by proportion, largest
/// first, what rounding leaves going to the first.
pub(super) fn scale_all(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let want = desired(d);
    if let Some(rs) = active_or_latest(sets) {
        scale(ctx, d, rs, want);
        return;
    }
    if sets.new.as_ref().is_some_and(|new| saturated(d, new)) {
        for rs in sets.old.iter().filter(active) {
            scale(ctx, d, rs, 0);
        }
        return;
    }
    if !is_rolling(d) {
        return;
    }
    let mut sets: Vec<&Arc<ReplicaSet>> = sets.all().filter(active).collect();
    let total: i32 = sets.iter().map(|rs| replicas_of(rs)).sum();
    let allowed = if want > 0 { want + max_surge(d) } else { 0 };
    let to_add = allowed - total;
    // Larger sets first; among equal ones the newer first when growing, the older
    // first when shrinking (upstream's `ReplicaSetsBySizeNewer` / `BySizeOlder`).
    let older = |a: &ReplicaSet, b: &ReplicaSet| {
        (&a.metadata.creation_timestamp, &a.metadata.name)
            .cmp(&(&b.metadata.creation_timestamp, &b.metadata.name))
    };
    match to_add.cmp(&0) {
        Ordering::Greater => sets.sort_by(|a, b| {
            replicas_of(b)
                .cmp(&replicas_of(a))
                .then_with(|| older(b, a))
        }),
        Ordering::Less => sets.sort_by(|a, b| {
            replicas_of(b)
                .cmp(&replicas_of(a))
                .then_with(|| older(a, b))
        }),
        Ordering::Equal => {}
    }
    let mut added = 0;
    let mut sizes: Vec<i32> = sets
        .iter()
        .map(|rs| {
            let share = proportion(rs, d, to_add, added);
            added += share;
            replicas_of(rs) + share
        })
        .collect();
    if let Some(first) = sizes.first_mut() {
        *first = (*first + to_add - added).max(0);
    }
    let direction = if to_add > 0 { "up" } else { "down" };
    for (rs, size) in sets.into_iter().zip(sizes) {
        scale_set(ctx, d, rs, size, direction);
    }
}

/// How many replicas `rs` gains (or loses, negative) of the `to_add` the Deployment
/// needs, `added` being shared out already; never past what is left to share
/// (upstream's `GetReplicaSetProportion`).
fn proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if replicas_of(rs) == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = fraction(rs, d);
    let left = to_add - added;
    if to_add > 0 {
        fraction.min(left)
    } else {
        fraction.max(left)
    }
}

/// How `rs` would change to keep its share of the Deployment's replicas plus maxSurge:
/// its size scaled from the max-replicas it was sized for (the Deployment's status
/// replicas without the annotation) to the current one, rounded half away from zero
/// (upstream's `getReplicaSetFraction`).
fn fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    let replicas = replicas_of(rs);
    let want = desired(d);
    if want == 0 {
        return -replicas;
    }
    let max_now = want + max_surge(d);
    let status_replicas = d.status.as_ref().map_or(0, |s| s.replicas.unwrap_or(0));
    let max_before = annotation(rs, MAX_REPLICAS_ANNOTATION)
        .filter(|&n| n != 0)
        .unwrap_or(status_replicas);
    if max_before == 0 {
        // Upstream would divide by zero; nothing to scale from.
        return 0;
    }
    let size = f64::from(replicas) * f64::from(max_now) / f64::from(max_before);
    size.round() as i32 - replicas
}
