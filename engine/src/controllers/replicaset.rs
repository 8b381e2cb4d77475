//! The ReplicaSet controller: keeps `spec.replicas` active pods, replacing any that go.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetCondition, ReplicaSetStatus};
use k8s_openapi::api::core::v1::{Pod, ResourceQuota};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use k8s_openapi::jiff::SignedDuration;

use super::queue::Queue;
use super::Ctx;
use crate::pod_state;
use crate::store::{key_of, ObjectKey, Store};

const COMPONENT: &str = "replicaset-controller";
/// The most pods one sync creates or deletes (upstream's `BurstReplicas`).
const BURST_REPLICAS: usize = 500;
/// The first batch of a slow start (upstream's `SlowStartInitialBatchSize`).
const SLOW_START_INITIAL_BATCH: usize = 1;

/// The pods `uid` controls, from the store's owner index.
pub(crate) fn pods_of(store: &Store, uid: &str) -> Vec<Arc<Pod>> {
    store
        .owned_by::<Pod>(uid)
        .filter(|p| pod_state::controller_uid(&p.metadata) == Some(uid))
        .cloned()
        .collect()
}

/// The keys of the ReplicaSets to look at in this pass: those that changed, those
/// whose pods changed, those in a namespace whose quota changed (it may let a failing
/// ReplicaSet create its pods), and those whose timers are due.
fn queued(ctx: &mut Ctx, queue: &mut Queue) -> BTreeSet<ObjectKey> {
    let store = &*ctx.store;
    queue.controllers::<ReplicaSet>(store, ctx.now, |since, keys| {
        for change in store.recent_changes::<ResourceQuota>(since) {
            let ns = change.object.metadata.namespace.as_deref();
            keys.extend(store.list::<ReplicaSet>(ns).map(|rs| key_of(&**rs)));
        }
    })
}

/// One pass over the ReplicaSets with something new: first the pod counts, then (over
/// the pods as they now are) the status. Once the pass has created or deleted
/// [`crate::timings::Timings::pods_per_pass`] pods, the ReplicaSets left wait for the
/// next.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let sets: Vec<Arc<ReplicaSet>> = queued(ctx, queue)
        .into_iter()
        .filter_map(|(ns, name)| ctx.store.get::<ReplicaSet>(&ns, &name))
        .filter(|rs| rs.metadata.deletion_timestamp.is_none())
        .collect();
    let mut touched = 0;
    let mut synced = Vec::with_capacity(sets.len());
    let mut put_off = false;
    for rs in sets {
        if touched >= ctx.timings.pods_per_pass {
            queue.wake(&key_of(&*rs), [ctx.now]);
            put_off = true;
            continue;
        }
        let pods = pods_of(ctx.store, uid_of(&rs));
        let (error, pods_touched) = sync(ctx, &rs, pods);
        touched += pods_touched;
        synced.push((rs, error));
    }
    if put_off {
        ctx.again_soon();
    }
    for (rs, error) in synced {
        let pods = pods_of(ctx.store, uid_of(&rs));
        ctx.take_woken().for_each(drop);
        update_status(ctx, &rs, &pods, error);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&*rs), woken);
    }
}

fn uid_of(rs: &ReplicaSet) -> &str {
    rs.metadata.uid.as_deref().unwrap_or_default()
}

