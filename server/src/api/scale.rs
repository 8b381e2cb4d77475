//! The `scale` subresource of Deployments, StatefulSets and ReplicaSets: an
//! `autoscaling/v1` Scale over `spec.replicas`, as `kubectl scale` (a merge patch) and
//! autoscalers (GET, then PUT) use it. A new replica count goes through the same
//! update as any other write: admission, and resourceVersion preconditions.

use std::sync::Arc;

use axum::extract::{RawPathParams, State};
use axum::http::StatusCode;
use axum::response::Response;
use engine::{Engine, FieldError};
use k8s_openapi::api::apps::v1::{self as apps, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::autoscaling::v1::{Scale, ScaleSpec, ScaleStatus};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde_json::Value;

use super::objects::{current, Served, Target};
use super::patch::{self, PatchKind};
use super::status::ApiError;
use super::table::selector::selector_string;
use super::write::{self, WriteQuery};
use crate::api::write::WriteRequest;
use crate::cluster::Cluster;

/// A kind with a replica count.
pub trait Scalable: Served {
    /// `spec.replicas`, upstream's default of one when unset.
    fn replicas(&self) -> i32;
    /// Sets `spec.replicas`.
    fn set_replicas(&mut self, replicas: i32);
    /// `status.replicas`: the pods there are.
    fn observed(&self) -> i32;
    /// The pods' selector.
    fn selector(&self) -> Option<&LabelSelector>;
}

macro_rules! scalable {
    ($ty:ty, $spec:ty, $observed:expr) => {
        impl Scalable for $ty {
            fn replicas(&self) -> i32 {
                self.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
            }
            fn set_replicas(&mut self, replicas: i32) {
                self.spec.get_or_insert_with(<$spec>::default).replicas = Some(replicas);
            }
            fn observed(&self) -> i32 {
                self.status.as_ref().map_or(0, $observed)
            }
            fn selector(&self) -> Option<&LabelSelector> {
                self.spec.as_ref().map(|s| &s.selector)
            }
        }
    };
}

scalable!(Deployment, apps::DeploymentSpec, |s| s
    .replicas
    .unwrap_or(0));
scalable!(StatefulSet, apps::StatefulSetSpec, |s| s.replicas);
scalable!(ReplicaSet, apps::ReplicaSetSpec, |s| s.replicas);

/// The Scale of a workload.
fn scale_of<K: Scalable>(obj: &K) -> Scale {
    let meta = obj.metadata();
    Scale {
        metadata: ObjectMeta {
            name: meta.name.clone(),
            namespace: meta.namespace.clone(),
            uid: meta.uid.clone(),
            resource_version: meta.resource_version.clone(),
            creation_timestamp: meta.creation_timestamp.clone(),
            ..Default::default()
        },
        spec: Some(ScaleSpec {
            replicas: Some(obj.replicas()),
        }),
        status: Some(ScaleStatus {
            replicas: obj.observed(),
            selector: Some(selector_string(obj.selector())),
        }),
    }
}

/// `GET …/scale`.
pub async fn get_scale<K: Scalable>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let obj = cluster.read(|e| current::<K>(e, &target))?;
    write::answer(StatusCode::OK, &scale_of(&*obj), &[])
}

/// `PUT …/scale`: the body's `spec.replicas` becomes the workload's.
pub async fn replace_scale<K: Scalable>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let scale = decode(write::json_body(&headers, &body)?)?;
    let (scale, warnings) = cluster.write(|e| rescale::<K>(e, &target, scale, &query))?;
    write::answer(StatusCode::OK, &scale, &warnings)
}

/// `PATCH …/scale`: the patch applies to the current Scale, which is then stored as by
/// `PUT`.
pub async fn patch_scale<K: Scalable>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let kind = PatchKind::from_headers(&headers)?;
    let (scale, warnings) = cluster.write(|e| {
        e.tick();
        let mut doc = serde_json::to_value(scale_of(&*current::<K>(e, &target)?))
            .map_err(|err| ApiError::BadRequest(err.to_string()))?;
        patch::apply(&mut doc, kind, &body)?;
        rescale::<K>(e, &target, decode(doc)?, &query)
    })?;
    write::answer(StatusCode::OK, &scale, &warnings)
}

fn decode(value: Value) -> Result<Scale, ApiError> {
    write::expect_kind(&value, "Scale")?;
    serde_json::from_value(value).map_err(|e| {
        ApiError::BadRequest(format!(
            "Scale in version \"v1\" cannot be handled as a Scale: {e}"
        ))
    })
}

/// Sets the workload's replica count from `scale`, answering its new Scale.
fn rescale<K: Scalable>(
    engine: &mut Engine,
    target: &Target,
    scale: Scale,
    query: &WriteQuery,
) -> Result<(Scale, Vec<String>), ApiError> {
    let current = current::<K>(engine, target)?;
    let name = target.name.clone().unwrap_or_default();
    if scale.metadata.name.as_ref().is_some_and(|n| *n != name) {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({}) does not match the name on the URL ({name})",
            scale.metadata.name.unwrap_or_default()
        )));
    }
    let precondition = scale.metadata.resource_version.filter(|rv| !rv.is_empty());
    if precondition.is_some() && precondition != current.metadata().resource_version {
        return Err(engine::Error::Conflict {
            kind: engine::store::resource_name::<K>(),
            name,
        }
        .into());
    }
    let replicas = scale.spec.and_then(|s| s.replicas).unwrap_or(0);
    if replicas < 0 {
        return Err(engine::Error::Invalid {
            kind: "Scale".to_owned(),
            name,
            causes: vec![FieldError {
                field: "spec.replicas".to_owned(),
                message: format!("Invalid value: {replicas}: must be greater than or equal to 0"),
            }],
        }
        .into());
    }
    let mut obj = (*current).clone();
    obj.set_replicas(replicas);
    let (stored, warnings) = write::update(engine, obj, target, query, Vec::new())?;
    Ok((scale_of(&*stored), warnings))
}
