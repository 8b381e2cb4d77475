//! The last 15 minutes of the pods' usage, so the console's charts open full:
//! `/berth/metrics-history/namespaces/{ns}/pods?labelSelector=…`. The user's own read
//! of the metrics API decides which pods they may see (RBAC, the selector, whether the
//! cluster serves metrics at all); the embedded engine then tells each window's figures,
//! which are a function of time. A real cluster keeps no history: 404, and the console
//! charts what it reads from then on.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use engine::metrics::{pod_history, WINDOW};
use k8s_openapi::api::core::v1::Pod;
use serde_json::{json, Value};

use crate::api::ApiError;
use crate::cluster::Cluster;

/// Where the console reads the history.
pub const PREFIX: &str = "/berth/metrics-history";

/// How many windows of 15 s: 15 minutes.
const WINDOWS: i64 = 60;

#[derive(Clone)]
struct Served {
    /// The default cluster's API, as the user reads it.
    api: Router,
    /// The embedded engine, when it is the default cluster.
    engine: Option<Arc<Cluster>>,
}

/// The route; `api` is the default cluster's, `engine` the embedded engine if it is it.
pub fn routes(api: Router, engine: Option<Arc<Cluster>>) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/namespaces/{{ns}}/pods"), get(history))
        .with_state(Served { api, engine })
}

async fn history(
    State(served): State<Served>,
    Path(ns): Path<String>,
    RawQuery(query): RawQuery,
    request: Request,
) -> Response {
    let mut path = format!("/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods");
    if let Some(query) = query {
        path = format!("{path}?{query}");
    }
    let identity = request.extensions().clone();
    drop(request);
    let now = match crate::keys_only::read(served.api, &identity, &path).await {
        Ok(list) => list,
        Err(refused) => return refused,
    };
    let Some(engine) = served.engine else {
        return ApiError::NoRoute.into_response();
    };
    let names: Vec<&str> = now["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["metadata"]["name"].as_str())
        .collect();
    let items: Vec<Value> = engine.read(|e| {
        let at = e.now();
        names
            .iter()
            .filter_map(|name| {
                let pod = e.store().get::<Pod>(&ns, name)?;
                let samples: Vec<Value> = pod_history(&pod, at, WINDOWS)
                    .into_iter()
                    .map(|s| {
                        json!({
                            "timestamp": s.timestamp.to_string(),
                            "cpu": s.usage.cpu().0,
                            "memory": s.usage.memory().0,
                        })
                    })
                    .collect();
                Some(json!({ "metadata": { "name": name, "namespace": ns }, "samples": samples }))
            })
            .collect()
    });
    Json(json!({
        "kind": "PodMetricsHistory",
        "window": format!("{}s", WINDOW.as_secs()),
        "items": items,
    }))
    .into_response()
}
