//! Cluster mode: Berth in front of clusters named by a kubeconfig, forwarding their
//! API with each context's identity. Other Berth APIs over embedded engines play the
//! clusters ([`upstream`]): one behind a bearer token, one over TLS with a CA the test
//! makes, and a context that points nowhere. Checked: status codes, bodies and content
//! types pass through; watches stream; every context is reachable
//! under `/c/<name>/`; an unreachable or refusing cluster is a 503 `Status` naming it;
//! and kubectl pointed at cluster-mode Berth works, `exec` and `attach` included.

use crate::common;
mod upstream;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use clap::Parser;
use futures::StreamExt;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use server::clusters::Clusters;
use server::options::Options;
use tower::ServiceExt;

use common::kubectl::{serve_router, Kubectl};

/// A bound on waiting for a streamed event, far above what it takes.
const STREAM_LIMIT: Duration = Duration::from_secs(60);

struct Fixture {
    up: upstream::Upstreams,
    router: Router,
}

/// The clusters, and a cluster-mode Berth's API in front of them.
async fn fixture() -> Fixture {
    let up = upstream::start();
    let options = Options::parse_from(["berth", "--kubeconfig", &up.kubeconfig]);
    let clusters = Clusters::from_options(&options).await.expect("clusters");
    Fixture {
        router: clusters.router(None),
        up,
    }
}

async fn send(router: &Router, request: Request<Body>) -> axum::response::Response {
    let Ok(response) = router.clone().oneshot(request).await;
    response
}

async fn get(router: &Router, path: &str, accept: &str) -> (StatusCode, String, Value) {
    let request = Request::get(path)
        .header("accept", accept)
        .body(Body::empty())
        .expect("request");
    let response = send(router, request).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, content_type, body)
}

/// `get` as JSON.
async fn json(router: &Router, path: &str) -> (StatusCode, String, Value) {
    get(router, path, "application/json").await
}

async fn write(
    router: &Router,
    method: &str,
    path: &str,
    kind: &str,
    body: &Value,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", kind)
        .body(Body::from(body.to_string()))
        .expect("request");
    common::read_json(send(router, request).await).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_pass_through_with_their_codes_and_content_types() {
    let f = fixture().await;
    let (code, _, version) = json(&f.router, "/version").await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(version["major"], "1");
    let (code, kind, pods) = json(&f.router, "/api/v1/namespaces/default/pods").await;
    assert_eq!(code, StatusCode::OK, "{pods}");
    assert!(kind.starts_with("application/json"), "{kind}");
    assert_eq!(pods["kind"], "PodList");
    assert_eq!(pods["items"].as_array().map(Vec::len), Some(3));
    let table = "application/json;as=Table;v=v1;g=meta.k8s.io";
    let (code, _, rows) = get(&f.router, "/api/v1/namespaces/default/pods", table).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        rows["kind"], "Table",
        "the Accept header reaches the cluster"
    );
    let (code, _, missing) = json(&f.router, "/api/v1/namespaces/default/pods/nope").await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    assert_eq!(missing["reason"], "NotFound");
    let (code, _, limited) = json(&f.router, "/api/v1/namespaces/default/pods?limit=1").await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(
        limited["items"].as_array().map(Vec::len),
        Some(1),
        "the query reaches the cluster"
    );
    assert!(limited["metadata"]["continue"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_and_their_refusals_pass_through() {
    let f = fixture().await;
    let config_map = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"a": "1"}});
    let path = "/api/v1/namespaces/default/configmaps";
    let (code, created) = write(&f.router, "POST", path, "application/json", &config_map).await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    let (code, again) = write(&f.router, "POST", path, "application/json", &config_map).await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(again["reason"], "AlreadyExists");
    let patch = json!({"data": {"b": "2"}});
    let one = format!("{path}/settings");
    let (code, patched) = write(
        &f.router,
        "PATCH",
        &one,
        "application/merge-patch+json",
        &patch,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{patched}");
    assert_eq!(patched["data"], json!({"a": "1", "b": "2"}));
    let bad = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "Bad_Name"}, "spec": {}});
    let (code, refused) = write(
        &f.router,
        "POST",
        "/apis/apps/v1/namespaces/default/deployments",
        "application/json",
        &bad,
    )
    .await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["reason"], "Invalid");
    assert!(
        refused["details"]["causes"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "{refused}"
    );
    // The write reached the cluster behind, and only it.
    assert!(upstream::has_config_map(&f.up.token, "settings"));
}

