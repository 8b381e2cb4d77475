//! The Deployment controller: one ReplicaSet per pod template (`new_set.rs`), rolled
//! out by the Deployment's strategy (`rolling.rs`, `recreate.rs`), scaled in proportion
//! mid-rollout (`proportional.rs`, `scale.rs`), with status and conditions
//! (`progress.rs`, `progressing.rs`) and old revisions kept for rollback
//! (`history.rs`), as upstream's `pkg/controller/deployment`.

mod history;
mod new_set;
mod progress;
mod progressing;
mod proportional;
mod recreate;
mod rolling;
mod scale;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;

use self::progressing::Outcome;
pub use self::scale::{DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION};
use super::queue::Queue;
use super::Ctx;
use crate::naming;
use crate::pod_state::controller_uid;
use crate::store::{key_of, ObjectKey};

const COMPONENT: &str = "deployment-controller";
/// The label that ties a ReplicaSet and its pods to one template.
pub const TEMPLATE_HASH_LABEL: &str = "pod-template-hash";
/// The annotation holding a ReplicaSet's (and its Deployment's) revision.
pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// A Deployment's ReplicaSets, split as the rollout sees them.
pub(crate) struct Sets {
    /// The ReplicaSet of the current template, if it exists yet.
    pub new: Option<Arc<ReplicaSet>>,
    /// Every other ReplicaSet, oldest first.
    pub old: Vec<Arc<ReplicaSet>>,
}

impl Sets {
    fn all(&self) -> impl Iterator<Item = &Arc<ReplicaSet>> {
        self.new.iter().chain(self.old.iter())
    }
}

/// The keys of the Deployments to look at in this pass: those that changed, those
/// whose ReplicaSets (or their pods) changed, and those whose timers are due (all of
/// them on the first pass).
fn queued(
    ctx: &mut Ctx,
    queue: &mut Queue,
    hashes: &mut HashMap<String, (i64, String)>,
) -> BTreeSet<ObjectKey> {
    let mut keys = BTreeSet::new();
    match queue.begin(ctx.store) {
        None => keys.extend(ctx.store.list::<Deployment>(None).map(|d| key_of(&**d))),
        Some(since) => {
            let store = &*ctx.store;
            let owner = |uid: Option<&str>| {
                uid.and_then(|uid| store.get_by_uid::<Deployment>(uid))
                    .map(|d| key_of(&*d))
            };
            for change in store.recent_changes::<Deployment>(since) {
                keys.insert(key_of(&*change.object));
                if change.kind == crate::store::EventType::Deleted {
                    hashes.remove(uid_of(&change.object));
                }
            }
            for change in store.recent_changes::<ReplicaSet>(since) {
                for rs in [Some(&change.object), change.previous.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    keys.extend(owner(controller_uid(&rs.metadata)));
                }
            }
            // Recreate waits for the old pods to be gone.
            for change in store.recent_changes::<k8s_openapi::api::core::v1::Pod>(since) {
                for pod in [Some(&change.object), change.previous.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    let rs = controller_uid(&pod.metadata)
                        .and_then(|uid| store.get_by_uid::<ReplicaSet>(uid));
                    keys.extend(rs.and_then(|rs| owner(controller_uid(&rs.metadata))));
                }
            }
        }
    }
    queue.take_due(ctx.now, &mut keys);
    keys
}

/// What the Deployment controller keeps between passes.
#[derive(Default)]
pub(crate) struct Controller {
    queue: Queue,
    /// Each Deployment's template hash at a generation: the template changes only with
    /// the spec, so it is hashed once per generation, not once per sync.
    hashes: HashMap<String, (i64, String)>,
}

impl Controller {
    /// The resourceVersion up to which the controller has seen every change.
    pub(crate) fn seen(&self) -> u64 {
        self.queue.seen()
    }

    fn hash(&mut self, d: &Deployment) -> String {
        let generation = d.metadata.generation.unwrap_or(0);
        let uid = uid_of(d);
        match self.hashes.get(uid) {
            Some((g, hash)) if *g == generation => hash.clone(),
            _ => {
                let hash = template_hash(d);
                self.hashes
                    .insert(uid.to_owned(), (generation, hash.clone()));
                hash
            }
        }
    }
}

/// One pass over the Deployments with something new: the rollouts, then (over the
/// ReplicaSets as they now are) the status.
pub(crate) fn sync_all(ctx: &mut Ctx, controller: &mut Controller) {
    let keys = queued(ctx, &mut controller.queue, &mut controller.hashes);
    let deployments: Vec<(Arc<Deployment>, String)> = keys
        .into_iter()
        .filter_map(|(ns, name)| ctx.store.get::<Deployment>(&ns, &name))
        .filter(|d| d.metadata.deletion_timestamp.is_none())
        .map(|d| {
            let hash = controller.hash(&d);
            (d, hash)
        })
        .collect();
    let queue = &mut controller.queue;
    ctx.take_woken().for_each(drop);
    let mut outcomes = Vec::with_capacity(deployments.len());
    for (d, hash) in &deployments {
        let sets = split(sets_of(ctx, uid_of(d)), hash);
        outcomes.push(rollout(ctx, d, hash, sets));
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&**d), woken);
    }
    for ((d, hash), outcome) in deployments.iter().zip(outcomes) {
        let sets = split(sets_of(ctx, uid_of(d)), hash);
        progress::sync_status(ctx, d, &sets, &outcome);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&**d), woken);
    }
}

