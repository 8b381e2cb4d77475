//! Pods, and how their state reads in a list: READY, STATUS and RESTARTS from the one
//! rule the server's Table uses too ([`rules::pod_status`]), read from the pod's JSON.

use serde::{Deserialize, Serialize};

use rules::pod_status::PodSummary;

use super::Meta;

/// How a status should look: good, in progress, bad or neutral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    /// Running and ready.
    Good,
    /// On its way (pending, creating, terminating).
    Busy,
    /// Failing.
    Bad,
    /// Not running by choice.
    Idle,
}

impl Tone {
    /// The name used in `data-tone` for styling.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Busy => "busy",
            Tone::Bad => "bad",
            Tone::Idle => "idle",
        }
    }
}

/// A pod, as the pod list shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value")]
pub struct Pod {
    /// Its metadata.
    pub metadata: Meta,
    /// Where it runs and what.
    pub spec: PodSpec,
    /// How it is doing.
    pub status: PodStatus,
    /// READY, STATUS and RESTARTS, reckoned from the whole JSON as it arrived. Kept
    /// when a page's data goes to the browser, whose copy lacks the fields it needs.
    #[serde(rename = "berthSummary")]
    pub summary: PodSummary,
}

/// The fields kept of a pod's JSON.
#[derive(Default, Deserialize)]
#[serde(default)]
struct PodFields {
    metadata: Meta,
    spec: PodSpec,
    status: PodStatus,
    #[serde(rename = "berthSummary")]
    summary: Option<PodSummary>,
}

impl TryFrom<serde_json::Value> for Pod {
    type Error = serde_json::Error;

    fn try_from(pod: serde_json::Value) -> Result<Self, Self::Error> {
        let summary = rules::pod_status::summarize(&pod);
        let fields: PodFields = serde_json::from_value(pod)?;
        Ok(Self {
            metadata: fields.metadata,
            spec: fields.spec,
            status: fields.status,
            summary: fields.summary.unwrap_or(summary),
        })
    }
}

/// The pod spec fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodSpec {
    /// The node it is bound to.
    pub node_name: Option<String>,
    /// Its containers.
    pub containers: Vec<Container>,
    /// Its init containers (sidecars among them), which run before.
    pub init_containers: Vec<Container>,
}

impl PodSpec {
    /// Its containers' images, in order, comma-separated.
    pub fn images(&self) -> String {
        let images: Vec<&str> = self
            .containers
            .iter()
            .filter_map(|c| c.image.as_deref())
            .collect();
        images.join(", ")
    }
}

/// A container's name and image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Container {
    /// The container's name.
    pub name: String,
    /// Its image.
    pub image: Option<String>,
}

/// The pod status fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodStatus {
    /// Pending, Running, Succeeded, Failed, Unknown.
    pub phase: Option<String>,
    /// A reason overriding the phase (Evicted…).
    pub reason: Option<String>,
    /// The pod's IP.
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
    /// One per container.
    pub container_statuses: Vec<ContainerStatus>,
}

/// One container's state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerStatus {
    /// Whether it passes its readiness check.
    pub ready: bool,
    /// How often it restarted.
    pub restart_count: i32,
    /// Waiting, running or terminated.
    pub state: ContainerState,
}

/// Which state a container is in; only the reasons matter here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerState {
    /// Waiting, with a reason (ContainerCreating, ImagePullBackOff…).
    pub waiting: Option<StateReason>,
    /// Terminated, with a reason (Completed, Error…).
    pub terminated: Option<StateReason>,
}

/// A state's reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StateReason {
    /// The reason.
    pub reason: Option<String>,
}

impl Pod {
    /// Whether it receives requests: running, not being deleted, every container ready.
    pub fn is_ready(&self) -> bool {
        self.metadata.deletion_timestamp.is_none()
            && self.status.phase.as_deref() == Some("Running")
            && !self.status.container_statuses.is_empty()
            && self.status.container_statuses.iter().all(|c| c.ready)
    }

