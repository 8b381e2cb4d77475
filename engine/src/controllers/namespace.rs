//! The namespace controller, as upstream's: a deleted namespace turns Terminating,
//! everything in it is deleted, and once nothing is left its `kubernetes` finalizer
//! is removed and the namespace goes.

use std::collections::BTreeSet;

use k8s_openapi::api::apps::v1::{
    ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet,
};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, NamespaceCondition, Pod, ResourceQuota, Secret,
    Service, ServiceAccount,
};
use k8s_openapi::api::networking::v1::{Ingress, NetworkPolicy};
use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
use k8s_openapi::api::storage::v1::CSIStorageCapacity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::queue::Queue;
use super::Ctx;
use crate::delete::Deletable;
use crate::store::EventType;

/// The namespaces being emptied, looked at each pass until they are gone.
#[derive(Default)]
pub(crate) struct Controller {
    queue: Queue,
    terminating: BTreeSet<String>,
}

impl Controller {
    /// The resourceVersion up to which the controller has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.queue.seen()
    }
}

/// Finds the namespaces newly deleted, then empties each one being deleted.
pub(crate) fn sync_all(ctx: &mut Ctx, controller: &mut Controller) {
    let deleted = |ns: &Namespace| ns.metadata.deletion_timestamp.is_some();
    let found: Vec<String> = match controller.queue.begin(ctx.store) {
        Some(since) => ctx
            .store
            .recent_changes::<Namespace>(since)
            .iter()
            .filter(|c| c.kind != EventType::Deleted && deleted(&c.object))
            .filter_map(|c| c.object.metadata.name.clone())
            .collect(),
        None => ctx
            .store
            .list::<Namespace>(None)
            .filter(|ns| deleted(ns))
            .filter_map(|ns| ns.metadata.name.clone())
            .collect(),
    };
    controller.terminating.extend(found);
    let namespaces: Vec<String> = controller.terminating.iter().cloned().collect();
    for name in namespaces {
        if !finalize(ctx, &name) {
            continue;
        }
        controller.terminating.remove(&name);
    }
}

/// One pass over a namespace being deleted; the answer says whether it is gone.
fn finalize(ctx: &mut Ctx, name: &str) -> bool {
    let Some(ns) = ctx.store.get::<Namespace>("", name) else {
        return true;
    };
    mark_terminating(ctx, &ns);
    let left = delete_all(ctx, name);
    if left > 0 {
        return false;
    }
    let _ = ctx.store.remove::<Namespace>("", name);
    true
}

/// Phase Terminating, with upstream's condition saying the content is being deleted.
fn mark_terminating(ctx: &mut Ctx, ns: &Namespace) {
    let status = ns.status.clone().unwrap_or_default();
    if status.phase.as_deref() == Some("Terminating") {
        return;
    }
    let mut updated = ns.clone();
    let status = updated.status.get_or_insert_with(Default::default);
    status.phase = Some("Terminating".to_owned());
    status.conditions = Some(vec![NamespaceCondition {
        type_: "NamespaceContentRemaining".to_owned(),
        status: "True".to_owned(),
        reason: Some("SomeResourcesRemain".to_owned()),
        message: Some("Some resources are remaining".to_owned()),
        last_transition_time: Some(Time(ctx.now)),
    }]);
    updated.metadata.resource_version = None;
    if let Err(e) = ctx.store.update(updated) {
        tracing::warn!("namespace terminating: {e}");
    }
}

/// Deletes every object of every namespaced kind in `ns` (pods gracefully, the rest at
/// once); the answer is how many are still there.
fn delete_all(ctx: &mut Ctx, ns: &str) -> usize {
    delete_kind::<CronJob>(ctx, ns)
        + delete_kind::<Job>(ctx, ns)
        + delete_kind::<Deployment>(ctx, ns)
        + delete_kind::<StatefulSet>(ctx, ns)
        + delete_kind::<DaemonSet>(ctx, ns)
        + delete_kind::<ReplicaSet>(ctx, ns)
        + delete_kind::<ControllerRevision>(ctx, ns)
        + delete_kind::<Pod>(ctx, ns)
        + delete_kind::<Service>(ctx, ns)
        + delete_kind::<Endpoints>(ctx, ns)
        + delete_kind::<ConfigMap>(ctx, ns)
        + delete_kind::<Secret>(ctx, ns)
        + delete_kind::<ServiceAccount>(ctx, ns)
        + delete_kind::<ResourceQuota>(ctx, ns)
        + delete_kind::<Role>(ctx, ns)
        + delete_kind::<RoleBinding>(ctx, ns)
        + delete_kind::<Ingress>(ctx, ns)
        + delete_kind::<NetworkPolicy>(ctx, ns)
        + delete_kind::<CSIStorageCapacity>(ctx, ns)
        + delete_kind::<Event>(ctx, ns)
}

fn delete_kind<K: Deletable>(ctx: &mut Ctx, ns: &str) -> usize {
    let names: Vec<(String, bool)> = ctx
        .store
        .list_unpacked::<K>(Some(ns))
        .map(|o| {
            let meta = o.metadata();
            (
                meta.name.clone().unwrap_or_default(),
                meta.deletion_timestamp.is_some(),
            )
        })
        .collect();
    for (name, deleting) in &names {
        if !deleting {
            let _ = crate::delete::delete::<K>(ctx.store, ctx.now, ns, name, None);
        }
    }
    ctx.store.list_stored::<K>(Some(ns)).count()
}
