//! The pod table: `NAME READY STATUS RESTARTS AGE` (+ `IP NODE NOMINATED NODE
//! READINESS GATES`), its READY, STATUS and RESTARTS from [`rules::pod_status`].

use k8s_openapi::api::core::v1::{Pod, PodStatus};
use k8s_openapi::jiff::Timestamp;
use rules::pod_status::summarize;
use serde_json::{json, Value};

use super::age::{since, since_time};
use super::{name, Column, Printed, AGE, NAME};

const COLUMNS: &[Column] = &[
    NAME,
    Column::text(
        "Ready",
        "The aggregate readiness state of this pod for accepting traffic.",
    ),
    Column::text(
        "Status",
        "The aggregate status of the containers in this pod.",
    ),
    Column::text(
        "Restarts",
        "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE,
    Column::text("IP", "IP address allocated to the pod.").wide(),
    Column::text("Node", "The node the pod is scheduled to.").wide(),
    Column::text("Nominated Node", "The node the pod is nominated to run on.").wide(),
    Column::text("Readiness Gates", "Pod readiness gates that are true, of all.").wide(),
];

fn has_condition(status: &PodStatus, kind: &str) -> bool {
    status
        .conditions
        .iter()
        .flatten()
        .any(|c| c.type_ == kind && c.status == "True")
}

fn or_none(value: Option<&str>) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or("<none>")
        .to_owned()
}

impl Printed for Pod {
    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn cells(&self, now: Timestamp) -> Vec<Value> {
        // One reckoning for this Table and the console's rows: the pod's JSON, read by
        // the shared rule.
        let summary = serde_json::to_value(self)
            .map(|pod| summarize(&pod))
            .unwrap_or_default();
        let last = summary
            .last_restart
            .as_deref()
            .and_then(|at| at.parse::<Timestamp>().ok());
        let restarts = match last {
            Some(at) if summary.restarts != 0 => {
                format!("{} ({} ago)", summary.restarts, since(Some(at), now))
            }
            _ => summary.restarts.to_string(),
        };
        let status = self.status.as_ref();
        let ip = status
            .and_then(|s| s.pod_ips.as_ref())
            .and_then(|ips| ips.first())
            .map(|ip| ip.ip.as_str());
        let node = self.spec.as_ref().and_then(|s| s.node_name.as_deref());
        let nominated = status.and_then(|s| s.nominated_node_name.as_deref());
        let gates = self
            .spec
            .as_ref()
            .and_then(|s| s.readiness_gates.as_ref())
            .filter(|g| !g.is_empty())
            .map_or("<none>".to_owned(), |gates| {
                let met = gates
                    .iter()
                    .filter(|g| status.is_some_and(|s| has_condition(s, &g.condition_type)))
                    .count();
                format!("{met}/{}", gates.len())
            });
        vec![
            json!(name(self)),
            json!(summary.ready_text()),
            json!(summary.reason),
            json!(restarts),
            json!(since_time(self.metadata.creation_timestamp.as_ref(), now)),
            json!(or_none(ip)),
            json!(or_none(node)),
            json!(or_none(nominated)),
            json!(gates),
        ]
    }

    fn conditions(&self) -> Option<Value> {
        let (reason, message) = match self.status.as_ref()?.phase.as_deref()? {
            "Succeeded" => ("Succeeded", "The pod has completed successfully."),
            "Failed" => ("Failed", "The pod failed."),
            _ => return None,
        };
        Some(
            json!([{ "type": "Completed", "status": "True", "reason": reason, "message": message }]),
        )
    }
}
