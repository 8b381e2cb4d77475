//! What an update may change of a pod's spec, as upstream's `ValidatePodUpdate`: the
//! containers' images, a shorter `activeDeadlineSeconds`, added tolerations, removed
//! scheduling gates, and a negative grace period set to 1; while the pod waits on a
//! scheduling gate, also additions to its `nodeSelector` and to its required node
//! affinity. Nothing else: a pod is replaced, not edited.

use k8s_openapi::api::core::v1::{Affinity, Container, PodSpec, Toleration};

use super::scheduling_directives::{
    node_affinity, only_added_node_affinity, only_added_node_selector,
};
use crate::FieldError;

/// Upstream's list of what may change, as its message gives it.
const UPDATABLE: &str = "`spec.containers[*].image`,`spec.initContainers[*].image`,\
`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),\
`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

pub(super) fn error(field: &str, message: String) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message,
    }
}

/// The update's errors, in upstream's order: it stops at a changed number of
/// containers or a bad deadline, as upstream does.
pub(crate) fn spec(new: &PodSpec, old: &PodSpec) -> Vec<FieldError> {
    let inits = |s: &PodSpec| s.init_containers.as_ref().map_or(0, Vec::len);
    for (field, after, before) in [
        (
            "spec.containers",
            new.containers.len(),
            old.containers.len(),
        ),
        ("spec.initContainers", inits(new), inits(old)),
    ] {
        if after != before {
            let message = "Forbidden: pod updates may not add or remove containers".to_owned();
            return vec![error(field, message)];
        }
    }
    if let Some(e) = deadline(new.active_deadline_seconds, old.active_deadline_seconds) {
        return vec![e];
    }
    let mut errors = Vec::new();
    errors.extend(only_added_tolerations(
        new.tolerations.as_deref().unwrap_or_default(),
        old.tolerations.as_deref().unwrap_or_default(),
    ));
    let gates = |s: &PodSpec| s.scheduling_gates.clone().unwrap_or_default();
    let (old_gates, new_gates) = (gates(old), gates(new));
    errors.extend(
        new_gates
            .iter()
            .filter(|g| !old_gates.contains(g))
            .map(|g| {
                let message = format!(
                    "Forbidden: only deletion is allowed, but found new scheduling gate '{}'",
                    g.name
                );
                error("spec.schedulingGates", message)
            }),
    );
    // A gated pod may still be told where to go (upstream's mutable scheduling
    // directives): checked here, then taken back like the other allowed changes.
    let gated = old.scheduling_gates.as_ref().is_some_and(|g| !g.is_empty());
    if gated {
        errors.extend(only_added_node_selector(
            new.node_selector.as_ref(),
            old.node_selector.as_ref(),
        ));
        errors.extend(only_added_node_affinity(
            node_affinity(new),
            node_affinity(old),
        ));
    }
    if new != old && munged(new, old, gated) != *old {
        let message =
            format!("Forbidden: pod updates may not change fields other than {UPDATABLE}");
        errors.push(error("spec", message));
    }
    errors
}

/// `activeDeadlineSeconds` may be set, or lowered; never raised or unset.
fn deadline(new: Option<i64>, old: Option<i64>) -> Option<FieldError> {
    let field = "spec.activeDeadlineSeconds";
    match (new, old) {
        (Some(n), _) if !(0..=i64::from(i32::MAX)).contains(&n) => Some(error(
            field,
            format!("Invalid value: {n}: must be between 0 and 2147483647, inclusive"),
        )),
        (Some(n), Some(o)) if o < n => Some(error(
            field,
            format!("Invalid value: {n}: must be less than or equal to previous value"),
        )),
        (None, Some(_)) => Some(error(
            field,
            "Invalid value: \"null\": must not update from a positive integer to nil value"
                .to_owned(),
        )),
        _ => None,
    }
}

/// Every toleration the pod had stays, but for its `tolerationSeconds`.
fn only_added_tolerations(new: &[Toleration], old: &[Toleration]) -> Option<FieldError> {
    let kept = |before: &Toleration| {
        new.iter().any(|after| {
            let mut same = before.clone();
            same.toleration_seconds = after.toleration_seconds;
            same == *after
        })
    };
    (!old.iter().all(kept)).then(|| {
        error(
            "spec.tolerations",
            "Forbidden: existing toleration can not be modified except its tolerationSeconds"
                .to_owned(),
        )
    })
}

