//! The StatefulSet controller: pods with stable names `<set>-<ordinal>`, created and
//! removed in order (`ordinals.rs`), replaced from the highest ordinal down on a template
//! change (`update.rs`), their templates kept as ControllerRevisions, as upstream's
//! `pkg/controller/statefulset`. Volume claim templates are not simulated.

mod ordinals;
mod update;

use std::collections::HashSet;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::SignedDuration;

use super::queue::{selecting_orphans, Queue};
use super::replicaset::pods_of;
use super::revisions::{self, CONTROLLER_REVISION_LABEL};
use super::Ctx;
use crate::pod_state;
use crate::store::key_of;

const COMPONENT: &str = "statefulset-controller";

/// The two revisions a set works with: the one its pods had before the latest template
/// change, and the one it is moving them to.
pub(crate) struct Revisions {
    current: Arc<ControllerRevision>,
    update: Arc<ControllerRevision>,
}

impl Revisions {
    fn current_name(&self) -> &str {
        self.current.metadata.name.as_deref().unwrap_or_default()
    }

    fn update_name(&self) -> &str {
        self.update.metadata.name.as_deref().unwrap_or_default()
    }
}

/// One pass over the StatefulSets the changes touch (and those whose timers are due):
/// the pods, then (over the pods as they now are) the
/// status. Pods and revisions are grouped by owner once per step.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let store = &*ctx.store;
    let keys = queue.controllers::<StatefulSet>(store, ctx.now, |since, keys| {
        selecting_orphans::<StatefulSet>(store, since, keys, |s| Some(&s.spec.as_ref()?.selector));
    });
    let sets: Vec<Arc<StatefulSet>> = keys
        .into_iter()
        .filter_map(|(ns, name)| ctx.store.get::<StatefulSet>(&ns, &name))
        .filter(|s| s.metadata.deletion_timestamp.is_none())
        .collect();
    let mut synced = Vec::with_capacity(sets.len());
    for set in sets {
        let revs = revisions::of(ctx.store, uid_of(&set));
        let pods = pods_of(ctx.store, uid_of(&set));
        if let Some(revisions) = sync(ctx, &set, &revs, pods) {
            synced.push((set, revisions));
        }
    }
    for (set, revisions) in &synced {
        let pods = pods_of(ctx.store, uid_of(set));
        ctx.take_woken().for_each(drop);
        update_status(ctx, set, revisions, &pods);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&**set), woken);
    }
}

fn uid_of(set: &StatefulSet) -> &str {
    set.metadata.uid.as_deref().unwrap_or_default()
}

fn sync(
    ctx: &mut Ctx,
    set: &StatefulSet,
    revs: &[Arc<ControllerRevision>],
    pods: Vec<Arc<Pod>>,
) -> Option<Revisions> {
    let spec = set.spec.as_ref()?;
    let update = revisions::ensure(ctx, set, &spec.template, revs)?;
    let wanted_current = set
        .status
        .as_ref()
        .and_then(|s| s.current_revision.as_deref());
    // Before the first rollout completes there is no current revision: the update
    // revision is current (upstream's `getStatefulSetRevisions`).
    let current = revs
        .iter()
        .find(|r| wanted_current.is_some() && r.metadata.name.as_deref() == wanted_current)
        .cloned()
        .unwrap_or_else(|| Arc::clone(&update));
    let revisions = Revisions { current, update };
    let mut replicas = ordinals::Replicas::of(set, pods);
    let parallel = spec.pod_management_policy.as_deref() == Some("Parallel");
    if ordinals::sync_replicas(ctx, set, &mut replicas, &revisions, parallel)
        && ordinals::scale_down(ctx, set, &replicas, parallel)
    {
        update::roll(ctx, set, &replicas, &revisions);
    }
    let mut live: HashSet<&str> =
        HashSet::from([revisions.current_name(), revisions.update_name()]);
    live.extend(replicas.revisions());
    revisions::truncate(ctx, revs, &live, spec.revision_history_limit);
    Some(revisions)
}

/// The revision a pod was made from.
fn revision_of(pod: &Pod) -> &str {
    pod.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(CONTROLLER_REVISION_LABEL))
        .map_or("", String::as_str)
}

/// Running and Ready and not being deleted (upstream's `isHealthy`).
fn is_healthy(pod: &Pod) -> bool {
    !pod_state::is_terminating(pod)
        && pod_state::phase(pod) == "Running"
        && pod_state::is_ready(pod)
}

/// Upstream's `computeReplicaStatus`, then `completeRollingUpdate`: once every pod runs
/// the update revision and is ready, the update revision becomes current.
fn update_status(ctx: &mut Ctx, set: &StatefulSet, revisions: &Revisions, pods: &[Arc<Pod>]) {
    let spec = set.spec.as_ref();
    let min_ready = spec.and_then(|s| s.min_ready_seconds).unwrap_or(0);
    let (current_name, update_name) = (revisions.current_name(), revisions.update_name());
    let (mut replicas, mut ready, mut available, mut current, mut updated) = (0, 0, 0, 0, 0);
    let mut next_available = None;
    for pod in pods
        .iter()
        .filter(|p| ordinals::ordinal_of(set, p).is_some())
    {
        replicas += 1;
        if pod_state::phase(pod) == "Running" && pod_state::is_ready(pod) {
            ready += 1;
            if pod_state::is_available(pod, min_ready, ctx.now) {
                available += 1;
            } else if let Some(since) = pod_state::ready_since(pod) {
                next_available = Some(since + SignedDuration::from_secs(min_ready.into()));
            }
        }
        if !pod_state::is_terminating(pod) {
            current += i32::from(revision_of(pod) == current_name);
            updated += i32::from(revision_of(pod) == update_name);
        }
    }
    if let Some(at) = next_available {
        ctx.wake_at(at);
    }
    let rolling = spec
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.type_.as_deref())
        .is_none_or(|t| t == "RollingUpdate");
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        replicas,
        ready_replicas: Some(ready),
        available_replicas: Some(available),
        current_replicas: Some(current),
        updated_replicas: Some(updated),
        current_revision: Some(current_name.to_owned()),
        update_revision: Some(update_name.to_owned()),
        collision_count: Some(0),
        conditions: set.status.as_ref().and_then(|s| s.conditions.clone()),
    };
    if rolling && updated == replicas && ready == replicas {
        status.current_revision = Some(update_name.to_owned());
        status.current_replicas = Some(updated);
    }
    if set.status.as_ref() != Some(&status) {
        let mut changed = set.clone();
        changed.status = Some(status);
        changed.metadata.resource_version = None;
        let _ = ctx.store.update(changed);
    }
}

/// Deletes one of the set's pods with upstream's SuccessfulDelete event.
fn delete_pod(ctx: &mut Ctx, set: &StatefulSet, pod: &Pod) -> bool {
    let (ns, name) = crate::store::key_of(pod);
    let set_name = set.metadata.name.as_deref().unwrap_or_default();
    match crate::delete::delete::<Pod>(ctx.store, ctx.now, &ns, &name, None) {
        Ok(_) => {
            let message = format!("delete Pod {name} in StatefulSet {set_name} successful");
            ctx.record(set, false, "SuccessfulDelete", message, COMPONENT);
            true
        }
        Err(e) => {
            let message = format!("delete Pod {name} in StatefulSet {set_name} failed error: {e}");
            ctx.record(set, true, "FailedDelete", message, COMPONENT);
            false
        }
    }
}
