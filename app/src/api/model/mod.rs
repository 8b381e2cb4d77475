//! Lean view types: only the fields the console shows, read from the Kubernetes JSON
//! the API serves (keeping `k8s-openapi` out of the browser bundle).

mod age;
mod deployment;
mod event;
mod keyed;
mod meta;
mod namespace;
mod pod;
pub mod pod_query;
mod replica_set;
mod service;
mod workload_set;

pub use age::{age, unix_seconds};
pub use deployment::{Deployment, WorkloadStatus};
pub use event::{Event, Trouble};
pub use keyed::Keyed;
pub use meta::{List, ListMeta, Meta};
pub use namespace::{Namespace, Node};
pub use pod::{Pod, Tone};
pub use replica_set::{ReplicaSet, REVISION};
pub use service::Service;
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
    Deployment,
    Namespace,
    WorkloadSet,
    ReplicaSet,
    Event,
    Service
);
