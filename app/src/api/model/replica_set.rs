//! ReplicaSets: a Deployment's revisions, each with the pod template it ran.

use serde::{Deserialize, Serialize};

use super::Meta;

/// The annotation holding a ReplicaSet's (and its Deployment's) revision.
pub const REVISION: &str = "deployment.kubernetes.io/revision";

/// A ReplicaSet, as the revision list and the rollout view show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplicaSet {
    /// Its metadata (its revision is an annotation).
    pub metadata: Meta,
    /// Its pod count and template.
    pub spec: ReplicaSetSpec,
    /// Its pods.
    pub status: ReplicaSetStatus,
}

/// The spec fields read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplicaSetSpec {
    /// Desired pods.
    pub replicas: Option<i32>,
    /// The pod template as served: what a rollback puts back, what a diff compares.
    pub template: serde_json::Value,
}

/// The status fields read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReplicaSetStatus {
    /// Pods it has.
    pub replicas: i32,
    /// Ready pods.
    pub ready_replicas: i32,
    /// Available pods.
    pub available_replicas: i32,
}

/// A rollout's pods: the new revision's created, ready and available apart, and the
/// older revisions' (as `kubectl rollout status` reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolloutCounts {
    /// The Deployment's revision: the new one.
    pub revision: String,
    /// The new revision's pods (the Deployment's `updatedReplicas`).
    pub created: i32,
    /// Of those, the ready ones (its ReplicaSet's `readyReplicas`).
    pub ready: i32,
    /// Of those, the available ones.
    pub available: i32,
    /// The older revisions' pods.
    pub old: i32,
}

impl RolloutCounts {
    /// The counts of `deployment` with its ReplicaSets `sets` (as read; the new one may
    /// not be among them yet, then it has nothing ready).
    pub fn of(deployment: &super::Deployment, sets: &[ReplicaSet]) -> Self {
        let revision = deployment
            .metadata
            .annotations
            .get(REVISION)
            .cloned()
            .unwrap_or_default();
        let created = deployment.status.updated_replicas;
        let new = sets
            .iter()
            .find(|s| s.metadata.annotations.get(REVISION) == Some(&revision));
        Self {
            created,
            ready: new.map_or(0, |s| s.status.ready_replicas.min(created)),
            available: new.map_or(0, |s| s.status.available_replicas.min(created)),
            old: (deployment.status.replicas - created).max(0),
            revision,
        }
    }
}

impl ReplicaSet {
    /// Its revision number (0 when it carries none).
    pub fn revision(&self) -> i64 {
        self.metadata
            .annotations
            .get(REVISION)
            .and_then(|r| r.parse().ok())
            .unwrap_or(0)
    }

    /// The images of its template's containers, comma-separated.
    pub fn images(&self) -> String {
        let containers = self.spec.template["spec"]["containers"].as_array();
        let images: Vec<&str> = containers
            .into_iter()
            .flatten()
            .filter_map(|c| c["image"].as_str())
            .collect();
        images.join(", ")
    }

    /// Desired pods.
    pub fn desired(&self) -> i32 {
        self.spec.replicas.unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stuck_rollout_has_its_new_pod_created_but_not_ready() {
        let deployment: super::super::Deployment = serde_json::from_value(serde_json::json!({
            "metadata": { "annotations": { REVISION: "2" } },
            "spec": { "replicas": 1 },
            "status": { "replicas": 2, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1 },
        }))
        .expect("deployment");
        let set = |revision: &str, ready: i32| -> ReplicaSet {
            serde_json::from_value(serde_json::json!({
                "metadata": { "annotations": { REVISION: revision } },
                "status": { "replicas": 1, "readyReplicas": ready, "availableReplicas": ready },
            }))
            .expect("replica set")
        };
        let counts = RolloutCounts::of(&deployment, &[set("1", 1), set("2", 0)]);
        assert_eq!(
            counts,
            RolloutCounts {
                revision: "2".into(),
                created: 1,
                ready: 0,
                available: 0,
                old: 1
            }
        );
        assert_eq!(RolloutCounts::of(&deployment, &[]).ready, 0);
    }
}
