//! The scheduler: binds each pending pod to a node, as upstream's default profile does.
//! Filters (`fit`, `affinity`, `placement`) drop the nodes the pod can't go to; among
//! the rest the highest preferred node affinity wins, then the least allocated node,
//! then the one with fewer pods, then the first by name. A pod no node takes stays
//! Pending with `PodScheduled=False` and a FailedScheduling event (`diagnosis`); the
//! engine runs this pass after every write, so it is retried whenever nodes or pods
//! change.

mod affinity;
mod diagnosis;
mod fit;
mod placement;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Namespace, Node, Pod, PodStatus};

use self::affinity::{InterPod, NamespaceLabels, Placed};
use self::diagnosis::{Diagnosis, Reason};
use self::fit::{NodeInfo, Wanted};
use self::placement::Placements;
use super::Ctx;
use crate::pod_state;

pub(crate) use self::fit::tolerates;

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
    /// Bound pods that have not finished (upstream's scheduler ignores terminal pods).
    placed: Vec<Placed>,
    /// The bound pods with required anti-affinity, which every new pod is checked against.
    repelling: Vec<Placed>,
    namespaces: NamespaceLabels,
    placements: Placements,
}

impl Snapshot {
    fn new(ctx: &Ctx) -> Self {
        let mut nodes: Vec<NodeInfo> = ctx
            .store
            .list::<Node>(None)
            .map(|n| NodeInfo::new(Arc::clone(n)))
            .collect();
        let index: HashMap<String, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), i))
            .collect();
        let mut snapshot = Snapshot {
            nodes: Vec::new(),
            placed: Vec::new(),
            repelling: Vec::new(),
            namespaces: ctx
                .store
                .list::<Namespace>(None)
                .filter_map(|ns| {
                    let labels = ns.metadata.labels.clone().unwrap_or_default();
                    Some((ns.metadata.name.clone()?, labels))
                })
                .collect(),
            placements: Placements::default(),
        };
        for pod in ctx.store.list::<Pod>(None) {
            let bound_to = pod.spec.as_ref().and_then(|s| s.node_name.as_ref());
            let Some(&i) = bound_to.and_then(|n| index.get(n)) else {
                continue;
            };
            if !matches!(pod_state::phase(pod), "Succeeded" | "Failed") {
                nodes[i].add_pod(pod);
                snapshot.place(Arc::clone(pod), Arc::clone(&nodes[i].node));
            }
        }
        snapshot.nodes = nodes;
        snapshot
    }

    fn place(&mut self, pod: Arc<Pod>, node: Arc<Node>) {
        if affinity::has_required_anti_affinity(&pod) {
            self.repelling.push(Placed {
                pod: Arc::clone(&pod),
                node: Arc::clone(&node),
            });
        }
        self.placed.push(Placed { pod, node });
    }

    /// The best node for `pod`, or why there is none.
    fn choose(&mut self, ctx: &Ctx, pod: &Pod) -> Result<usize, Diagnosis> {
        let clusters = self.placements.clusters(&*ctx.store, pod, &self.placed);
        let inter = InterPod::new(pod, &self.placed, &self.repelling, &self.namespaces);
        let wanted = Wanted::of(pod);
        let mut diagnosis = Diagnosis::default();
        let mut best = None;
        for (i, info) in self.nodes.iter().enumerate() {
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
                }
                Err(reasons) => diagnosis.refuse(&reasons),
            }
        }
        best.map(|(_, i)| i).ok_or(diagnosis)
    }
}

/// One pass: every unscheduled, live pod gets a node, or stays Pending with the reasons.
pub(crate) fn sync_all(ctx: &mut Ctx) {
    let mut pending: Vec<Arc<Pod>> = ctx
        .store
        .list::<Pod>(None)
        .filter(|p| {
            p.spec.as_ref().is_some_and(|s| s.node_name.is_none()) && !pod_state::is_terminating(p)
        })
        .cloned()
        .collect();
    if pending.is_empty() {
        return;
    }
    // Upstream's queue takes equal-priority pods oldest first.
    pending.sort_by(|a, b| {
        a.metadata
            .creation_timestamp
            .cmp(&b.metadata.creation_timestamp)
    });
    let mut snapshot = Snapshot::new(ctx);
    for pod in pending {
        match snapshot.choose(ctx, &pod) {
            Ok(i) => {
                let node = Arc::clone(&snapshot.nodes[i].node);
                if let Some(bound) = bind(ctx, &pod, &snapshot.nodes[i].name) {
                    snapshot.nodes[i].add_pod(&bound);
                    snapshot.placements.bound(&bound, &node);
                    snapshot.place(bound, node);
                }
            }
            Err(diagnosis) => {
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

/// Marks the pod unschedulable with `message`; a new message is a new event.
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
