//! The pod table: `NAME READY STATUS RESTARTS AGE` (+ `IP NODE NOMINATED NODE
//! READINESS GATES`), its STATUS worked out as upstream's `printPod` does.

use k8s_openapi::api::core::v1::{ContainerStatus, Pod, PodSpec, PodStatus};
use k8s_openapi::jiff::Timestamp;
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

/// Restart counts, and when the latest restart happened.
#[derive(Default)]
struct Restarts {
    count: i32,
    last: Option<Timestamp>,
}

impl Restarts {
    fn add(&mut self, status: &ContainerStatus) {
        self.count += status.restart_count;
        let finished = status
            .last_state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .and_then(|t| t.finished_at.as_ref())
            .map(|t| t.0);
        if let Some(at) = finished {
            self.last = Some(self.last.map_or(at, |last| last.max(at)));
        }
    }
}

/// Whether an init container is a sidecar (`restartPolicy: Always`).
fn is_sidecar(spec: Option<&PodSpec>, name: &str) -> bool {
    spec.and_then(|s| s.init_containers.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.name == name))
        .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"))
}

fn has_condition(status: &PodStatus, kind: &str) -> bool {
    status
        .conditions
        .iter()
        .flatten()
        .any(|c| c.type_ == kind && c.status == "True")
}

/// READY, STATUS and RESTARTS, as upstream's `printPod` reckons them.
struct Summary {
    ready: usize,
    total: usize,
    reason: String,
    restarts: Restarts,
}

fn summarize(pod: &Pod) -> Summary {
    let spec = pod.spec.as_ref();
    let default_status = PodStatus::default();
    let status = pod.status.as_ref().unwrap_or(&default_status);
    let init_count = spec
        .and_then(|s| s.init_containers.as_ref())
        .map_or(0, Vec::len);
    let mut total = spec.map_or(0, |s| s.containers.len());
    total += spec
        .and_then(|s| s.init_containers.as_ref())
        .into_iter()
        .flatten()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .count();
    // A pod the engine hasn't scheduled yet has no phase; upstream's registry sets
    // `Pending` at create, and so does the engine's own reading of it.
    let phase = engine::pod_state::phase(pod).to_owned();
    let mut reason = status
        .reason
        .clone()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| phase.clone());
    let gated = status
        .conditions
        .iter()
        .flatten()
        .any(|c| c.type_ == "PodScheduled" && c.reason.as_deref() == Some("SchedulingGated"));
    if gated {
        reason = "SchedulingGated".to_owned();
    }
    let mut ready = 0;
    let mut restarts = Restarts::default();
    let mut sidecar_restarts = Restarts::default();
    let mut initializing = false;
    for (i, c) in status.init_container_statuses.iter().flatten().enumerate() {
        restarts.add(c);
        let sidecar = is_sidecar(spec, &c.name);
        if sidecar {
            sidecar_restarts.add(c);
        }
        let state = c.state.as_ref();
        let terminated = state.and_then(|s| s.terminated.as_ref());
        let waiting = state.and_then(|s| s.waiting.as_ref());
        if terminated.is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if sidecar && c.started == Some(true) {
            ready += usize::from(c.ready);
            continue;
        }
        reason = match (terminated, waiting) {
            (Some(t), _) => match t.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => format!("Init:{r}"),
                None if t.signal.unwrap_or(0) != 0 => {
                    format!("Init:Signal:{}", t.signal.unwrap_or(0))
                }
                None => format!("Init:ExitCode:{}", t.exit_code),
            },
            (None, Some(w))
                if w.reason
                    .as_deref()
                    .is_some_and(|r| !r.is_empty() && r != "PodInitializing") =>
            {
                format!("Init:{}", w.reason.as_deref().unwrap_or_default())
            }
            _ => format!("Init:{i}/{init_count}"),
        };
        initializing = true;
        break;
    }
    if !initializing || has_condition(status, "Initialized") {
        restarts = sidecar_restarts;
        let mut has_running = false;
        for c in status.container_statuses.iter().flatten().rev() {
            restarts.add(c);
            let state = c.state.as_ref();
            let waiting = state.and_then(|s| s.waiting.as_ref());
            let terminated = state.and_then(|s| s.terminated.as_ref());
            if let Some(r) = waiting
                .and_then(|w| w.reason.clone())
                .filter(|r| !r.is_empty())
            {
                reason = r;
            } else if let Some(t) = terminated {
                reason = match t.reason.clone().filter(|r| !r.is_empty()) {
                    Some(r) => r,
                    None if t.signal.unwrap_or(0) != 0 => {
                        format!("Signal:{}", t.signal.unwrap_or(0))
                    }
                    None => format!("ExitCode:{}", t.exit_code),
                };
            } else if c.ready && state.is_some_and(|s| s.running.is_some()) {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if has_condition(status, "Ready") {
                "Running".to_owned()
            } else {
                "NotReady".to_owned()
            };
        }
    }
    if pod.metadata.deletion_timestamp.is_some() {
        if status.reason.as_deref() == Some("NodeLost") {
            reason = "Unknown".to_owned();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".to_owned();
        }
    }
    Summary {
        ready,
        total,
        reason,
        restarts,
    }
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
        let summary = summarize(self);
        let restarts = match summary.restarts.last {
            Some(at) if summary.restarts.count != 0 => {
                format!("{} ({} ago)", summary.restarts.count, since(Some(at), now))
            }
            _ => summary.restarts.count.to_string(),
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
            json!(format!("{}/{}", summary.ready, summary.total)),
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
