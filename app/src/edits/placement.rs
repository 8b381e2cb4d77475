//! Editing replica scheduling over member clusters on a live workload: the annotation
//! rewritten with new counts or weights, as the wizard writes it (SPEC §1.1).

use rules::workload::REPLICA_SCHEDULING;
use serde_json::{json, Value};

/// The workload with its replica scheduling set to `clusters` (each a name and the
/// text typed for its count or weight) in the annotation's mode (`Replicas` or
/// `Weights`). With counts, `spec.replicas` becomes their sum as in the wizard, so
/// the shared rules see the same object the API will. The `resourceVersion` read is
/// kept, so a stale edit is refused.
pub fn with_scheduling(workload: &Value, mode: &str, clusters: &[(String, String)]) -> Value {
    let field = if mode == "Weights" {
        "weight"
    } else {
        "replicas"
    };
    let entries: Vec<Value> = clusters
        .iter()
        .map(|(name, value)| {
            let mut entry = json!({ "name": name.trim() });
            // Text that is not a whole number stays text: the rules name the field.
            entry[field] = value
                .trim()
                .parse::<i64>()
                .map_or_else(|_| Value::String(value.trim().to_owned()), Value::from);
            entry
        })
        .collect();
    let mut edited = workload.clone();
    let text = json!({ "mode": mode, "clusters": entries }).to_string();
    edited["metadata"]["annotations"][REPLICA_SCHEDULING] = Value::String(text);
    if mode != "Weights" {
        let counts: Option<Vec<i64>> = clusters
            .iter()
            .map(|(_, v)| v.trim().parse::<i64>().ok())
            .collect();
        if let Some(counts) = counts {
            edited["spec"]["replicas"] = json!(counts.iter().sum::<i64>());
        }
    }
    edited
}

/// Which row and field a rules finding about the annotation points at: the path's
/// `.clusters[<row>].<field>` tail.
pub fn scheduling_row(path: &str) -> Option<(usize, &str)> {
    let (_, tail) = path.rsplit_once(".clusters[")?;
    let (row, field) = tail.split_once("].")?;
    Some((row.parse().ok()?, field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::check;

    fn deployment() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "resourceVersion": "7",
                "annotations": {REPLICA_SCHEDULING:
                    r#"{"mode":"Weights","clusters":[{"name":"east","weight":1},{"name":"west","weight":1}]}"#}},
            "spec": {
                "replicas": 4,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}}
            }
        })
    }

    fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        rows.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn new_weights_are_written_and_pass_the_rules() {
        let edited = with_scheduling(
            &deployment(),
            "Weights",
            &pairs(&[("east", "3"), ("west", " 1")]),
        );
        let text = edited["metadata"]["annotations"][REPLICA_SCHEDULING]
            .as_str()
            .expect("annotation text");
        let written: Value = serde_json::from_str(text).expect("annotation json");
        assert_eq!(written["clusters"][0], json!({"name": "east", "weight": 3}));
        assert_eq!(written["clusters"][1], json!({"name": "west", "weight": 1}));
        assert_eq!(edited["spec"]["replicas"], 4, "weights keep the total");
        assert_eq!(edited["metadata"]["resourceVersion"], "7");
        assert!(
            check(&edited, false).is_valid(),
            "{:?}",
            check(&edited, false)
        );
    }

    #[test]
    fn a_zero_weight_or_a_duplicate_cluster_is_refused_at_its_row() {
        let edited = with_scheduling(
            &deployment(),
            "Weights",
            &pairs(&[("east", "0"), ("east", "x")]),
        );
        let findings = check(&edited, false);
        let rows: Vec<(usize, String)> = findings
            .errors
            .iter()
            .filter_map(|e| scheduling_row(&e.path).map(|(r, f)| (r, f.to_owned())))
            .collect();
        assert!(rows.contains(&(0, "weight".to_owned())), "{rows:?}");
        assert!(rows.contains(&(1, "name".to_owned())), "{rows:?}");
        assert!(rows.contains(&(1, "weight".to_owned())), "{rows:?}");
    }

    #[test]
    fn counts_set_the_total() {
        let edited = with_scheduling(
            &deployment(),
            "Replicas",
            &pairs(&[("east", "2"), ("west", "3")]),
        );
        assert_eq!(edited["spec"]["replicas"], 5);
        assert!(check(&edited, false).is_valid());
    }
}
