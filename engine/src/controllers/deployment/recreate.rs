//! The Recreate strategy: every old pod is gone before the new ReplicaSet is created
//! (upstream's `recreate.go`).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;

use super::progress::complete;
use super::progressing::Outcome;
use super::scale::scale;
use super::{desired, new_set, replicas_of, Ctx, Sets};
use crate::pod_state::{self, controller_uid};

/// One sync of a Recreate rollout (upstream's `rolloutRecreate`): the old ReplicaSets
/// scale to zero; once no old pod runs, the new ReplicaSet is created (it is not made
/// earlier, so nothing scales up before the old pods are down) at the full count.
pub(crate) fn rollout(
    ctx: &mut Ctx,
    d: &Deployment,
    hash: &str,
    sets: &mut Sets,
    outcome: &mut Outcome,
) {
    let mut scaled_down = false;
    for rs in sets.old.iter().filter(|rs| replicas_of(rs) > 0) {
        scaled_down |= scale(ctx, d, rs, 0);
    }
    if scaled_down || old_pods_running(ctx, sets) {
        return;
    }
    if sets.new.is_none() {
        sets.new = new_set::create(ctx, d, hash, &sets.old, outcome);
    }
    if let Some(new) = &sets.new {
        scale(ctx, d, new, desired(d));
    }
    if complete(d, &d.status.clone().unwrap_or_default()) {
        super::history::clean_up(ctx, d, sets);
    }
}

/// Whether an old ReplicaSet still counts pods, or has one that has not finished
/// (terminating ones included; upstream's `oldPodsRunning`).
fn old_pods_running(ctx: &Ctx, sets: &Sets) -> bool {
    let counted = sets
        .old
        .iter()
        .any(|rs| rs.status.as_ref().is_some_and(|s| s.replicas > 0));
    counted
        || sets.old.iter().any(|rs| {
            let uid = rs.metadata.uid.as_deref().unwrap_or_default();
            ctx.store.owned_by::<Pod>(uid).any(|p| {
                controller_uid(&p.metadata) == Some(uid)
                    && !matches!(pod_state::phase(p), "Succeeded" | "Failed")
            })
        })
}
