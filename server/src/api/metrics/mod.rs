//! `metrics.k8s.io/v1beta1`, served as metrics-server serves it, from the engine's
//! simulated usage ([`engine::metrics`]): `kubectl top pod|node`, the console's
//! Monitoring tab and any client of the resource metrics API read it.

mod types;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use engine::metrics;
use engine::selector::{FieldSelector, Selectable, Selector};
use engine::store::Object;
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    APIGroup, APIResource, APIResourceList, GroupVersionForDiscovery, ServerAddressByClientCIDR,
};

use super::objects::{json_response, to_json};
use super::query::ListQuery;
use super::status::ApiError;
use crate::cluster::Cluster;
use types::{MetricsList, NodeMetrics, PodMetrics};

/// The API group.
pub const GROUP: &str = "metrics.k8s.io";
/// Its one version.
pub const VERSION: &str = "v1beta1";

/// The resource metrics routes.
pub fn routes(router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    let prefix = format!("/apis/{GROUP}/{VERSION}");
    router
        .route(&prefix, get(|| async { Json(resources()) }))
        .route(&format!("{prefix}/pods"), get(all_pods))
        .route(&format!("{prefix}/namespaces/{{ns}}/pods"), get(pods_in))
        .route(
            &format!("{prefix}/namespaces/{{ns}}/pods/{{name}}"),
            get(pod),
        )
        .route(&format!("{prefix}/nodes"), get(nodes))
        .route(&format!("{prefix}/nodes/{{name}}"), get(node))
}

/// The group's entry in `/apis`.
pub fn group(addresses: Vec<ServerAddressByClientCIDR>) -> APIGroup {
    let version = GroupVersionForDiscovery {
        group_version: format!("{GROUP}/{VERSION}"),
        version: VERSION.to_owned(),
    };
    APIGroup {
        name: GROUP.to_owned(),
        preferred_version: Some(version.clone()),
        server_address_by_client_cidrs: Some(addresses),
        versions: vec![version],
    }
}

/// `GET /apis/metrics.k8s.io/v1beta1`: `pods` and `nodes`, read-only.
fn resources() -> APIResourceList {
    let resource = |name: &str, kind: &str, namespaced: bool| APIResource {
        name: name.to_owned(),
        singular_name: String::new(),
        namespaced,
        kind: kind.to_owned(),
        verbs: vec!["get".to_owned(), "list".to_owned()],
        ..Default::default()
    };
    APIResourceList {
        group_version: format!("{GROUP}/{VERSION}"),
        resources: vec![
            resource("nodes", "NodeMetrics", false),
            resource("pods", "PodMetrics", true),
        ],
    }
}

/// The label and field selectors of a list, for objects of kind `K`.
struct Selectors {
    labels: Option<Selector>,
    fields: Option<FieldSelector>,
}

impl Selectors {
    fn from<K: Selectable>(query: &ListQuery) -> Result<Self, ApiError> {
        let fields = query.field_selector()?;
        if let Some(fields) = &fields {
            fields.check::<K>().map_err(ApiError::BadRequest)?;
        }
        Ok(Selectors {
            labels: query.selector()?,
            fields,
        })
    }

    fn admit<K: Object + Selectable>(&self, obj: &K) -> bool {
        self.labels
            .as_ref()
            .is_none_or(|s| s.matches(obj.metadata().labels.as_ref()))
            && self.fields.as_ref().is_none_or(|s| s.matches(obj))
    }
}

fn not_found(resource: &str, name: String) -> ApiError {
    ApiError::Engine(engine::Error::NotFound {
        kind: format!("{resource}.{GROUP}"),
        name,
    })
}

fn pod_list(
    cluster: &Cluster,
    namespace: Option<&str>,
    query: &ListQuery,
) -> Result<Response, ApiError> {
    let selectors = Selectors::from::<Pod>(query)?;
    let items = cluster.read(|e| {
        let now = e.now();
        e.store()
            .list::<Pod>(namespace)
            .filter(|p| selectors.admit(&***p))
            .filter_map(|p| {
                metrics::pod_usage(p, now).map(|s| PodMetrics::new(&p.metadata, s, now))
            })
            .collect()
    });
    Ok(json_response(to_json(&MetricsList::new(
        "PodMetricsList",
        items,
    ))?))
}

/// `GET …/pods`: every running pod's metrics.
async fn all_pods(
    State(cluster): State<Arc<Cluster>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    pod_list(&cluster, None, &query)
}

/// `GET …/namespaces/{ns}/pods`.
async fn pods_in(
    State(cluster): State<Arc<Cluster>>,
    Path(ns): Path<String>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    pod_list(&cluster, Some(&ns), &query)
}

/// `GET …/namespaces/{ns}/pods/{name}`: 404 for a pod that isn't there or doesn't run.
async fn pod(
    State(cluster): State<Arc<Cluster>>,
    Path((ns, name)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let found = cluster.read(|e| {
        let now = e.now();
        let pod = e.store().get::<Pod>(&ns, &name)?;
        metrics::pod_usage(&pod, now).map(|s| PodMetrics::new(&pod.metadata, s, now))
    });
    let found = found.ok_or_else(|| not_found("podmetrics", name))?;
    Ok(json_response(to_json(&found)?))
}

/// `GET …/nodes`.
async fn nodes(
    State(cluster): State<Arc<Cluster>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let selectors = Selectors::from::<Node>(&query)?;
    let items: Vec<NodeMetrics> = cluster.read(|e| {
        let now = e.now();
        let store = e.store();
        store
            .list::<Node>(None)
            .filter(|n| selectors.admit(&***n))
            .filter_map(|n| {
                let name = n.metadata.name.as_deref()?;
                metrics::node_usage(store, name, now).map(|s| NodeMetrics::new(&n.metadata, s, now))
            })
            .collect()
    });
    Ok(json_response(to_json(&MetricsList::new(
        "NodeMetricsList",
        items,
    ))?))
}

/// `GET …/nodes/{name}`.
async fn node(
    State(cluster): State<Arc<Cluster>>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let found = cluster.read(|e| {
        let now = e.now();
        let node = e.store().get::<Node>("", &name)?;
        metrics::node_usage(e.store(), &name, now).map(|s| NodeMetrics::new(&node.metadata, s, now))
    });
    let found = found.ok_or_else(|| not_found("nodemetrics", name))?;
    Ok(json_response(to_json(&found)?))
}
