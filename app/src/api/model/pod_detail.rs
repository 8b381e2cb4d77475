//! One pod in full, for its own page: the whole JSON as served, with what the page
//! shows read out of it: each container's state, the conditions, where it runs and
//! what owns it. The status word is the shared rule's ([`rules::pod_status`]).

use rules::pod_status::PodSummary;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Meta, Pod, Tone};

/// A pod as its page reads it. It travels (server to browser) as the pod's own JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct PodDetail {
    /// Its metadata.
    pub metadata: Meta,
    /// The pod as served.
    pub object: Value,
    /// The list view of it: status word, tone, READY.
    pub row: Pod,
}

impl TryFrom<Value> for PodDetail {
    type Error = serde_json::Error;

    fn try_from(object: Value) -> Result<Self, Self::Error> {
        Ok(Self {
            metadata: serde_json::from_value(object["metadata"].clone())?,
            row: Pod::try_from(object.clone())?,
            object,
        })
    }
}

impl From<PodDetail> for Value {
    fn from(pod: PodDetail) -> Self {
        pod.object
    }
}

/// One container of the pod, as its row shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerRow {
    /// Its name.
    pub name: String,
    /// `init`, `sidecar` or `main`.
    pub role: &'static str,
    /// Its image.
    pub image: String,
    /// `Running`, `Waiting: ImagePullBackOff`, `Terminated: Completed (exit code 0)`.
    pub state: String,
    /// The state's message, if any (why it waits).
    pub message: String,
    /// Whether it passes its readiness check.
    pub ready: bool,
    /// How often it restarted.
    pub restarts: i64,
    /// How its last run ended: `Error (exit code 1)`, if it ran before.
    pub last_termination: Option<String>,
    /// Its ports: `80/TCP, 9090/TCP (metrics)`.
    pub ports: String,
    /// Requests and limits: `cpu 250m–500m, memory 64Mi–128Mi`.
    pub resources: String,
    /// Its probes: `liveness: HTTP GET :80/healthz`.
    pub probes: Vec<String>,
}

/// One condition of the pod.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionRow {
    /// `Ready`, `PodScheduled`…
    pub kind: String,
    /// `True`, `False`, `Unknown`.
    pub status: String,
    /// Its reason, if any.
    pub reason: String,
    /// Its message, if any.
    pub message: String,
    /// When it last changed (RFC 3339).
    pub since: Option<String>,
}

/// What owns the pod, with the console page of the workload behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Owner {
    /// `ReplicaSet web-5d8f7`.
    pub text: String,
    /// The workload's page (`/namespaces/default/deployments/web`), if it has one.
    pub href: Option<String>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// `Terminated: Error (exit code 1)`, `Waiting: CrashLoopBackOff`, `Running`.
fn state_text(state: &Value) -> (String, String) {
    if let Some(w) = state.get("waiting") {
        let reason = text(&w["reason"]);
        return (
            format!("Waiting: {reason}")
                .trim_end_matches(": ")
                .to_owned(),
            text(&w["message"]),
        );
    }
    if let Some(t) = state.get("terminated") {
        return (
            format!("Terminated: {}", termination(t)),
            text(&t["message"]),
        );
    }
    if state.get("running").is_some() {
        return ("Running".to_owned(), String::new());
    }
    ("Waiting".to_owned(), String::new())
}

/// `Error (exit code 1)`, `OOMKilled (exit code 137)`.
fn termination(t: &Value) -> String {
    let reason = t["reason"]
        .as_str()
        .filter(|r| !r.is_empty())
        .unwrap_or("Terminated");
    format!(
        "{reason} (exit code {})",
        t["exitCode"].as_i64().unwrap_or(0)
    )
}

fn ports(container: &Value) -> String {
    let ports: Vec<String> = items(&container["ports"])
        .iter()
        .map(|p| {
            let protocol = p["protocol"].as_str().unwrap_or("TCP");
            let base = format!("{}/{protocol}", p["containerPort"]);
            match p["name"].as_str() {
                Some(name) if !name.is_empty() => format!("{base} ({name})"),
                _ => base,
            }
        })
        .collect();
    ports.join(", ")
}

fn resources(container: &Value) -> String {
    let r = &container["resources"];
    let parts: Vec<String> = ["cpu", "memory", "nvidia.com/gpu"]
        .iter()
        .filter_map(|k| {
            let (request, limit) = (r["requests"][k].as_str(), r["limits"][k].as_str());
            match (request, limit) {
                (Some(q), Some(l)) if q == l => Some(format!("{k} {q}")),
                (Some(q), Some(l)) => Some(format!("{k} {q}–{l}")),
                (Some(q), None) => Some(format!("{k} ≥{q}")),
                (None, Some(l)) => Some(format!("{k} ≤{l}")),
                (None, None) => None,
            }
        })
        .collect();
    parts.join(", ")
}

