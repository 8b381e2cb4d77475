//! The DaemonSet controller: one pod on every node that should run it (`nodes.rs`),
//! replaced on a template change by the update strategy (`update.rs`), its templates
//! kept as ControllerRevisions, as upstream's `pkg/controller/daemon`.

mod nodes;
mod update;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetStatus};
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::queue::{selecting_orphans, Queue};
use super::replicaset::{controller_ref, pods_of};
use super::revisions::{self, CONTROLLER_REVISION_LABEL};
use super::Ctx;
use crate::pod_state;
use crate::store::key_of;
use nodes::Fit;

const COMPONENT: &str = "daemonset-controller";
/// The pod label with the DaemonSet generation the pod was made at (upstream's
/// `DaemonSetTemplateGenerationKey`).
const GENERATION_LABEL: &str = "pod-template-generation";

/// A DaemonSet's pods by the node they are for, terminating ones included.
type PodsByNode = BTreeMap<String, Vec<Arc<Pod>>>;

/// What one DaemonSet's pass works with.
struct Daemon<'a> {
    ds: &'a DaemonSet,
    /// The template hash pods of the current template carry.
    hash: String,
    /// Every node, by name, with whether the set should run there.
    fits: BTreeMap<String, Fit>,
    pods: PodsByNode,
}

impl Daemon<'_> {
    fn min_ready(&self) -> i32 {
        self.ds
            .spec
            .as_ref()
            .and_then(|s| s.min_ready_seconds)
            .unwrap_or(0)
    }

    /// How many nodes should run the set's pod (`desiredNumberScheduled`).
    fn desired(&self) -> i32 {
        self.fits.values().filter(|f| f.should_run).count() as i32
    }

    fn is_updated(&self, pod: &Pod) -> bool {
        pod.metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(CONTROLLER_REVISION_LABEL))
            .is_some_and(|h| *h == self.hash)
    }
}

/// One pass over the DaemonSets the changes touch (every one when a node changed, and
/// those whose timers are due): the pods of each node, then the rollout once nothing
/// else changed (upstream's expectations), then (over the pods as they now are) the
/// status.
pub(crate) fn sync_all(ctx: &mut Ctx, queue: &mut Queue) {
    let store = &*ctx.store;
    let keys = queue.controllers::<DaemonSet>(store, ctx.now, |since, keys| {
        selecting_orphans::<DaemonSet>(store, since, keys, |d| Some(&d.spec.as_ref()?.selector));
        // A node added, changed or gone changes where every DaemonSet runs.
        if !store.recent_changes::<Node>(since).is_empty() {
            keys.extend(store.list::<DaemonSet>(None).map(|d| key_of(&**d)));
        }
    });
    let sets: Vec<Arc<DaemonSet>> = keys
        .into_iter()
        .filter_map(|(ns, name)| ctx.store.get::<DaemonSet>(&ns, &name))
        .filter(|d| d.metadata.deletion_timestamp.is_none())
        .collect();
    if sets.is_empty() {
        return;
    }
    let nodes: Vec<Arc<Node>> = ctx.store.list::<Node>(None).cloned().collect();
    let mut hashes = Vec::with_capacity(sets.len());
    ctx.take_woken().for_each(drop);
    for ds in &sets {
        sync(ctx, ds, &nodes, &mut hashes);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&**ds), woken);
    }
    for (ds, hash) in hashes {
        let daemon = Daemon {
            ds: &ds,
            hash,
            fits: fits(&ds, &nodes),
            pods: by_node(pods_of(ctx.store, uid_of(&ds))),
        };
        update_status(ctx, &daemon);
        let woken: Vec<_> = ctx.take_woken().collect();
        queue.wake(&key_of(&*ds), woken);
    }
}

