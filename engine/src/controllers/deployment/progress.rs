//! A Deployment's status: counters summed over its ReplicaSets, and the Available and
//! Progressing conditions with upstream's reasons (`sync.go`, `progress.go`).

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;

use super::rolling::fenceposts;
use super::{desired, revision, Ctx, Sets, REVISION_ANNOTATION};

fn status_of(rs: &ReplicaSet) -> (i32, i32, i32) {
    let s = rs.status.as_ref();
    (
        s.map_or(0, |s| s.replicas),
        s.and_then(|s| s.ready_replicas).unwrap_or(0),
        s.and_then(|s| s.available_replicas).unwrap_or(0),
    )
}

pub(crate) fn sync_status(ctx: &mut Ctx, d: &Deployment, sets: &Sets) {
    let want = desired(d);
    let (mut replicas, mut ready, mut available) = (0, 0, 0);
    for rs in sets.all() {
        let (r, re, a) = status_of(rs);
        replicas += r;
        ready += re;
        available += a;
    }
    let updated = sets.new.as_deref().map_or(0, |rs| status_of(rs).0);
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
    let before = d.status.clone().unwrap_or_default();
    let mut conditions = before.conditions.clone().unwrap_or_default();
    let now = ctx.now;
    if available >= want - max_unavailable {
        set(
            &mut conditions,
            "Available",
            true,
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".into(),
            now,
        );
    } else {
        set(
            &mut conditions,
            "Available",
            false,
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".into(),
            now,
        );
    }
    if let Some(new) = &sets.new {
        let name = new.metadata.name.as_deref().unwrap_or_default();
        let old_pods: i32 = sets.old.iter().map(|rs| status_of(rs).0).sum();
        let complete = updated == want && available == want && old_pods == 0 && replicas == want;
        if complete {
            set(
                &mut conditions,
                "Progressing",
                true,
                "NewReplicaSetAvailable",
                format!("ReplicaSet \"{name}\" has successfully progressed."),
                now,
            );
        } else {
            set(
                &mut conditions,
                "Progressing",
                true,
                "ReplicaSetUpdated",
                format!("ReplicaSet \"{name}\" is progressing."),
                now,
            );
        }
    }
    let status = DeploymentStatus {
        replicas: Some(replicas),
        updated_replicas: Some(updated),
        ready_replicas: Some(ready),
        available_replicas: Some(available),
        unavailable_replicas: Some((want - available).max(0)),
        observed_generation: d.metadata.generation,
        conditions: Some(conditions),
        collision_count: before.collision_count,
    };
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

/// Sets a condition; lastTransitionTime moves when the status flips, lastUpdateTime when
/// the reason or message changes, as upstream's `SetDeploymentCondition`.
fn set(
    conditions: &mut Vec<DeploymentCondition>,
    kind: &str,
    status: bool,
    reason: &str,
    message: String,
    now: Timestamp,
) {
    let status = if status { "True" } else { "False" };
    match conditions.iter_mut().find(|c| c.type_ == kind) {
        Some(c)
            if c.status == status
                && c.reason.as_deref() == Some(reason)
                && c.message.as_deref() == Some(&message) => {}
        Some(c) => {
            if c.status != status {
                c.last_transition_time = Some(Time(now));
            }
            c.status = status.to_owned();
            c.reason = Some(reason.to_owned());
            c.message = Some(message);
            c.last_update_time = Some(Time(now));
        }
        None => conditions.push(DeploymentCondition {
            type_: kind.to_owned(),
            status: status.to_owned(),
            reason: Some(reason.to_owned()),
            message: Some(message),
            last_transition_time: Some(Time(now)),
            last_update_time: Some(Time(now)),
        }),
    }
}
