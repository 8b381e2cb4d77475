//! Every namespace's `default` ServiceAccount, as upstream's ServiceAccountsController
//! keeps it: made when the namespace appears, and made again when deleted.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Namespace, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::queue::Queue;
use super::Ctx;
use crate::store::EventType;

/// The account every namespace gets, and pods run as unless they name another.
pub const DEFAULT: &str = "default";

/// Makes the `default` account of the namespaces that appeared or lost theirs since
/// the previous pass (every namespace on the first).
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let namespaces: BTreeSet<String> = match queue.begin(ctx.store) {
        None => ctx
            .store
            .list::<Namespace>(None)
            .filter_map(|ns| ns.metadata.name.clone())
            .collect(),
        Some(since) => {
            let added = ctx
                .store
                .recent_changes::<Namespace>(since)
                .iter()
                .filter(|c| c.kind != EventType::Deleted)
                .filter_map(|c| c.object.metadata.name.clone());
            let lost = ctx
                .store
                .recent_changes::<ServiceAccount>(since)
                .iter()
                .filter(|c| c.kind == EventType::Deleted)
                .filter_map(|c| c.object.metadata.namespace.clone());
            added.chain(lost).collect()
        }
    };
    for namespace in namespaces {
        sync_namespace(ctx, &namespace);
    }
}

/// Upstream's `syncNamespace`: nothing for a namespace being deleted.
fn sync_namespace(ctx: &mut Ctx, namespace: &str) {
    let Some(ns) = ctx.store.get::<Namespace>("", namespace) else {
        return;
    };
    let terminating = ns.metadata.deletion_timestamp.is_some()
        || ns.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Terminating");
    if terminating
        || ctx
            .store
            .get::<ServiceAccount>(namespace, DEFAULT)
            .is_some()
    {
        return;
    }
    let account = ServiceAccount {
        metadata: ObjectMeta {
            name: Some(DEFAULT.to_owned()),
            namespace: Some(namespace.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    };
    if let Err(e) = ctx.create(account) {
        tracing::warn!(namespace, error = %e, "default ServiceAccount not created");
    }
}
