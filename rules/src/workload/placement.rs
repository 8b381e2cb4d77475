//! Where pods go (seed 004's scheduling rules and SPEC §1.1's replica scheduling): node
//! rules and pod (anti-)affinity as upstream validates them, and the spread of replicas
//! over member clusters, kept in the workload annotation `berth.dev/replica-scheduling`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::walk::At;
use crate::{dns_label, dns_subdomain, Findings, Violation};

use super::container::one_of;

/// The workload annotation holding replica scheduling over member clusters, as JSON:
/// `{"mode": "Replicas", "clusters": [{"name": "east", "replicas": 2}]}` or
/// `{"mode": "Weights", "clusters": [{"name": "east", "weight": 1}]}`.
pub const REPLICA_SCHEDULING: &str = "berth.dev/replica-scheduling";
/// The node label naming a node's member cluster.
pub const CLUSTER_LABEL: &str = "berth.dev/cluster";
/// The operators of a node selector requirement.
pub const NODE_OPERATORS: [&str; 6] = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];
const MODES: [&str; 2] = ["Replicas", "Weights"];

/// Checks the pod's affinity.
pub(super) fn affinity(affinity: &At, findings: &mut Findings) {
    let node = affinity
        .field("nodeAffinity")
        .field("requiredDuringSchedulingIgnoredDuringExecution");
    for term in node.field("nodeSelectorTerms").items() {
        for requirement in term.field("matchExpressions").items() {
            node_requirement(&requirement, findings);
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let required = affinity
            .field(kind)
            .field("requiredDuringSchedulingIgnoredDuringExecution");
        for term in required.items() {
            let key = term.field("topologyKey");
            match key.str() {
                None | Some("") => findings.error(key.path, Violation::Required),
                Some(k) if !qualified_name(k) => findings.error(key.path, Violation::QualifiedName),
                Some(_) => {}
            }
        }
    }
}

/// One `key operator values` rule (upstream's `validateNodeSelectorRequirement`).
fn node_requirement(requirement: &At, findings: &mut Findings) {
    let key = requirement.field("key");
    if !qualified_name(key.str().unwrap_or_default()) {
        findings.error(&key.path, Violation::QualifiedName);
    }
    let operator = requirement.field("operator");
    one_of(&operator, &NODE_OPERATORS, findings);
    let values = requirement.field("values");
    let count = values.items().len();
    match operator.str() {
        Some("In" | "NotIn") if count == 0 => findings.error(values.path, Violation::Required),
        Some("Exists" | "DoesNotExist") if count > 0 => {
            findings.error(values.path, Violation::ValuesForbidden)
        }
        Some("Gt" | "Lt") => {
            let items = values.items();
            let number = items.first().and_then(|v| v.str()).map(str::parse::<i64>);
            if count != 1 || !matches!(number, Some(Ok(_))) {
                findings.error(values.path, Violation::SingleNumber);
            }
        }
        _ => {}
    }
}

/// A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63
/// characters (upstream's `IsQualifiedName`).
pub fn qualified_name(key: &str) -> bool {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && edge(name.chars().next())
        && edge(name.chars().last())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    name_ok && prefix.is_none_or(|p| dns_subdomain(p).is_ok())
}

/// Checks the replica scheduling annotation against `spec.replicas`.
pub(super) fn replica_scheduling(meta: &At, replicas: &At, findings: &mut Findings) {
    let at = meta.field("annotations").field(REPLICA_SCHEDULING);
    if !at.present() {
        return;
    }
    let Some(Ok(parsed)) = at.str().map(serde_json::from_str::<Value>) else {
        findings.error(&at.path, Violation::NotJson);
        return;
    };
    let settings = At {
        value: Some(&parsed),
        path: at.path.clone(),
    };
    let mode = settings.field("mode");
    one_of(&mode, &MODES, findings);
    let by_weight = mode.str() == Some("Weights");
    let clusters = settings.field("clusters");
    if clusters.items().is_empty() {
        findings.error(&clusters.path, Violation::Required);
    }
    let mut names = BTreeSet::new();
    let mut sum = 0;
    for cluster in clusters.items() {
        let name = cluster.field("name");
        let text = name.str().unwrap_or_default();
        findings.check(&name.path, dns_label(text));
        if !text.is_empty() && !names.insert(text.to_owned()) {
            findings.error(&name.path, Violation::Duplicate(text.to_owned()));
        }
        let (field, min) = if by_weight {
            ("weight", 1)
        } else {
            ("replicas", 0)
        };
        let value = cluster.field(field);
        match value.int() {
            Some(n) if n < min => findings.error(value.path, Violation::AtLeast { min }),
            Some(n) => sum += n,
            None => findings.error(value.path, Violation::WholeNumber),
        }
    }
    if !by_weight && replicas.int().is_some_and(|r| r != sum) {
        findings.error(&replicas.path, Violation::ReplicasNotSum { sum });
    }
}
