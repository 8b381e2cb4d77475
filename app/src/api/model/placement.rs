//! Replica scheduling over member clusters (SPEC §1.1): the workload annotation
//! `berth.dev/replica-scheduling` read back, the split it asks for, and where the pods
//! actually run (a pod's node, a node's `berth.dev/cluster` label).

use std::collections::BTreeMap;

/// The annotation read, and the split it plans: the engine's scheduler places pods by
/// the very same function.
pub use rules::workload::{Scheduling, SchedulingMode};

use super::{Node, Pod};

/// How many of `pods` (not being deleted) run in each member cluster, by their node.
pub fn pods_per_cluster(pods: &[Pod], nodes: &[Node]) -> BTreeMap<String, i64> {
    let cluster_of: BTreeMap<&str, &str> = nodes
        .iter()
        .filter_map(|n| {
            let cluster = n.metadata.labels.get(rules::workload::CLUSTER_LABEL)?;
            Some((n.metadata.name.as_str(), cluster.as_str()))
        })
        .collect();
    let mut counts = BTreeMap::new();
    for pod in pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        let cluster = pod
            .spec
            .node_name
            .as_deref()
            .and_then(|n| cluster_of.get(n));
        if let Some(cluster) = cluster {
            *counts.entry((*cluster).to_owned()).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pods_count_in_their_nodes_cluster() {
        let node = |name: &str, cluster: &str| -> Node {
            serde_json::from_value(serde_json::json!({"metadata": {"name": name,
                "labels": {"berth.dev/cluster": cluster}}}))
            .expect("node")
        };
        let pod = |name: &str, node: &str, deleting: bool| -> Pod {
            let mut meta = serde_json::json!({"name": name});
            if deleting {
                meta["deletionTimestamp"] = "2026-11-23T00:00:00Z".into();
            }
            serde_json::from_value(
                serde_json::json!({"metadata": meta, "spec": {"nodeName": node}}),
            )
            .expect("pod")
        };
        let nodes = [node("n1", "east"), node("n2", "east"), node("n3", "west")];
        let pods = [
            pod("a", "n1", false),
            pod("b", "n2", false),
            pod("c", "n3", true),
            pod("d", "n3", false),
        ];
        let counts = pods_per_cluster(&pods, &nodes);
        assert_eq!(counts.get("east"), Some(&2));
        assert_eq!(counts.get("west"), Some(&1));
    }
}