/// `HTTP GET :80/healthz`, `TCP :6379`, `exec cat /tmp/ready`.
fn probe(probe: &Value) -> String {
    if let Some(get) = probe.get("httpGet") {
        let scheme = get["scheme"].as_str().unwrap_or("HTTP");
        let port = get["port"]
            .as_str()
            .map_or_else(|| get["port"].to_string(), str::to_owned);
        return format!(
            "{scheme} GET :{port}{}",
            get["path"].as_str().unwrap_or("/")
        );
    }
    if let Some(tcp) = probe.get("tcpSocket") {
        let port = tcp["port"]
            .as_str()
            .map_or_else(|| tcp["port"].to_string(), str::to_owned);
        return format!("TCP :{port}");
    }
    if let Some(exec) = probe.get("exec") {
        let command: Vec<String> = items(&exec["command"]).iter().map(text).collect();
        return format!("exec {}", command.join(" "));
    }
    if let Some(grpc) = probe.get("grpc") {
        return format!("gRPC :{}", grpc["port"]);
    }
    String::new()
}

fn probes(container: &Value) -> Vec<String> {
    ["liveness", "readiness", "startup"]
        .iter()
        .filter_map(|kind| {
            let p = container.get(format!("{kind}Probe"))?;
            Some(format!("{kind}: {}", probe(p)))
        })
        .collect()
}

impl PodDetail {
    /// Its status word, as `kubectl get pods` prints it.
    pub fn status_word(&self) -> String {
        self.row.display_status()
    }

    /// How the status should look.
    pub fn tone(&self) -> Tone {
        self.row.tone()
    }

    /// READY, RESTARTS and the rest of the list's reckoning.
    pub fn summary(&self) -> &PodSummary {
        &self.row.summary
    }

    /// Its containers: init containers (and sidecars) first, in the order they start.
    pub fn containers(&self) -> Vec<ContainerRow> {
        let (spec, status) = (&self.object["spec"], &self.object["status"]);
        let statuses = |key: &str, name: &str| {
            items(&status[key])
                .iter()
                .find(|s| s["name"] == name)
                .cloned()
                .unwrap_or(Value::Null)
        };
        let init = items(&spec["initContainers"]).iter().map(|c| {
            let role = if c["restartPolicy"] == "Always" {
                "sidecar"
            } else {
                "init"
            };
            (
                c,
                role,
                statuses(
                    "initContainerStatuses",
                    c["name"].as_str().unwrap_or_default(),
                ),
            )
        });
        let main = items(&spec["containers"]).iter().map(|c| {
            (
                c,
                "main",
                statuses("containerStatuses", c["name"].as_str().unwrap_or_default()),
            )
        });
        init.chain(main)
            .map(|(c, role, s)| {
                let (state, message) = state_text(&s["state"]);
                ContainerRow {
                    name: text(&c["name"]),
                    role,
                    image: text(&c["image"]),
                    state,
                    message,
                    ready: s["ready"] == true,
                    restarts: s["restartCount"].as_i64().unwrap_or(0),
                    last_termination: s["lastState"].get("terminated").map(termination),
                    ports: ports(c),
                    resources: resources(c),
                    probes: probes(c),
                }
            })
            .collect()
    }

    /// The containers whose process runs now: the ones a shell can be opened in.
    pub fn running_containers(&self) -> Vec<String> {
        let status = &self.object["status"];
        ["initContainerStatuses", "containerStatuses"]
            .iter()
            .flat_map(|key| items(&status[*key]))
            .filter(|s| s["state"].get("running").is_some())
            .map(|s| text(&s["name"]))
            .collect()
    }

    /// Its conditions, as served.
    pub fn conditions(&self) -> Vec<ConditionRow> {
        items(&self.object["status"]["conditions"])
            .iter()
            .map(|c| ConditionRow {
                kind: text(&c["type"]),
                status: text(&c["status"]),
                reason: text(&c["reason"]),
                message: text(&c["message"]),
                since: c["lastTransitionTime"].as_str().map(str::to_owned),
            })
            .collect()
    }

    /// The node it runs on, if bound.
    pub fn node(&self) -> String {
        text(&self.object["spec"]["nodeName"])
    }

    /// Its IP addresses, comma-separated.
    pub fn pod_ips(&self) -> String {
        let ips: Vec<String> = items(&self.object["status"]["podIPs"])
            .iter()
            .map(|ip| text(&ip["ip"]))
            .collect();
        if ips.is_empty() {
            text(&self.object["status"]["podIP"])
        } else {
            ips.join(", ")
        }
    }

    /// Its node's IP.
    pub fn host_ip(&self) -> String {
        text(&self.object["status"]["hostIP"])
    }

    /// Its quality-of-service class (`Guaranteed`, `Burstable`, `BestEffort`).
    pub fn qos_class(&self) -> String {
        text(&self.object["status"]["qosClass"])
    }

