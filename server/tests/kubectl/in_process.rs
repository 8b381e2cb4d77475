//! What kubectl relies on, checked in process on virtual time where kubectl can't
//! look: discovery's shape, Table rows, each patch format's semantics and errors,
//! and the scale subresource's preconditions.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::{read_json, Api};

const DEMO: &str = "/apis/apps/v1/namespaces/default/deployments/nginx-demo";
const TABLE: &str = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

async fn request(
    api: &Api,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: String,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::from(body)).expect("request");
    let Ok(response) = api.router.clone().oneshot(request).await;
    read_json(response).await
}

async fn patch(api: &Api, path: &str, kind: &str, body: Value) -> (StatusCode, Value) {
    let content_type = format!("application/{kind}+json");
    request(
        api,
        "PATCH",
        path,
        &[("content-type", &content_type)],
        body.to_string(),
    )
    .await
}

#[tokio::test]
async fn discovery_lists_kinds_short_names_and_subresources() {
    let api = Api::demo();
    let (code, apps) = api.json("GET", "/apis/apps/v1").await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(apps["kind"], "APIResourceList");
    assert_eq!(apps["groupVersion"], "apps/v1");
    let find = |name: &str| {
        apps["resources"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["name"] == name).cloned())
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    let deployments = find("deployments");
    assert_eq!(deployments["shortNames"], json!(["deploy"]));
    assert_eq!(deployments["singularName"], "deployment");
    assert_eq!(deployments["namespaced"], true);
    assert_eq!(deployments["categories"], json!(["all"]));
    assert!(deployments["verbs"]
        .as_array()
        .is_some_and(|v| v.contains(&json!("patch"))));
    let scale = find("deployments/scale");
    assert_eq!(
        (&scale["group"], &scale["version"], &scale["kind"]),
        (&json!("autoscaling"), &json!("v1"), &json!("Scale"))
    );

    let (_, core) = api.json("GET", "/api").await;
    assert_eq!(core["versions"], json!(["v1"]));
    // With a trailing slash too, as kube-apiserver answers (kr8s asks so).
    for path in ["/api/", "/apis/", "/api/v1/", "/apis/apps/v1/"] {
        let (code, _) = api.json("GET", path).await;
        assert_eq!(code, StatusCode::OK, "{path}");
    }
    let (_, groups) = api.json("GET", "/apis").await;
    assert_eq!(groups["groups"][0]["name"], "apps");
    assert_eq!(
        groups["groups"][0]["preferredVersion"]["groupVersion"],
        "apps/v1"
    );
    // Aggregated discovery is asked for with plain JSON as the fallback: that's answered.
    let aggregated =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    let (code, groups) = request(
        &api,
        "GET",
        "/apis",
        &[("accept", aggregated)],
        String::new(),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(groups["kind"], "APIGroupList");
    let (code, _) = api.json("GET", "/apis/policy/v1").await;
    assert_eq!(code, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn tables_carry_cells_and_partial_metadata() {
    let api = Api::demo();
    let (code, table) = request(
        &api,
        "GET",
        "/api/v1/namespaces/default/pods",
        &[("accept", TABLE)],
        String::new(),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        (&table["kind"], &table["apiVersion"]),
        (&json!("Table"), &json!("meta.k8s.io/v1"))
    );
    let columns: Vec<&str> = table["columnDefinitions"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        columns,
        [
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"
        ]
    );
    let row = &table["rows"][0];
    let cells = row["cells"].as_array().expect("cells");
    assert_eq!(cells[1..4], [json!("1/1"), json!("Running"), json!("0")]);
    assert_eq!(cells[4], "5s", "five virtual seconds old");
    assert_eq!(row["object"]["kind"], "PartialObjectMetadata");
    assert!(row["object"]["metadata"]["name"]
        .as_str()
        .is_some_and(|n| n.starts_with("nginx-demo-")));

    let path = format!("{DEMO}?includeObject=Object");
    let (_, one) = request(&api, "GET", &path, &[("accept", TABLE)], String::new()).await;
    assert_eq!(one["rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        one["rows"][0]["cells"],
        json!([
            "nginx-demo",
            "3/3",
            3,
            3,
            "5s",
            "nginx",
            "nginx:1.27",
            "app=nginx-demo"
        ])
    );
    assert_eq!(one["rows"][0]["object"]["kind"], "Deployment");
}

#[tokio::test]
async fn each_patch_format_changes_the_stored_object() {
    let api = Api::demo();
    let (code, merged) = patch(
        &api,
        DEMO,
        "merge-patch",
        json!({"metadata": {"labels": {"tier": "web"}}}),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{merged}");
    assert_eq!(merged["metadata"]["labels"]["tier"], "web");

    let ops = json!([{"op": "replace", "path": "/spec/replicas", "value": 4}]);
    let (code, patched) = patch(&api, DEMO, "json-patch", ops).await;
    assert_eq!(code, StatusCode::OK, "{patched}");
    assert_eq!(patched["spec"]["replicas"], 4);

    let image = json!({"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "nginx"}],
        "containers": [{"name": "nginx", "image": "nginx:1.26"}]}}}});
    let (code, patched) = patch(&api, DEMO, "strategic-merge-patch", image).await;
    assert_eq!(code, StatusCode::OK, "{patched}");
    let container = &patched["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["image"], "nginx:1.26");
    assert_eq!(
        container["ports"][0]["containerPort"], 80,
        "the rest of the container kept"
    );
    assert_eq!(patched["metadata"]["labels"]["tier"], "web");
    api.run_for(10_000);
    let (_, stored) = api.json("GET", DEMO).await;
    assert_eq!(
        stored["status"]["updatedReplicas"], 4,
        "the controllers rolled it out"
    );
}

#[tokio::test]
async fn patches_fail_as_upstreams_do() {
    let api = Api::demo();
    let stale = json!({"metadata": {"resourceVersion": "1", "labels": {"a": "b"}}});
    let (code, status) = patch(&api, DEMO, "merge-patch", stale).await;
    assert_eq!(
        (code, &status["reason"]),
        (StatusCode::CONFLICT, &json!("Conflict"))
    );

    let broken = json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "ports": [{"containerPort": 70000}]}]}}}});
    let (code, status) = patch(&api, DEMO, "strategic-merge-patch", broken).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    // Ports merge by containerPort: the new one joins port 80.
    let field = "spec.template.spec.containers[0].ports[1].containerPort";
    assert!(
        status["details"]["causes"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["field"] == field)),
        "{status}"
    );

    let missing = json!([{"op": "remove", "path": "/spec/nothing"}]);
    let (code, _) = patch(&api, DEMO, "json-patch", missing).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    let (code, status) = request(
        &api,
        "PATCH",
        DEMO,
        &[("content-type", "application/json")],
        "{}".to_owned(),
    )
    .await;
    assert_eq!(
        (code, &status["reason"]),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &json!("UnsupportedMediaType")
        )
    );

    let typo = json!({"spec": {"replicaz": 2}});
    let path = format!("{DEMO}?fieldValidation=Strict");
    let (code, status) = patch(&api, &path, "merge-patch", typo).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(
        status["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown field \"spec.replicaz\"")),
        "{status}"
    );

    let path = format!("{DEMO}?dryRun=All");
    let (code, dry) = patch(&api, &path, "merge-patch", json!({"spec": {"replicas": 9}})).await;
    assert_eq!(
        (code, &dry["spec"]["replicas"]),
        (StatusCode::OK, &json!(9))
    );
    let (_, stored) = api.json("GET", DEMO).await;
    assert_eq!(stored["spec"]["replicas"], 3, "a dry run stores nothing");
}

