//! The ResourceQuota table: `NAME AGE REQUEST LIMIT`, as `kubectl get quota` prints it
//! (upstream's `printResourceQuota`).

use k8s_openapi::api::core::v1::ResourceQuota;
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::age::since_time;
use super::{name, Column, Printed, AGE, NAME};

impl Printed for ResourceQuota {
    fn columns() -> &'static [Column] {
        const COLUMNS: &[Column] = &[
            NAME,
            AGE,
            Column::text(
                "Request",
                "Request represents a minimum amount of cpu/memory that a container may consume.",
            ),
            Column::text(
                "Limit",
                "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
            ),
        ];
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        let (requests, limits) = used_of_hard(self);
        vec![
            json!(name(self)),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            json!(requests),
            json!(limits),
        ]
    }
}

/// `resource: used/hard` for each resource of `status.hard` in name order, split as
/// upstream splits them: `limits.*` in the Limit column, everything else in Request.
fn used_of_hard(quota: &ResourceQuota) -> (String, String) {
    let status = quota.status.clone().unwrap_or_default();
    let used = status.used.unwrap_or_default();
    let (mut requests, mut limits) = (Vec::new(), Vec::new());
    // A BTreeMap: already in name order, as upstream sorts them.
    for (resource, hard) in status.hard.unwrap_or_default() {
        let now = used.get(&resource).map_or("0", |q| q.0.as_str());
        let entry = format!("{resource}: {now}/{}", hard.0);
        if resource.starts_with("limits.") {
            limits.push(entry);
        } else {
            requests.push(entry);
        }
    }
    (requests.join(", "), limits.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_limits_are_columns_of_used_over_hard() {
        let quota: ResourceQuota = serde_json::from_value(json!({
            "metadata": {"name": "team"},
            "status": {
                "hard": {"limits.cpu": "4", "pods": "10", "requests.cpu": "2", "limits.memory": "8Gi"},
                "used": {"limits.cpu": "500m", "pods": "3", "requests.cpu": "250m"}
            }
        }))
        .expect("a quota");
        let now = "2026-11-23T00:00:00Z".parse().expect("a time");
        let cells = quota.cells(now);
        assert_eq!(cells[0], "team");
        assert_eq!(cells[2], "pods: 3/10, requests.cpu: 250m/2");
        assert_eq!(cells[3], "limits.cpu: 500m/4, limits.memory: 0/8Gi");
        assert_eq!(ResourceQuota::columns().len(), cells.len());
    }
}
