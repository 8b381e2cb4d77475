//! Deployments, and the one-word status the workload list shows.

use serde::{Deserialize, Serialize};

use super::{Meta, Tone};

/// A Deployment, as the workload list and detail page show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deployment {
    /// Its metadata.
    pub metadata: Meta,
    /// What it asks for.
    pub spec: DeploymentSpec,
    /// How far it got.
    pub status: DeploymentStatus,
}

/// The spec fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeploymentSpec {
    /// Desired pods (Kubernetes defaults an absent value to 1).
    pub replicas: Option<i32>,
    /// Whether the rollout is paused.
    pub paused: bool,
    /// The pod selector.
    pub selector: Selector,
    /// The upgrade strategy.
    pub strategy: Strategy,
    /// The pod template.
    pub template: Template,
}

/// `matchLabels` of a selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Selector {
    /// Labels a pod must carry.
    pub match_labels: std::collections::BTreeMap<String, String>,
}

/// The strategy's type and, for a rolling update, its limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Strategy {
    /// `RollingUpdate` (the default) or `Recreate`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The surge and unavailability limits of a rolling update.
    pub rolling_update: Option<RollingLimits>,
}

/// `maxSurge` and `maxUnavailable`: a count or a percentage each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RollingLimits {
    /// Pods allowed above the desired count.
    pub max_surge: Option<serde_json::Value>,
    /// Pods allowed to be unavailable.
    pub max_unavailable: Option<serde_json::Value>,
}

/// The pod template, for its containers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Template {
    /// The pod spec.
    pub spec: super::pod::PodSpec,
}

impl Template {
    /// The images of the containers, comma-separated.
    pub fn images(&self) -> String {
        self.spec.images()
    }
}

/// The status fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeploymentStatus {
    /// Pods of every revision.
    pub replicas: i32,
    /// Pods of the current template.
    pub updated_replicas: i32,
    /// Ready pods.
    pub ready_replicas: i32,
    /// Available pods.
    pub available_replicas: i32,
    /// The generation the controller has acted on.
    pub observed_generation: i64,
    /// Available, Progressing (and ReplicaFailure).
    pub conditions: Vec<Condition>,
}

/// A status condition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Condition {
    /// The condition's type.
    #[serde(rename = "type")]
    pub kind: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Why, in one CamelCase word.
    pub reason: Option<String>,
    /// Why, in a sentence.
    pub message: Option<String>,
}

/// A workload's state in one word, as the console's list shows it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum WorkloadStatus {
    /// Every desired pod is up to date and available.
    Running,
    /// A rollout or scaling is under way.
    Progressing,
    /// The rollout stalled (its progress deadline passed).
    Failed,
    /// Scaled to zero (and what a workload that is gone reads as).
    #[default]
    Stopped,
}

impl WorkloadStatus {
    /// How the status should look.
    pub fn tone(self) -> Tone {
        match self {
            WorkloadStatus::Running => Tone::Good,
            WorkloadStatus::Progressing => Tone::Busy,
            WorkloadStatus::Failed => Tone::Bad,
            WorkloadStatus::Stopped => Tone::Idle,
        }
    }
}

impl Deployment {
    /// Desired pods.
    pub fn desired(&self) -> i32 {
        self.spec.replicas.unwrap_or(1)
    }

    /// The workload's state in one word.
    pub fn workload_status(&self) -> WorkloadStatus {
        let s = &self.status;
        let stalled = s.conditions.iter().any(|c| {
            c.kind == "Progressing" && c.reason.as_deref() == Some("ProgressDeadlineExceeded")
        });
        let desired = self.desired();
        if stalled {
            WorkloadStatus::Failed
        } else if desired == 0 && s.replicas == 0 {
            WorkloadStatus::Stopped
        } else if s.observed_generation >= self.metadata.generation
            && s.updated_replicas == desired
            && s.available_replicas == desired
            && s.replicas == desired
        {
            WorkloadStatus::Running
        } else {
            WorkloadStatus::Progressing
        }
    }

    /// Ready pods / desired pods.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.status.ready_replicas, self.desired())
    }

    /// The images of the template's containers, comma-separated.
    pub fn images(&self) -> String {
        self.spec.template.images()
    }

    /// The condition of `kind` (`Progressing`, `Available`), if it is set.
    pub fn condition(&self, kind: &str) -> Option<&Condition> {
        self.status.conditions.iter().find(|c| c.kind == kind)
    }

    /// The `labelSelector` query for its pods.
    pub fn pod_selector(&self) -> String {
        let pairs: Vec<String> = self
            .spec
            .selector
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        pairs.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment(replicas: i32, generation: i64, status: &str) -> Deployment {
        let json = format!(
            r#"{{"metadata":{{"name":"web","generation":{generation}}},"spec":{{"replicas":{replicas}}},"status":{status}}}"#
        );
        serde_json::from_str(&json).expect("deployment json")
    }

    #[test]
    fn status_words() {
        let full = r#"{"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,"observedGeneration":1}"#;
        assert_eq!(
            deployment(3, 1, full).workload_status(),
            WorkloadStatus::Running
        );
        assert_eq!(
            deployment(3, 2, full).workload_status(),
            WorkloadStatus::Progressing,
            "new generation not yet observed"
        );
        let partial = r#"{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2,"observedGeneration":1}"#;
        assert_eq!(
            deployment(3, 1, partial).workload_status(),
            WorkloadStatus::Progressing
        );
        assert_eq!(
            deployment(0, 1, r#"{"observedGeneration":1}"#).workload_status(),
            WorkloadStatus::Stopped
        );
        let stalled = r#"{"replicas":3,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}"#;
        assert_eq!(
            deployment(3, 1, stalled).workload_status(),
            WorkloadStatus::Failed
        );
        assert_eq!(deployment(3, 1, full).ready_text(), "3/3");
    }
}