#[tokio::test]
async fn scale_reads_and_sets_replicas_with_preconditions() {
    let api = Api::demo();
    let scale_path = format!("{DEMO}/scale");
    let (code, scale) = api.json("GET", &scale_path).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        (&scale["apiVersion"], &scale["kind"]),
        (&json!("autoscaling/v1"), &json!("Scale"))
    );
    assert_eq!(
        (&scale["spec"]["replicas"], &scale["status"]["replicas"]),
        (&json!(3), &json!(3))
    );

    let mut stale = scale.clone();
    stale["metadata"]["resourceVersion"] = json!("1");
    stale["spec"]["replicas"] = json!(5);
    let (code, _) = api.write("PUT", &scale_path, &stale).await;
    assert_eq!(code, StatusCode::CONFLICT);

    let mut fresh = scale.clone();
    fresh["spec"]["replicas"] = json!(5);
    let (code, scaled) = api.write("PUT", &scale_path, &fresh).await;
    assert_eq!(
        (code, &scaled["spec"]["replicas"]),
        (StatusCode::OK, &json!(5))
    );

    let (code, scaled) = patch(
        &api,
        &scale_path,
        "merge-patch",
        json!({"spec": {"replicas": 2}}),
    )
    .await;
    assert_eq!(
        (code, &scaled["spec"]["replicas"]),
        (StatusCode::OK, &json!(2))
    );
    let (code, _) = patch(
        &api,
        &scale_path,
        "merge-patch",
        json!({"spec": {"replicas": -1}}),
    )
    .await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    api.run_for(5_000);
    let (_, stored) = api.json("GET", DEMO).await;
    assert_eq!(
        (&stored["spec"]["replicas"], &stored["status"]["replicas"]),
        (&json!(2), &json!(2))
    );
}