/// The next chunk of a streamed body, within [`STREAM_LIMIT`].
async fn next_chunk(body: &mut axum::body::BodyDataStream) -> String {
    let chunk = tokio::time::timeout(STREAM_LIMIT, body.next())
        .await
        .expect("a chunk within the limit")
        .expect("the stream goes on")
        .expect("a chunk");
    String::from_utf8_lossy(&chunk).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watches_stream_as_they_happen_and_logs_pass_through() {
    let f = fixture().await;
    let (_, _, list) = json(&f.router, "/api/v1/namespaces/default/pods").await;
    let rv = list["metadata"]["resourceVersion"]
        .as_str()
        .expect("rv")
        .to_owned();
    let victim = list["items"][0]["metadata"]["name"]
        .as_str()
        .expect("a pod")
        .to_owned();
    let watch = format!("/api/v1/namespaces/default/pods?watch=true&resourceVersion={rv}");
    let response = send(
        &f.router,
        Request::get(&watch).body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut events = response.into_body().into_data_stream();
    let delete = format!("/api/v1/namespaces/default/pods/{victim}");
    let response = send(
        &f.router,
        Request::delete(&delete)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    // The watch answers while it is still open: the deletion, then a replacement.
    let mut seen = String::new();
    while !(seen.contains("\"DELETED\"") && seen.contains("\"ADDED\"")) {
        seen.push_str(&next_chunk(&mut events).await);
    }
    // A container's log passes through as the text it is, once the container runs.
    let pod = list["items"][1]["metadata"]["name"]
        .as_str()
        .expect("a pod")
        .to_owned();
    let log = format!("/api/v1/namespaces/default/pods/{pod}/log");
    let deadline = tokio::time::Instant::now() + STREAM_LIMIT;
    loop {
        let response = send(
            &f.router,
            Request::get(&log).body(Body::empty()).expect("request"),
        )
        .await;
        if response.status() == StatusCode::OK {
            let kind = response.headers().get("content-type").cloned();
            assert_eq!(
                kind.as_ref().and_then(|v| v.to_str().ok()),
                Some("text/plain")
            );
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the pod never ran");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_context_is_served_under_its_prefix() {
    let f = fixture().await;
    let (code, _, listing) = json(&f.router, "/berth/clusters").await;
    assert_eq!(code, StatusCode::OK);
    let names: Vec<&str> = listing["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["token", "tls", "wrong-token", "nowhere"]);
    assert_eq!(
        listing["clusters"][0]["default"], true,
        "the current context is the default"
    );
    // Over TLS, verified with the kubeconfig's CA.
    let (code, _, namespaces) = json(&f.router, "/c/tls/api/v1/namespaces").await;
    assert_eq!(code, StatusCode::OK, "{namespaces}");
    // Each prefix reaches its own cluster: a write through one is not in the other.
    let config_map =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "only-tls"}});
    let (code, _) = write(
        &f.router,
        "POST",
        "/c/tls/api/v1/namespaces/default/configmaps",
        "application/json",
        &config_map,
    )
    .await;
    assert_eq!(code, StatusCode::CREATED);
    let (code, _, _) = json(
        &f.router,
        "/c/token/api/v1/namespaces/default/configmaps/only-tls",
    )
    .await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    assert!(upstream::has_config_map(&f.up.tls, "only-tls"));
    assert!(!upstream::has_config_map(&f.up.token, "only-tls"));
    let (code, _, unknown) = json(&f.router, "/c/atlantis/api/v1/pods").await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    assert_eq!(unknown["kind"], "Status");
    assert!(
        unknown["message"]
            .as_str()
            .is_some_and(|m| m.contains("atlantis")),
        "{unknown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_or_refusing_cluster_is_a_503_naming_it() {
    let f = fixture().await;
    let (code, _, nowhere) = json(&f.router, "/c/nowhere/api/v1/namespaces").await;
    assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(nowhere["kind"], "Status");
    assert_eq!(nowhere["reason"], "ServiceUnavailable");
    assert_eq!(nowhere["details"]["name"], "nowhere");
    assert_eq!(nowhere["details"]["group"], "berth.dev");
    assert!(
        nowhere["message"]
            .as_str()
            .is_some_and(|m| m.contains("\"nowhere\"")),
        "{nowhere}"
    );
    let (code, _, refused) = json(&f.router, "/c/wrong-token/api/v1/namespaces").await;
    assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("401")),
        "{refused}"
    );
}

#[test]
fn kubectl_works_through_cluster_mode() {
    let upstreams = upstream::start();
    let path = upstreams.kubeconfig.clone();
    let (send_router, router) = std::sync::mpsc::channel();
    common::kubectl::tokio_thread(async move {
        let options = Options::parse_from(["berth", "--kubeconfig", &path]);
        let clusters = Clusters::from_options(&options).await.expect("clusters");
        let _ = send_router.send(clusters.router(None));
        std::future::pending::<()>().await;
    });
    let router = router
        .recv_timeout(STREAM_LIMIT)
        .expect("cluster-mode Berth");
    let kubectl = Kubectl::at(serve_router(router));
    let pods = kubectl.ok(&["get", "pods"]);
    assert_eq!(
        pods.lines()
            .filter(|l| l.starts_with("nginx-demo-"))
            .count(),
        3,
        "{pods}"
    );
    // A typed create sends protobuf; it passes through as sent.
    kubectl.ok(&["create", "configmap", "via-berth", "--from-literal=k=v"]);
    assert!(upstream::has_config_map(&upstreams.token, "via-berth"));
    kubectl.ok(&["scale", "deployment", "nginx-demo", "--replicas=4"]);
    kubectl.until(
        &[
            "get",
            "deployment",
            "nginx-demo",
            "-o",
            "jsonpath={.status.readyReplicas}",
        ],
        STREAM_LIMIT,
        |out| out == "4",
    );
    let described = kubectl.ok(&["describe", "deployment", "nginx-demo"]);
    assert!(described.contains("Replicas:"), "{described}");
    // exec's WebSocket is tunnelled to the cluster: output and exit code come back.
    let pod = pods.lines().find(|l| l.starts_with("nginx-demo-"));
    let pod = pod
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_default();
    assert_eq!(
        kubectl.ok(&["exec", pod, "--", "hostname"]),
        format!("{pod}\n")
    );
    let failed = kubectl.run(&["exec", pod, "--", "sh", "-c", "exit 5"]);
    assert!(failed.stderr.contains("exit code 5"), "{}", failed.stderr);
    // So is attach's: `kubectl run -i` gives the new pod's shell its input.
    let mut run = kubectl
        .command(&[
            "run",
            "-i",
            "--rm",
            "piped",
            "--image=busybox",
            "--restart=Never",
            "--",
            "sh",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kubectl runs");
    std::io::Write::write_all(&mut run.stdin.take().expect("stdin"), b"echo via-attach\n")
        .expect("written");
    let output = run.wait_with_output().expect("kubectl ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("via-attach\n"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passthrough_forwards_each_users_own_token_and_the_cluster_decides() {
    let upstreams = upstream::start();
    let options = Options::parse_from([
        "berth",
        "--kubeconfig",
        &upstreams.kubeconfig,
        "--auth",
        "passthrough",
    ]);
    let clusters = Clusters::from_options(&options).await.expect("clusters");
    let default = clusters.default_cluster();
    let auth = server::auth::Auth::passthrough(&default.name, default.api.clone());
    let router = auth.protect(clusters.router(None));
    let as_bearer = |token: Option<&str>| {
        let mut request = Request::get("/api/v1/namespaces");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        request.body(Body::empty()).expect("request")
    };
    // The kubeconfig's own token is not sent: each request carries its user's.
    assert_eq!(
        send(&router, as_bearer(Some(upstream::TOKEN)))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        send(&router, as_bearer(Some("not-the-token")))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&router, as_bearer(None)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The console's sign-in checks the token with the cluster, and keeps it in the
    // session, never in the browser.
    let sign_in = |token: &str| {
        Request::post("/sign-in")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={token}&then=%2F")))
            .expect("request")
    };
    let refused = send(&router, sign_in("not-the-token")).await;
    assert!(refused.headers()["location"]
        .to_str()
        .is_ok_and(|l| l.contains("failed=token")));
    let signed = send(&router, sign_in(upstream::TOKEN)).await;
    let cookie = signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("berth_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session")
        .to_owned();
    assert!(!cookie.contains(upstream::TOKEN));
    let read = Request::get("/api/v1/namespaces/default/pods")
        .header("cookie", cookie)
        .body(Body::empty())
        .expect("request");
    let (code, pods) = common::read_json(send(&router, read).await).await;
    assert_eq!(code, StatusCode::OK, "{pods}");
    assert_eq!(pods["kind"], "PodList");
}
