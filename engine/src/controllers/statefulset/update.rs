//! The RollingUpdate strategy: pods of an old revision are deleted from the highest
//! ordinal down to the partition, one at a time, each once every pod above it runs the
//! update revision and is healthy; `ordinals.rs` then recreates it from the update
//! revision (upstream's last loop of `updateStatefulSet`). OnDelete does nothing here:
//! only pods deleted by hand come back with the new template.

use k8s_openapi::api::apps::v1::StatefulSet;

use super::ordinals::Replicas;
use super::{delete_pod, is_healthy, revision_of, Revisions};
use crate::controllers::Ctx;
use crate::pod_state;

/// Replaces at most one out-of-date pod.
pub(super) fn roll(ctx: &mut Ctx, set: &StatefulSet, replicas: &Replicas, revisions: &Revisions) {
    let Some(strategy) = set.spec.as_ref().map(|s| s.update_strategy.as_ref()) else {
        return;
    };
    if strategy.and_then(|s| s.type_.as_deref()) == Some("OnDelete") {
        return;
    }
    let partition = strategy
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0)
        .max(0) as usize;
    for ordinal in (partition..replicas.want).rev() {
        // A missing pod is being recreated: wait for it as for an unhealthy one.
        let Some(pod) = replicas.slots.get(&ordinal) else {
            return;
        };
        if revision_of(pod) != revisions.update_name() && !pod_state::is_terminating(pod) {
            delete_pod(ctx, set, pod);
            return;
        }
        if !is_healthy(pod) {
            return;
        }
    }
}
