//! The three workload kinds a detail page shows, and what tells their objects apart.

use serde::{Deserialize, Serialize};

use super::Event;

/// A workload kind with a detail page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkloadKind {
    /// Pods from ReplicaSets, one per revision.
    Deployment,
    /// Ordered pods with stable names (`web-0`), revisions in ControllerRevisions.
    StatefulSet,
    /// One pod per eligible node, revisions in ControllerRevisions.
    DaemonSet,
}

impl WorkloadKind {
    /// The kind as the API names it (`StatefulSet`).
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
        }
    }

    /// The resource name in paths (`statefulsets`).
    pub fn plural(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "deployments",
            WorkloadKind::StatefulSet => "statefulsets",
            WorkloadKind::DaemonSet => "daemonsets",
        }
    }

    /// Whether its pod count is set by hand (a DaemonSet's follows the nodes).
    pub fn scalable(self) -> bool {
        self != WorkloadKind::DaemonSet
    }

    /// Whether `event` is about the workload `name` of this kind, the objects it owns
    /// (a Deployment's ReplicaSets, a set's ControllerRevisions) or their pods, whose
    /// names start with the workload's and a dash.
    pub fn concerns(self, event: &Event, name: &str) -> bool {
        let object = &event.involved_object;
        let owned = || {
            object
                .name
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('-'))
        };
        match object.kind.as_str() {
            kind if kind == self.as_str() => object.name == name,
            "Pod" => owned(),
            "ReplicaSet" => self == WorkloadKind::Deployment && owned(),
            "ControllerRevision" => self != WorkloadKind::Deployment && owned(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, name: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "involvedObject": {"kind": kind, "name": name}
        }))
        .expect("event json")
    }

    #[test]
    fn a_sets_events_are_its_own_and_its_pods() {
        let sts = WorkloadKind::StatefulSet;
        assert!(sts.concerns(&event("StatefulSet", "db"), "db"));
        assert!(sts.concerns(&event("Pod", "db-0"), "db"));
        assert!(!sts.concerns(&event("Deployment", "db"), "db"));
        assert!(!sts.concerns(&event("ReplicaSet", "db-5d8f"), "db"));
        assert!(!sts.concerns(&event("Pod", "dbx-0"), "db"));
        let deployment = WorkloadKind::Deployment;
        assert!(deployment.concerns(&event("ReplicaSet", "web-5d8f"), "web"));
        assert!(deployment.concerns(&event("Pod", "web-5d8f-abcde"), "web"));
    }

    #[test]
    fn kinds_name_their_paths() {
        assert_eq!(WorkloadKind::DaemonSet.plural(), "daemonsets");
        assert!(!WorkloadKind::DaemonSet.scalable());
        assert!(WorkloadKind::StatefulSet.scalable());
    }
}