#[tokio::test]
async fn delete_reads_the_propagation_policy_and_preconditions() {
    let api = Api::demo();
    // A precondition that does not hold: 409, the object stays.
    let (code, status) = api
        .write(
            "DELETE",
            DEMO,
            &json!({"kind": "DeleteOptions", "apiVersion": "v1",
                "preconditions": {"uid": "not-the-uid"}}),
        )
        .await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(status["reason"], "Conflict");
    assert!(status["message"].as_str().is_some_and(|m| m.starts_with(
        "Operation cannot be fulfilled on deployments.apps \"nginx-demo\": Precondition \
             failed: UID in precondition: not-the-uid, UID in object meta: "
    )));
    let (code, status) = api
        .json("DELETE", &format!("{DEMO}?propagationPolicy=Sideways"))
        .await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{status}");

    // Foreground, from the body as kubectl sends it: the Deployment stays, marked.
    let (code, marked) = api
        .write(
            "DELETE",
            DEMO,
            &json!({"kind": "DeleteOptions", "apiVersion": "v1",
                "propagationPolicy": "Foreground"}),
        )
        .await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        marked["metadata"]["finalizers"],
        json!(["foregroundDeletion"])
    );
    assert!(marked["metadata"]["deletionTimestamp"].is_string());
    let (code, _) = api.json("GET", DEMO).await;
    assert_eq!(code, StatusCode::OK, "there while its pods stop");
    api.run_for(31_000);
    let (code, _) = api.json("GET", DEMO).await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    let (pods, _) = api.list("/api/v1/namespaces/default/pods").await;
    assert_eq!(pods["items"], json!([]));
}

#[tokio::test]
async fn delete_with_orphan_in_the_query_keeps_the_replica_set() {
    let api = Api::demo();
    let (code, _) = api
        .json("DELETE", &format!("{DEMO}?propagationPolicy=Orphan"))
        .await;
    assert_eq!(code, StatusCode::OK);
    api.run_for(5_000);
    let (sets, _) = api
        .list("/apis/apps/v1/namespaces/default/replicasets")
        .await;
    let sets = sets["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(sets.len(), 1);
    assert!(sets[0]["metadata"]["ownerReferences"].is_null());
    let (pods, _) = api.list("/api/v1/namespaces/default/pods").await;
    assert_eq!(pods["items"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_a_413_status_and_nothing_is_stored() {
    let api = Api::demo();
    let name = "x".repeat(3 * 1024 * 1024);
    let body = json!({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "huge"}, "data": {"k": name}});
    let (code, status) = request(
        &api,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        &[("content-type", "application/json")],
        body.to_string(),
    )
    .await;
    assert_eq!(code, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(status["kind"], "Status");
    assert_eq!(status["reason"], "RequestEntityTooLarge");
    let (code, _) = api
        .json("GET", "/api/v1/namespaces/default/configmaps/huge")
        .await;
    assert_eq!(code, StatusCode::NOT_FOUND);
}