/// One DaemonSet's revision, pods and rollout; its revision hash goes to `hashes` for
/// the status pass.
fn sync(
    ctx: &mut Ctx,
    ds: &Arc<DaemonSet>,
    nodes: &[Arc<Node>],
    hashes: &mut Vec<(Arc<DaemonSet>, String)>,
) {
    let Some(spec) = ds.spec.as_ref() else {
        return;
    };
    let revs = revisions::of(ctx.store, uid_of(ds));
    let Some(revision) = revisions::ensure(ctx, &**ds, &spec.template, &revs) else {
        return;
    };
    let daemon = Daemon {
        ds,
        hash: revisions::hash_of(&revision).to_owned(),
        fits: fits(ds, nodes),
        pods: by_node(pods_of(ctx.store, uid_of(ds))),
    };
    if manage(ctx, &daemon) {
        update::roll(ctx, &daemon);
    }
    let pod_hashes: HashSet<&str> = daemon
        .pods
        .values()
        .flatten()
        .filter_map(|p| p.metadata.labels.as_ref()?.get(CONTROLLER_REVISION_LABEL))
        .map(String::as_str)
        .collect();
    let revision_name = revision.metadata.name.as_deref().unwrap_or_default();
    let live: HashSet<&str> = revs
        .iter()
        .filter(|r| pod_hashes.contains(revisions::hash_of(r)))
        .filter_map(|r| r.metadata.name.as_deref())
        .chain([revision_name])
        .collect();
    revisions::truncate(ctx, &revs, &live, spec.revision_history_limit);
    hashes.push((Arc::clone(ds), daemon.hash));
}

fn uid_of(ds: &DaemonSet) -> &str {
    ds.metadata.uid.as_deref().unwrap_or_default()
}

fn fits(ds: &DaemonSet, nodes: &[Arc<Node>]) -> BTreeMap<String, Fit> {
    let template = ds.spec.as_ref().map(|s| &s.template);
    nodes
        .iter()
        .filter_map(|n| {
            let fit = nodes::fit(template?, n);
            Some((n.metadata.name.clone()?, fit))
        })
        .collect()
}

fn by_node(pods: Vec<Arc<Pod>>) -> PodsByNode {
    let mut by_node = PodsByNode::new();
    for pod in pods {
        if let Some(node) = nodes::target_node(&pod) {
            by_node.entry(node.to_owned()).or_default().push(pod);
        }
    }
    for pods in by_node.values_mut() {
        pods.sort_by(|a, b| oldest_first(a, b));
    }
    by_node
}

/// Bound pods first, then the oldest (upstream's `podByCreationTimestampAndPhase`).
fn oldest_first(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    let unbound = |p: &Pod| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_none();
    unbound(a)
        .cmp(&unbound(b))
        .then(
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp),
        )
        .then(a.metadata.name.cmp(&b.metadata.name))
}

/// Starts a pod on each node that should have one and has none (a terminating pod
/// still holds its node), deletes finished pods, extra pods, and pods on nodes that
/// should not keep them (upstream's `manage` and `podsShouldBeOnNode`). Answers whether
/// nothing had to change.
fn manage(ctx: &mut Ctx, daemon: &Daemon) -> bool {
    let surge = update::fenceposts(daemon.ds, daemon.desired()).0 > 0;
    let mut settled = true;
    for (node, fit) in &daemon.fits {
        let pods = daemon.pods.get(node).map(Vec::as_slice).unwrap_or_default();
        if pods.is_empty() {
            if fit.should_run {
                create_pod(ctx, daemon, node);
                settled = false;
            }
            continue;
        }
        let mut live: Vec<&Arc<Pod>> = pods
            .iter()
            .filter(|p| !pod_state::is_terminating(p))
            .collect();
        if !fit.should_continue {
            for pod in live {
                settled &= !delete_pod(ctx, daemon.ds, pod);
            }
            continue;
        }
        // A finished daemon pod is deleted; the next pass starts another.
        live.retain(|p| {
            let finished = matches!(pod_state::phase(p), "Failed" | "Succeeded");
            if finished {
                settled &= !delete_pod(ctx, daemon.ds, p);
            }
            !finished
        });
        // Extra pods go, the oldest staying; while surging, the oldest of the template
        // and the oldest of an older one may both stay.
        let mut kept_new = false;
        let mut kept_old = false;
        for (i, pod) in live.iter().enumerate() {
            let keep = if surge {
                let slot = if daemon.is_updated(pod) {
                    &mut kept_new
                } else {
                    &mut kept_old
                };
                !std::mem::replace(slot, true)
            } else {
                i == 0
            };
            if !keep {
                settled &= !delete_pod(ctx, daemon.ds, pod);
            }
        }
    }
    // Pods of nodes that are gone: upstream's pod garbage collector deletes them.
    for (node, pods) in &daemon.pods {
        if !daemon.fits.contains_key(node) {
            for pod in pods.iter().filter(|p| !pod_state::is_terminating(p)) {
                settled &= !delete_pod(ctx, daemon.ds, pod);
            }
        }
    }
    settled
}

