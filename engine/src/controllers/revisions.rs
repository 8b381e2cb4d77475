//! ControllerRevisions: the pod templates a StatefulSet or DaemonSet has had, one object
//! per template, as upstream's `controller/history` keeps them. They give the revision
//! names pods are labelled with, the old template a StatefulSet's partition keeps, and
//! `kubectl rollout history`.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::apps::v1::ControllerRevision;
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::runtime::RawExtension;

use super::replicaset::controller_ref;
use super::Ctx;
use crate::naming;
use crate::pod_state::controller_uid;
use crate::store::Object;

/// The pod label naming the revision a StatefulSet's pod was made from (its name) or a
/// DaemonSet's pod (its hash), upstream's `ControllerRevisionHashLabelKey`.
pub const CONTROLLER_REVISION_LABEL: &str = "controller-revision-hash";
/// The label holding a revision's template hash (upstream's `ControllerRevisionHashLabel`).
const HASH_LABEL: &str = "controller.kubernetes.io/hash";
/// Upstream's default `revisionHistoryLimit`.
const DEFAULT_HISTORY_LIMIT: i32 = 10;

/// The revisions `uid` controls, from the store's owner index.
pub(crate) fn of(store: &crate::store::Store, uid: &str) -> Vec<Arc<ControllerRevision>> {
    store
        .owned_by::<ControllerRevision>(uid)
        .filter(|r| controller_uid(&r.metadata) == Some(uid))
        .cloned()
        .collect()
}

/// The revision of `template` for `owner` (`<owner>-<template hash>`), created when
/// missing. An older revision whose template comes back (a rollback) takes the next
/// revision number, as upstream's `history.UpdateControllerRevision` does.
pub(crate) fn ensure<K: Object>(
    ctx: &mut Ctx,
    owner: &K,
    template: &PodTemplateSpec,
    revisions: &[Arc<ControllerRevision>],
) -> Option<Arc<ControllerRevision>> {
    let hash = naming::template_hash(template);
    let name = format!(
        "{}-{hash}",
        owner.metadata().name.as_deref().unwrap_or_default()
    );
    let latest = revisions.iter().map(|r| r.revision).max().unwrap_or(0);
    if let Some(existing) = revisions
        .iter()
        .find(|r| r.metadata.name.as_deref() == Some(&name))
    {
        if existing.revision == latest {
            return Some(Arc::clone(existing));
        }
        let mut renumbered = (**existing).clone();
        renumbered.metadata.resource_version = None;
        renumbered.revision = latest + 1;
        return ctx.store.update(renumbered).ok();
    }
    let mut labels: BTreeMap<String, String> = template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    labels.insert(HASH_LABEL.to_owned(), hash);
    let revision = ControllerRevision {
        metadata: ObjectMeta {
            name: Some(name),
            namespace: owner.metadata().namespace.clone(),
            labels: Some(labels),
            owner_references: Some(vec![controller_ref(owner)]),
            ..Default::default()
        },
        // Upstream stores the template as a patch of the owner's spec.
        data: Some(RawExtension(
            serde_json::json!({ "spec": { "template": template } }),
        )),
        revision: latest + 1,
    };
    match ctx.create(revision) {
        Ok(created) => Some(created),
        Err(e) => {
            tracing::warn!(error = %e, "controller revision not created");
            None
        }
    }
}

/// The hash part of a revision's name: what a DaemonSet's pods are labelled with.
pub(crate) fn hash_of(revision: &ControllerRevision) -> &str {
    revision
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(HASH_LABEL))
        .map_or("", String::as_str)
}

/// The pod template a revision holds.
pub(crate) fn template_of(revision: &ControllerRevision) -> Option<PodTemplateSpec> {
    let data = revision.data.as_ref()?;
    serde_json::from_value(data.0.get("spec")?.get("template")?.clone()).ok()
}

/// Deletes the oldest revisions beyond the owner's `revisionHistoryLimit`, never one in
/// `live` (the current and update revisions and those pods still run), as upstream's
/// `truncateHistory` does.
pub(crate) fn truncate(
    ctx: &mut Ctx,
    revisions: &[Arc<ControllerRevision>],
    live: &HashSet<&str>,
    limit: Option<i32>,
) {
    let limit = limit.unwrap_or(DEFAULT_HISTORY_LIMIT).max(0) as usize;
    let mut history: Vec<&Arc<ControllerRevision>> = revisions
        .iter()
        .filter(|r| !live.contains(r.metadata.name.as_deref().unwrap_or_default()))
        .collect();
    if history.len() <= limit {
        return;
    }
    history.sort_by_key(|r| r.revision);
    let excess = history.len() - limit;
    for rev in history.into_iter().take(excess) {
        let (ns, name) = crate::store::key_of(&**rev);
        let _ = crate::delete::delete::<ControllerRevision>(ctx.store, ctx.now, &ns, &name, None);
    }
}
