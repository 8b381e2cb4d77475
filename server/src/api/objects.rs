//! `GET` (list and one), and `DELETE`, for every kind the API serves.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, RawPathParams, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use engine::selector::{FieldSelector, Selectable, Selector};
use engine::store::Object;
use engine::Deletable;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::DeleteOptions;
use serde::Serialize;

use super::paging;
use super::query::ListQuery;
use super::status::ApiError;
use super::table::{self, Printed, Render};
use super::watch;
use crate::cluster::Cluster;

/// A kind served by the API: stored by the engine, printable as a Table, and
/// selectable by its fields.
pub trait Served: Object + Deletable + Printed + Selectable {}
impl<K: Object + Deletable + Printed + Selectable> Served for K {}

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
    /// The filter of a request for kind `K`: a field selector naming a field `K`
    /// doesn't offer is upstream's 400.
    pub(super) fn from<K: Served>(target: Target, query: &ListQuery) -> Result<Filter, ApiError> {
        let fields = query.field_selector()?;
        if let Some(fields) = &fields {
            fields.check::<K>().map_err(ApiError::BadRequest)?;
        }
        Ok(Filter {
            namespace: target.namespace,
            labels: query.selector()?,
            fields,
        })
    }

    /// No selector narrows the collection (upstream then counts the remaining items).
    pub fn is_everything(&self) -> bool {
        self.labels.is_none() && self.fields.is_none()
    }

    /// Whether the request is about `obj`.
    pub fn admits<K: Served>(&self, obj: &K) -> bool {
        let meta = obj.metadata();
        self.namespace
            .as_deref()
            .is_none_or(|ns| meta.namespace.as_deref() == Some(ns))
            && self
                .labels
                .as_ref()
                .is_none_or(|s| s.matches(meta.labels.as_ref()))
            && self.fields.as_ref().is_none_or(|s| s.matches(obj))
    }
}

/// A list's `metadata`.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListMeta {
    /// The version the list was read at.
    pub resource_version: String,
    /// The token for the next page, when there is one.
    #[serde(rename = "continue", skip_serializing_if = "Option::is_none")]
    pub continue_token: Option<String>,
    /// How many objects the next pages hold, when no selector narrows the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_item_count: Option<usize>,
}

/// A `<Kind>List`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListBody<'a, K> {
    pub api_version: &'static str,
    pub kind: String,
    pub metadata: ListMeta,
    pub items: Vec<&'a K>,
}

/// The namespace and name of an object: its place in list order.
fn key<K: Served>(obj: &Arc<K>) -> (String, String) {
    let meta = obj.metadata();
    (
        meta.namespace.clone().unwrap_or_default(),
        meta.name.clone().unwrap_or_default(),
    )
}

/// JSON with the content type Kubernetes clients expect.
pub(super) fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A value as JSON bytes.
pub(super) fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// `GET` a collection: a `<Kind>List` (or a Table, when the client asks for one), or a
/// watch stream with `?watch=true`.
pub async fn list<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = Filter::from::<K>(Target::from(&params), &query)?;
    let render = Render::from_request(&headers, query.include_object.as_deref());
    if query.is_watch() {
        let from = query.resource_version()?;
        return Ok(watch::serve::<K>(
            cluster,
            filter,
            from,
            query.timeout(),
            render,
        ));
    }
    let start = query.continue_from()?;
    let (page, rv, now) = cluster.read(|e| {
        let store = e.store();
        let mut rv = store.resource_version();
        if let Some(start) = &start {
            // Upstream lists later pages at the first page's version while etcd still
            // has it; past compaction (here: the watch history), the token expires.
            if let Err(engine::Error::Expired { .. }) = store.changes_since::<K>(start.rv) {
                return Err(ApiError::Expired(paging::TOO_OLD.to_owned()));
            }
            rv = start.rv;
        }
        let objects = store
            .list_unpacked::<K>(filter.namespace.as_deref())
            .filter(|o| filter.admits(&**o));
        let page = paging::page(objects, start.as_ref(), query.limit, rv, key::<K>);
        Ok((page, rv, e.now()))
    })?;
    let metadata = ListMeta {
        resource_version: rv.to_string(),
        continue_token: page.next.as_ref().map(paging::Continue::encode),
        remaining_item_count: (page.next.is_some() && filter.is_everything())
            .then_some(page.remaining),
    };
    let items = page.items;
    if let Render::Table(include) = render {
        let mut body = table::table(items.iter().map(|o| &**o), &rv.to_string(), now, include);
        body["metadata"] =
            serde_json::to_value(&metadata).map_err(|e| ApiError::BadRequest(e.to_string()))?;
        return Ok(json_response(to_json(&body)?));
    }
    let body = ListBody {
        api_version: K::API_VERSION,
        kind: format!("{}List", K::KIND),
        metadata,
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

/// Reads the object a route names, or answers upstream's 404.
pub(super) fn current<K: Served>(
    engine: &engine::Engine,
    target: &Target,
) -> Result<Arc<K>, ApiError> {
    let ns = target.namespace.as_deref().unwrap_or_default();
    let name = target.name.as_deref().unwrap_or_default();
    engine
        .store()
        .get::<K>(ns, name)
        .ok_or_else(|| not_found::<K>(target.name.clone()))
}

/// `GET` one object (a one-row Table, when the client asks for one).
pub async fn get_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let (obj, now) = cluster.read(|e| current::<K>(e, &target).map(|o| (o, e.now())))?;
    match Render::from_request(&headers, query.include_object.as_deref()) {
        Render::Table(include) => Ok(json_response(to_json(&table::table_of(
            &*obj, now, include,
        ))?)),
        Render::Objects => Ok(json_response(to_json(&*obj)?)),
    }
}

/// `DELETE` one object: a running pod is marked Terminating and stops within its grace
/// period, an owner deleted in the foreground stays until its dependents are gone; the
/// answer is the object as the delete left it. The grace period and the propagation
/// policy come from `?gracePeriodSeconds=` / `?propagationPolicy=` or from the
/// `DeleteOptions` body kubectl sends (with its `preconditions`).
pub async fn delete_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<ListQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let ns = target.namespace.unwrap_or_default();
    let name = target.name.unwrap_or_default();
    let (options, dry_run) = delete_options(&query, &body)?;
    if dry_run {
        let obj = cluster.read(|e| e.store().get::<K>(&ns, &name));
        let obj = obj.ok_or_else(|| not_found::<K>(Some(name)))?;
        return Ok(json_response(to_json(&*obj)?));
    }
    let obj = cluster.write(|e| e.delete_with::<K>(&ns, &name, &options))?;
    Ok(json_response(to_json(&*obj)?))
}

/// The `DeleteOptions` of a delete, from its body and query, and whether it is a dry
/// run.
pub(super) fn delete_options(
    query: &ListQuery,
    body: &[u8],
) -> Result<(DeleteOptions, bool), ApiError> {
    let mut options: DeleteOptions = if body.iter().all(u8::is_ascii_whitespace) {
        DeleteOptions::default()
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::BadRequest(format!("unable to decode DeleteOptions: {e}")))?
    };
    // Upstream reads either the body or the query; kubectl sends a body, so both are
    // taken, the query first.
    options.grace_period_seconds = query.grace_period_seconds.or(options.grace_period_seconds);
    options.propagation_policy = query
        .propagation_policy
        .clone()
        .or(options.propagation_policy);
    let dry_run = query.is_dry_run()
        || options
            .dry_run
            .as_ref()
            .is_some_and(|d| d.iter().any(|v| v == "All"));
    Ok((options, dry_run))
}