    /// Its controller, linked to the workload's page: a ReplicaSet's Deployment is the
    /// ReplicaSet's name without its `-<pod-template-hash>`.
    pub fn owner(&self) -> Option<Owner> {
        let owners = items(&self.object["metadata"]["ownerReferences"]);
        let owner = owners
            .iter()
            .find(|o| o["controller"] == true)
            .or(owners.first())?;
        let (kind, name) = (text(&owner["kind"]), text(&owner["name"]));
        let ns = &self.metadata.namespace;
        let href = match kind.as_str() {
            "ReplicaSet" => self
                .metadata
                .labels
                .get("pod-template-hash")
                .and_then(|hash| name.strip_suffix(&format!("-{hash}")))
                .map(|deployment| format!("/namespaces/{ns}/deployments/{deployment}")),
            "StatefulSet" => Some(format!("/namespaces/{ns}/statefulsets/{name}")),
            "DaemonSet" => Some(format!("/namespaces/{ns}/daemonsets/{name}")),
            _ => None,
        };
        Some(Owner {
            text: format!("{kind} {name}"),
            href,
        })
    }

    /// Init container names, and main container names, for the log picker.
    pub fn container_names(&self) -> (Vec<String>, Vec<String>) {
        let names = |key: &str| {
            items(&self.object["spec"][key])
                .iter()
                .map(|c| text(&c["name"]))
                .collect()
        };
        (names("initContainers"), names("containers"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn crashing() -> PodDetail {
        PodDetail::try_from(json!({
            "metadata": {
                "name": "web-5d8f7-abcde", "namespace": "default",
                "labels": { "pod-template-hash": "5d8f7" },
                "ownerReferences": [{ "kind": "ReplicaSet", "name": "web-5d8f7", "controller": true }],
            },
            "spec": {
                "nodeName": "node-1",
                "initContainers": [{ "name": "setup", "image": "busybox" }],
                "containers": [{
                    "name": "web", "image": "nginx:1.27",
                    "ports": [{ "containerPort": 80, "protocol": "TCP", "name": "http" }],
                    "resources": { "requests": { "cpu": "250m", "memory": "64Mi" }, "limits": { "cpu": "500m", "memory": "64Mi" } },
                    "livenessProbe": { "httpGet": { "path": "/healthz", "port": 80 } },
                    "readinessProbe": { "tcpSocket": { "port": "http" } },
                }],
            },
            "status": {
                "phase": "Running", "podIP": "10.244.1.7", "hostIP": "192.168.0.11", "qosClass": "Burstable",
                "conditions": [{ "type": "Ready", "status": "False", "reason": "ContainersNotReady" }],
                "initContainerStatuses": [{ "name": "setup", "state": { "terminated": { "exitCode": 0, "reason": "Completed" } } }],
                "containerStatuses": [{
                    "name": "web", "ready": false, "restartCount": 4,
                    "state": { "waiting": { "reason": "CrashLoopBackOff", "message": "back-off 40s" } },
                    "lastState": { "terminated": { "exitCode": 1, "reason": "Error" } },
                }],
            },
        }))
        .expect("pod")
    }

    #[test]
    fn containers_read_as_a_console_shows_them() {
        let pod = crashing();
        let rows = pod.containers();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].role, rows[0].state.as_str()),
            ("init", "Terminated: Completed (exit code 0)")
        );
        let web = &rows[1];
        assert_eq!(web.state, "Waiting: CrashLoopBackOff");
        assert_eq!(web.message, "back-off 40s");
        assert_eq!(web.last_termination.as_deref(), Some("Error (exit code 1)"));
        assert_eq!((web.restarts, web.ready), (4, false));
        assert_eq!(web.ports, "80/TCP (http)");
        assert_eq!(web.resources, "cpu 250m–500m, memory 64Mi");
        assert_eq!(
            web.probes,
            vec!["liveness: HTTP GET :80/healthz", "readiness: TCP :http"]
        );
        assert_eq!(pod.status_word(), "CrashLoopBackOff");
        assert_eq!(pod.tone(), Tone::Bad);
    }

    #[test]
    fn where_it_runs_and_what_owns_it() {
        let pod = crashing();
        assert_eq!(
            (pod.node(), pod.pod_ips(), pod.host_ip()),
            ("node-1".into(), "10.244.1.7".into(), "192.168.0.11".into())
        );
        let owner = pod.owner().expect("an owner");
        assert_eq!(owner.text, "ReplicaSet web-5d8f7");
        assert_eq!(
            owner.href.as_deref(),
            Some("/namespaces/default/deployments/web")
        );
        assert_eq!(pod.conditions()[0].reason, "ContainersNotReady");
        // It travels as the pod's own JSON.
        let crossed: PodDetail =
            serde_json::from_value(serde_json::to_value(&pod).expect("json")).expect("pod");
        assert_eq!(crossed, pod);
    }
}
