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
#[serde(rename_all = "camelCase", default)]
pub struct WorkloadSetSpec {
    /// A StatefulSet's desired pods (Kubernetes defaults an absent value to 1).
    pub replicas: Option<i32>,
    /// The pod selector.
    pub selector: Selector,
    /// The pod template.
    pub template: Template,
    /// How a template change reaches the pods.
    pub update_strategy: UpdateStrategy,
}

/// `spec.updateStrategy` of both kinds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateStrategy {
    /// `RollingUpdate` (the default) or `OnDelete`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The rolling update's limits.
    pub rolling_update: Option<SetRollingUpdate>,
}

/// A set's rolling update: a StatefulSet's partition, a DaemonSet's limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SetRollingUpdate {
    /// StatefulSet: ordinals below it keep the current revision.
    pub partition: Option<i32>,
    /// Pods allowed to be unavailable (a count or a percentage).
    pub max_unavailable: Option<serde_json::Value>,
    /// DaemonSet: pods allowed above one per node.
    pub max_surge: Option<serde_json::Value>,
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
    /// StatefulSet: pods of the current revision.
    pub current_replicas: i32,
    /// StatefulSet: available pods.
    pub available_replicas: i32,
    /// StatefulSet: the revision pods are at; `update_revision` the one they go to.
    pub current_revision: Option<String>,
    /// StatefulSet: the revision of the current template.
    pub update_revision: Option<String>,
    /// DaemonSet: nodes running a pod of it.
    pub current_number_scheduled: i32,
    /// DaemonSet: available pods.
    pub number_available: i32,
    /// DaemonSet: nodes running a pod they should not.
    pub number_misscheduled: i32,
    /// Conditions, where the controller sets some.
    pub conditions: Vec<super::deployment::Condition>,
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
    pub fn updated(&self) -> i32 {
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

    /// Available pods.
    pub fn available(&self) -> i32 {
        self.status
            .available_replicas
            .max(self.status.number_available)
    }

    /// A StatefulSet's partition (0: every ordinal takes the update).
    pub fn partition(&self) -> i32 {
        self.spec
            .update_strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.partition)
            .unwrap_or(0)
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
    fn a_stateful_sets_rollout_reads_its_partition_and_revisions() {
        let sts = set(
            r#"{"spec":{"replicas":3,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}},"status":{"replicas":3,"updatedReplicas":2,"currentReplicas":1,"availableReplicas":3,"updateRevision":"db-7b","currentRevision":"db-5c"}}"#,
        );
        assert_eq!(sts.partition(), 1);
        assert_eq!(sts.updated(), 2);
        assert_eq!(sts.available(), 3);
        assert_eq!(sts.status.update_revision.as_deref(), Some("db-7b"));
        assert_eq!(set(r#"{"spec":{"replicas":1}}"#).partition(), 0);
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
