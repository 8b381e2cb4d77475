//! What every workload detail page shows whatever the kind: one summary read from a
//! Deployment, a StatefulSet or a DaemonSet.

use std::collections::BTreeMap;

use super::deployment::Condition;
use super::{Deployment, Meta, WorkloadKind, WorkloadSet, WorkloadStatus};

/// The kind-independent part of a workload, as its detail page shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkloadSummary {
    /// Its metadata.
    pub metadata: Meta,
    /// Its state in one word.
    pub status: WorkloadStatus,
    /// Desired pods (a DaemonSet's: the nodes it should run on).
    pub desired: i32,
    /// Ready pods / desired pods.
    pub ready_text: String,
    /// The images of the template's containers, comma-separated.
    pub images: String,
    /// The template's container names, in order.
    pub containers: Vec<String>,
    /// The template's init container names, in order.
    pub init_containers: Vec<String>,
    /// The pod selector's `matchLabels`.
    pub selector: BTreeMap<String, String>,
    /// Status conditions.
    pub conditions: Vec<Condition>,
    /// The upgrade strategy's type as the API holds it (`RollingUpdate`, `Recreate`,
    /// `OnDelete`), if set.
    pub strategy: Option<String>,
    /// Whether its rollout is paused (only a Deployment's can be).
    pub paused: Option<bool>,
}

impl WorkloadSummary {
    /// The `labelSelector` query for its pods.
    pub fn pod_selector(&self) -> String {
        let pairs: Vec<String> = self
            .selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        pairs.join(",")
    }

    /// An annotation's value.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.metadata.annotations.get(key).map(String::as_str)
    }
}

fn container_names(containers: &[super::pod::Container]) -> Vec<String> {
    containers.iter().map(|c| c.name.clone()).collect()
}

impl Deployment {
    /// Its summary.
    pub fn summary(&self) -> WorkloadSummary {
        WorkloadSummary {
            metadata: self.metadata.clone(),
            status: self.workload_status(),
            desired: self.desired(),
            ready_text: self.ready_text(),
            images: self.images(),
            containers: container_names(&self.spec.template.spec.containers),
            init_containers: container_names(&self.spec.template.spec.init_containers),
            selector: self.spec.selector.match_labels.clone(),
            conditions: self.status.conditions.clone(),
            strategy: self.spec.strategy.kind.clone(),
            paused: Some(self.spec.paused),
        }
    }
}

impl WorkloadSet {
    /// Its summary, as a StatefulSet or a DaemonSet (`kind`).
    pub fn summary(&self, kind: WorkloadKind) -> WorkloadSummary {
        // The list's guess at the kind (by which status fields are set) is not needed
        // here: the page knows it.
        let desired = match kind {
            WorkloadKind::DaemonSet => self.status.desired_number_scheduled.unwrap_or(0),
            _ => self.spec.replicas.unwrap_or(1),
        };
        let ready = self.ready();
        let status = if desired == 0 && ready == 0 {
            WorkloadStatus::Stopped
        } else if self.status.observed_generation >= self.metadata.generation
            && ready == desired
            && self.updated() == desired
        {
            WorkloadStatus::Running
        } else {
            WorkloadStatus::Progressing
        };
        WorkloadSummary {
            metadata: self.metadata.clone(),
            status,
            desired,
            ready_text: format!("{ready}/{desired}"),
            images: self.images(),
            containers: container_names(&self.spec.template.spec.containers),
            init_containers: container_names(&self.spec.template.spec.init_containers),
            selector: self.spec.selector.match_labels.clone(),
            conditions: self.status.conditions.clone(),
            strategy: self.spec.update_strategy.kind.clone(),
            paused: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_daemon_set_with_no_eligible_node_is_stopped_and_cannot_pause() {
        let ds: WorkloadSet = serde_json::from_str(
            r#"{"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"agent","tier":"node"}},"template":{"spec":{"containers":[{"name":"agent","image":"busybox"}]}}},"status":{"desiredNumberScheduled":0}}"#,
        )
        .expect("daemon set json");
        let summary = ds.summary(WorkloadKind::DaemonSet);
        assert_eq!(summary.status, WorkloadStatus::Stopped);
        assert_eq!(summary.paused, None);
        assert_eq!(summary.pod_selector(), "app=agent,tier=node");
        assert_eq!(summary.containers, vec!["agent".to_owned()]);
        assert_eq!(summary.ready_text, "0/0");
    }

    #[test]
    fn a_stateful_set_counts_its_replicas() {
        let sts: WorkloadSet = serde_json::from_str(
            r#"{"metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"readyReplicas":3,"updatedReplicas":2}}"#,
        )
        .expect("stateful set json");
        let summary = sts.summary(WorkloadKind::StatefulSet);
        assert_eq!(summary.desired, 3);
        assert_eq!(
            summary.status,
            WorkloadStatus::Progressing,
            "one pod not updated"
        );
    }
}
