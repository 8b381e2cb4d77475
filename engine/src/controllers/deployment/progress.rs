//! A Deployment's status: counters summed over its ReplicaSets, and the Available and
//! Progressing conditions with upstream's reasons (`sync.go`, `progress.go`).

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use super::rolling::fenceposts;
use super::{desired, revision, Ctx, Sets, REVISION_ANNOTATION};

/// Upstream's default `progressDeadlineSeconds`.
const DEFAULT_PROGRESS_DEADLINE: i32 = 600;

fn status_of(rs: &ReplicaSet) -> (i32, i32, i32) {
    let s = rs.status.as_ref();
    (
        s.map_or(0, |s| s.replicas),
        s.and_then(|s| s.ready_replicas).unwrap_or(0),
        s.and_then(|s| s.available_replicas).unwrap_or(0),
    )
}

/// The status counters over every ReplicaSet of the Deployment.
fn counters(d: &Deployment, sets: &Sets) -> DeploymentStatus {
    let (mut replicas, mut ready, mut available) = (0, 0, 0);
    for rs in sets.all() {
        let (r, re, a) = status_of(rs);
        replicas += r;
        ready += re;
        available += a;
    }
    let updated = sets.new.as_deref().map_or(0, |rs| status_of(rs).0);
    DeploymentStatus {
        replicas: Some(replicas),
        updated_replicas: Some(updated),
        ready_replicas: Some(ready),
        available_replicas: Some(available),
        unavailable_replicas: Some((desired(d) - available).max(0)),
        observed_generation: d.metadata.generation,
        ..Default::default()
    }
}

/// Whether the rollout moved forward since the last status (upstream's
/// `DeploymentProgressing`): more updated, ready or available pods, or fewer old ones.
fn moved_forward(before: &DeploymentStatus, after: &DeploymentStatus) -> bool {
    let n = |v: Option<i32>| v.unwrap_or(0);
    let old = |s: &DeploymentStatus| n(s.replicas) - n(s.updated_replicas);
    n(after.updated_replicas) > n(before.updated_replicas)
        || old(after) < old(before)
        || n(after.ready_replicas) > n(before.ready_replicas)
        || n(after.available_replicas) > n(before.available_replicas)
}

pub(crate) fn sync_status(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let want = desired(d);
    let before = d.status.clone().unwrap_or_default();
    let mut status = counters(d, sets);
    let mut conditions = before.conditions.clone().unwrap_or_default();
    let now = ctx.now;

    let ru = d
        .spec
        .as_ref()
        .and_then(|s| s.strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref());
    let (_, max_unavailable) = fenceposts(
        ru.and_then(|r| r.max_surge.as_ref()),
        ru.and_then(|r| r.max_unavailable.as_ref()),
        want,
    );
    let available = status.available_replicas.unwrap_or(0);
    if available >= want - max_unavailable {
        let message = "Deployment has minimum availability.";
        set(
            &mut conditions,
            "Available",
            "True",
            "MinimumReplicasAvailable",
            message,
            now,
            false,
        );
    } else {
        let message = "Deployment does not have minimum availability.";
        set(
            &mut conditions,
            "Available",
            "False",
            "MinimumReplicasUnavailable",
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
            "ReplicaFailure",
            &c.status,
            c.reason.as_deref().unwrap_or_default(),
            c.message.as_deref().unwrap_or_default(),
            now,
            false,
        ),
        None => conditions.retain(|c| c.type_ != "ReplicaFailure"),
    }
    if let Some(wake) = progressing(d, sets, &before, &status, &mut conditions, now) {
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

/// Sets the Progressing condition; returns when the progress deadline falls, if the
/// rollout is still under way.
fn progressing(
    d: &Deployment,
    sets: &Sets,
    before: &DeploymentStatus,
    after: &DeploymentStatus,
    conditions: &mut Vec<DeploymentCondition>,
    now: Timestamp,
) -> Option<Timestamp> {
    let spec = d.spec.as_ref()?;
    let current = conditions
        .iter()
        .find(|c| c.type_ == "Progressing")
        .cloned();
    let reason = current.as_ref().and_then(|c| c.reason.as_deref());
    if spec.paused == Some(true) {
        set(
            conditions,
            "Progressing",
            "Unknown",
            "DeploymentPaused",
            "Deployment is paused",
            now,
            false,
        );
        return None;
    }
    if reason == Some("DeploymentPaused") {
        set(
            conditions,
            "Progressing",
            "Unknown",
            "DeploymentResumed",
            "Deployment is resumed",
            now,
            true,
        );
    }
    let new = sets.new.as_ref()?;
    let name = new.metadata.name.as_deref().unwrap_or_default();
    let n = |v: Option<i32>| v.unwrap_or(0);
    let want = desired(d);
    let complete = n(after.updated_replicas) == want
        && n(after.replicas) == want
        && n(after.available_replicas) == want
        && after.observed_generation >= d.metadata.generation;
    let about_this_set = current
        .as_ref()
        .and_then(|c| c.message.as_deref())
        .is_some_and(|m| m.contains(&format!("\"{name}\"")));
    if complete {
        let message = format!("ReplicaSet \"{name}\" has successfully progressed.");
        set(
            conditions,
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            &message,
            now,
            false,
        );
        return None;
    }
    if !about_this_set || moved_forward(before, after) {
        // A new rollout, or one moving forward: its deadline starts again from now.
        let message = format!("ReplicaSet \"{name}\" is progressing.");
        set(
            conditions,
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            &message,
            now,
            true,
        );
    }
    let deadline = SignedDuration::from_secs(
        spec.progress_deadline_seconds
            .unwrap_or(DEFAULT_PROGRESS_DEADLINE)
            .into(),
    );
    let last = conditions
        .iter()
        .find(|c| c.type_ == "Progressing")
        .and_then(|c| c.last_update_time.as_ref())
        .map_or(now, |t| t.0);
    let due = last + deadline;
    if due <= now {
        let message = format!("ReplicaSet \"{name}\" has timed out progressing.");
        set(
            conditions,
            "Progressing",
            "False",
            "ProgressDeadlineExceeded",
            &message,
            now,
            false,
        );
        return None;
    }
    Some(due)
}

/// Sets a condition as upstream's `SetDeploymentCondition`: lastTransitionTime moves
/// when the status flips; lastUpdateTime when anything changes, or always with `touch`.
fn set(
    conditions: &mut Vec<DeploymentCondition>,
    kind: &str,
    status: &str,
    reason: &str,
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
