//! The new ReplicaSet: the one of the Deployment's current template, created for a
//! rollout and kept in step with the Deployment (upstream's `getNewReplicaSet`).

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::progressing::{has_deadline, Noted, Outcome};
use super::rolling::new_replicas;
use super::scale::set_replica_annotations;
use super::{replicas_of, revision, Ctx, COMPONENT, REVISION_ANNOTATION, TEMPLATE_HASH_LABEL};
use crate::controllers::replicaset::controller_ref;

/// The revision the new ReplicaSet should have: one past the old ones'.
fn next_revision(old: &[Arc<ReplicaSet>]) -> i64 {
    old.iter().map(|rs| revision(rs)).max().unwrap_or(0) + 1
}

fn min_ready_seconds(d: &Deployment) -> i32 {
    d.spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0)
}

/// Keeps an existing new ReplicaSet in step: it takes the next revision when it becomes
/// current again (a rollback) and the Deployment's minReadySeconds. A Deployment with a
/// progress deadline but no Progressing condition notes that it found the set.
pub(super) fn sync_existing(
    ctx: &mut Ctx,
    d: &Deployment,
    new: &Arc<ReplicaSet>,
    old: &[Arc<ReplicaSet>],
    outcome: &mut Outcome,
) -> Arc<ReplicaSet> {
    let next = next_revision(old);
    let renumber = revision(new) < next;
    let min_ready = min_ready_seconds(d);
    let set_min_ready = new
        .spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0)
        != min_ready;
    if renumber || set_min_ready {
        let mut synced = (**new).clone();
        synced.metadata.resource_version = None;
        if renumber {
            synced
                .metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert(REVISION_ANNOTATION.to_owned(), next.to_string());
        }
        if let Some(spec) = synced.spec.as_mut() {
            spec.min_ready_seconds = Some(min_ready);
        }
        return ctx.store.update(synced).unwrap_or_else(|_| Arc::clone(new));
    }
    let paused = d.spec.as_ref().and_then(|s| s.paused) == Some(true);
    let conditions = d.status.as_ref().and_then(|s| s.conditions.as_deref());
    let progressing = conditions
        .unwrap_or_default()
        .iter()
        .any(|c| c.type_ == "Progressing");
    // A paused Deployment gets its DeploymentPaused condition first.
    if has_deadline(d) && !paused && !progressing {
        let name = new.metadata.name.as_deref().unwrap_or_default();
        outcome.noted = Some(Noted::progressing(
            "FoundNewReplicaSet",
            format!("Found new replica set \"{name}\""),
        ));
    }
    Arc::clone(new)
}

/// Creates the ReplicaSet of the Deployment's template, at its first rollout step's
/// size, with the next revision and the replica annotations; notes NewReplicaSetCreated
/// (or, failing, ReplicaSetCreateError) for the Progressing condition.
pub(super) fn create(
    ctx: &mut Ctx,
    d: &Deployment,
    hash: &str,
    old: &[Arc<ReplicaSet>],
    outcome: &mut Outcome,
) -> Option<Arc<ReplicaSet>> {
    let spec = d.spec.as_ref()?;
    let name = format!("{}-{hash}", d.metadata.name.as_deref().unwrap_or_default());
    let with_hash = |labels: Option<BTreeMap<String, String>>| {
        let mut labels = labels.unwrap_or_default();
        labels.insert(TEMPLATE_HASH_LABEL.to_owned(), hash.to_owned());
        Some(labels)
    };
    let mut template: PodTemplateSpec = spec.template.clone();
    let mut template_meta = template.metadata.unwrap_or_default();
    template_meta.labels = with_hash(template_meta.labels);
    template.metadata = Some(template_meta.clone());
    let mut selector = spec.selector.clone();
    selector.match_labels = with_hash(selector.match_labels);
    let total: i32 = old.iter().map(|rs| replicas_of(rs)).sum();
    let replicas = new_replicas(d, total, 0);
    let mut rs = ReplicaSet {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            namespace: d.metadata.namespace.clone(),
            labels: template_meta.labels.clone(),
            annotations: Some(BTreeMap::from([(
                REVISION_ANNOTATION.to_owned(),
                next_revision(old).to_string(),
            )])),
            owner_references: Some(vec![controller_ref(d)]),
            ..Default::default()
        },
        spec: Some(ReplicaSetSpec {
            replicas: Some(replicas),
            min_ready_seconds: spec.min_ready_seconds,
            selector,
            template: Some(template),
        }),
        status: None,
    };
    set_replica_annotations(&mut rs, d);
    match ctx.create(rs) {
        Ok(rs) => {
            if replicas > 0 {
                let message = format!("Scaled up replica set {name} from 0 to {replicas}");
                ctx.record(d, false, "ScalingReplicaSet", message, COMPONENT);
            }
            if has_deadline(d) {
                outcome.noted = Some(Noted::progressing(
                    "NewReplicaSetCreated",
                    format!("Created new replica set \"{name}\""),
                ));
            }
            Some(rs)
        }
        Err(e) => {
            let message = format!("Failed to create new replica set \"{name}\": {e}");
            if has_deadline(d) {
                outcome.noted = Some(Noted::failed("ReplicaSetCreateError", message.clone()));
            }
            ctx.record(d, true, "ReplicaSetCreateError", message, COMPONENT);
            // Upstream's sync ends with the error, before the rollout's status.
            outcome.rollout = false;
            None
        }
    }
}
