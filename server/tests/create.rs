//! Creating through the API: a valid workload is stored and runs; an invalid one is a
//! 422 `Status` naming each field; a clash is a 409; a dry run stores nothing.

use crate::common;

use axum::http::StatusCode;
use common::{read_json, Api};
use serde_json::{json, Value};

const DEPLOYMENTS: &str = "/apis/apps/v1/namespaces/default/deployments";

fn deployment(name: &str, replicas: i64) -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                          "ports": [{"containerPort": 80}]}]}
            }
        }
    })
}

#[tokio::test]
async fn a_valid_deployment_is_created_and_its_pods_run() {
    let api = Api::demo();
    let (code, created) = api.write("POST", DEPLOYMENTS, &deployment("shop", 2)).await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    assert_eq!(created["metadata"]["namespace"], "default");
    assert!(created["metadata"]["uid"].is_string());
    api.run_for(5_000);
    let (_, shop) = api.json("GET", &format!("{DEPLOYMENTS}/shop")).await;
    assert_eq!(shop["status"]["readyReplicas"], 2);
}

#[tokio::test]
async fn an_invalid_deployment_is_a_422_naming_each_field() {
    let api = Api::demo();
    let mut body = deployment("Shop", 1);
    body["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = json!(70000);
    let (code, status) = api.write("POST", DEPLOYMENTS, &body).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(status["kind"], "Status");
    assert_eq!(status["reason"], "Invalid");
    let fields: Vec<&str> = status["details"]["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter_map(|c| c["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "metadata.name",
            "spec.template.spec.containers[0].ports[0].containerPort"
        ]
    );
    let (list, _) = api.list(DEPLOYMENTS).await;
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(1),
        "only nginx-demo"
    );
}

#[tokio::test]
async fn a_name_clash_is_a_409_and_keeps_the_first() {
    let api = Api::demo();
    let (code, status) = api
        .write("POST", DEPLOYMENTS, &deployment("nginx-demo", 9))
        .await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(status["reason"], "AlreadyExists");
    assert_eq!(status["details"]["name"], "nginx-demo");
    let (_, demo) = api.json("GET", &format!("{DEPLOYMENTS}/nginx-demo")).await;
    assert_eq!(demo["spec"]["replicas"], 3);
}

#[tokio::test]
async fn a_dry_run_answers_like_a_create_and_stores_nothing() {
    let api = Api::demo();
    let path = format!("{DEPLOYMENTS}?dryRun=All");
    let (code, _) = api.write("POST", &path, &deployment("shop", 1)).await;
    assert_eq!(code, StatusCode::CREATED);
    let (code, _) = api.json("GET", &format!("{DEPLOYMENTS}/shop")).await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    let (code, status) = api.write("POST", &path, &deployment("nginx-demo", 1)).await;
    assert_eq!(
        (code, status["reason"].as_str()),
        (StatusCode::CONFLICT, Some("AlreadyExists"))
    );
}

#[tokio::test]
async fn a_shared_port_is_created_with_a_warning_header() {
    let api = Api::demo();
    let mut body = deployment("twins", 1);
    let second = json!({"name": "twin", "image": "nginx:1.27", "ports": [{"containerPort": 80}]});
    body["spec"]["template"]["spec"]["containers"]
        .as_array_mut()
        .expect("containers")
        .push(second);
    let response = api.send_json("POST", DEPLOYMENTS, &body).await;
    let warning = response
        .headers()
        .get("warning")
        .and_then(|w| w.to_str().ok())
        .map(str::to_owned)
        .expect("a Warning header");
    assert!(
        warning.starts_with("299 - \"spec.template.spec.containers[1].ports[0].containerPort"),
        "{warning}"
    );
    let (code, _) = read_json(response).await;
    assert_eq!(code, StatusCode::CREATED);
}

