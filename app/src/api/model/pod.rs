//! Pods, and how their state reads in a list (as kubectl's printer words it).

use serde::{Deserialize, Serialize};

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
#[serde(default)]
pub struct Pod {
    /// Its metadata.
    pub metadata: Meta,
    /// Where it runs and what.
    pub spec: PodSpec,
    /// How it is doing.
    pub status: PodStatus,
}

/// The pod spec fields shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodSpec {
    /// The node it is bound to.
    pub node_name: Option<String>,
    /// Its containers.
    pub containers: Vec<Container>,
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

    /// The STATUS column of `kubectl get pods`: Terminating while being deleted, else a
    /// container's waiting or terminated reason, else the phase.
    pub fn display_status(&self) -> String {
        if self.metadata.deletion_timestamp.is_some() {
            return "Terminating".to_owned();
        }
        let container_reason = self.status.container_statuses.iter().rev().find_map(|c| {
            c.state
                .waiting
                .as_ref()
                .or(c.state.terminated.as_ref())
                .and_then(|s| s.reason.clone())
        });
        container_reason
            .or_else(|| self.status.reason.clone())
            .or_else(|| self.status.phase.clone())
            .unwrap_or_else(|| "Pending".to_owned())
    }

    /// How the status should look.
    pub fn tone(&self) -> Tone {
        match self.display_status().as_str() {
            "Running" if self.ready_count() == self.status.container_statuses.len() => Tone::Good,
            "Succeeded" | "Completed" => Tone::Idle,
            "Failed"
            | "Error"
            | "CrashLoopBackOff"
            | "ErrImagePull"
            | "ImagePullBackOff"
            | "CreateContainerConfigError" => Tone::Bad,
            _ => Tone::Busy,
        }
    }

    fn ready_count(&self) -> usize {
        self.status
            .container_statuses
            .iter()
            .filter(|c| c.ready)
            .count()
    }

    /// The READY column: ready containers / containers.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.ready_count(), self.spec.containers.len())
    }

    /// The IMAGE column: its containers' images, in order.
    pub fn images(&self) -> String {
        self.spec.images()
    }

    /// Restarts of all containers.
    pub fn restarts(&self) -> i32 {
        self.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum()
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
}
