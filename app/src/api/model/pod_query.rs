//! Which pods a pod list shows, and in what order: a search over name, node, IP and
//! images, a status filter, and a sort by any column — plain functions, so views only
//! render.

use std::cmp::Ordering;

use super::list_query::{by_age, Sortable};
use super::Pod;

/// The statuses a pod list can be filtered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusFilter {
    /// Every pod.
    #[default]
    All,
    /// Running with every container ready.
    Ready,
    /// Starting: Pending, ContainerCreating, PodInitializing, not ready yet.
    Starting,
    /// In trouble: a waiting or terminated reason that means failure.
    Failing,
    /// Being deleted.
    Terminating,
}

impl StatusFilter {
    /// Every filter, in the select's order.
    pub const ALL: [StatusFilter; 5] = [
        StatusFilter::All,
        StatusFilter::Ready,
        StatusFilter::Starting,
        StatusFilter::Failing,
        StatusFilter::Terminating,
    ];

    /// Whether `pod` passes.
    pub fn admits(self, pod: &Pod) -> bool {
        // The status word is worked out only where a filter needs it: this runs for
        // every pod of a long list on each change.
        match self {
            StatusFilter::All => true,
            StatusFilter::Terminating => pod.display_status() == "Terminating",
            StatusFilter::Ready => pod.tone() == super::Tone::Good,
            StatusFilter::Failing => pod.tone() == super::Tone::Bad,
            StatusFilter::Starting => {
                matches!(pod.tone(), super::Tone::Busy) && pod.display_status() != "Terminating"
            }
        }
    }
}

/// The columns a pod list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PodColumn {
    /// The pod's name.
    #[default]
    Name,
    /// Its namespace (in a list across namespaces).
    Namespace,
    /// Its status word.
    Status,
    /// Ready containers, then containers.
    Ready,
    /// Restarts of all containers.
    Restarts,
    /// Its containers' images.
    Image,
    /// When it was created (oldest first ascending).
    Age,
    /// Its node.
    Node,
    /// Its IP, numerically.
    Ip,
}

/// Pods search their name, node, IP and images, and sort by every column.
impl Sortable for Pod {
    type Column = PodColumn;

    fn haystack(&self) -> String {
        format!(
            "{} {} {} {}",
            self.metadata.name,
            self.spec.node_name.as_deref().unwrap_or_default(),
            self.status.pod_ip.as_deref().unwrap_or_default(),
            self.images()
        )
        .to_lowercase()
    }

    fn compare(&self, other: &Self, column: PodColumn) -> Ordering {
        let (a, b) = (self, other);
        match column {
            PodColumn::Name => a.metadata.name.cmp(&b.metadata.name),
            PodColumn::Namespace => a.metadata.namespace.cmp(&b.metadata.namespace),
            PodColumn::Status => a.display_status().cmp(&b.display_status()),
            PodColumn::Ready => a.ready_counts().cmp(&b.ready_counts()),
            PodColumn::Restarts => a.restarts().cmp(&b.restarts()),
            PodColumn::Image => a.images().cmp(&b.images()),
            PodColumn::Age => by_age(
                a.metadata.creation_timestamp.as_deref(),
                b.metadata.creation_timestamp.as_deref(),
            ),
            PodColumn::Node => a.spec.node_name.cmp(&b.spec.node_name),
            PodColumn::Ip => ip_key(a).cmp(&ip_key(b)),
        }
    }

    fn sort_word(&self, column: PodColumn) -> Option<String> {
        match column {
            PodColumn::Status => Some(self.display_status()),
            PodColumn::Image => Some(self.images()),
            _ => None,
        }
    }
}

/// An IPv4 address as numbers, so `10.0.0.9` sorts before `10.0.0.10`.
fn ip_key(pod: &Pod) -> Vec<u32> {
    pod.status
        .pod_ip
        .as_deref()
        .unwrap_or_default()
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::list_query::ListQuery;

    fn pod(name: &str, node: &str, ip: &str, restarts: i32, waiting: Option<&str>) -> Pod {
        let state = match waiting {
            Some(reason) => format!(r#"{{"waiting":{{"reason":"{reason}"}}}}"#),
            None => r#"{"running":{}}"#.to_owned(),
        };
        let json = format!(
            r#"{{"metadata":{{"name":"{name}"}},"spec":{{"nodeName":"{node}","containers":[{{"name":"c"}}]}},
                "status":{{"phase":"Running","podIP":"{ip}","containerStatuses":[{{"name":"c","ready":{ready},"restartCount":{restarts},"state":{state}}}]}}}}"#,
            ready = waiting.is_none()
        );
        serde_json::from_str(&json).expect("pod json")
    }

    fn names(pods: &[Pod]) -> Vec<String> {
        pods.iter().map(|p| p.metadata.name.clone()).collect()
    }

    fn pods() -> Vec<Pod> {
        vec![
            pod("api-1", "node-1", "10.0.0.10", 0, None),
            pod("api-2", "node-2", "10.0.0.9", 4, Some("CrashLoopBackOff")),
            pod("web-1", "node-1", "10.0.0.11", 1, Some("ContainerCreating")),
        ]
    }

    #[test]
    fn search_finds_name_node_and_ip() {
        let search = |text: &str| ListQuery {
            search: text.into(),
            ..ListQuery::default()
        };
        let found = |text| names(&search(text).apply(&pods(), |_| true));
        assert_eq!(found("API"), ["api-1", "api-2"]);
        assert_eq!(found("node-1"), ["api-1", "web-1"]);
        assert_eq!(found("0.0.9"), ["api-2"]);
    }

    #[test]
    fn status_filters_split_ready_starting_and_failing() {
        let with = |status: StatusFilter| {
            names(&ListQuery::default().apply(&pods(), |p| status.admits(p)))
        };
        assert_eq!(with(StatusFilter::Ready), ["api-1"]);
        assert_eq!(with(StatusFilter::Failing), ["api-2"]);
        assert_eq!(with(StatusFilter::Starting), ["web-1"]);
        assert!(with(StatusFilter::Terminating).is_empty());
    }

    #[test]
    fn sorts_by_restarts_and_by_ip_numerically() {
        let by = |sort, descending| ListQuery {
            sort,
            descending,
            ..ListQuery::default()
        };
        assert_eq!(
            names(&by(PodColumn::Restarts, true).apply(&pods(), |_| true)),
            ["api-2", "web-1", "api-1"]
        );
        assert_eq!(
            names(&by(PodColumn::Ip, false).apply(&pods(), |_| true)),
            ["api-2", "api-1", "web-1"]
        );
        assert_eq!(
            names(&by(PodColumn::Ready, true).apply(&pods(), |_| true)),
            ["api-1", "api-2", "web-1"]
        );
    }

    #[test]
    fn images_are_searched_and_sorted() {
        let mut listed = pods();
        for (pod, image) in listed
            .iter_mut()
            .zip(["redis:7.4", "nginx:1.27", "busybox"])
        {
            pod.spec.containers[0].image = Some(image.to_owned());
        }
        let query = |search: &str, sort| ListQuery {
            search: search.into(),
            sort,
            ..ListQuery::default()
        };
        assert_eq!(
            names(&query("NGINX", PodColumn::Name).apply(&listed, |_| true)),
            ["api-2"]
        );
        assert_eq!(
            names(&query("", PodColumn::Image).apply(&listed, |_| true)),
            ["web-1", "api-2", "api-1"]
        );
    }
}
