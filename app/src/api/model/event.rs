//! Events: what happened to an object, with a hint for the failures people ask about.

use serde::{Deserialize, Serialize};

use super::Meta;

/// A core/v1 Event, as the Events tab shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    /// Its metadata.
    pub metadata: Meta,
    /// The object it is about.
    pub involved_object: InvolvedObject,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What happened, in one CamelCase word (`Pulling`, `BackOff`).
    pub reason: String,
    /// What happened, in a sentence.
    pub message: String,
    /// How often it happened.
    pub count: Option<i32>,
    /// When it last happened (RFC 3339).
    pub last_timestamp: Option<String>,
    /// When it first happened (RFC 3339).
    pub first_timestamp: Option<String>,
}

/// The object an event is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvolvedObject {
    /// Its kind.
    pub kind: String,
    /// Its name.
    pub name: String,
}

/// One of the failures the seed's troubleshooting guide explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// "failed to re-pull image": the image or tag can't be pulled.
    ImagePull,
    /// "failed to restart container": the container keeps exiting.
    Restart,
}

impl Event {
    /// Whether it is a warning.
    pub fn is_warning(&self) -> bool {
        self.kind == "Warning"
    }

    /// The troubleshooting case it falls under, if any: the node agent's back-off
    /// messages, and the pull failures that lead to them.
    pub fn trouble(&self) -> Option<Trouble> {
        let message = self.message.to_ascii_lowercase();
        match self.reason.as_str() {
            _ if message.contains("failed to re-pull image") => Some(Trouble::ImagePull),
            _ if message.contains("failed to restart container") => Some(Trouble::Restart),
            "ErrImagePull" | "ImagePullBackOff" => Some(Trouble::ImagePull),
            // The kubelet's `Back-off pulling image "x"`: the same reason as a crash loop's.
            "Failed" | "BackOff" if message.contains("pull") => Some(Trouble::ImagePull),
            "BackOff" | "CrashLoopBackOff" => Some(Trouble::Restart),
            _ => None,
        }
    }

    /// When it last happened, for sorting and ages.
    pub fn last_seen(&self) -> Option<&str> {
        self.last_timestamp
            .as_deref()
            .or(self.first_timestamp.as_deref())
            .or(self.metadata.creation_timestamp.as_deref())
    }

    /// Whether it is about the Deployment `name`, one of its ReplicaSets or their pods
    /// (whose names start with the Deployment's and a dash).
    pub fn concerns_deployment(&self, name: &str) -> bool {
        let object = &self.involved_object;
        match object.kind.as_str() {
            "Deployment" => object.name == name,
            "ReplicaSet" | "Pod" => object
                .name
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('-')),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, name: &str, reason: &str, message: &str) -> Event {
        Event {
            involved_object: InvolvedObject {
                kind: kind.into(),
                name: name.into(),
            },
            kind: "Warning".into(),
            reason: reason.into(),
            message: message.into(),
            ..Default::default()
        }
    }

    #[test]
    fn troubles_are_recognised_by_the_seed_messages_and_reasons() {
        let pull = event(
            "Pod",
            "web-1",
            "BackOff",
            "Back-off pulling image \"x\": failed to re-pull image",
        );
        assert_eq!(pull.trouble(), Some(Trouble::ImagePull));
        let restart = event(
            "Pod",
            "web-1",
            "BackOff",
            "Back-off restarting failed container: failed to restart container",
        );
        assert_eq!(restart.trouble(), Some(Trouble::Restart));
        assert_eq!(
            event("Pod", "p", "Failed", "Failed to pull image").trouble(),
            Some(Trouble::ImagePull)
        );
        assert_eq!(
            event(
                "Pod",
                "p",
                "BackOff",
                "Back-off pulling image \"redis:nope\""
            )
            .trouble(),
            Some(Trouble::ImagePull)
        );
        assert_eq!(
            event("Pod", "p", "Pulled", "Successfully pulled").trouble(),
            None
        );
    }

    #[test]
    fn a_deployments_events_include_its_replicasets_and_pods_only() {
        assert!(event("Deployment", "web", "", "").concerns_deployment("web"));
        assert!(event("ReplicaSet", "web-5d8f", "", "").concerns_deployment("web"));
        assert!(event("Pod", "web-5d8f-abcde", "", "").concerns_deployment("web"));
        assert!(!event("Pod", "webapp-1", "", "").concerns_deployment("web"));
        assert!(!event("Deployment", "web2", "", "").concerns_deployment("web"));
    }
}
