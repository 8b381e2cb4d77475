//! Deletion as the API server does it: pods on a node end gracefully, the rest at once.

use std::sync::Arc;

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::{SignedDuration, Timestamp};

use crate::store::{Object, Store};
use crate::Error;

/// The grace period of a pod that names none (`terminationGracePeriodSeconds` default).
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// How a kind is deleted.
pub trait Deletable: Object {
    /// The grace period to wait for, or `None` to remove the object at once.
    fn grace_seconds(&self, _requested: Option<i64>) -> Option<i64> {
        None
    }
}

impl Deletable for Pod {
    /// A pod not yet on a node has nothing to stop and goes at once (upstream's
    /// `podStrategy.CheckGracefulDelete`).
    fn grace_seconds(&self, requested: Option<i64>) -> Option<i64> {
        let spec = self.spec.as_ref()?;
        spec.node_name.as_ref()?;
        let grace = requested
            .or(spec.termination_grace_period_seconds)
            .unwrap_or(DEFAULT_GRACE_SECONDS);
        (grace > 0).then_some(grace)
    }
}

impl Deletable for k8s_openapi::api::apps::v1::Deployment {}
impl Deletable for k8s_openapi::api::apps::v1::ReplicaSet {}
impl Deletable for k8s_openapi::api::apps::v1::StatefulSet {}
impl Deletable for k8s_openapi::api::apps::v1::DaemonSet {}
impl Deletable for k8s_openapi::api::apps::v1::ControllerRevision {}
impl Deletable for k8s_openapi::api::core::v1::Namespace {}
impl Deletable for k8s_openapi::api::core::v1::Event {}
impl Deletable for k8s_openapi::api::core::v1::Node {}
impl Deletable for k8s_openapi::api::core::v1::Service {}
impl Deletable for k8s_openapi::api::core::v1::ConfigMap {}
impl Deletable for k8s_openapi::api::core::v1::Secret {}

/// Deletes an object: marks it with `deletionTimestamp` when it has a grace period
/// (the node agent then stops it and removes it), removes it otherwise. Dependents are
/// removed by the garbage collector (background propagation).
pub(crate) fn delete<K: Deletable>(
    store: &mut Store,
    now: Timestamp,
    namespace: &str,
    name: &str,
    grace: Option<i64>,
) -> Result<Arc<K>, Error> {
    let Some(current) = store.get::<K>(namespace, name) else {
        return Err(Error::NotFound {
            kind: crate::store::resource_name::<K>(),
            name: name.to_owned(),
        });
    };
    if current.metadata().deletion_timestamp.is_some() {
        return Ok(current);
    }
    match current.grace_seconds(grace) {
        Some(seconds) => {
            let mut obj = (*current).clone();
            let meta = obj.metadata_mut();
            meta.deletion_timestamp = Some(Time(now + SignedDuration::from_secs(seconds)));
            meta.deletion_grace_period_seconds = Some(seconds);
            meta.resource_version = None;
            store.update(obj)
        }
        None => store.remove::<K>(namespace, name),
    }
}
