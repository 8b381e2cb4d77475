//! The scheduler: binds each pending pod to the least busy ready node its required node
//! affinity allows.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod, PodStatus};

use super::Ctx;
use crate::pod_state;

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

/// One pass: every unscheduled, live pod gets a node, or a FailedScheduling event.
pub(crate) fn sync_all(ctx: &mut Ctx) {
    let mut load: BTreeMap<String, usize> = ctx
        .store
        .list::<Node>(None)
        .filter(|n| node_ready(n))
        .filter_map(|n| n.metadata.name.clone())
        .map(|n| (n, 0))
        .collect();
    let mut pending: Vec<Arc<Pod>> = Vec::new();
    for pod in ctx.store.list::<Pod>(None) {
        match pod.spec.as_ref().and_then(|s| s.node_name.as_ref()) {
            Some(node) if pod_state::is_active(pod) => {
                if let Some(n) = load.get_mut(node) {
                    *n += 1;
                }
            }
            Some(_) => {}
            None if !pod_state::is_terminating(pod) => pending.push(Arc::clone(pod)),
            None => {}
        }
    }
    for pod in pending {
        let least_busy = load
            .iter()
            .filter(|(node, _)| affinity_allows(&pod, node))
            .min_by_key(|(_, n)| **n)
            .map(|(name, _)| name.clone());
        match least_busy {
            Some(node) => {
                bind(ctx, &pod, &node);
                if let Some(n) = load.get_mut(&node) {
                    *n += 1;
                }
            }
            None => unschedulable(ctx, &pod, load.len()),
        }
    }
}

/// Whether the pod's required node affinity lets it run on `node`. Only `matchFields`
/// on `metadata.name` is read, the term a DaemonSet pins its pods to a node with; label
/// expressions are not simulated.
fn affinity_allows(pod: &Pod, node: &str) -> bool {
    let terms = pod
        .spec
        .as_ref()
        .and_then(|s| s.affinity.as_ref())
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| {
            a.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .map(|r| r.node_selector_terms.as_slice())
        .unwrap_or_default();
    let named = |values: &Option<Vec<String>>| values.iter().flatten().any(|v| v == node);
    terms.is_empty()
        || terms.iter().any(|term| {
            term.match_fields
                .iter()
                .flatten()
                .filter(|r| r.key == "metadata.name")
                .all(|r| match r.operator.as_str() {
                    "In" => named(&r.values),
                    "NotIn" => !named(&r.values),
                    _ => true,
                })
        })
}

fn bind(ctx: &mut Ctx, pod: &Pod, node: &str) {
    let mut bound = pod.clone();
    bound.metadata.resource_version = None;
    if let Some(spec) = bound.spec.as_mut() {
        spec.node_name = Some(node.to_owned());
    }
    let status = bound.status.get_or_insert_with(PodStatus::default);
    status.phase = Some("Pending".to_owned());
    pod_state::set_condition(
        status.conditions.get_or_insert_with(Vec::new),
        "PodScheduled",
        true,
        ctx.now,
    );
    if let Ok(bound) = ctx.store.update(bound) {
        let ns = bound.metadata.namespace.as_deref().unwrap_or_default();
        let name = bound.metadata.name.as_deref().unwrap_or_default();
        let message = format!("Successfully assigned {ns}/{name} to {node}");
        ctx.record(&*bound, false, "Scheduled", message, COMPONENT);
    }
}

fn unschedulable(ctx: &mut Ctx, pod: &Pod, nodes: usize) {
    let already = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c.type_ == "PodScheduled" && c.status == "False")
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
    }
    if let Ok(waiting) = ctx.store.update(waiting) {
        let message = if nodes == 0 {
            "0/0 nodes are available: no nodes available to schedule pods.".to_owned()
        } else {
            format!(
                "0/{nodes} nodes are available: {nodes} node(s) didn't match Pod's node affinity/selector."
            )
        };
        ctx.record(&*waiting, true, "FailedScheduling", message, COMPONENT);
    }
}
