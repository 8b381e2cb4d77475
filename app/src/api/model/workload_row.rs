//! Deployments, StatefulSets and DaemonSets as rows of their lists: what a row shows,
//! what its search looks in, the order of every column, and the status filter.

use std::cmp::Ordering;

use super::list_query::{by_age, Sortable};
use super::{Deployment, Listed, WorkloadSet, WorkloadStatus};

/// What a workload list shows of a row.
pub trait WorkloadRow: Listed {
    /// The state in one word.
    fn status(&self) -> WorkloadStatus;
    /// Ready pods and desired pods.
    fn pod_counts(&self) -> (i32, i32);
    /// Ready pods / desired pods, as the Pods column reads.
    fn ready(&self) -> String;
    /// The containers' images, comma-separated.
    fn image_list(&self) -> String;
}

impl WorkloadRow for Deployment {
    fn status(&self) -> WorkloadStatus {
        self.workload_status()
    }
    fn pod_counts(&self) -> (i32, i32) {
        (self.status.ready_replicas, self.desired())
    }
    fn ready(&self) -> String {
        self.ready_text()
    }
    fn image_list(&self) -> String {
        self.images()
    }
}

impl WorkloadRow for WorkloadSet {
    fn status(&self) -> WorkloadStatus {
        self.workload_status()
    }
    fn pod_counts(&self) -> (i32, i32) {
        (WorkloadSet::ready(self), self.desired())
    }
    fn ready(&self) -> String {
        self.ready_text()
    }
    fn image_list(&self) -> String {
        self.images()
    }
}

/// The columns of a workload list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkloadColumn {
    /// The name.
    #[default]
    Name,
    /// The namespace (in the all-namespaces view).
    Namespace,
    /// Its state (in the order of [`WorkloadStatus`]: Running first).
    Status,
    /// Ready pods, then desired pods.
    Pods,
    /// The containers' images.
    Image,
    /// When it was created.
    Age,
}

/// The statuses a workload list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusChoice {
    /// Every workload.
    #[default]
    All,
    /// Only workloads in this state.
    Only(WorkloadStatus),
}

impl StatusChoice {
    /// The choices, in the order the filter offers them.
    pub const ALL: [StatusChoice; 5] = [
        StatusChoice::All,
        StatusChoice::Only(WorkloadStatus::Running),
        StatusChoice::Only(WorkloadStatus::Progressing),
        StatusChoice::Only(WorkloadStatus::Failed),
        StatusChoice::Only(WorkloadStatus::Stopped),
    ];

    /// Whether a workload in `status` is shown.
    pub fn admits(self, status: WorkloadStatus) -> bool {
        match self {
            StatusChoice::All => true,
            StatusChoice::Only(only) => only == status,
        }
    }
}

/// Workload rows search their name, namespace and images, and sort by every column.
/// (A blanket impl: the crate's other [`Sortable`] rows are not workloads.)
impl<T: WorkloadRow> Sortable for T {
    type Column = WorkloadColumn;

    fn haystack(&self) -> String {
        let meta = self.meta();
        format!("{} {} {}", meta.name, meta.namespace, self.image_list()).to_lowercase()
    }

    fn compare(&self, other: &Self, column: WorkloadColumn) -> Ordering {
        let (a, b) = (self.meta(), other.meta());
        match column {
            WorkloadColumn::Name => a.name.cmp(&b.name),
            WorkloadColumn::Namespace => a.namespace.cmp(&b.namespace),
            WorkloadColumn::Status => self.status().cmp(&other.status()),
            WorkloadColumn::Pods => self.pod_counts().cmp(&other.pod_counts()),
            WorkloadColumn::Image => self.image_list().cmp(&other.image_list()),
            WorkloadColumn::Age => by_age(
                a.creation_timestamp.as_deref(),
                b.creation_timestamp.as_deref(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::list_query::ListQuery;

    fn deployment(name: &str, image: &str, replicas: i32, ready: i32) -> Deployment {
        let json = serde_json::json!({
            "metadata": {"name": name, "namespace": "default", "generation": 1},
            "spec": {"replicas": replicas, "template": {"spec": {"containers": [{"name": "c", "image": image}]}}},
            "status": {"observedGeneration": 1, "replicas": replicas, "readyReplicas": ready,
                       "updatedReplicas": replicas, "availableReplicas": ready}
        });
        serde_json::from_value(json).expect("a deployment")
    }

    fn names(rows: &[Deployment]) -> Vec<&str> {
        rows.iter().map(|d| d.metadata.name.as_str()).collect()
    }

    #[test]
    fn workloads_are_searched_by_image_sorted_by_pods_and_filtered_by_status() {
        let listed = [
            deployment("api", "nginx:1.27", 3, 3),
            deployment("cache", "redis:7.4", 2, 1),
            deployment("idle", "nginx:1.27", 0, 0),
        ];
        let mut query = ListQuery::sorted_by(WorkloadColumn::Name);
        query.search = "NGINX".into();
        assert_eq!(names(&query.apply(&listed, |_| true)), ["api", "idle"]);
        query.search.clear();
        query.toggle(WorkloadColumn::Pods);
        assert_eq!(
            names(&query.apply(&listed, |_| true)),
            ["idle", "cache", "api"]
        );
        let progressing = StatusChoice::Only(WorkloadStatus::Progressing);
        assert_eq!(
            names(&query.apply(&listed, |d| progressing.admits(d.status()))),
            ["cache"]
        );
        assert_eq!(listed[1].ready(), "1/2");
        assert_eq!(listed[2].status(), WorkloadStatus::Stopped);
    }
}
