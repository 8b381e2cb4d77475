//! The last 15 minutes of the pods' usage, so the console's charts open full:
//! `/berth/metrics-history/namespaces/{ns}/pods?labelSelector=…`. The user's own read
//! of the metrics API decides which pods they may see (RBAC, the selector, whether the
//! cluster serves metrics at all); the embedded engine then tells each window's figures,
//! which are a function of time. For a real cluster the server keeps the readings
//! itself since it started ([`Sampler`]).

mod sampler;

use std::sync::Arc;

use axum::extract::{Path, RawQuery, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use engine::metrics::{pod_history, WINDOW};
use k8s_openapi::api::core::v1::Pod;
use serde_json::{json, Value};

use crate::cluster::Cluster;
pub use sampler::{Reading, Sampler};

/// Where the console reads the history.
pub const PREFIX: &str = "/berth/metrics-history";

/// How many windows of 15 s: 15 minutes.
const WINDOWS: i64 = 60;

/// Where the readings come from.
#[derive(Clone)]
pub enum History {
    /// The embedded engine, when it is the default cluster: any past window on demand.
    Engine(Arc<Cluster>),
    /// A real cluster: what the server read since it started.
    Sampled(Arc<Sampler>),
}

#[derive(Clone)]
struct Served {
    /// The default cluster's API, as the user reads it.
    api: Router,
    history: History,
}

/// The route; `api` is the default cluster's.
pub fn routes(api: Router, history: History) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/namespaces/{{ns}}/pods"), get(answer))
        .with_state(Served { api, history })
}

async fn answer(
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
    let names: Vec<&str> = now["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["metadata"]["name"].as_str())
        .collect();
    let readings = match &served.history {
        History::Engine(engine) => from_engine(engine, &ns, &names),
        History::Sampled(sampler) => names
            .iter()
            .map(|name| (name.to_string(), sampler.history(&ns, name)))
            .collect(),
    };
    let items: Vec<Value> = readings
        .into_iter()
        .map(|(name, readings)| {
            let samples: Vec<Value> = readings
                .into_iter()
                .map(|r| {
                    json!({
                        "timestamp": r.timestamp,
                        "cpu": r.usage.cpu().0,
                        "memory": r.usage.memory().0,
                    })
                })
                .collect();
            json!({ "metadata": { "name": name, "namespace": ns }, "samples": samples })
        })
        .collect();
    Json(json!({
        "kind": "PodMetricsHistory",
        "window": format!("{}s", WINDOW.as_secs()),
        "items": items,
    }))
    .into_response()
}

/// The engine's last [`WINDOWS`] readings of each of `names` in `ns`.
fn from_engine(engine: &Cluster, ns: &str, names: &[&str]) -> Vec<(String, Vec<Reading>)> {
    engine.read(|e| {
        let at = e.now();
        names
            .iter()
            .filter_map(|name| {
                let pod = e.store().get::<Pod>(ns, name)?;
                let readings = pod_history(&pod, at, WINDOWS)
                    .into_iter()
                    .map(|s| Reading {
                        timestamp: s.timestamp.to_string(),
                        usage: s.usage,
                    })
                    .collect();
                Some((name.to_string(), readings))
            })
            .collect()
    })
}