    /// The STATUS column of `kubectl get pods`: `Running`, `Init:1/2`, `Terminating`…
    pub fn display_status(&self) -> String {
        self.summary.reason.clone()
    }

    /// How the status should look: an init container's trouble (`Init:Error`) looks
    /// as the same trouble of a container does.
    pub fn tone(&self) -> Tone {
        let word = self.summary.reason.as_str();
        let word = word.strip_prefix("Init:").unwrap_or(word);
        match word {
            "Running" if self.summary.ready == self.summary.total => Tone::Good,
            "Succeeded" | "Completed" => Tone::Idle,
            "Failed"
            | "Error"
            | "OOMKilled"
            | "CrashLoopBackOff"
            | "ErrImagePull"
            | "ImagePullBackOff"
            | "InvalidImageName"
            | "CreateContainerConfigError"
            | "CreateContainerError"
            | "RunContainerError"
            | "ContainerCannotRun"
            | "Evicted"
            | "Unknown" => Tone::Bad,
            _ if word.starts_with("ExitCode:") || word.starts_with("Signal:") => Tone::Bad,
            _ => Tone::Busy,
        }
    }

    /// The READY column: ready containers / containers (sidecars included).
    pub fn ready_text(&self) -> String {
        self.summary.ready_text()
    }

    /// Ready containers and containers, as the READY column counts them.
    pub fn ready_counts(&self) -> (usize, usize) {
        (self.summary.ready, self.summary.total)
    }

    /// The IMAGE column: its containers' images, in order.
    pub fn images(&self) -> String {
        self.spec.images()
    }

    /// The RESTARTS column's count.
    pub fn restarts(&self) -> i64 {
        self.summary.restarts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(json: &str) -> Pod {
        serde_json::from_str(json).expect("pod json")
    }

    #[test]
    fn status_reads_like_kubectl() {
        let creating = pod(
            r#"{"metadata":{"name":"a"},"spec":{"containers":[{"name":"c"}]},
            "status":{"phase":"Pending","containerStatuses":[{"ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}}"#,
        );
        assert_eq!(creating.display_status(), "ContainerCreating");
        assert_eq!(creating.tone(), Tone::Busy);
        let running = pod(
            r#"{"metadata":{"name":"a"},"spec":{"containers":[{"name":"c"}]},
            "status":{"phase":"Running","podIP":"10.0.0.1","containerStatuses":[{"ready":true,"restartCount":2,"state":{"running":{}}}]}}"#,
        );
        assert_eq!(
            (running.display_status().as_str(), running.tone()),
            ("Running", Tone::Good)
        );
        assert_eq!(
            (running.ready_text().as_str(), running.restarts()),
            ("1/1", 2)
        );
        assert_eq!(running.status.pod_ip.as_deref(), Some("10.0.0.1"));
        let deleting = pod(
            r#"{"metadata":{"name":"a","deletionTimestamp":"2026-01-01T00:00:00Z"},"status":{"phase":"Running"}}"#,
        );
        assert_eq!(deleting.display_status(), "Terminating");
    }

    #[test]
    fn init_containers_show_as_kubectl_shows_them_and_survive_the_trip_to_the_browser() {
        let crashing = pod(
            r#"{"metadata":{"name":"a"},"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"c"}]},
            "status":{"phase":"Pending","initContainerStatuses":[{"name":"i","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"#,
        );
        assert_eq!(crashing.display_status(), "Init:CrashLoopBackOff");
        assert_eq!((crashing.tone(), crashing.restarts()), (Tone::Bad, 3));
        // A page's data crosses to the browser serialized, without the init containers.
        let crossed: Pod =
            serde_json::from_str(&serde_json::to_string(&crashing).expect("json")).expect("pod");
        assert_eq!(crossed.display_status(), "Init:CrashLoopBackOff");
        assert_eq!(crossed, crashing);
    }
}
