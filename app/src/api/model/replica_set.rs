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