fn uid_of(d: &Deployment) -> &str {
    d.metadata.uid.as_deref().unwrap_or_default()
}

/// One sync of a Deployment (upstream's `syncDeployment`): a paused Deployment, or one
/// whose replica count changed, only scales (`proportional.rs`); otherwise its strategy
/// rolls it out. The answer tells the status what happened.
fn rollout(ctx: &mut Ctx, d: &Deployment, hash: &str, mut sets: Sets) -> Outcome {
    let mut outcome = Outcome::default();
    if let Some(new) = &sets.new {
        sets.new = Some(new_set::sync_existing(ctx, d, new, &sets.old, &mut outcome));
    }
    let paused = d.spec.as_ref().and_then(|s| s.paused).unwrap_or(false);
    if paused || proportional::is_scaling_event(d, &sets) {
        proportional::scale_all(ctx, d, &sets);
        if paused {
            history::clean_up(ctx, d, &sets);
        }
        return outcome;
    }
    outcome.rollout = true;
    if rolling::is_rolling(d) {
        if sets.new.is_none() {
            sets.new = new_set::create(ctx, d, hash, &sets.old, &mut outcome);
        }
        rolling::rollout(ctx, d, &sets);
    } else {
        recreate::rollout(ctx, d, hash, &mut sets, &mut outcome);
    }
    outcome
}

/// The pod-template-hash of the Deployment's template (upstream's `ComputeHash`: FNV-32a
/// of the template, encoded with `SafeEncodeString`).
pub(crate) fn template_hash(d: &Deployment) -> String {
    match d.spec.as_ref() {
        Some(spec) => naming::template_hash(&spec.template),
        // What upstream hashes for a missing template: JSON `null`.
        None => naming::safe_encode(naming::fnv32a(b"null")),
    }
}

/// The ReplicaSets `uid` controls, from the store's owner index.
fn sets_of(ctx: &Ctx, uid: &str) -> Vec<Arc<ReplicaSet>> {
    ctx.store
        .owned_by::<ReplicaSet>(uid)
        .filter(|rs| controller_uid(&rs.metadata) == Some(uid))
        .cloned()
        .collect()
}

/// Splits a Deployment's ReplicaSets into the one of the current template and the rest.
fn split(sets: Vec<Arc<ReplicaSet>>, hash: &str) -> Sets {
    let mut new = None;
    let mut old = Vec::new();
    for rs in sets {
        let rs_hash = rs
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(TEMPLATE_HASH_LABEL));
        if rs_hash.map(String::as_str) == Some(hash) {
            new = Some(rs);
        } else {
            old.push(rs);
        }
    }
    old.sort_by(|a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
    });
    Sets { new, old }
}

/// The revision number a ReplicaSet carries.
pub(crate) fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(REVISION_ANNOTATION))
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

/// The template of a Deployment's ReplicaSet at `revision` (the one before the current
/// when `None`), without its pod-template-hash label: what `kubectl rollout undo` puts
/// back into the Deployment.
pub(crate) fn template_at(
    store: &crate::store::Store,
    d: &Deployment,
    revision_wanted: Option<i64>,
) -> Option<PodTemplateSpec> {
    let uid = d.metadata.uid.as_deref()?;
    let mut sets: Vec<&Arc<ReplicaSet>> = store
        .list::<ReplicaSet>(d.metadata.namespace.as_deref())
        .filter(|rs| controller_uid(&rs.metadata) == Some(uid))
        .collect();
    sets.sort_by_key(|rs| revision(rs));
    let rs = match revision_wanted {
        Some(r) => sets.into_iter().find(|rs| revision(rs) == r)?,
        None => {
            sets.pop()?; // the current revision
            sets.pop()?
        }
    };
    let mut template = rs.spec.as_ref()?.template.clone()?;
    if let Some(labels) = template.metadata.as_mut().and_then(|m| m.labels.as_mut()) {
        labels.remove(TEMPLATE_HASH_LABEL);
    }
    Some(template)
}

/// A ReplicaSet's desired replicas.
pub(crate) fn replicas_of(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
}

/// A ReplicaSet's available replicas.
pub(crate) fn available_of(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.available_replicas)
        .unwrap_or(0)
}

/// A Deployment's desired replicas.
pub(crate) fn desired(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}