/// Creates the daemon pod of `node` from the current template.
fn create_pod(ctx: &mut Ctx, daemon: &Daemon, node: &str) {
    let ds = daemon.ds;
    let template = ds
        .spec
        .as_ref()
        .map(|s| s.template.clone())
        .unwrap_or_default();
    let template_meta = template.metadata.unwrap_or_default();
    let mut labels = template_meta.labels.unwrap_or_default();
    labels.insert(CONTROLLER_REVISION_LABEL.to_owned(), daemon.hash.clone());
    labels.insert(
        GENERATION_LABEL.to_owned(),
        ds.metadata.generation.unwrap_or(1).to_string(),
    );
    let mut spec = template.spec.unwrap_or_default();
    nodes::pin(&mut spec, node);
    let pod = Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-", ds.metadata.name.as_deref().unwrap_or("pod"))),
            namespace: ds.metadata.namespace.clone(),
            labels: Some(labels),
            annotations: template_meta.annotations,
            owner_references: Some(vec![controller_ref(ds)]),
            ..Default::default()
        },
        spec: Some(spec),
        status: None,
    };
    match ctx.create(pod) {
        Ok(pod) => {
            let name = pod.metadata.name.as_deref().unwrap_or_default();
            let message = format!("Created pod: {name}");
            ctx.record(ds, false, "SuccessfulCreate", message, COMPONENT);
        }
        Err(e) => {
            let message = format!("Error creating: {e}");
            ctx.record(ds, true, "FailedCreate", message, COMPONENT);
        }
    }
}

/// Deletes a daemon pod with upstream's SuccessfulDelete event; answers whether it did.
fn delete_pod(ctx: &mut Ctx, ds: &DaemonSet, pod: &Pod) -> bool {
    let (ns, name) = crate::store::key_of(pod);
    match crate::delete::delete::<Pod>(ctx.store, ctx.now, &ns, &name, None) {
        Ok(_) => {
            let message = format!("Deleted pod: {name}");
            ctx.record(ds, false, "SuccessfulDelete", message, COMPONENT);
            true
        }
        Err(e) => {
            let message = format!("Error deleting: {e}");
            ctx.record(ds, true, "FailedDelete", message, COMPONENT);
            false
        }
    }
}

/// Whether a pod is available, asking for a pass when it will become so.
fn available(ctx: &mut Ctx, pod: &Pod, min_ready: i32) -> bool {
    if pod_state::is_available(pod, min_ready, ctx.now) {
        return true;
    }
    if let Some(at) = pod_state::available_at(pod, min_ready) {
        ctx.wake_at(at);
    }
    false
}

/// Counts nodes by the oldest daemon pod on each (upstream's `updateDaemonSetStatus`).
fn update_status(ctx: &mut Ctx, daemon: &Daemon) {
    let ds = daemon.ds;
    let (mut desired, mut current, mut misscheduled) = (0, 0, 0);
    let (mut ready, mut available_count, mut updated) = (0, 0, 0);
    for (node, fit) in &daemon.fits {
        let oldest = daemon.pods.get(node).and_then(|p| p.first());
        match (fit.should_run, oldest) {
            (true, Some(pod)) => {
                desired += 1;
                current += 1;
                if pod_state::is_ready(pod) {
                    ready += 1;
                    available_count += i32::from(available(ctx, pod, daemon.min_ready()));
                }
                updated += i32::from(daemon.is_updated(pod));
            }
            (true, None) => desired += 1,
            (false, Some(_)) => misscheduled += 1,
            (false, None) => {}
        }
    }
    let status = DaemonSetStatus {
        observed_generation: ds.metadata.generation,
        desired_number_scheduled: desired,
        current_number_scheduled: current,
        number_misscheduled: misscheduled,
        number_ready: ready,
        number_available: Some(available_count),
        number_unavailable: Some(desired - available_count),
        updated_number_scheduled: Some(updated),
        collision_count: Some(0),
        conditions: ds.status.as_ref().and_then(|s| s.conditions.clone()),
    };
    if ds.status.as_ref() != Some(&status) {
        let mut changed = ds.clone();
        changed.status = Some(status);
        changed.metadata.resource_version = None;
        let _ = ctx.store.update(changed);
    }
}
