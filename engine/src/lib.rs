//! Berth's workload engine: an in-memory cluster that behaves like Kubernetes.
//!
//! Objects are the `k8s-openapi` types, kept in a [`Store`](store::Store) with uids,
//! resourceVersions, generations and watch history. Controllers (Deployment, ReplicaSet,
//! StatefulSet, DaemonSet, scheduler, node agent, Service addresses and endpoints,
//! garbage collector) run after every write and at every timer, on an injectable
//! [`Clock`](clock::Clock): real time in the server, virtual time in tests.

mod admission;
pub mod clock;
mod controllers;
mod delete;
pub mod demo;
mod engine;
mod error;
pub mod events;
pub mod metrics;
pub mod naming;
mod node;
pub mod pod_state;
pub mod quota;
pub mod rbac;
pub mod selector;
pub mod store;
pub mod timings;
pub mod tokens;

pub use controllers::deployment::{
    DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION, TEMPLATE_HASH_LABEL,
};
pub use controllers::endpoints::TRIGGER_TIME_ANNOTATION;
pub use controllers::node_agent::{Attachment, ExecSession, ExecTarget, Outcome};
pub use controllers::revisions::CONTROLLER_REVISION_LABEL;
pub use controllers::service_account::DEFAULT as DEFAULT_SERVICE_ACCOUNT;
pub use delete::{
    Deletable, Propagation, DEFAULT_GRACE_SECONDS, FOREGROUND_FINALIZER, ORPHAN_FINALIZER,
};
pub use engine::Engine;
pub use error::{Error, FieldError};
pub use k8s_openapi;
pub use node::SimulatedNode;