/// Creates or deletes pods toward the replica count; the answer is the error that
/// stopped it, if one did, and how many pods it created or deleted.
fn sync(ctx: &mut Ctx, rs: &Arc<ReplicaSet>, pods: Vec<Arc<Pod>>) -> (Option<String>, usize) {
    let want = rs
        .spec
        .as_ref()
        .and_then(|s| s.replicas)
        .unwrap_or(1)
        .max(0) as usize;
    let mut active: Vec<Arc<Pod>> = pods
        .into_iter()
        .filter(|p| pod_state::is_active(p))
        .collect();
    match active.len().cmp(&want) {
        Ordering::Less => {
            let missing = (want - active.len()).min(BURST_REPLICAS);
            let before = ctx.store.count::<Pod>();
            let error = slow_start(missing, || create_pod(ctx, rs)).err();
            (error, ctx.store.count::<Pod>().saturating_sub(before))
        }
        Ordering::Greater => {
            let now = ctx.now;
            active.sort_by(|a, b| delete_first(a, b, now));
            let excess = (active.len() - want).min(BURST_REPLICAS);
            let victims = super::scheduler::scale_down_victims(ctx.store, rs, &active, excess);
            let deleted = victims.len();
            for pod in victims {
                let (ns, name) = crate::store::key_of(&*pod);
                if crate::delete::delete::<Pod>(ctx.store, ctx.now, &ns, &name, None).is_ok() {
                    ctx.record(
                        &**rs,
                        false,
                        "SuccessfulDelete",
                        format!("Deleted pod: {name}"),
                        COMPONENT,
                    );
                }
            }
            (None, deleted)
        }
        Ordering::Equal => (None, 0),
    }
}

/// Upstream's `slowStartBatch`: calls `create` `count` times in batches of 1, 2, 4, …,
/// so a create that keeps failing (a quota, say) is tried a few times rather than
/// `count` times. Every call of a batch is made (upstream runs them in parallel); the
/// first error of a batch stops it there. The answer is that error.
fn slow_start(count: usize, mut create: impl FnMut() -> Result<(), String>) -> Result<(), String> {
    let mut remaining = count;
    let mut batch = remaining.min(SLOW_START_INITIAL_BATCH);
    while batch > 0 {
        let errors: Vec<String> = (0..batch).filter_map(|_| create().err()).collect();
        if let Some(e) = errors.into_iter().next() {
            return Err(e);
        }
        remaining -= batch;
        batch = (2 * batch).min(remaining);
    }
    Ok(())
}

fn create_pod(ctx: &mut Ctx, rs: &ReplicaSet) -> Result<(), String> {
    let template = rs
        .spec
        .as_ref()
        .and_then(|s| s.template.clone())
        .unwrap_or_default();
    let template_meta = template.metadata.unwrap_or_default();
    let pod = Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-", rs.metadata.name.as_deref().unwrap_or("pod"))),
            namespace: rs.metadata.namespace.clone(),
            labels: template_meta.labels,
            annotations: template_meta.annotations,
            owner_references: Some(vec![controller_ref(rs)]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    };
    match ctx.create(pod) {
        Ok(pod) => {
            let name = pod.metadata.name.clone().unwrap_or_default();
            ctx.record(
                rs,
                false,
                "SuccessfulCreate",
                format!("Created pod: {name}"),
                COMPONENT,
            );
            Ok(())
        }
        Err(e) => {
            ctx.record(
                rs,
                true,
                "FailedCreate",
                format!("Error creating: {e}"),
                COMPONENT,
            );
            Err(e.to_string())
        }
    }
}

