//! What a pod waiting on a scheduling gate may change of where it goes (upstream's
//! mutable scheduling directives): only additions, to its `nodeSelector` and to its
//! required node affinity terms.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{NodeAffinity, NodeSelectorTerm, PodSpec};

use super::pod_update::error;
use crate::FieldError;

/// The pod's node affinity, if it has one.
pub(super) fn node_affinity(spec: &PodSpec) -> Option<&NodeAffinity> {
    spec.affinity.as_ref()?.node_affinity.as_ref()
}

/// Upstream's `validateNodeSelectorMutation`: every pair the pod had stays.
pub(super) fn only_added_node_selector(
    new: Option<&BTreeMap<String, String>>,
    old: Option<&BTreeMap<String, String>>,
) -> Option<FieldError> {
    let (new, old) = (
        new.cloned().unwrap_or_default(),
        old.cloned().unwrap_or_default(),
    );
    let kept = old.iter().all(|(k, v)| new.get(k) == Some(v));
    (!kept).then(|| {
        error(
            "spec.nodeSelector",
            format!(
                "Invalid value: {}: only additions to spec.nodeSelector are allowed (no mutations or deletions)",
                serde_json::to_string(&new).unwrap_or_default()
            ),
        )
    })
}

/// Upstream's `validateNodeAffinityMutation`: once the pod has required node
/// selector terms, their number stays and each only gains requirements.
pub(super) fn only_added_node_affinity(
    new: Option<&NodeAffinity>,
    old: Option<&NodeAffinity>,
) -> Vec<FieldError> {
    let required = |a: Option<&NodeAffinity>| {
        a.and_then(|a| {
            a.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .map(|r| r.node_selector_terms.clone())
    };
    let Some(old_terms) = required(old) else {
        return Vec::new();
    };
    let new_terms = required(new).unwrap_or_default();
    let path = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
    if !old_terms.is_empty() && old_terms.len() != new_terms.len() {
        return vec![error(
            path,
            format!(
                "Invalid value: {}: no additions/deletions to non-empty NodeSelectorTerms list are allowed",
                serde_json::to_string(&new_terms).unwrap_or_default()
            ),
        )];
    }
    old_terms
        .iter()
        .zip(&new_terms)
        .enumerate()
        .filter(|(_, (before, after))| !only_additions(after, before))
        .map(|(i, (_, after))| {
            error(
                &format!("{path}[{i}]"),
                format!(
                    "Invalid value: {}: only additions are allowed (no mutations or deletions)",
                    serde_json::to_string(after).unwrap_or_default()
                ),
            )
        })
        .collect()
}

/// Upstream's `validateNodeSelectorTermHasOnlyAdditions`: the old requirements come
/// first, unchanged.
fn only_additions(new: &NodeSelectorTerm, old: &NodeSelectorTerm) -> bool {
    fn prefix<T: PartialEq>(new: Option<&Vec<T>>, old: Option<&Vec<T>>) -> bool {
        let (new, old) = (
            new.map_or(&[][..], Vec::as_slice),
            old.map_or(&[][..], Vec::as_slice),
        );
        new.len() >= old.len() && new[..old.len()] == *old
    }
    prefix(
        new.match_expressions.as_ref(),
        old.match_expressions.as_ref(),
    ) && prefix(new.match_fields.as_ref(), old.match_fields.as_ref())
}
