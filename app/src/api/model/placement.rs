//! Replica scheduling over member clusters (SPEC §1.1): the workload annotation
//! `berth.dev/replica-scheduling` read back, the split it asks for, and where the pods
//! actually run (a pod's node, a node's `berth.dev/cluster` label).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Node, Pod};

/// How the replicas are spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchedulingMode {
    /// A replica count per cluster.
    Replicas,
    /// The total split in proportion to weights.
    Weights,
}

/// The annotation, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduling {
    /// Counts or weights.
    pub mode: SchedulingMode,
    /// Each member cluster's name and its count or weight, in the order listed.
    pub clusters: Vec<(String, i64)>,
}

#[derive(Deserialize)]
struct Raw {
    mode: String,
    #[serde(default)]
    clusters: Vec<RawCluster>,
}

#[derive(Deserialize)]
struct RawCluster {
    #[serde(default)]
    name: String,
    replicas: Option<i64>,
    weight: Option<i64>,
}

impl Scheduling {
    /// Reads the annotation's JSON text; `None` when it does not read.
    pub fn read(text: &str) -> Option<Scheduling> {
        let raw: Raw = serde_json::from_str(text).ok()?;
        let mode = match raw.mode.as_str() {
            "Replicas" => SchedulingMode::Replicas,
            "Weights" => SchedulingMode::Weights,
            _ => return None,
        };
        let clusters = raw
            .clusters
            .into_iter()
            .map(|c| {
                let value = match mode {
                    SchedulingMode::Replicas => c.replicas,
                    SchedulingMode::Weights => c.weight,
                };
                (c.name, value.unwrap_or(0))
            })
            .collect();
        Some(Scheduling { mode, clusters })
    }

    /// How many of `replicas` each cluster should run: explicit counts as written;
    /// weights as each cluster's floor share, the remainder one each to the highest
    /// weights, ties in the order listed (the engine's scheduler and Karmada's
    /// weighted division).
    pub fn planned(&self, replicas: i64) -> Vec<(String, i64)> {
        if self.mode == SchedulingMode::Replicas {
            return self.clusters.clone();
        }
        let total: i64 = self.clusters.iter().map(|(_, w)| (*w).max(0)).sum();
        if total == 0 {
            return self.clusters.iter().map(|(c, _)| (c.clone(), 0)).collect();
        }
        let mut shares: Vec<(String, i64)> = self
            .clusters
            .iter()
            .map(|(c, w)| (c.clone(), replicas * (*w).max(0) / total))
            .collect();
        let mut left = replicas - shares.iter().map(|(_, n)| n).sum::<i64>();
        let mut order: Vec<usize> = (0..self.clusters.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.clusters[i].1));
        for i in order {
            if left <= 0 {
                break;
            }
            shares[i].1 += 1;
            left -= 1;
        }
        shares
    }
}

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
    fn weights_split_the_total_with_the_remainder_to_the_heaviest() {
        let s = Scheduling::read(
            r#"{"mode":"Weights","clusters":[{"name":"east","weight":1},{"name":"west","weight":2}]}"#,
        )
        .expect("weights");
        assert_eq!(s.mode, SchedulingMode::Weights);
        assert_eq!(
            s.planned(4),
            vec![("east".to_owned(), 1), ("west".to_owned(), 3)]
        );
        assert_eq!(
            s.planned(3),
            vec![("east".to_owned(), 1), ("west".to_owned(), 2)]
        );
    }

    #[test]
    fn counts_are_planned_as_written() {
        let s = Scheduling::read(
            r#"{"mode":"Replicas","clusters":[{"name":"east","replicas":2},{"name":"west","replicas":1}]}"#,
        )
        .expect("replicas");
        assert_eq!(s.planned(99), s.clusters);
        assert_eq!(Scheduling::read("{not json"), None);
        assert_eq!(Scheduling::read(r#"{"mode":"Other","clusters":[]}"#), None);
    }

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