/// An owner reference marking `owner` as the controller of a dependent.
pub(crate) fn controller_ref<K: crate::store::Object>(owner: &K) -> OwnerReference {
    let meta = owner.metadata();
    OwnerReference {
        api_version: K::API_VERSION.to_owned(),
        kind: K::KIND.to_owned(),
        name: meta.name.clone().unwrap_or_default(),
        uid: meta.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The annotation that orders a ReplicaSet's pods for scale-down: lower goes first.
const DELETION_COST_ANNOTATION: &str = "controller.kubernetes.io/pod-deletion-cost";

/// A pod's deletion cost; unset or unreadable is 0 (upstream's `GetDeletionCostFromPodAnnotations`).
fn deletion_cost(pod: &Pod) -> i32 {
    pod.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(DELETION_COST_ANNOTATION))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Which of two pods goes first on scale-down (upstream's `ActivePodsWithRanks`, less the
/// ranks): unscheduled, then pending, then not ready, then lower deletion cost, then
/// ready for less time, then more restarts, then newer.
fn delete_first(a: &Pod, b: &Pod, now: k8s_openapi::jiff::Timestamp) -> Ordering {
    let scheduled = |p: &Pod| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some();
    let running = |p: &Pod| pod_state::phase(p) == "Running";
    let ready_for = |p: &Pod| pod_state::ready_since(p).map(|t| now.duration_since(t));
    scheduled(a)
        .cmp(&scheduled(b))
        .then(running(a).cmp(&running(b)))
        .then(pod_state::is_ready(a).cmp(&pod_state::is_ready(b)))
        .then(deletion_cost(a).cmp(&deletion_cost(b)))
        .then(
            ready_for(a)
                .unwrap_or(SignedDuration::ZERO)
                .cmp(&ready_for(b).unwrap_or(SignedDuration::ZERO)),
        )
        .then(pod_state::restarts(b).cmp(&pod_state::restarts(a)))
        .then(
            b.metadata
                .creation_timestamp
                .cmp(&a.metadata.creation_timestamp),
        )
}

fn update_status(ctx: &mut Ctx, rs: &Arc<ReplicaSet>, pods: &[Arc<Pod>], error: Option<String>) {
    let min_ready = rs
        .spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0);
    let (mut replicas, mut ready, mut available) = (0, 0, 0);
    let mut next_available = None;
    for pod in pods.iter().filter(|p| pod_state::is_active(p)) {
        replicas += 1;
        if pod_state::is_ready(pod) {
            ready += 1;
            if pod_state::is_available(pod, min_ready, ctx.now) {
                available += 1;
            } else if let Some(since) = pod_state::ready_since(pod) {
                next_available = Some(since + SignedDuration::from_secs(min_ready.into()));
            }
        }
    }
    if let Some(at) = next_available {
        ctx.wake_at(at);
    }
    let status = ReplicaSetStatus {
        replicas,
        fully_labeled_replicas: Some(replicas),
        ready_replicas: Some(ready),
        available_replicas: Some(available),
        observed_generation: rs.metadata.generation,
        conditions: failure_conditions(rs, error, ctx.now),
    };
    if rs.status.as_ref() != Some(&status) {
        let mut updated = (**rs).clone();
        updated.status = Some(status);
        updated.metadata.resource_version = None;
        let _ = ctx.store.update(updated);
    }
}

/// The ReplicaSet's conditions after a sync: a ReplicaFailure (reason FailedCreate)
/// while creating pods fails, none once it no longer does (upstream's
/// `calculateStatus`: an existing failure is kept as it is).
fn failure_conditions(
    rs: &ReplicaSet,
    error: Option<String>,
    now: k8s_openapi::jiff::Timestamp,
) -> Option<Vec<ReplicaSetCondition>> {
    let mut conditions = rs
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    let failing = conditions.iter().any(|c| c.type_ == "ReplicaFailure");
    match error {
        Some(message) if !failing => conditions.push(ReplicaSetCondition {
            type_: "ReplicaFailure".to_owned(),
            status: "True".to_owned(),
            reason: Some("FailedCreate".to_owned()),
            message: Some(message),
            last_transition_time: Some(Time(now)),
        }),
        Some(_) => {}
        None => conditions.retain(|c| c.type_ != "ReplicaFailure"),
    }
    Some(conditions).filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::slow_start;

    /// How many creates a slow start of `count` calls when those at the indexes in
    /// `failing` fail, and its answer.
    fn calls(count: usize, failing: &[usize]) -> (usize, Result<(), String>) {
        let mut calls = 0;
        let result = slow_start(count, || {
            calls += 1;
            if failing.contains(&(calls - 1)) {
                Err(format!("create {}", calls - 1))
            } else {
                Ok(())
            }
        });
        (calls, result)
    }

    #[test]
    fn batches_double_from_one_and_end_at_the_count() {
        assert_eq!(calls(10, &[]), (10, Ok(())), "1 + 2 + 4 + 3");
        assert_eq!(calls(0, &[]), (0, Ok(())));
    }

    #[test]
    fn a_batch_with_an_error_is_finished_and_the_next_never_starts() {
        // Creates 0, 1-2 succeed; the batch of 4 (3-6) has failures at 4 and 5.
        assert_eq!(calls(20, &[4, 5]), (7, Err("create 4".to_owned())));
        assert_eq!(calls(20, &[0]), (1, Err("create 0".to_owned())));
    }
}
