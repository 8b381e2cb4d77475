//! The scheduler: binds each pending pod to a node, as upstream's default profile does.
//! Filters (`fit`, `affinity`, `placement`) drop the nodes the pod can't go to; among
//! the rest the highest preferred node affinity wins, then the least allocated node,
//! then the one with fewer pods, then the first by name. A pod no node takes stays
//! Pending with `PodScheduled=False` and a FailedScheduling event (`diagnosis`), and
//! waits in the scheduling queue (`queue`) for an event that could make it fit, then
//! for its back-off; the cache (`cache`) follows the changes to nodes and pods.

mod affinity;
mod cache;
mod diagnosis;
mod fit;
mod placement;
mod queue;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Namespace, Node, Pod, PodStatus};

use self::affinity::{InterPod, NamespaceLabels, Placed};
use self::cache::counted;
use self::diagnosis::{Diagnosis, Reason};
use self::fit::{NodeInfo, Wanted};
use self::placement::Placements;
use super::Ctx;
use crate::pod_state;
use crate::store::Store;

pub(crate) use self::cache::Scheduler;
pub(crate) use self::fit::{runs_pod_type, tolerates};
pub(crate) use self::placement::scale_down_victims;

const COMPONENT: &str = "default-scheduler";

/// The node is Ready and takes new pods (not cordoned).
pub(crate) fn node_ready(node: &Node) -> bool {
    node.spec.as_ref().and_then(|s| s.unschedulable) != Some(true)
        && node
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// What one pass knows about the cluster: the nodes with their load, the bound pods.
struct Snapshot {
    nodes: Vec<NodeInfo>,
    index: HashMap<String, usize>,
    /// Bound pods that have not finished, read only when a pod has affinity terms.
    placed: Option<Vec<Placed>>,
    /// The bound pods with required anti-affinity, which every new pod is checked against.
    repelling: Vec<Placed>,
    namespaces: NamespaceLabels,
    placements: Placements,
    /// Where the next pod's search over the nodes starts.
    next_start: usize,
}

/// How many feasible nodes the scheduler looks for before it picks the best of them
/// (upstream's `numFeasibleNodesToFind` with the adaptive `percentageOfNodesToScore`):
/// every node below 100, then a share falling from 50% to 5% as the cluster grows.
fn feasible_nodes_to_find(nodes: usize) -> usize {
    const MIN_FEASIBLE: usize = 100;
    if nodes < MIN_FEASIBLE {
        return nodes;
    }
    let percentage = 50usize.saturating_sub(nodes / 125).max(5);
    (nodes * percentage / 100).max(MIN_FEASIBLE)
}

impl Snapshot {
    fn new(ctx: &Ctx, cache: &Scheduler) -> Self {
        Snapshot {
            nodes: cache.nodes.clone(),
            index: cache.index.clone(),
            placed: None,
            repelling: cache.repelling(),
            namespaces: ctx
                .store
                .list::<Namespace>(None)
                .filter_map(|ns| {
                    let labels = ns.metadata.labels.clone().unwrap_or_default();
                    Some((ns.metadata.name.clone()?, labels))
                })
                .collect(),
            placements: Placements::default(),
            next_start: cache.next_start,
        }
    }

    /// Every bound pod that has not finished, read from the store the first time a
    /// pod's affinity asks (pods bound earlier in the pass are in the store already).
    fn read_placed(&mut self, store: &Store) {
        let (nodes, index) = (&self.nodes, &self.index);
        self.placed.get_or_insert_with(|| {
            store
                .list::<Pod>(None)
                .filter_map(|pod| {
                    let i = counted(pod, index)?;
                    Some(Placed {
                        pod: Arc::clone(pod),
                        node: Arc::clone(&nodes[i].node),
                    })
                })
                .collect()
        });
    }

    fn place(&mut self, pod: Arc<Pod>, node: Arc<Node>) {
        if affinity::has_required_anti_affinity(&pod) {
            self.repelling.push(Placed {
                pod: Arc::clone(&pod),
                node: Arc::clone(&node),
            });
        }
        if let Some(placed) = self.placed.as_mut() {
            placed.push(Placed { pod, node });
        }
    }

    /// The best node for `pod`, or why there is none.
    fn choose(&mut self, ctx: &Ctx, pod: &Pod) -> Result<usize, Diagnosis> {
        let clusters = self
            .placements
            .clusters(&*ctx.store, pod, &self.nodes, &self.index);
        if affinity::has_required_terms(pod) {
            self.read_placed(ctx.store);
        }
        let placed = self.placed.as_deref().unwrap_or_default();
        let inter = InterPod::new(pod, placed, &self.repelling, &self.namespaces);
        let wanted = Wanted::of(pod);
        let mut diagnosis = Diagnosis::default();
        let mut best = None;
        let total = self.nodes.len();
        let to_find = feasible_nodes_to_find(total);
        let (mut feasible, mut processed) = (0, 0);
        let start = self.next_start.min(total.saturating_sub(1));
        for k in 0..total {
            if feasible >= to_find {
                break;
            }
            processed += 1;
            let i = (start + k) % total;
            let info = &self.nodes[i];
            let verdict = info
                .filter(pod, &wanted)
                .and_then(|()| match &clusters {
                    Some(allowed) => placement::cluster_of(&info.node)
                        .filter(|c| allowed.iter().any(|a| a == c))
                        .map(|_| ())
                        .ok_or_else(|| vec![Reason::MemberCluster]),
                    None => Ok(()),
                })
                .and_then(|()| inter.check(&info.node).map_err(|r| vec![r]));
            match verdict {
                Ok(()) => {
                    let score = (
                        affinity::preferred_weight(pod, &info.node),
                        info.least_allocated(&wanted),
                        Reverse(info.pods),
                        Reverse(i),
                    );
                    if best.as_ref().is_none_or(|(s, _)| score > *s) {
                        best = Some((score, i));
                    }
                    feasible += 1;
                }
                Err(reasons) => diagnosis.refuse(&reasons),
            }
        }
        if total > 0 {
            self.next_start = (start + processed) % total;
        }
        best.map(|(_, i)| i).ok_or(diagnosis)
    }
}

/// One pass: the pods the queue holds ready are tried, highest priority and oldest
/// first; each gets a node, or waits as unschedulable with the reasons.
pub(crate) fn sync_all(ctx: &mut Ctx, cache: &mut Scheduler) {
    for at in cache.refresh(ctx.store, ctx.now) {
        ctx.wake_at(at);
    }
    if !cache.pending.has_active() {
        return;
    }
    let mut snapshot = Snapshot::new(ctx, cache);
    while let Some(key) = cache.pending.pop() {
        let Some(pod) = ctx
            .store
            .get::<Pod>(&key.0, &key.1)
            .filter(|p| cache::waiting(p))
        else {
            cache.pending.remove(&key);
            continue;
        };
        let outcome = snapshot.choose(ctx, &pod);
        cache.next_start = snapshot.next_start;
        match outcome {
            Ok(i) => {
                cache.pending.remove(&key);
                let node = Arc::clone(&snapshot.nodes[i].node);
                if let Some(bound) = bind(ctx, &pod, &snapshot.nodes[i].name) {
                    snapshot.nodes[i].add_pod(&bound);
                    snapshot.placements.bound(&bound, &node);
                    snapshot.place(bound, node);
                }
            }
            Err(diagnosis) => {
                let retry = cache.pending.unschedulable(&key, ctx.now);
                ctx.wake_at(retry);
                let policy = pod
                    .spec
                    .as_ref()
                    .and_then(|s| s.preemption_policy.as_deref());
                unschedulable(ctx, &pod, diagnosis.message(policy));
            }
        }
    }
}

fn bind(ctx: &mut Ctx, pod: &Pod, node: &str) -> Option<Arc<Pod>> {
    let mut bound = pod.clone();
    bound.metadata.resource_version = None;
    if let Some(spec) = bound.spec.as_mut() {
        spec.node_name = Some(node.to_owned());
    }
    let status = bound.status.get_or_insert_with(PodStatus::default);
    status.phase = Some("Pending".to_owned());
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    pod_state::set_condition(conditions, "PodScheduled", true, ctx.now);
    if let Some(c) = conditions.iter_mut().find(|c| c.type_ == "PodScheduled") {
        c.reason = None;
        c.message = None;
    }
    let bound = ctx.store.update(bound).ok()?;
    let ns = bound.metadata.namespace.as_deref().unwrap_or_default();
    let name = bound.metadata.name.as_deref().unwrap_or_default();
    let message = format!("Successfully assigned {ns}/{name} to {node}");
    ctx.record(&*bound, false, "Scheduled", message, COMPONENT);
    Some(bound)
}

/// Marks the pod unschedulable with `message` (a status written only when it says
/// something new) and records a FailedScheduling event for the attempt, as upstream's
/// `handleSchedulingFailure` does.
fn unschedulable(ctx: &mut Ctx, pod: &Pod, message: String) {
    let already = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.type_ == "PodScheduled"
                    && c.status == "False"
                    && c.message.as_deref() == Some(message.as_str())
            })
        });
    if already {
        ctx.record(pod, true, "FailedScheduling", message, COMPONENT);
        return;
    }
    let mut waiting = pod.clone();
    waiting.metadata.resource_version = None;
    let status = waiting.status.get_or_insert_with(PodStatus::default);
    status.phase = Some("Pending".to_owned());
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    pod_state::set_condition(conditions, "PodScheduled", false, ctx.now);
    if let Some(c) = conditions.iter_mut().find(|c| c.type_ == "PodScheduled") {
        c.reason = Some("Unschedulable".to_owned());
        c.message = Some(message.clone());
    }
    if let Ok(waiting) = ctx.store.update(waiting) {
        ctx.record(&*waiting, true, "FailedScheduling", message, COMPONENT);
    }
}
