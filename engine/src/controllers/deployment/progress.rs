//! A Deployment's status: counters summed over its ReplicaSets, and the Available and
//! ReplicaFailure conditions (upstream's `calculateStatus` and `syncRolloutStatus` in
//! `sync.go`); the Progressing condition is `progressing.rs`'s.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;

use super::progressing::{Outcome, Progress};
use super::rolling::max_unavailable;
use super::{desired, replicas_of, revision, Ctx, Sets, REVISION_ANNOTATION};

fn status_of(rs: &ReplicaSet) -> (i32, i32, i32) {
    let s = rs.status.as_ref();
    (
        s.map_or(0, |s| s.replicas),
        s.and_then(|s| s.ready_replicas).unwrap_or(0),
        s.and_then(|s| s.available_replicas).unwrap_or(0),
    )
}

/// The status counters over every ReplicaSet of the Deployment; the unavailable ones
/// are those the ReplicaSets want that are not available (upstream's
/// `calculateStatus`).
fn counters(d: &Deployment, sets: &Sets) -> DeploymentStatus {
    let (mut replicas, mut ready, mut available, mut wanted) = (0, 0, 0, 0);
    for rs in sets.all() {
        let (r, re, a) = status_of(rs);
        replicas += r;
        ready += re;
        available += a;
        wanted += replicas_of(rs);
    }
    let updated = sets.new.as_deref().map_or(0, |rs| status_of(rs).0);
    DeploymentStatus {
        replicas: Some(replicas),
        updated_replicas: Some(updated),
        ready_replicas: Some(ready),
        available_replicas: Some(available),
        unavailable_replicas: Some((wanted - available).max(0)),
        observed_generation: d.metadata.generation,
        ..Default::default()
    }
}

/// Upstream's `DeploymentComplete`: every replica updated and available, none old, and
/// the latest spec observed.
pub(crate) fn complete(d: &Deployment, status: &DeploymentStatus) -> bool {
    let want = Some(desired(d));
    status.updated_replicas == want
        && status.replicas == want
        && status.available_replicas == want
        && status.observed_generation >= d.metadata.generation
}

/// Writes the Deployment's status after a sync whose `outcome` the rollout gave.
pub(crate) fn sync_status(ctx: &mut Ctx, d: &Deployment, sets: &Sets, outcome: &Outcome) {
    let want = desired(d);
    let before = d.status.clone().unwrap_or_default();
    let mut status = counters(d, sets);
    let mut conditions = before.conditions.clone().unwrap_or_default();
    let now = ctx.now;

    let available = status.available_replicas.unwrap_or(0);
    if available >= want - max_unavailable(d) {
        let message = "Deployment has minimum availability.";
        set(
            &mut conditions,
            ("Available", "True", "MinimumReplicasAvailable"),
            message,
            now,
            false,
        );
    } else {
        let message = "Deployment does not have minimum availability.";
        set(
            &mut conditions,
            ("Available", "False", "MinimumReplicasUnavailable"),
            message,
            now,
            false,
        );
    }
    // A ReplicaSet that fails to create or delete pods says so on the Deployment too
    // (upstream's `getReplicaFailures`).
    let failure = sets.all().find_map(|rs| {
        rs.status
            .as_ref()?
            .conditions
            .as_ref()?
            .iter()
            .find(|c| c.type_ == "ReplicaFailure")
    });
    match failure {
        Some(c) => set(
            &mut conditions,
            (
                "ReplicaFailure",
                &c.status,
                c.reason.as_deref().unwrap_or_default(),
            ),
            c.message.as_deref().unwrap_or_default(),
            now,
            false,
        ),
        None => conditions.retain(|c| c.type_ != "ReplicaFailure"),
    }
    let progress = Progress {
        d,
        sets,
        before: &before,
        after: &status,
        now,
    };
    if let Some(wake) = progress.update(&mut conditions, outcome) {
        ctx.wake_at(wake);
    }
    status.conditions = Some(conditions);
    status.collision_count = before.collision_count;

    let mut next = d.clone();
    next.status = Some(status);
    if let Some(new) = &sets.new {
        next.metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(REVISION_ANNOTATION.to_owned(), revision(new).to_string());
    }
    if next != *d {
        next.metadata.resource_version = None;
        let _ = ctx.store.update(next);
    }
}

/// Sets a condition `(type, status, reason)` as upstream's `SetDeploymentCondition`:
/// lastTransitionTime moves when the status flips; lastUpdateTime when anything
/// changes, or always with `touch`.
pub(super) fn set(
    conditions: &mut Vec<DeploymentCondition>,
    (kind, status, reason): (&str, &str, &str),
    message: &str,
    now: Timestamp,
    touch: bool,
) {
    match conditions.iter_mut().find(|c| c.type_ == kind) {
        Some(c)
            if !touch
                && c.status == status
                && c.reason.as_deref() == Some(reason)
                && c.message.as_deref() == Some(message) => {}
        Some(c) => {
            if c.status != status {
                c.last_transition_time = Some(Time(now));
            }
            c.status = status.to_owned();
            c.reason = Some(reason.to_owned());
            c.message = Some(message.to_owned());
            c.last_update_time = Some(Time(now));
        }
        None => conditions.push(DeploymentCondition {
            type_: kind.to_owned(),
            status: status.to_owned(),
            reason: Some(reason.to_owned()),
            message: Some(message.to_owned()),
            last_transition_time: Some(Time(now)),
            last_update_time: Some(Time(now)),
        }),
    }
}
