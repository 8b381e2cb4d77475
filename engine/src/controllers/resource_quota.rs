//! The ResourceQuota controller, as upstream's: each quota's `status.hard` is its
//! `spec.hard`, and `status.used` what the namespace's objects use of those
//! resources, recounted whenever something in the namespace changed.

use std::collections::BTreeSet;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Pod, ResourceQuota, ResourceQuotaStatus, Secret, Service,
};

use super::queue::Queue;
use super::Ctx;
use crate::quota::{self, usage::Usage};
use crate::store::{Object, Store};

/// The namespaces with a change after `since`, in the kinds quotas count.
fn changed_namespaces(store: &Store, since: u64) -> BTreeSet<String> {
    fn add<K: Object>(store: &Store, since: u64, namespaces: &mut BTreeSet<String>) {
        for change in store.recent_changes::<K>(since) {
            let ns = change.object.metadata().namespace.clone();
            namespaces.insert(ns.unwrap_or_default());
        }
    }
    let mut namespaces = BTreeSet::new();
    add::<ResourceQuota>(store, since, &mut namespaces);
    add::<Pod>(store, since, &mut namespaces);
    add::<Deployment>(store, since, &mut namespaces);
    add::<ReplicaSet>(store, since, &mut namespaces);
    add::<StatefulSet>(store, since, &mut namespaces);
    add::<DaemonSet>(store, since, &mut namespaces);
    add::<Service>(store, since, &mut namespaces);
    add::<ConfigMap>(store, since, &mut namespaces);
    add::<Secret>(store, since, &mut namespaces);
    namespaces
}

pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let since = queue.begin(ctx.store);
    if ctx.store.count::<ResourceQuota>() == 0 {
        return;
    }
    let namespaces = since.map(|since| changed_namespaces(ctx.store, since));
    let quotas: Vec<_> = ctx
        .store
        .list::<ResourceQuota>(None)
        .filter(|q| {
            let ns = q.metadata.namespace.clone().unwrap_or_default();
            namespaces.as_ref().is_none_or(|n| n.contains(&ns))
        })
        .cloned()
        .collect();
    for q in quotas {
        let hard: Usage = quota::hard_of(&q);
        let resources: Vec<String> = hard.keys().cloned().collect();
        let namespace = q.metadata.namespace.as_deref().unwrap_or_default();
        let used = quota::measure(ctx.store, namespace, &resources);
        let status = ResourceQuotaStatus {
            hard: q.spec.as_ref().and_then(|s| s.hard.clone()),
            used: Some(quota::quantities(&used)),
        };
        if q.status.as_ref() != Some(&status) {
            let mut next = (*q).clone();
            next.metadata.resource_version = None;
            next.status = Some(status);
            if let Err(e) = ctx.store.update(next) {
                tracing::warn!("quota {namespace}: {e}");
            }
        }
    }
}
