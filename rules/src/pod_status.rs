//! A pod's READY, STATUS and RESTARTS as `kubectl get pods` prints them (upstream's
//! `printPod` in `pkg/printers/internalversion/printers.go`), from the pod's JSON: the
//! one reckoning behind both the server's Table and the console's pod rows.

use serde_json::Value;

/// What a pod's row says of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodSummary {
    /// Ready containers (sidecars included).
    pub ready: usize,
    /// Containers (sidecars included).
    pub total: usize,
    /// The STATUS word: `Running`, `Init:1/2`, `CrashLoopBackOff`, `Terminating`…
    pub reason: String,
    /// Restarts of the containers that count.
    pub restarts: i64,
    /// When the latest of those restarts happened (RFC 3339), if known.
    pub last_restart: Option<String>,
}

impl PodSummary {
    /// The READY column: `1/2`.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.ready, self.total)
    }
}

/// Restart counts, and when the latest restart happened.
#[derive(Default)]
struct Restarts {
    count: i64,
    last: Option<String>,
}

impl Restarts {
    fn add(&mut self, status: &Value) {
        self.count += status["restartCount"].as_i64().unwrap_or(0);
        // RFC 3339 UTC stamps of one format order as text.
        if let Some(at) = status["lastState"]["terminated"]["finishedAt"].as_str() {
            if self.last.as_deref().is_none_or(|last| at > last) {
                self.last = Some(at.to_owned());
            }
        }
    }
}

fn text(value: &Value) -> Option<&str> {
    value.as_str().filter(|s| !s.is_empty())
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn has_condition(status: &Value, kind: &str) -> bool {
    items(&status["conditions"])
        .iter()
        .any(|c| c["type"] == kind && c["status"] == "True")
}

/// Whether the init container `name` is a sidecar (`restartPolicy: Always`).
fn is_sidecar(spec: &Value, name: &str) -> bool {
    items(&spec["initContainers"])
        .iter()
        .any(|c| c["name"] == name && c["restartPolicy"] == "Always")
}

/// `Init:<reason>` (or the exit code or signal) of a failed or waiting init container,
/// `Init:i/n` while it simply runs.
fn init_reason(state: &Value, i: usize, count: usize) -> String {
    let terminated = &state["terminated"];
    if terminated.is_object() {
        return match text(&terminated["reason"]) {
            Some(r) => format!("Init:{r}"),
            None => match terminated["signal"].as_i64().filter(|s| *s != 0) {
                Some(signal) => format!("Init:Signal:{signal}"),
                None => format!(
                    "Init:ExitCode:{}",
                    terminated["exitCode"].as_i64().unwrap_or(0)
                ),
            },
        };
    }
    match text(&state["waiting"]["reason"]).filter(|r| *r != "PodInitializing") {
        Some(r) => format!("Init:{r}"),
        None => format!("Init:{i}/{count}"),
    }
}

/// READY, STATUS and RESTARTS of `pod`.
pub fn summarize(pod: &Value) -> PodSummary {
    let (spec, status) = (&pod["spec"], &pod["status"]);
    let init_count = items(&spec["initContainers"]).len();
    let sidecars = items(&spec["initContainers"])
        .iter()
        .filter(|c| c["restartPolicy"] == "Always")
        .count();
    let total = items(&spec["containers"]).len() + sidecars;
    // The registry sets `Pending` at create; a pod read before that has no phase.
    let phase = text(&status["phase"]).unwrap_or("Pending");
    let mut reason = text(&status["reason"]).unwrap_or(phase).to_owned();
    let gated = items(&status["conditions"])
        .iter()
        .any(|c| c["type"] == "PodScheduled" && c["reason"] == "SchedulingGated");
    if gated {
        reason = "SchedulingGated".to_owned();
    }
    let mut ready = 0;
    let mut restarts = Restarts::default();
    let mut sidecar_restarts = Restarts::default();
    let mut initializing = false;
    for (i, c) in items(&status["initContainerStatuses"]).iter().enumerate() {
        restarts.add(c);
        let sidecar = c["name"]
            .as_str()
            .is_some_and(|name| is_sidecar(spec, name));
        if sidecar {
            sidecar_restarts.add(c);
        }
        let state = &c["state"];
        if state["terminated"]["exitCode"].as_i64() == Some(0) {
            continue;
        }
        if sidecar && c["started"] == true {
            ready += usize::from(c["ready"] == true);
            continue;
        }
        reason = init_reason(state, i, init_count);
        initializing = true;
        break;
    }
    if !initializing || has_condition(status, "Initialized") {
        restarts = sidecar_restarts;
        let mut has_running = false;
        for c in items(&status["containerStatuses"]).iter().rev() {
            restarts.add(c);
            let state = &c["state"];
            let terminated = &state["terminated"];
            if let Some(r) = text(&state["waiting"]["reason"]) {
                reason = r.to_owned();
            } else if terminated.is_object() {
                reason = match text(&terminated["reason"]) {
                    Some(r) => r.to_owned(),
                    None => match terminated["signal"].as_i64().filter(|s| *s != 0) {
                        Some(signal) => format!("Signal:{signal}"),
                        None => {
                            format!("ExitCode:{}", terminated["exitCode"].as_i64().unwrap_or(0))
                        }
                    },
                };
            } else if c["ready"] == true && state["running"].is_object() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if has_condition(status, "Ready") {
                "Running"
            } else {
                "NotReady"
            }
            .to_owned();
        }
    }
    if pod["metadata"]["deletionTimestamp"].is_string() {
        if status["reason"] == "NodeLost" {
            reason = "Unknown".to_owned();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".to_owned();
        }
    }
    PodSummary {
        ready,
        total,
        reason,
        restarts: restarts.count,
        last_restart: restarts.last,
    }
}
