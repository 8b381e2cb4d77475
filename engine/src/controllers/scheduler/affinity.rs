//! Affinity, as upstream's `NodeAffinity` plugin (nodeSelector, required and preferred
//! node affinity) and `InterPodAffinity` plugin (required pod affinity and
//! anti-affinity, the incoming pod's and the existing pods') read it.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{
    Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodAffinityTerm,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::diagnosis::Reason;

/// Namespace name → its labels, for `namespaceSelector`.
pub(super) type NamespaceLabels = BTreeMap<String, BTreeMap<String, String>>;

/// A pod bound to a node, as the pod-affinity checks see it.
pub(super) struct Placed {
    pub pod: Arc<Pod>,
    pub node: Arc<Node>,
}

/// Whether `node` passes the pod's `nodeSelector` and required node affinity (terms
/// ORed, a term's requirements ANDed).
pub(super) fn node_selected(pod: &Pod, node: &Node) -> bool {
    let Some(spec) = pod.spec.as_ref() else {
        return true;
    };
    let labels = node.metadata.labels.as_ref();
    let selected = spec
        .node_selector
        .as_ref()
        .is_none_or(|wanted| crate::selector::map_selects(wanted, labels));
    let required = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| {
            a.required_during_scheduling_ignored_during_execution
                .as_ref()
        });
    selected && required.is_none_or(|r| r.node_selector_terms.iter().any(|t| term_matches(t, node)))
}

/// The sum of the weights of the pod's preferred node affinity terms that `node`
/// matches (upstream's `NodeAffinity` score before normalising).
pub(super) fn preferred_weight(pod: &Pod, node: &Node) -> i64 {
    pod.spec
        .as_ref()
        .and_then(|s| s.affinity.as_ref())
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| {
            a.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .into_iter()
        .flatten()
        .filter(|p| term_matches(&p.preference, node))
        .map(|p| i64::from(p.weight))
        .sum()
}

/// One node selector term; a term with no requirements matches no node.
fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    let expressions = term.match_expressions.as_deref().unwrap_or_default();
    let fields = term.match_fields.as_deref().unwrap_or_default();
    if expressions.is_empty() && fields.is_empty() {
        return false;
    }
    let labels = node.metadata.labels.as_ref();
    let name = node.metadata.name.as_deref();
    expressions
        .iter()
        .all(|r| requirement_matches(r, labels.and_then(|l| l.get(&r.key)).map(String::as_str)))
        // `metadata.name` is the only field upstream lets a term match.
        && fields
            .iter()
            .all(|r| r.key == "metadata.name" && requirement_matches(r, name))
}

/// One requirement against a label's value (`None` when the node lacks the label).
fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    let values = r.values.as_deref().unwrap_or_default();
    let listed = |v: &str| values.iter().any(|w| w == v);
    // Gt and Lt compare the label and the one value as integers; unparsable fails.
    let compare = |want: std::cmp::Ordering| {
        let label = value.and_then(|v| v.parse::<i64>().ok());
        let bound = values.first().and_then(|v| v.parse::<i64>().ok());
        matches!((label, bound), (Some(l), Some(b)) if l.cmp(&b) == want)
    };
    match r.operator.as_str() {
        "In" => value.is_some_and(listed),
        "NotIn" => value.is_none_or(|v| !listed(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" => compare(std::cmp::Ordering::Greater),
        "Lt" => compare(std::cmp::Ordering::Less),
        _ => false,
    }
}

/// A node's value for a topology key.
fn topology<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.metadata.labels.as_ref()?.get(key).map(String::as_str)
}

/// Whether `term` of a pod in `owner_ns` selects `pod`: the term's namespaces (its
/// list and `namespaceSelector`, the owner's namespace when both are unset), then its
/// label selector (unset selects nothing, empty everything).
fn term_selects(
    term: &PodAffinityTerm,
    owner_ns: &str,
    pod: &Pod,
    namespaces: &NamespaceLabels,
) -> bool {
    let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
    let listed = term.namespaces.as_deref().unwrap_or_default();
    let in_namespace = match &term.namespace_selector {
        None if listed.is_empty() => ns == owner_ns,
        selector => {
            listed.iter().any(|n| n == ns)
                || selector
                    .as_ref()
                    .is_some_and(|s| selects(s, namespaces.get(ns)))
        }
    };
    in_namespace
        && term
            .label_selector
            .as_ref()
            .is_some_and(|s| selects(s, pod.metadata.labels.as_ref()))
}

/// A label selector in an affinity term: unlike a workload's, an empty one selects
/// everything (upstream's `LabelSelectorAsSelector`).
fn selects(selector: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let empty = selector.match_labels.as_ref().is_none_or(|m| m.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|e| e.is_empty());
    empty || crate::selector::matches(selector, labels)
}

