//! Where the pods go: centralized or decentralized pods, custom node rules (seed 004),
//! and replica scheduling over member clusters (SPEC §1.1) — written and read back.

use serde_json::{json, Map, Value};

use super::draft::Draft;
use super::settings::{ClusterDraft, ClusterMode, NodeRuleDraft, Spread};
use super::text::{number, text};

/// The topology the pod rules spread over: one node.
const HOSTNAME: &str = "kubernetes.io/hostname";

/// The pod's `affinity`, if any rule is set.
pub fn affinity(draft: &Draft) -> Option<Value> {
    let mut out = Map::new();
    let kind = match draft.spread {
        Spread::None => None,
        Spread::Together => Some("podAffinity"),
        Spread::Apart => Some("podAntiAffinity"),
    };
    if let Some(kind) = kind {
        out.insert(
            kind.into(),
            json!({ "requiredDuringSchedulingIgnoredDuringExecution": [{
                "labelSelector": { "matchLabels": { "app": draft.name } },
                "topologyKey": HOSTNAME,
            }] }),
        );
    }
    if !draft.node_rules.is_empty() {
        let expressions: Vec<Value> = draft.node_rules.iter().map(requirement).collect();
        out.insert(
            "nodeAffinity".into(),
            json!({ "requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{ "matchExpressions": expressions }],
            } }),
        );
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

fn requirement(rule: &NodeRuleDraft) -> Value {
    let values: Vec<&str> = rule
        .values
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let mut out = json!({ "key": rule.key.trim(), "operator": rule.operator });
    if !values.is_empty() {
        out["values"] = json!(values);
    }
    out
}

/// Reads the pod rules back; shapes the form can't show stay as kept fields.
pub fn read_affinity(affinity: &Value, draft: &mut Draft) {
    draft.spread = if affinity.get("podAffinity").is_some() {
        Spread::Together
    } else if affinity.get("podAntiAffinity").is_some() {
        Spread::Apart
    } else {
        Spread::None
    };
    let terms = &affinity["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        ["nodeSelectorTerms"];
    for rule in terms[0]["matchExpressions"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = draft.new_id();
        let values: Vec<String> = rule["values"]
            .as_array()
            .into_iter()
            .flatten()
            .map(text)
            .collect();
        draft.node_rules.push(NodeRuleDraft {
            id,
            key: text(&rule["key"]),
            operator: text(&rule["operator"]),
            values: values.join(", "),
        });
    }
}

/// The replica scheduling annotation's JSON text, for a multi-cluster workload.
pub fn replica_scheduling(draft: &Draft) -> Option<Value> {
    let (mode, field) = match draft.cluster_mode {
        ClusterMode::Single => return None,
        ClusterMode::Replicas => ("Replicas", "replicas"),
        ClusterMode::Weights => ("Weights", "weight"),
    };
    let clusters: Vec<Value> = draft
        .clusters
        .iter()
        .map(|c| {
            let mut entry = json!({ "name": c.name.trim() });
            entry[field] = number(&c.value).unwrap_or(Value::Null);
            entry
        })
        .collect();
    Some(json!(
        json!({ "mode": mode, "clusters": clusters }).to_string()
    ))
}

/// The workload's replicas: with "Specify replicas" the clusters' sum, else as typed.
pub fn replicas(draft: &Draft) -> Option<Value> {
    if draft.cluster_mode != ClusterMode::Replicas {
        return number(&draft.replicas);
    }
    let counts: Option<Vec<i64>> = draft
        .clusters
        .iter()
        .map(|c| c.value.trim().parse::<i64>().ok())
        .collect();
    // A count that is not a number is reported at the cluster; keep the typed total.
    counts.map_or_else(
        || number(&draft.replicas),
        |c| Some(json!(c.iter().sum::<i64>())),
    )
}

/// Reads replica scheduling from the workload's annotation.
pub fn read_replica_scheduling(annotation: &Value, draft: &mut Draft) {
    let Some(Ok(settings)) = annotation.as_str().map(serde_json::from_str::<Value>) else {
        return;
    };
    let (mode, field) = match settings["mode"].as_str() {
        Some("Replicas") => (ClusterMode::Replicas, "replicas"),
        Some("Weights") => (ClusterMode::Weights, "weight"),
        _ => return,
    };
    draft.cluster_mode = mode;
    for c in settings["clusters"].as_array().into_iter().flatten() {
        let id = draft.new_id();
        draft.clusters.push(ClusterDraft {
            id,
            name: text(&c["name"]),
            value: text(&c[field]),
        });
    }
}
