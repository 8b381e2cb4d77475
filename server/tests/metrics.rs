//! `metrics.k8s.io/v1beta1` in process, on virtual time: discovery lists it, pods and
//! nodes have usage quantities in metrics-server's shape, selectors narrow pod lists,
//! and a node's usage is the sum of its pods'.

use crate::common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::Api;
use serde_json::Value;
use server::metrics_history::{History, Sampler};

const METRICS: &str = "/apis/metrics.k8s.io/v1beta1";

/// `12m` → 12; `34Mi` → 34 × 2²⁰.
fn millis(q: &Value) -> u64 {
    let q = q.as_str().expect("a quantity");
    q.strip_suffix('m')
        .expect("millicores")
        .parse()
        .expect("a number")
}

fn bytes(q: &Value) -> u64 {
    let q = q.as_str().expect("a quantity");
    match q.strip_suffix("Mi") {
        Some(n) => n.parse::<u64>().expect("a number") << 20,
        None => {
            q.strip_suffix("Ki")
                .expect("Ki")
                .parse::<u64>()
                .expect("a number")
                << 10
        }
    }
}

#[tokio::test]
async fn discovery_lists_the_metrics_group() {
    let api = Api::demo();
    let (_, groups) = api.json("GET", "/apis").await;
    let group = groups["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["name"] == "metrics.k8s.io")
        .expect("metrics.k8s.io listed");
    assert_eq!(
        group["preferredVersion"]["groupVersion"],
        "metrics.k8s.io/v1beta1"
    );
    let (status, resources) = api.json("GET", METRICS).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<(&str, &str, bool)> = resources["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or_default(),
                r["kind"].as_str().unwrap_or_default(),
                r["namespaced"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("nodes", "NodeMetrics", false),
            ("pods", "PodMetrics", true)
        ]
    );
}

#[tokio::test]
async fn running_pods_have_usage_per_container() {
    let api = Api::demo();
    let (status, list) = api
        .json("GET", &format!("{METRICS}/namespaces/default/pods"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["kind"], "PodMetricsList");
    assert_eq!(list["apiVersion"], "metrics.k8s.io/v1beta1");
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 3, "nginx-demo's three pods: {list}");
    for pod in items {
        assert_eq!(pod["kind"], "PodMetrics");
        assert_eq!(pod["metadata"]["namespace"], "default");
        assert_eq!(pod["metadata"]["labels"]["app"], "nginx-demo");
        assert_eq!(pod["window"], "15s");
        assert!(pod["timestamp"].is_string());
        let container = &pod["containers"][0];
        assert_eq!(container["name"], "nginx");
        // An idle web server: a few millicores, a few MiB.
        assert!(
            (1..=50).contains(&millis(&container["usage"]["cpu"])),
            "{pod}"
        );
        assert!(bytes(&container["usage"]["memory"]) >= 1 << 20, "{pod}");
    }

    let name = items[0]["metadata"]["name"].as_str().expect("name");
    let (status, one) = api
        .json("GET", &format!("{METRICS}/namespaces/default/pods/{name}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        one["containers"], items[0]["containers"],
        "same window, same figures"
    );

    let (status, missing) = api
        .json("GET", &format!("{METRICS}/namespaces/default/pods/nope"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing["message"],
        "podmetrics.metrics.k8s.io \"nope\" not found"
    );
}

#[tokio::test]
async fn selectors_narrow_pod_lists() {
    let api = Api::demo();
    let count = |list: &Value| list["items"].as_array().map_or(0, Vec::len);
    let (_, all) = api.json("GET", &format!("{METRICS}/pods")).await;
    let (_, demo) = api
        .json(
            "GET",
            &format!("{METRICS}/namespaces/default/pods?labelSelector=app%3Dnginx-demo"),
        )
        .await;
    let (_, none) = api
        .json(
            "GET",
            &format!("{METRICS}/namespaces/default/pods?labelSelector=app%3Dother"),
        )
        .await;
    assert!(count(&all) >= 3);
    assert_eq!(count(&demo), 3);
    assert_eq!(count(&none), 0);
    let (status, _) = api
        .json(
            "GET",
            &format!("{METRICS}/pods?labelSelector=app%20in%20web"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn node_usage_is_the_sum_of_its_pods() {
    let api = Api::demo();
    let (_, nodes) = api.json("GET", &format!("{METRICS}/nodes")).await;
    assert_eq!(nodes["kind"], "NodeMetricsList");
    let (_, pods) = api.json("GET", &format!("{METRICS}/pods")).await;
    let (_, pod_objects) = api.json("GET", "/api/v1/pods").await;
    let node_of = |ns: &Value, name: &Value| {
        pod_objects["items"]
            .as_array()
            .and_then(|items| {
                items
                    .iter()
                    .find(|p| &p["metadata"]["namespace"] == ns && &p["metadata"]["name"] == name)
            })
            .map(|p| p["spec"]["nodeName"].clone())
            .unwrap_or_default()
    };
    let items = nodes["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for node in items {
        let name = &node["metadata"]["name"];
        let (mut cpu, mut memory) = (0, 0);
        for pod in pods["items"].as_array().expect("pods") {
            if &node_of(&pod["metadata"]["namespace"], &pod["metadata"]["name"]) == name {
                for c in pod["containers"].as_array().expect("containers") {
                    cpu += millis(&c["usage"]["cpu"]);
                    memory += bytes(&c["usage"]["memory"]);
                }
            }
        }
        assert_eq!(millis(&node["usage"]["cpu"]), cpu, "{node}");
        assert_eq!(bytes(&node["usage"]["memory"]), memory, "{node}");
        let path = format!("{METRICS}/nodes/{}", name.as_str().expect("name"));
        let (status, one) = api.json("GET", &path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(one["usage"], node["usage"]);
    }
    let (status, _) = api.json("GET", &format!("{METRICS}/nodes/nope")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The history route over the demo engine, or (with `sampled`) as in front of a real
/// cluster: what a sampler of the same API read.
async fn history(api: &Api, sampled: Option<&Arc<Sampler>>, path: &str) -> (StatusCode, Value) {
    use tower::ServiceExt;
    let source = match sampled {
        Some(sampler) => History::Sampled(Arc::clone(sampler)),
        None => History::Engine(api.cluster.clone()),
    };
    let router = server::metrics_history::routes(api.router.clone(), source);
    let request = axum::http::Request::get(path)
        .body(axum::body::Body::empty())
        .expect("request");
    let Ok(response) = router.oneshot(request).await;
    common::read_json(response).await
}

#[tokio::test]
async fn the_last_fifteen_minutes_are_served_as_each_window_was() {
    let api = Api::demo();
    // The demo's pods have run 5 s; let 10 minutes pass, window by window.
    for _ in 0..40 {
        api.run_for(15_000);
    }
    let path = "/berth/metrics-history/namespaces/default/pods?labelSelector=app%3Dnginx-demo";
    let (status, body) = history(&api, None, path).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().expect("items");
    assert_eq!(items.len(), 3, "the three nginx-demo pods");
    let samples = items[0]["samples"].as_array().expect("samples");
    assert!(
        (40..=41).contains(&samples.len()),
        "{} windows since the pod started",
        samples.len()
    );
    // The latest window is what the metrics API serves now.
    assert_latest_is_now(&api, &items[0]).await;

    // The selector narrows it as the metrics API's does.
    let (_, none) = history(
        &api,
        None,
        "/berth/metrics-history/namespaces/default/pods?labelSelector=app%3Dnone",
    )
    .await;
    assert_eq!(none["items"], serde_json::json!([]));
}

#[tokio::test]
async fn in_front_of_a_real_cluster_the_history_is_what_the_server_read_since_it_started() {
    let api = Api::demo();
    let sampler = Arc::new(Sampler::default());
    let path = "/berth/metrics-history/namespaces/default/pods?labelSelector=app%3Dnginx-demo";
    let (_, before) = history(&api, Some(&sampler), path).await;
    let empty: Vec<usize> = items_of(&before)
        .iter()
        .map(|i| i["samples"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(empty, vec![0, 0, 0], "nothing read yet: {before}");

    // Three windows, each read once; a window read twice is kept once.
    for _ in 0..3 {
        api.run_for(15_000);
        sampler.sample(&api.router).await.expect("a reading");
        sampler.sample(&api.router).await.expect("a reading");
    }
    let (status, body) = history(&api, Some(&sampler), path).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = items_of(&body);
    assert_eq!(items.len(), 3, "the three nginx-demo pods");
    let samples = items[0]["samples"].as_array().expect("samples");
    assert_eq!(samples.len(), 3, "{body}");
    assert_latest_is_now(&api, &items[0]).await;

    // The user's own read still decides which pods are shown.
    let (_, none) = history(
        &api,
        Some(&sampler),
        "/berth/metrics-history/namespaces/default/pods?labelSelector=app%3Dnone",
    )
    .await;
    assert_eq!(none["items"], serde_json::json!([]));
}

/// Asserts that a pod's latest sample is what the metrics API serves for it now.
async fn assert_latest_is_now(api: &Api, item: &Value) {
    let name = item["metadata"]["name"].as_str().expect("name");
    let (_, now) = api
        .json("GET", &format!("{METRICS}/namespaces/default/pods/{name}"))
        .await;
    let latest = item["samples"]
        .as_array()
        .and_then(|s| s.last())
        .expect("a sample");
    assert_eq!(latest["timestamp"], now["timestamp"]);
    let usage = &now["containers"][0]["usage"];
    assert_eq!(millis(&latest["cpu"]), millis(&usage["cpu"]));
    assert_eq!(bytes(&latest["memory"]), bytes(&usage["memory"]));
}

fn items_of(body: &Value) -> Vec<Value> {
    body["items"].as_array().cloned().unwrap_or_default()
}
