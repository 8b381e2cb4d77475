//! Which nodes a DaemonSet runs on (upstream's `NodeShouldRunDaemonPod`), and how its
//! pods are tied to their node.

use k8s_openapi::api::core::v1::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod,
    PodSpec, PodTemplateSpec, Toleration,
};

use crate::controllers::scheduler::{node_ready, runs_pod_type, tolerates};

/// Where a DaemonSet stands with one node.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fit {
    /// A daemon pod should be started there.
    pub should_run: bool,
    /// A daemon pod already there may stay (it is not evicted for the node going
    /// NotReady or being cordoned, only for selectors and NoExecute taints).
    pub should_continue: bool,
}

/// Whether pods of `template` should run on `node`: the node is Ready and schedulable,
/// its labels match the `nodeSelector` and the pod type, and every NoSchedule and
/// NoExecute taint is tolerated. Upstream's daemon pods tolerate NotReady and cordoned nodes; here they
/// start only on nodes the scheduler would bind them to.
pub(super) fn fit(template: &PodTemplateSpec, node: &Node) -> Fit {
    let spec = template.spec.as_ref();
    let labels = node.metadata.labels.as_ref();
    let annotations = template
        .metadata
        .as_ref()
        .and_then(|m| m.annotations.as_ref());
    let pod_type = rules::workload::pod_type_of(annotations);
    let selected = runs_pod_type(node, pod_type)
        && spec
            .and_then(|s| s.node_selector.as_ref())
            .is_none_or(|wanted| crate::selector::map_selects(wanted, labels));
    // The tolerations the pod will have: the template's and the daemon defaults.
    let mut pinned = PodSpec {
        tolerations: spec.and_then(|s| s.tolerations.clone()),
        ..Default::default()
    };
    add_daemon_tolerations(&mut pinned);
    let tolerations = pinned.tolerations.unwrap_or_default();
    let taints = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or_default();
    let repelled = |effects: &[&str]| {
        taints.iter().any(|taint| {
            effects.contains(&taint.effect.as_str())
                && !tolerations.iter().any(|t| tolerates(t, taint))
        })
    };
    Fit {
        should_run: selected && node_ready(node) && !repelled(&["NoSchedule", "NoExecute"]),
        should_continue: selected && !repelled(&["NoExecute"]),
    }
}

/// The node a pod is for: the one it is bound to, or the one its required node affinity
/// names (upstream's `GetTargetNodeName`).
pub(super) fn target_node(pod: &Pod) -> Option<&str> {
    let spec = pod.spec.as_ref()?;
    if let Some(node) = spec.node_name.as_deref() {
        return Some(node);
    }
    let terms = &spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms;
    terms
        .iter()
        .flat_map(|t| t.match_fields.iter().flatten())
        .find(|r| r.key == "metadata.name" && r.operator == "In")
        .and_then(|r| match r.values.as_deref() {
            Some([only]) => Some(only.as_str()),
            _ => None,
        })
}

/// Pins a daemon pod to `node` the way upstream does since 1.12: the required node
/// affinity becomes one term matching the node's name, and the scheduler binds it
/// (`ReplaceDaemonSetPodNodeNameNodeAffinity`). Upstream's default daemon tolerations
/// are added too (`AddOrUpdateDaemonPodTolerations`).
pub(super) fn pin(spec: &mut PodSpec, node: &str) {
    let term = NodeSelectorTerm {
        match_fields: Some(vec![NodeSelectorRequirement {
            key: "metadata.name".to_owned(),
            operator: "In".to_owned(),
            values: Some(vec![node.to_owned()]),
        }]),
        match_expressions: None,
    };
    let affinity = spec.affinity.get_or_insert_with(Affinity::default);
    let node_affinity = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    node_affinity.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    add_daemon_tolerations(spec);
}

fn add_daemon_tolerations(spec: &mut PodSpec) {
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    for (key, effect) in DAEMON_TOLERATIONS {
        let present = tolerations
            .iter()
            .any(|t| t.key.as_deref() == Some(key) && t.effect.as_deref() == Some(effect));
        if !present {
            tolerations.push(Toleration {
                key: Some(key.to_owned()),
                operator: Some("Exists".to_owned()),
                effect: Some(effect.to_owned()),
                ..Default::default()
            });
        }
    }
}

/// The taints every daemon pod tolerates upstream.
const DAEMON_TOLERATIONS: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];