/// `new` with what may change taken back from `old`: equal to `old` when nothing else
/// changed. A `gated` pod's node selector and node affinity are taken back too.
fn munged(new: &PodSpec, old: &PodSpec, gated: bool) -> PodSpec {
    let images = |after: &[Container], before: &[Container]| -> Vec<Container> {
        after
            .iter()
            .zip(before)
            .map(|(a, b)| Container {
                image: b.image.clone(),
                ..a.clone()
            })
            .collect()
    };
    let mut spec = new.clone();
    spec.containers = images(&new.containers, &old.containers);
    spec.init_containers = new
        .init_containers
        .as_ref()
        .map(|after| images(after, old.init_containers.as_deref().unwrap_or_default()));
    spec.active_deadline_seconds = old.active_deadline_seconds;
    spec.scheduling_gates.clone_from(&old.scheduling_gates);
    spec.tolerations.clone_from(&old.tolerations);
    if gated {
        spec.node_selector.clone_from(&old.node_selector);
        let before = old.affinity.as_ref().and_then(|a| a.node_affinity.clone());
        let only_node = |a: &Affinity| a.pod_affinity.is_none() && a.pod_anti_affinity.is_none();
        match spec.affinity.as_mut() {
            None if before.is_some() => {
                spec.affinity = Some(Affinity {
                    node_affinity: before,
                    ..Default::default()
                });
            }
            None => {}
            // Node affinity added to a pod that had no affinity at all.
            Some(affinity) if old.affinity.is_none() && only_node(affinity) => {
                spec.affinity = None;
            }
            Some(affinity) => affinity.node_affinity = before,
        }
    }
    let negative = old.termination_grace_period_seconds.is_some_and(|s| s < 0);
    if negative && spec.termination_grace_period_seconds == Some(1) {
        spec.termination_grace_period_seconds = old.termination_grace_period_seconds;
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(image: &str) -> PodSpec {
        PodSpec {
            containers: vec![Container {
                name: "web".to_owned(),
                image: Some(image.to_owned()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn an_image_and_a_lower_deadline_may_change() {
        let mut new = pod("nginx:1.27");
        new.active_deadline_seconds = Some(30);
        let mut old = pod("nginx:1.26");
        old.active_deadline_seconds = Some(60);
        assert!(spec(&new, &old).is_empty());
    }

    #[test]
    fn anything_else_is_forbidden_in_upstreams_words() {
        let mut new = pod("nginx:1.26");
        new.containers[0].args = Some(vec!["--debug".to_owned()]);
        let errors = spec(&new, &pod("nginx:1.26"));
        assert_eq!(fields(&errors), ["spec"]);
        assert!(errors[0].message.starts_with(
            "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
        ));

        let mut two = pod("nginx:1.26");
        two.containers.push(two.containers[0].clone());
        assert_eq!(fields(&spec(&two, &pod("nginx:1.26"))), ["spec.containers"]);
    }

    #[test]
    fn a_deadline_may_not_rise_or_go_and_tolerations_only_grow() {
        let mut old = pod("a");
        old.active_deadline_seconds = Some(60);
        old.tolerations = Some(vec![Toleration {
            key: Some("k".to_owned()),
            toleration_seconds: Some(300),
            ..Default::default()
        }]);
        let mut raised = old.clone();
        raised.active_deadline_seconds = Some(90);
        assert_eq!(
            spec(&raised, &old)[0].message,
            "Invalid value: 90: must be less than or equal to previous value"
        );
        let mut shorter = old.clone();
        if let Some(t) = shorter.tolerations.as_mut() {
            t[0].toleration_seconds = Some(10);
            t.push(Toleration {
                key: Some("extra".to_owned()),
                operator: Some("Exists".to_owned()),
                ..Default::default()
            });
        }
        assert!(spec(&shorter, &old).is_empty());
        let mut dropped = old.clone();
        dropped.tolerations = None;
        assert_eq!(fields(&spec(&dropped, &old)), ["spec.tolerations"]);
    }

    fn gated(selector: &[(&str, &str)]) -> PodSpec {
        let mut spec = pod("a");
        spec.scheduling_gates = Some(vec![k8s_openapi::api::core::v1::PodSchedulingGate {
            name: "example.com/wait".to_owned(),
        }]);
        let pairs = selector
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
        spec.node_selector = (!selector.is_empty()).then(|| pairs.collect());
        spec
    }

    fn requiring(spec: &mut PodSpec, keys: &[&str]) {
        use k8s_openapi::api::core::v1::{
            NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
        };
        let expressions = keys
            .iter()
            .map(|k| NodeSelectorRequirement {
                key: (*k).to_owned(),
                operator: "Exists".to_owned(),
                values: None,
            })
            .collect();
        spec.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: Some(expressions),
                        match_fields: None,
                    }],
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
    }

    #[test]
    fn a_gated_pod_may_gain_node_selector_pairs_but_not_change_them() {
        let old = gated(&[("zone", "a")]);
        assert!(spec(&gated(&[("zone", "a"), ("disk", "ssd")]), &old).is_empty());
        let changed = spec(&gated(&[("zone", "b")]), &old);
        assert_eq!(fields(&changed), ["spec.nodeSelector"]);
        assert!(changed[0].message.ends_with(
            "only additions to spec.nodeSelector are allowed (no mutations or deletions)"
        ));
        // Once the gates are gone, the pod is bound for scheduling: no more changes.
        let mut ungated = gated(&[("zone", "a")]);
        ungated.scheduling_gates = None;
        let mut more = ungated.clone();
        more.node_selector = gated(&[("zone", "a"), ("disk", "ssd")]).node_selector;
        assert_eq!(fields(&spec(&more, &ungated)), ["spec"]);
    }

    #[test]
    fn a_gated_pod_may_gain_required_node_affinity_but_not_lose_it() {
        let old = gated(&[]);
        let mut added = old.clone();
        requiring(&mut added, &["zone"]);
        assert!(spec(&added, &old).is_empty(), "set where there was none");
        let mut tighter = old.clone();
        requiring(&mut tighter, &["zone", "disk"]);
        assert!(spec(&tighter, &added).is_empty(), "a requirement added");
        let loosened = spec(&added, &tighter);
        assert_eq!(
            fields(&loosened),
            ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"]
        );
        assert!(loosened[0]
            .message
            .ends_with("only additions are allowed (no mutations or deletions)"));
    }
}
