//! The ReplicaSet controller: keeps `spec.replicas` active pods, replacing any that go.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetStatus};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::jiff::SignedDuration;

use super::Ctx;
use crate::pod_state;

const COMPONENT: &str = "replicaset-controller";

/// The pods of each controller, by the controller's uid.
pub(crate) fn pods_by_controller(ctx: &Ctx) -> HashMap<String, Vec<Arc<Pod>>> {
    let mut owned: HashMap<String, Vec<Arc<Pod>>> = HashMap::new();
    for pod in ctx.store.list::<Pod>(None) {
        if let Some(uid) = pod_state::controller_uid(&pod.metadata) {
            owned
                .entry(uid.to_owned())
                .or_default()
                .push(Arc::clone(pod));
        }
    }
    owned
}

/// One pass over every ReplicaSet: first the pod counts, then (over the pods as they
/// now are) the status. Pods are grouped by owner once per pass, not once per set.
pub(crate) fn sync_all(ctx: &mut Ctx) {
    let sets: Vec<Arc<ReplicaSet>> = ctx
        .store
        .list::<ReplicaSet>(None)
        .filter(|rs| rs.metadata.deletion_timestamp.is_none())
        .cloned()
        .collect();
    let mut owned = pods_by_controller(ctx);
    for rs in &sets {
        let pods = owned.remove(uid_of(rs)).unwrap_or_default();
        sync(ctx, rs, pods);
    }
    let mut owned = pods_by_controller(ctx);
    for rs in &sets {
        let pods = owned.remove(uid_of(rs)).unwrap_or_default();
        update_status(ctx, rs, &pods);
    }
}

fn uid_of(rs: &ReplicaSet) -> &str {
    rs.metadata.uid.as_deref().unwrap_or_default()
}

fn sync(ctx: &mut Ctx, rs: &Arc<ReplicaSet>, pods: Vec<Arc<Pod>>) {
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
            for _ in active.len()..want {
                create_pod(ctx, rs);
            }
        }
        Ordering::Greater => {
            let now = ctx.now;
            active.sort_by(|a, b| delete_first(a, b, now));
            for pod in active.drain(..active.len() - want) {
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
        }
        Ordering::Equal => {}
    }
}

fn create_pod(ctx: &mut Ctx, rs: &ReplicaSet) {
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
    match ctx.store.create(pod, ctx.now) {
        Ok(pod) => {
            let name = pod.metadata.name.clone().unwrap_or_default();
            ctx.record(
                rs,
                false,
                "SuccessfulCreate",
                format!("Created pod: {name}"),
                COMPONENT,
            );
        }
        Err(e) => ctx.record(
            rs,
            true,
            "FailedCreate",
            format!("Error creating: {e}"),
            COMPONENT,
        ),
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

/// Which of two pods goes first on scale-down (upstream's `ActivePodsWithRanks`, less the
/// ranks): unscheduled, then pending, then not ready, then ready for less time, then
/// more restarts, then newer.
fn delete_first(a: &Pod, b: &Pod, now: k8s_openapi::jiff::Timestamp) -> Ordering {
    let scheduled = |p: &Pod| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some();
    let running = |p: &Pod| pod_state::phase(p) == "Running";
    let ready_for = |p: &Pod| pod_state::ready_since(p).map(|t| now.duration_since(t));
    scheduled(a)
        .cmp(&scheduled(b))
        .then(running(a).cmp(&running(b)))
        .then(pod_state::is_ready(a).cmp(&pod_state::is_ready(b)))
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

fn update_status(ctx: &mut Ctx, rs: &Arc<ReplicaSet>, pods: &[Arc<Pod>]) {
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
        conditions: rs.status.as_ref().and_then(|s| s.conditions.clone()),
    };
    if rs.status.as_ref() != Some(&status) {
        let mut updated = (**rs).clone();
        updated.status = Some(status);
        updated.metadata.resource_version = None;
        let _ = ctx.store.update(updated);
    }
}