fn required_terms(pod: &Pod, anti: bool) -> &[PodAffinityTerm] {
    let affinity = pod.spec.as_ref().and_then(|s| s.affinity.as_ref());
    let terms = if anti {
        affinity
            .and_then(|a| a.pod_anti_affinity.as_ref())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })
    } else {
        affinity
            .and_then(|a| a.pod_affinity.as_ref())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })
    };
    terms.map(Vec::as_slice).unwrap_or_default()
}

/// Whether a pod has required anti-affinity terms, the ones every later pod is checked
/// against.
pub(super) fn has_required_anti_affinity(pod: &Pod) -> bool {
    !required_terms(pod, true).is_empty()
}

/// Whether the pod has required pod affinity or anti-affinity terms, which read the
/// pods already bound.
pub(super) fn has_required_terms(pod: &Pod) -> bool {
    !required_terms(pod, false).is_empty() || has_required_anti_affinity(pod)
}

/// Topology pairs (key, value).
type Domains = HashSet<(String, String)>;

/// The incoming pod's `InterPodAffinity` pre-filter state: the topology domains that
/// hold pods its terms select, and those whose pods' anti-affinity repels it.
pub(super) struct InterPod<'a> {
    affinity: &'a [PodAffinityTerm],
    /// Domains holding a pod that matches all the affinity terms.
    affinity_domains: Domains,
    /// No pod anywhere matches, and the pod matches its own terms: the first of a group.
    first_of_group: bool,
    anti_affinity: &'a [PodAffinityTerm],
    anti_domains: Domains,
    /// Domains of existing pods whose required anti-affinity selects the incoming pod.
    existing_anti: Domains,
}

impl<'a> InterPod<'a> {
    /// Reads the bound pods for `pod`; `repelling` are those with required anti-affinity.
    pub fn new(
        pod: &'a Pod,
        placed: &[Placed],
        repelling: &[Placed],
        namespaces: &NamespaceLabels,
    ) -> Self {
        let own_ns = pod.metadata.namespace.as_deref().unwrap_or_default();
        let affinity = required_terms(pod, false);
        let anti_affinity = required_terms(pod, true);
        let mut state = InterPod {
            affinity,
            affinity_domains: Domains::new(),
            first_of_group: false,
            anti_affinity,
            anti_domains: Domains::new(),
            existing_anti: Domains::new(),
        };
        let add = |domains: &mut Domains, node: &Node, key: &str| {
            if let Some(value) = topology(node, key) {
                domains.insert((key.to_owned(), value.to_owned()));
            }
        };
        if !affinity.is_empty() || !anti_affinity.is_empty() {
            for p in placed {
                let selected = |t: &PodAffinityTerm| term_selects(t, own_ns, &p.pod, namespaces);
                if !affinity.is_empty() && affinity.iter().all(selected) {
                    for t in affinity {
                        add(&mut state.affinity_domains, &p.node, &t.topology_key);
                    }
                }
                for t in anti_affinity.iter().filter(|t| selected(t)) {
                    add(&mut state.anti_domains, &p.node, &t.topology_key);
                }
            }
        }
        for p in repelling {
            let their_ns = p.pod.metadata.namespace.as_deref().unwrap_or_default();
            for t in required_terms(&p.pod, true) {
                if term_selects(t, their_ns, pod, namespaces) {
                    add(&mut state.existing_anti, &p.node, &t.topology_key);
                }
            }
        }
        state.first_of_group = state.affinity_domains.is_empty()
            && affinity
                .iter()
                .all(|t| term_selects(t, own_ns, pod, namespaces));
        state
    }

    /// Upstream's `InterPodAffinity` filter for one node.
    pub fn check(&self, node: &Node) -> Result<(), Reason> {
        if !self.affinity_allows(node) {
            return Err(Reason::PodAffinity);
        }
        let repelled = |domains: &Domains, key: &str| {
            topology(node, key).is_some_and(|v| domains.contains(&(key.to_owned(), v.to_owned())))
        };
        if self
            .anti_affinity
            .iter()
            .any(|t| repelled(&self.anti_domains, &t.topology_key))
        {
            return Err(Reason::PodAntiAffinity);
        }
        if self
            .existing_anti
            .iter()
            .any(|(key, _)| repelled(&self.existing_anti, key))
        {
            return Err(Reason::ExistingAntiAffinity);
        }
        Ok(())
    }

    /// Every affinity term's domain on this node holds a matching pod; the node must
    /// have every term's topology label (upstream's `satisfyPodAffinity`).
    fn affinity_allows(&self, node: &Node) -> bool {
        let mut pods_exist = true;
        for t in self.affinity {
            let Some(value) = topology(node, &t.topology_key) else {
                return false;
            };
            let pair = (t.topology_key.clone(), value.to_owned());
            pods_exist &= self.affinity_domains.contains(&pair);
        }
        pods_exist || self.first_of_group
    }
}