#[tokio::test]
async fn bodies_that_are_not_the_kind_or_namespace_of_the_url_are_400() {
    let api = Api::demo();
    let (code, _) = api
        .write(
            "POST",
            DEPLOYMENTS,
            &json!({"kind": "Pod", "apiVersion": "v1"}),
        )
        .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    let mut body = deployment("shop", 1);
    body["metadata"]["namespace"] = json!("other");
    let (code, _) = api.write("POST", DEPLOYMENTS, &body).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    let (code, status) = api
        .write("POST", DEPLOYMENTS, &json!("not an object"))
        .await;
    assert_eq!(
        (code, status["reason"].as_str()),
        (StatusCode::BAD_REQUEST, Some("BadRequest"))
    );
}

#[tokio::test]
async fn a_namespace_and_a_load_balancer_service_can_be_created() {
    let api = Api::demo();
    let ns = json!({"apiVersion": "v1", "kind": "Namespace",
                    "metadata": {"name": "gpu-lab", "labels": {"berth.dev/namespace-type": "gpu"}}});
    let (code, _) = api.write("POST", "/api/v1/namespaces", &ns).await;
    assert_eq!(code, StatusCode::CREATED);
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                     "spec": {"type": "LoadBalancer", "selector": {"app": "web"},
                              "ports": [{"port": 80, "targetPort": 80}]}});
    let (code, created) = api
        .write("POST", "/api/v1/namespaces/gpu-lab/services", &svc)
        .await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    assert!(created["spec"]["clusterIP"].is_string());
    assert!(created["status"]["loadBalancer"]["ingress"][0]["ip"].is_string());
}

#[tokio::test]
async fn a_secrets_string_data_is_stored_as_data() {
    let api = Api::demo();
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "api"},
                        "stringData": {"token": "s3cret"}});
    let (code, created) = api
        .write("POST", "/api/v1/namespaces/default/secrets", &secret)
        .await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    assert_eq!(created["data"]["token"], "czNjcmV0");
    assert!(created.get("stringData").is_none());
}

fn pod_names(pods: &Value) -> Vec<String> {
    let mut names: Vec<String> = pods["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["metadata"]["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_stateful_set_and_a_daemon_set_are_served_with_their_pods() {
    let api = Api::demo();
    let mut body = deployment("db", 2);
    body["kind"] = json!("StatefulSet");
    body["spec"]["serviceName"] = json!("db");
    let sets = "/apis/apps/v1/namespaces/default/statefulsets";
    let (code, created) = api.write("POST", sets, &body).await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    let mut body = deployment("agent", 1);
    body["kind"] = json!("DaemonSet");
    body["spec"]
        .as_object_mut()
        .expect("spec")
        .remove("replicas");
    let daemons = "/apis/apps/v1/namespaces/default/daemonsets";
    let (code, created) = api.write("POST", daemons, &body).await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    api.run_for(5_000);

    let (pods, _) = api
        .list("/api/v1/namespaces/default/pods?labelSelector=app%3Ddb")
        .await;
    assert_eq!(pod_names(&pods), ["db-0", "db-1"]);
    let (_, db) = api.json("GET", &format!("{sets}/db")).await;
    assert_eq!(db["status"]["readyReplicas"], 2);
    let (pods, _) = api
        .list("/api/v1/namespaces/default/pods?labelSelector=app%3Dagent")
        .await;
    let nodes: Vec<&str> = pods["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["spec"]["nodeName"].as_str())
        .collect();
    assert_eq!(nodes.len(), 3, "one pod per demo node: {nodes:?}");
    let (_, agent) = api.json("GET", &format!("{daemons}/agent")).await;
    assert_eq!(agent["status"]["numberReady"], 3);
    let (revisions, _) = api
        .list("/apis/apps/v1/namespaces/default/controllerrevisions")
        .await;
    assert_eq!(revisions["items"].as_array().map(Vec::len), Some(2));

    let (code, _) = api.json("DELETE", &format!("{sets}/db")).await;
    assert_eq!(code, StatusCode::OK);
    api.run_for(5_000);
    let (pods, _) = api
        .list("/api/v1/namespaces/default/pods?labelSelector=app%3Ddb")
        .await;
    assert!(
        pod_names(&pods).is_empty(),
        "the set's pods are deleted with it"
    );
}
