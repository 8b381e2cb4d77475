//! The API answers as the Kubernetes API server does: lists, objects, deletes, errors.

use crate::common;

use axum::http::StatusCode;
use common::Api;

#[tokio::test]
async fn lists_pods_with_a_resource_version() {
    let api = Api::demo();
    let (status, list) = api.json("GET", "/api/v1/namespaces/default/pods").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["kind"], "PodList");
    assert_eq!(list["apiVersion"], "v1");
    assert!(list["metadata"]["resourceVersion"]
        .as_str()
        .is_some_and(|rv| rv.parse::<u64>().is_ok()));
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    for pod in items {
        assert_eq!(pod["kind"], "Pod");
        assert_eq!(pod["status"]["phase"], "Running");
        assert!(pod["metadata"]["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("nginx-demo-")));
    }
}

#[tokio::test]
async fn gets_one_deployment_and_its_status() {
    let api = Api::demo();
    let (status, d) = api
        .json(
            "GET",
            "/apis/apps/v1/namespaces/default/deployments/nginx-demo",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(d["kind"], "Deployment");
    assert_eq!(d["apiVersion"], "apps/v1");
    assert_eq!(d["status"]["readyReplicas"], 3);
    assert_eq!(d["status"]["availableReplicas"], 3);
}

#[tokio::test]
async fn selectors_narrow_a_list() {
    let api = Api::demo();
    let (_, by_label) = api
        .json(
            "GET",
            "/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx-demo",
        )
        .await;
    assert_eq!(by_label["items"].as_array().map(Vec::len), Some(3));
    let (_, none) = api
        .json(
            "GET",
            "/api/v1/namespaces/default/pods?labelSelector=app%3Dother",
        )
        .await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
    let (_, one) = api
        .json(
            "GET",
            "/apis/apps/v1/namespaces/default/deployments?fieldSelector=metadata.name%3Dnginx-demo",
        )
        .await;
    assert_eq!(one["items"].as_array().map(Vec::len), Some(1));
    // nginx-demo's three, and kube-system's two CoreDNS pods.
    let (_, all_ns) = api.json("GET", "/api/v1/pods").await;
    assert_eq!(all_ns["items"].as_array().map(Vec::len), Some(5));
    // Upstream dropped `metadata.selfLink` (1.20): neither a list nor its items carry it.
    assert!(!all_ns.to_string().contains("selfLink"), "{all_ns}");
}

#[tokio::test]
async fn deleting_a_pod_marks_it_terminating_and_the_controller_replaces_it() {
    let api = Api::demo();
    let (list, _) = api.list("/api/v1/namespaces/default/pods").await;
    let victim = list["items"][0]["metadata"]["name"]
        .as_str()
        .expect("name")
        .to_owned();
    let (status, deleted) = api
        .json(
            "DELETE",
            &format!("/api/v1/namespaces/default/pods/{victim}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(deleted["metadata"]["deletionTimestamp"].is_string());
    let (_, during) = api.json("GET", "/api/v1/namespaces/default/pods").await;
    assert_eq!(
        during["items"].as_array().map(Vec::len),
        Some(4),
        "the replacement exists while the victim terminates"
    );
    api.run_for(5_000);
    let (_, after) = api.json("GET", "/api/v1/namespaces/default/pods").await;
    let names: Vec<&str> = after["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["metadata"]["name"].as_str())
        .collect();
    assert_eq!(names.len(), 3);
    assert!(!names.contains(&victim.as_str()));
    let (status, gone) = api
        .json("GET", &format!("/api/v1/namespaces/default/pods/{victim}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(gone["reason"], "NotFound");
}

#[tokio::test]
async fn errors_are_kubernetes_status_objects() {
    let api = Api::demo();
    let (status, missing) = api
        .json("GET", "/apis/apps/v1/namespaces/default/deployments/nope")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["kind"], "Status");
    assert_eq!(missing["status"], "Failure");
    assert_eq!(missing["code"], 404);
    assert_eq!(missing["message"], "deployments.apps \"nope\" not found");
    assert_eq!(missing["details"]["name"], "nope");

    let (status, delete_missing) = api
        .json("DELETE", "/api/v1/namespaces/default/pods/nope")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(delete_missing["message"], "pods \"nope\" not found");

    let (status, bad) = api
        .json(
            "GET",
            "/api/v1/namespaces/default/pods?labelSelector=app%20in%20web",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(bad["reason"], "BadRequest");

    let (status, unknown) = api.json("GET", "/api/v1/namespaces/default/gizmos").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(unknown["kind"], "Status");

    // Byte for byte as kube-apiserver writes it: its fields in the Go struct's order.
    let response = api
        .send("GET", "/api/v1/namespaces/default/pods/nope")
        .await;
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    assert_eq!(
        std::str::from_utf8(&bytes).expect("utf-8"),
        r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"nope\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}"#
    );
}
