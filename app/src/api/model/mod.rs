//! Lean view types: only the fields the console shows, read from the Kubernetes JSON
//! the API serves (keeping `k8s-openapi` out of the browser bundle).

mod age;
pub mod catalog_row;
mod config_map;
mod controller_revision;
mod deployment;
mod event;
pub mod event_row;
mod job;
mod keyed;
pub mod list_query;
pub mod log_line;
mod meta;
pub mod metrics;
mod namespace;
pub mod namespace_item;
pub mod overview;
pub mod placement;
mod pod;
mod pod_detail;
pub mod pod_query;
mod replica_set;
mod secret;
mod service;
pub mod service_row;
mod summary;
pub mod url_params;
mod workload_kind;
pub mod workload_row;
mod workload_set;

pub use age::{age, unix_seconds};
pub use config_map::{ConfigMap, ConfigMapColumn};
pub use controller_revision::ControllerRevision;
pub use deployment::{Condition, Deployment, WorkloadStatus};
pub use event::{Event, Trouble};
pub use job::{CronJob, CronJobColumn, Job, JobColumn};
pub use keyed::Keyed;
pub use meta::{List, ListMeta, Meta};
pub use namespace::{Namespace, Node};
pub use pod::{Pod, Tone};
pub use pod_detail::{ConditionRow, ContainerRow, Owner, PodDetail};
pub use replica_set::{ReplicaSet, RolloutCounts, REVISION};
pub use secret::{Secret, SecretColumn};
pub use service::Service;
pub use summary::WorkloadSummary;
pub use workload_kind::WorkloadKind;
pub use workload_row::{StatusChoice, WorkloadColumn, WorkloadRow};
pub use workload_set::WorkloadSet;

/// An object the console lists and watches.
pub trait Listed:
    Clone + Default + PartialEq + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static
{
    /// The object's metadata.
    fn meta(&self) -> &Meta;
}

macro_rules! listed {
    ($($ty:ty),*) => {
        $(impl Listed for $ty {
            fn meta(&self) -> &Meta {
                &self.metadata
            }
        })*
    };
}

listed!(
    Pod,
    PodDetail,
    Deployment,
    Namespace,
    WorkloadSet,
    ReplicaSet,
    Event,
    Service,
    ConfigMap,
    Secret,
    Job,
    CronJob,
    namespace_item::NamespaceItem
);
