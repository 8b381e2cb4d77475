//! Which pods a pod list shows, and in what order: a search over name, node and IP, a
//! status filter, and a sort by any column — plain functions, so views only render.

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

/// What a pod list is asked to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PodQuery {
    /// Text to find in the name, node, IP or images (case-insensitive).
    pub search: String,
    /// The statuses shown.
    pub status: StatusFilter,
    /// The column sorted by.
    pub sort: PodColumn,
    /// Largest first.
    pub descending: bool,
}

impl super::list_query::Searched for PodQuery {
    fn search_mut(&mut self) -> &mut String {
        &mut self.search
    }
    fn search(&self) -> &str {
        &self.search
    }
}

impl PodQuery {
    /// The pods of `pods` the query shows, in its order.
    pub fn apply(&self, pods: &[Pod]) -> Vec<Pod> {
        self.select(pods)
            .into_iter()
            .map(|i| pods[i].clone())
            .collect()
    }

    /// Where in `pods` (a list in namespace, then name order) the pods the query shows
    /// are, in its order: positions rather than copies, so a long list is not copied
    /// per change.
    pub fn select(&self, pods: &[Pod]) -> Vec<usize> {
        let needle = self.search.trim().to_lowercase();
        let mut shown: Vec<usize> = (0..pods.len())
            .filter(|&i| self.status.admits(&pods[i]))
            .filter(|&i| needle.is_empty() || haystack(&pods[i]).contains(&needle))
            .collect();
        // Within one namespace the list's own order is name order.
        let one_namespace = pods.first().map(|p| &p.metadata.namespace)
            == pods.last().map(|p| &p.metadata.namespace);
        if self.sort == PodColumn::Name && !self.descending && one_namespace {
            return shown;
        }
        // Words made per pod are made once, not once per comparison (a sort of 20,000
        // pods compares about 300,000 times).
        let words: Vec<String> = match self.sort {
            PodColumn::Status => pods.iter().map(Pod::display_status).collect(),
            PodColumn::Image => pods.iter().map(Pod::images).collect(),
            _ => Vec::new(),
        };
        // A stable sort on an already ordered list keeps ties in (namespace, name) order.
        shown.sort_by(|&ia, &ib| {
            let (a, b) = (&pods[ia], &pods[ib]);
            let order = match self.sort {
                PodColumn::Name => a.metadata.name.cmp(&b.metadata.name),
                PodColumn::Namespace => a.metadata.namespace.cmp(&b.metadata.namespace),
                PodColumn::Status | PodColumn::Image => words[ia].cmp(&words[ib]),
                PodColumn::Restarts => a.restarts().cmp(&b.restarts()),
                // Age ascending is youngest first, as the column reads.
                PodColumn::Age => b
                    .metadata
                    .creation_timestamp
                    .cmp(&a.metadata.creation_timestamp),
                PodColumn::Node => a.spec.node_name.cmp(&b.spec.node_name),
                PodColumn::Ip => ip_key(a).cmp(&ip_key(b)),
            };
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        shown
    }
}

fn haystack(pod: &Pod) -> String {
    format!(
        "{} {} {} {}",
        pod.metadata.name,
        pod.spec.node_name.as_deref().unwrap_or_default(),
        pod.status.pod_ip.as_deref().unwrap_or_default(),
        pod.images()
    )
    .to_lowercase()
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

    fn names(pods: &[Pod]) -> Vec<&str> {
        pods.iter().map(|p| p.metadata.name.as_str()).collect()
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
        let search = |text: &str| PodQuery {
            search: text.into(),
            ..PodQuery::default()
        };
        assert_eq!(names(&search("API").apply(&pods())), ["api-1", "api-2"]);
        assert_eq!(names(&search("node-1").apply(&pods())), ["api-1", "web-1"]);
        assert_eq!(names(&search("0.0.9").apply(&pods())), ["api-2"]);
    }

    #[test]
    fn status_filters_split_ready_starting_and_failing() {
        let with = |status| PodQuery {
            status,
            ..PodQuery::default()
        };
        assert_eq!(names(&with(StatusFilter::Ready).apply(&pods())), ["api-1"]);
        assert_eq!(
            names(&with(StatusFilter::Failing).apply(&pods())),
            ["api-2"]
        );
        assert_eq!(
            names(&with(StatusFilter::Starting).apply(&pods())),
            ["web-1"]
        );
        assert!(with(StatusFilter::Terminating).apply(&pods()).is_empty());
    }

    #[test]
    fn sorts_by_restarts_and_by_ip_numerically() {
        let by = |sort, descending| PodQuery {
            sort,
            descending,
            ..PodQuery::default()
        };
        assert_eq!(
            names(&by(PodColumn::Restarts, true).apply(&pods())),
            ["api-2", "web-1", "api-1"]
        );
        assert_eq!(
            names(&by(PodColumn::Ip, false).apply(&pods())),
            ["api-2", "api-1", "web-1"]
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
        let query = |search: &str, sort| PodQuery {
            search: search.into(),
            sort,
            ..PodQuery::default()
        };
        assert_eq!(
            names(&query("NGINX", PodColumn::Name).apply(&listed)),
            ["api-2"]
        );
        assert_eq!(
            names(&query("", PodColumn::Image).apply(&listed)),
            ["web-1", "api-2", "api-1"]
        );
    }
}
