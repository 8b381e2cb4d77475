//! Why a pod fits no node, in the words of upstream's plugins, and the message the
//! scheduler puts on the pod's condition and its FailedScheduling event (upstream's
//! `FitError.Error()` followed by the preemption plugin's verdict).

use std::collections::BTreeMap;
use std::fmt;

/// One node's reason for refusing a pod.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Reason {
    /// `NodeUnschedulable`: the node is cordoned.
    Unschedulable,
    /// `TaintToleration`: a taint (key, value) the pod does not tolerate.
    Taint(String, String),
    /// `NodeAffinity`: the nodeSelector or required node affinity.
    NodeAffinity,
    /// The node runs another pod type (its `berth.dev/pod-type` label), as a
    /// nodeSelector would refuse it.
    PodType(String),
    /// The workload's member clusters have no replicas left for this node's cluster.
    MemberCluster,
    /// `NodeResourcesFit`: the node's pod count is at its limit.
    TooManyPods,
    /// `NodeResourcesFit`: not enough of a resource left.
    Insufficient(&'static str),
    /// `InterPodAffinity`: the pod's own required affinity.
    PodAffinity,
    /// `InterPodAffinity`: the pod's own required anti-affinity.
    PodAntiAffinity,
    /// `InterPodAffinity`: a bound pod's required anti-affinity.
    ExistingAntiAffinity,
}

impl Reason {
    /// Whether evicting pods could make room (upstream's `Unschedulable` status, as
    /// opposed to `UnschedulableAndUnresolvable`).
    fn preemption_might_help(&self) -> bool {
        matches!(
            self,
            Reason::TooManyPods
                | Reason::Insufficient(_)
                | Reason::PodAntiAffinity
                | Reason::ExistingAntiAffinity
        )
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Unschedulable => f.write_str("node(s) were unschedulable"),
            Reason::Taint(key, value) => {
                write!(f, "node(s) had untolerated taint {{{key}: {value}}}")
            }
            Reason::NodeAffinity => {
                f.write_str("node(s) didn't match Pod's node affinity/selector")
            }
            Reason::PodType(pod_type) => write!(
                f,
                "node(s) didn't match the pod type {{{}: {pod_type}}}",
                rules::workload::POD_TYPE
            ),
            Reason::MemberCluster => {
                f.write_str("node(s) didn't match the workload's replica scheduling")
            }
            Reason::TooManyPods => f.write_str("Too many pods"),
            Reason::Insufficient(resource) => write!(f, "Insufficient {resource}"),
            Reason::PodAffinity => f.write_str("node(s) didn't match pod affinity rules"),
            Reason::PodAntiAffinity => f.write_str("node(s) didn't match pod anti-affinity rules"),
            Reason::ExistingAntiAffinity => {
                f.write_str("node(s) didn't satisfy existing pods anti-affinity rules")
            }
        }
    }
}

/// The reasons every node gave, collected while filtering.
#[derive(Default)]
pub(super) struct Diagnosis {
    nodes: usize,
    /// Each reason with the number of nodes that gave it.
    reasons: BTreeMap<Reason, usize>,
    /// Nodes where evicting lower-priority pods might have made room.
    preemptible: usize,
}

impl Diagnosis {
    /// Records one node's refusal.
    pub fn refuse(&mut self, reasons: &[Reason]) {
        self.nodes += 1;
        for reason in reasons {
            *self.reasons.entry(reason.clone()).or_default() += 1;
        }
        if reasons.iter().all(Reason::preemption_might_help) {
            self.preemptible += 1;
        }
    }

    /// The message, e.g. `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) were
    /// unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found
    /// for incoming pod, 2 Preemption is not helpful for scheduling.` Every pod has the
    /// same priority here, so preemption never finds a victim.
    pub fn message(&self, preemption_policy: Option<&str>) -> String {
        let n = self.nodes;
        if n == 0 {
            return "0/0 nodes are available: no nodes available to schedule pods.".to_owned();
        }
        let histogram = |counts: Vec<(usize, String)>| {
            // Upstream sorts the "<count> <reason>" strings themselves.
            let mut parts: Vec<String> = counts
                .into_iter()
                .filter(|(count, _)| *count > 0)
                .map(|(count, reason)| format!("{count} {reason}"))
                .collect();
            parts.sort();
            parts.join(", ")
        };
        let reasons = histogram(
            self.reasons
                .iter()
                .map(|(reason, count)| (*count, reason.to_string()))
                .collect(),
        );
        let preemption = if preemption_policy == Some("Never") {
            "preemption: not eligible due to preemptionPolicy=Never.".to_owned()
        } else {
            let verdicts = histogram(vec![
                (
                    self.preemptible,
                    "No preemption victims found for incoming pod".to_owned(),
                ),
                (
                    n - self.preemptible,
                    "Preemption is not helpful for scheduling".to_owned(),
                ),
            ]);
            format!("preemption: 0/{n} nodes are available: {verdicts}.")
        };
        format!("0/{n} nodes are available: {reasons}. {preemption}")
    }
}
