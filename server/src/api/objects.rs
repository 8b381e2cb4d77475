//! `GET` (list and one), and `DELETE`, for every kind the API serves.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, RawPathParams, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use engine::selector::{FieldSelector, Selector};
use engine::store::Object;
use engine::Deletable;
use serde::Serialize;

use super::query::ListQuery;
use super::status::ApiError;
use super::watch;
use crate::cluster::Cluster;

/// A kind served by the API.
pub trait Served: Object + Deletable {}
impl<K: Object + Deletable> Served for K {}

/// The namespace and name a route matched (either may be absent).
pub(super) struct Target {
    pub namespace: Option<String>,
    pub name: Option<String>,
}

impl Target {
    pub(super) fn from(params: &RawPathParams) -> Self {
        let params: HashMap<&str, &str> = params.iter().collect();
        Target {
            namespace: params.get("ns").map(|s| (*s).to_owned()),
            name: params.get("name").map(|s| (*s).to_owned()),
        }
    }
}

/// Which objects of a collection a request is about.
pub(super) struct Filter {
    /// Only this namespace (all, for `None`).
    pub namespace: Option<String>,
    /// `?labelSelector=`.
    pub labels: Option<Selector>,
    /// `?fieldSelector=`.
    pub fields: Option<FieldSelector>,
}

impl Filter {
    fn from(target: Target, query: &ListQuery) -> Result<Filter, ApiError> {
        Ok(Filter {
            namespace: target.namespace,
            labels: query.selector()?,
            fields: query.field_selector()?,
        })
    }

    /// Whether the request is about `obj`.
    pub fn admits<K: Object>(&self, obj: &K) -> bool {
        let meta = obj.metadata();
        self.namespace
            .as_deref()
            .is_none_or(|ns| meta.namespace.as_deref() == Some(ns))
            && self
                .labels
                .as_ref()
                .is_none_or(|s| s.matches(meta.labels.as_ref()))
            && self.fields.as_ref().is_none_or(|s| s.matches(meta))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListMeta {
    resource_version: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a, K> {
    api_version: &'static str,
    kind: String,
    metadata: ListMeta,
    items: Vec<&'a K>,
}

/// JSON with the content type Kubernetes clients expect.
pub(super) fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// `GET` a collection: a `<Kind>List`, or a watch stream with `?watch=true`.
pub async fn list<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = Filter::from(Target::from(&params), &query)?;
    if query.is_watch() {
        let from = query.resource_version()?;
        return Ok(watch::serve::<K>(cluster, filter, from, query.timeout()));
    }
    let (items, rv) = cluster.read(|e| {
        let items: Vec<Arc<K>> = e
            .store()
            .list::<K>(filter.namespace.as_deref())
            .filter(|o| filter.admits(&***o))
            .cloned()
            .collect();
        (items, e.store().resource_version())
    });
    let body = ListBody {
        api_version: K::API_VERSION,
        kind: format!("{}List", K::KIND),
        metadata: ListMeta {
            resource_version: rv.to_string(),
        },
        items: items.iter().map(|o| &**o).collect(),
    };
    Ok(json_response(to_json(&body)?))
}

fn not_found<K: Object>(name: Option<String>) -> ApiError {
    ApiError::Engine(engine::Error::NotFound {
        kind: engine::store::resource_name::<K>(),
        name: name.unwrap_or_default(),
    })
}

/// `GET` one object.
pub async fn get_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let ns = target.namespace.clone().unwrap_or_default();
    let name = target.name.clone().unwrap_or_default();
    let obj = cluster
        .read(|e| e.store().get::<K>(&ns, &name))
        .ok_or_else(|| not_found::<K>(target.name))?;
    Ok(json_response(to_json(&*obj)?))
}

/// `DELETE` one object: a running pod is marked Terminating and stops within its grace
/// period; the answer is the object as the delete left it.
pub async fn delete_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let ns = target.namespace.unwrap_or_default();
    let name = target.name.unwrap_or_default();
    let grace = query.grace_period_seconds;
    let obj = cluster.write(|e| e.delete::<K>(&ns, &name, grace))?;
    Ok(json_response(to_json(&*obj)?))
}
