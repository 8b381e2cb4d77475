//! What the overview counts: workloads by status, pods by phase, the pods that
//! restarted lately, and each node's room and use.

use super::metrics::{quantity, NodeMetrics};
use super::{unix_seconds, Node, Pod, WorkloadStatus, WorkloadSummary};

/// The phases a pod is counted under, in the order they show.
pub const PHASES: [&str; 5] = ["Running", "Pending", "Succeeded", "Failed", "Unknown"];

/// How many of `workloads` are in each status, in the order they show.
pub fn workload_counts(workloads: &[WorkloadSummary]) -> Vec<(WorkloadStatus, usize)> {
    [
        WorkloadStatus::Running,
        WorkloadStatus::Progressing,
        WorkloadStatus::Failed,
        WorkloadStatus::Stopped,
    ]
    .into_iter()
    .map(|status| {
        (
            status,
            workloads.iter().filter(|w| w.status == status).count(),
        )
    })
    .collect()
}

/// How many of `pods` are in each phase ([`PHASES`]; no phase yet counts as Pending).
pub fn phase_counts(pods: &[Pod]) -> Vec<(&'static str, usize)> {
    PHASES
        .iter()
        .map(|&phase| {
            let count = pods
                .iter()
                .filter(|p| p.status.phase.as_deref().unwrap_or("Pending") == phase)
                .count();
            (phase, count)
        })
        .collect()
}

/// A pod that restarted lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restarted {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Its restarts in all.
    pub restarts: i64,
    /// When its latest restart was (RFC 3339).
    pub last: String,
}

/// The pods whose latest restart was less than `window` seconds before `now`, most
/// restarts first.
pub fn restarted_within(pods: &[Pod], now: i64, window: i64) -> Vec<Restarted> {
    let mut restarted: Vec<Restarted> = pods
        .iter()
        .filter_map(|p| {
            let last = p.summary.last_restart.clone()?;
            let at = unix_seconds(&last)?;
            (now - at < window && p.summary.restarts > 0).then(|| Restarted {
                namespace: p.metadata.namespace.clone(),
                name: p.metadata.name.clone(),
                restarts: p.summary.restarts,
                last,
            })
        })
        .collect();
    restarted.sort_by(|a, b| b.restarts.cmp(&a.restarts).then(b.last.cmp(&a.last)));
    restarted
}

/// A node's room (allocatable) and use (from the metrics API, when it answers).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    /// Its name.
    pub name: String,
    /// Allocatable CPU, in cores.
    pub cpu: f64,
    /// Allocatable memory, in bytes.
    pub memory: f64,
    /// How many pods it takes.
    pub pods: String,
    /// CPU in use, in cores.
    pub cpu_used: Option<f64>,
    /// Memory in use, in bytes.
    pub memory_used: Option<f64>,
}

/// Each node with its use, in name order.
pub fn node_rows(nodes: &[Node], metrics: &[NodeMetrics]) -> Vec<NodeRow> {
    let mut rows: Vec<NodeRow> = nodes
        .iter()
        .map(|n| {
            let allocatable = &n.status.allocatable;
            let read = |key: &str| allocatable.get(key).map_or(0.0, |q| quantity(q));
            let usage = metrics.iter().find(|m| m.metadata.name == n.metadata.name);
            NodeRow {
                name: n.metadata.name.clone(),
                cpu: read("cpu"),
                memory: read("memory"),
                pods: allocatable.get("pods").cloned().unwrap_or_default(),
                cpu_used: usage.map(|m| quantity(&m.usage.cpu)),
                memory_used: usage.map(|m| quantity(&m.usage.memory)),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(phase: Option<&str>, restarts: i64, finished: &str) -> Pod {
        serde_json::from_value(json!({
            "metadata": { "name": format!("p-{restarts}"), "namespace": "default" },
            "spec": { "containers": [{ "name": "c" }] },
            "status": { "phase": phase, "containerStatuses": [{
                "name": "c", "restartCount": restarts,
                "lastState": { "terminated": { "finishedAt": finished } },
            }]},
        }))
        .expect("pod")
    }

    #[test]
    fn pods_by_phase_and_the_ones_that_restarted_in_the_last_hour() {
        let now = unix_seconds("2026-01-01T12:00:00Z").expect("time");
        let pods = [
            pod(Some("Running"), 3, "2026-01-01T11:50:00Z"),
            pod(Some("Running"), 9, "2026-01-01T10:00:00Z"),
            pod(None, 1, "2026-01-01T11:59:00Z"),
            pod(Some("Failed"), 0, "2026-01-01T11:59:00Z"),
        ];
        assert_eq!(
            phase_counts(&pods),
            vec![
                ("Running", 2),
                ("Pending", 1),
                ("Succeeded", 0),
                ("Failed", 1),
                ("Unknown", 0)
            ]
        );
        let lately: Vec<(String, i64)> = restarted_within(&pods, now, 3600)
            .into_iter()
            .map(|r| (r.name, r.restarts))
            .collect();
        assert_eq!(lately, vec![("p-3".to_owned(), 3), ("p-1".to_owned(), 1)]);
    }

    #[test]
    fn nodes_with_their_room_and_use() {
        let node: Node = serde_json::from_value(json!({
            "metadata": { "name": "n1" },
            "status": { "allocatable": { "cpu": "4", "memory": "8Gi", "pods": "110" } },
        }))
        .expect("node");
        let used: NodeMetrics = serde_json::from_value(json!({
            "metadata": { "name": "n1" }, "usage": { "cpu": "500m", "memory": "1Gi" },
        }))
        .expect("metrics");
        let rows = node_rows(std::slice::from_ref(&node), &[used]);
        assert_eq!((rows[0].cpu, rows[0].pods.as_str()), (4.0, "110"));
        assert_eq!(rows[0].cpu_used, Some(0.5));
        assert_eq!(rows[0].memory_used, Some(1024.0 * 1024.0 * 1024.0));
        assert_eq!(node_rows(&[node], &[])[0].cpu_used, None);
    }
}
