//! StatefulSets and DaemonSets, as their lists show them: one view type reads both,
//! since each fills only its own status fields.

use serde::{Deserialize, Serialize};

use super::deployment::{Selector, Template};
use super::{Meta, WorkloadStatus};

/// A StatefulSet or a DaemonSet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkloadSet {
    /// Its metadata.
    pub metadata: Meta,
    /// What it asks for.
    pub spec: WorkloadSetSpec,
    /// How far it got.
    pub status: WorkloadSetStatus,
}

/// The spec fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkloadSetSpec {
    /// A StatefulSet's desired pods (Kubernetes defaults an absent value to 1).
    pub replicas: Option<i32>,
    /// The pod selector.
    pub selector: Selector,
    /// The pod template.
    pub template: Template,
}

/// The status fields of both kinds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkloadSetStatus {
    /// The generation the controller has acted on.
    pub observed_generation: i64,
    /// StatefulSet: pods.
    pub replicas: i32,
    /// StatefulSet: ready pods.
    pub ready_replicas: i32,
    /// StatefulSet: pods of the update revision.
    pub updated_replicas: i32,
    /// DaemonSet: nodes that should run a pod.
    pub desired_number_scheduled: Option<i32>,
    /// DaemonSet: ready pods.
    pub number_ready: i32,
    /// DaemonSet: pods of the current template.
    pub updated_number_scheduled: i32,
}

impl WorkloadSet {
    fn is_daemon_set(&self) -> bool {
        self.status.desired_number_scheduled.is_some() && self.spec.replicas.is_none()
    }

    /// Desired pods: the replicas, or the nodes a DaemonSet should run on.
    pub fn desired(&self) -> i32 {
        if self.is_daemon_set() {
            self.status.desired_number_scheduled.unwrap_or(0)
        } else {
            self.spec.replicas.unwrap_or(1)
        }
    }

    /// Ready pods.
    pub fn ready(&self) -> i32 {
        self.status.ready_replicas.max(self.status.number_ready)
    }

    /// Pods of the newest template.
    fn updated(&self) -> i32 {
        self.status
            .updated_replicas
            .max(self.status.updated_number_scheduled)
    }

    /// The workload's state in one word.
    pub fn workload_status(&self) -> WorkloadStatus {
        let desired = self.desired();
        if desired == 0 && self.ready() == 0 {
            WorkloadStatus::Stopped
        } else if self.status.observed_generation >= self.metadata.generation
            && self.ready() == desired
            && self.updated() == desired
        {
            WorkloadStatus::Running
        } else {
            WorkloadStatus::Progressing
        }
    }

    /// Ready pods / desired pods.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.ready(), self.desired())
    }

    /// The images of the template's containers, comma-separated.
    pub fn images(&self) -> String {
        self.spec.template.images()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(json: &str) -> WorkloadSet {
        serde_json::from_str(json).expect("workload set json")
    }

    #[test]
    fn a_stateful_set_runs_when_every_replica_is_ready_and_updated() {
        let ready = set(
            r#"{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"readyReplicas":2,"updatedReplicas":2}}"#,
        );
        assert_eq!(ready.workload_status(), WorkloadStatus::Running);
        assert_eq!(ready.ready_text(), "2/2");
        let starting = set(
            r#"{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":1,"readyReplicas":1,"updatedReplicas":1}}"#,
        );
        assert_eq!(starting.workload_status(), WorkloadStatus::Progressing);
    }

    #[test]
    fn a_daemon_set_wants_one_pod_per_eligible_node() {
        let ds = set(
            r#"{"metadata":{"generation":1},"spec":{},"status":{"observedGeneration":1,"desiredNumberScheduled":3,"numberReady":3,"updatedNumberScheduled":3}}"#,
        );
        assert_eq!(ds.desired(), 3);
        assert_eq!(ds.workload_status(), WorkloadStatus::Running);
    }
}
