//! Who may do what, through the whole site as a browser or kubectl reaches it: every
//! request needs a token or a session (else 401, or the sign-in page for a page);
//! the embedded engine authorizes each as kube-apiserver's RBAC does (403 with
//! upstream's message, nothing changed); browser writes need their session's CSRF token
//! and Berth's own origin; the review APIs say what a user may do and who they are.
//! A tenant matrix: ann may `edit` in namespace `a` only.

use crate::common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use engine::clock::VirtualClock;
use engine::Engine;
use serde_json::{json, Value};
use server::auth::{Auth, Tokens};
use server::cluster::Cluster;
use server::clusters::Clusters;
use tower::ServiceExt;

const ADMIN: &str = "admin-token";
const ANN: &str = "ann-token";
const BOB: &str = "bob-token";

struct Site {
    router: Router,
}

/// The demo cluster on virtual time with namespaces `a` and `b` (a Deployment in
/// each), ann bound to `edit` in `a`, behind token authentication.
fn site() -> Site {
    let mut engine = Engine::new(Arc::new(VirtualClock::default()), 7);
    engine::rbac::bootstrap(&mut engine).expect("default roles");
    engine::demo::seed(&mut engine).expect("demo data");
    let cluster = Cluster::new(engine);
    let tokens = Tokens::parse(&format!(
        "{ADMIN},admin,0,system:masters\n{ANN},ann,1001,\"team-a\"\n{BOB},bob,1002,\n"
    ))
    .expect("tokens");
    let auth = Auth::with_tokens(tokens);
    let clusters = Clusters::embedded(cluster);
    let health = server::health::routes(clusters.default_cluster().api.clone());
    let router = auth.protect(clusters.router(None).merge(health));
    Site { router }
}

impl Site {
    async fn send(&self, request: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
        let Ok(response) = self.router.clone().oneshot(request).await;
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            headers,
        )
    }

    async fn as_user(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let kind = if method == "PATCH" {
            "application/merge-patch+json"
        } else {
            "application/json"
        };
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, kind)
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .expect("request");
        let (status, body, _) = self.send(request).await;
        (status, body)
    }
}

fn deployment(name: &str) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}
    })
}

/// Namespaces `a` and `b`, a Deployment `web` in each, and ann's `edit` in `a`.
async fn tenants(site: &Site) {
    for ns in ["a", "b"] {
        let (code, _) = site
            .as_user(
                ADMIN,
                "POST",
                "/api/v1/namespaces",
                Some(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})),
            )
            .await;
        assert_eq!(code, StatusCode::CREATED);
        let (code, _) = site
            .as_user(
                ADMIN,
                "POST",
                &format!("/apis/apps/v1/namespaces/{ns}/deployments"),
                Some(deployment("web")),
            )
            .await;
        assert_eq!(code, StatusCode::CREATED);
    }
    let binding = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": "ann-edits"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "ann"}]
    });
    let (code, created) = site
        .as_user(
            ADMIN,
            "POST",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings",
            Some(binding),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
}

/// Every verb the matrix tries, as (name, method, path under the namespace, body).
fn verbs() -> Vec<(&'static str, &'static str, &'static str, Option<Value>)> {
    vec![
        (
            "get",
            "GET",
            "/apis/apps/v1/namespaces/{ns}/deployments/web",
            None,
        ),
        (
            "list",
            "GET",
            "/apis/apps/v1/namespaces/{ns}/deployments",
            None,
        ),
        (
            "watch",
            "GET",
            "/apis/apps/v1/namespaces/{ns}/deployments?watch=true&timeoutSeconds=1",
            None,
        ),
        (
            "create",
            "POST",
            "/apis/apps/v1/namespaces/{ns}/deployments",
            Some(deployment("extra")),
        ),
        (
            "update",
            "PUT",
            "/apis/apps/v1/namespaces/{ns}/deployments/web",
            Some(deployment("web")),
        ),
        (
            "patch",
            "PATCH",
            "/apis/apps/v1/namespaces/{ns}/deployments/web",
            Some(json!({"metadata": {"labels": {"patched": "yes"}}})),
        ),
        (
            "scale",
            "PATCH",
            "/apis/apps/v1/namespaces/{ns}/deployments/web/scale",
            Some(json!({"spec": {"replicas": 3}})),
        ),
        ("logs", "GET", "/api/v1/namespaces/{ns}/pods/nope/log", None),
        (
            "delete",
            "DELETE",
            "/apis/apps/v1/namespaces/{ns}/deployments/web",
            None,
        ),
    ]
}

#[tokio::test]
async fn the_tenant_matrix_ann_edits_a_and_nothing_in_b() {
    let site = site();
    tenants(&site).await;
    let (_, before) = site
        .as_user(ADMIN, "GET", "/apis/apps/v1/namespaces/b/deployments", None)
        .await;
    for (verb, method, path, body) in verbs() {
        let in_b = path.replace("{ns}", "b");
        let (code, status) = site.as_user(ANN, method, &in_b, body.clone()).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{verb} in b: {status}");
        assert_eq!(status["kind"], "Status");
        assert_eq!(status["reason"], "Forbidden");
        let message = status["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("User \"ann\" cannot") && message.contains("in the namespace \"b\""),
            "{verb}: {message}"
        );
    }
    let (_, after) = site
        .as_user(ADMIN, "GET", "/apis/apps/v1/namespaces/b/deployments", None)
        .await;
    let versions = |list: &Value| {
        list["items"].as_array().map(|items| {
            items
                .iter()
                .map(|i| {
                    (
                        i["metadata"]["name"].clone(),
                        i["metadata"]["resourceVersion"].clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(versions(&before), versions(&after), "nothing in b changed");
    // In `a` the same verbs go through (a pod log of no pod is the API's own 404).
    for (verb, method, path, body) in verbs() {
        let (code, status) = site
            .as_user(ANN, method, &path.replace("{ns}", "a"), body)
            .await;
        assert!(
            code.is_success() || code == StatusCode::NOT_FOUND,
            "{verb} in a: {code} {status}"
        );
        assert_ne!(code, StatusCode::FORBIDDEN);
    }
    // Upstream's exact words for a list.
    let (_, status) = site
        .as_user(ANN, "GET", "/api/v1/namespaces/b/pods", None)
        .await;
    assert_eq!(status["message"], "pods is forbidden: User \"ann\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\"");
    // Cluster-wide lists are not ann's either; the administrator may do anything.
    let (code, _) = site.as_user(ANN, "GET", "/api/v1/namespaces", None).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _) = site
        .as_user(ANN, "GET", "/api/v1/pods?watch=true&timeoutSeconds=1", None)
        .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, _) = site.as_user(ADMIN, "GET", "/api/v1/namespaces", None).await;
    assert_eq!(code, StatusCode::OK);
}

#[tokio::test]
async fn without_credentials_it_is_401_and_pages_lead_to_sign_in() {
    let site = site();
    for path in [
        "/api/v1/namespaces",
        "/apis/apps/v1/deployments",
        "/version",
        "/berth/clusters",
        "/c/embedded/api/v1/pods",
    ] {
        let (code, status, _) = site
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        assert_eq!(code, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(status["reason"], "Unauthorized");
    }
    let (code, _) = site
        .as_user("made-up", "GET", "/api/v1/namespaces", None)
        .await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
    let page = Request::get("/namespaces/default/pods?q=web")
        .body(Body::empty())
        .expect("request");
    let (code, _, headers) = site.send(page).await;
    assert_eq!(code, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/sign-in?then=%2Fnamespaces%2Fdefault%2Fpods%3Fq%3Dweb"
    );
    // Every answer carries the security headers.
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
}

/// Signs in through the form; answers the session and CSRF cookies.
async fn sign_in(site: &Site, token: &str) -> (String, String) {
    let form = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "berth.test")
        .header(header::ORIGIN, "http://berth.test")
        .body(Body::from(format!(
            "token={token}&then=%2Fnamespaces%2Fa%2Fpods"
        )))
        .expect("request");
    let (code, _, headers) = site.send(form).await;
    assert_eq!(code, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/namespaces/a/pods");
    let cookies: Vec<String> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    let value = |name: &str| {
        cookies
            .iter()
            .find_map(|c| c.strip_prefix(&format!("{name}=")))
            .and_then(|c| c.split(';').next())
            .expect("cookie")
            .to_owned()
    };
    assert!(cookies.iter().any(|c| c.starts_with("berth_session=")
        && c.contains("HttpOnly")
        && c.contains("SameSite=Strict")));
    (value("berth_session"), value("berth_csrf"))
}

fn browser_write(session: &str, origin: &str, csrf: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/v1/namespaces/a/configmaps")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "berth.test")
        .header(header::ORIGIN, origin)
        .header(header::COOKIE, format!("berth_session={session}"));
    if let Some(csrf) = csrf {
        request = request.header("x-berth-csrf", csrf);
    }
    request
        .body(Body::from(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "from-browser"}})
                .to_string(),
        ))
        .expect("request")
}

#[tokio::test]
async fn browser_writes_need_the_sessions_csrf_token_and_berths_origin() {
    let site = site();
    tenants(&site).await;
    let refused = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("token=wrong"))
        .expect("request");
    let (code, _, headers) = site.send(refused).await;
    assert_eq!(code, StatusCode::SEE_OTHER);
    assert!(headers[header::LOCATION]
        .to_str()
        .is_ok_and(|l| l.starts_with("/sign-in?failed=token")));
    let (session, csrf) = sign_in(&site, ANN).await;
    let read = Request::get("/api/v1/namespaces/a/configmaps")
        .header(header::COOKIE, format!("berth_session={session}"))
        .body(Body::empty())
        .expect("request");
    assert_eq!(site.send(read).await.0, StatusCode::OK);
    let (code, _, _) = site
        .send(browser_write(&session, "http://evil.test", Some(&csrf)))
        .await;
    assert_eq!(code, StatusCode::FORBIDDEN, "another site's page");
    let (code, _, _) = site
        .send(browser_write(&session, "http://berth.test", None))
        .await;
    assert_eq!(
        code,
        StatusCode::FORBIDDEN,
        "a write without the CSRF token"
    );
    let (code, _, _) = site
        .send(browser_write(&session, "http://berth.test", Some("forged")))
        .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, created, _) = site
        .send(browser_write(&session, "http://berth.test", Some(&csrf)))
        .await;
    assert_eq!(code, StatusCode::CREATED, "{created}");
    // Signing out ends the session.
    let out = Request::post("/sign-out")
        .header(header::COOKIE, format!("berth_session={session}"))
        .body(Body::empty())
        .expect("request");
    assert_eq!(site.send(out).await.0, StatusCode::SEE_OTHER);
    let again = Request::get("/api/v1/namespaces/a/configmaps")
        .header(header::COOKIE, format!("berth_session={session}"))
        .body(Body::empty())
        .expect("request");
    assert_eq!(site.send(again).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn reviews_say_what_a_user_may_do_and_who_they_are() {
    let site = site();
    tenants(&site).await;
    let review = |ns: &str, verb: &str, resource: &str| {
        json!({
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": {"resourceAttributes": {"namespace": ns, "verb": verb, "resource": resource, "group": ""}}
        })
    };
    let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    let (code, answer) = site
        .as_user(ANN, "POST", path, Some(review("a", "delete", "pods")))
        .await;
    assert_eq!(code, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["status"]["allowed"], true);
    let (_, answer) = site
        .as_user(ANN, "POST", path, Some(review("b", "list", "pods")))
        .await;
    assert_eq!(answer["status"]["allowed"], false);
    let (_, answer) = site
        .as_user(ANN, "POST", path, Some(review("a", "get", "secrets")))
        .await;
    assert_eq!(answer["status"]["allowed"], true, "edit reads Secrets");
    let rules = json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview", "spec": {"namespace": "a"}});
    let (code, answer) = site
        .as_user(
            ANN,
            "POST",
            "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
            Some(rules),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED);
    let resources: Vec<&str> = answer["status"]["resourceRules"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["resources"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert!(
        resources.contains(&"deployments") && resources.contains(&"selfsubjectaccessreviews"),
        "{resources:?}"
    );
    let (code, me) = site
        .as_user(
            ANN,
            "POST",
            "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            Some(json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED);
    assert_eq!(me["status"]["userInfo"]["username"], "ann");
    assert_eq!(
        me["status"]["userInfo"]["groups"],
        json!(["team-a", "system:authenticated"])
    );
}

#[test]
fn kubectl_auth_can_i_and_whoami() {
    use common::kubectl::{serve_router_tls, tokio_thread, Kubectl};
    let site = site();
    let (send, router) = std::sync::mpsc::channel();
    tokio_thread(async move {
        tenants(&site).await;
        let _ = send.send(site.router.clone());
        std::future::pending::<()>().await;
    });
    let router = router.recv().expect("the site");
    let url = serve_router_tls(router);
    let ann = Kubectl::at_as(url.clone(), Some(ANN));
    assert_eq!(
        ann.ok(&["auth", "can-i", "delete", "deployments", "-n", "a"])
            .trim(),
        "yes"
    );
    let denied = ann.run(&["auth", "can-i", "list", "pods", "-n", "b"]);
    assert!(!denied.ok, "can-i answers no with exit code 1");
    assert_eq!(denied.stdout.trim(), "no");
    let listed = ann.ok(&["auth", "can-i", "--list", "-n", "a"]);
    assert!(
        listed.contains("deployments.apps") && listed.contains("selfsubjectaccessreviews"),
        "{listed}"
    );
    let me = ann.ok(&["auth", "whoami"]);
    // kubectl's typed create sends the binding as protobuf.
    let admin = Kubectl::at_as(url.clone(), Some(ADMIN));
    admin.ok(&[
        "create",
        "rolebinding",
        "zed-views",
        "--clusterrole=view",
        "--user=zed",
        "-n",
        "a",
    ]);
    let listed = admin.ok(&["get", "rolebindings", "-n", "a"]);
    assert!(
        listed.contains("zed-views") && listed.contains("ClusterRole/view"),
        "{listed}"
    );
    assert!(me.contains("ann") && me.contains("team-a"), "{me}");
    let refused = ann.run(&["get", "pods", "-n", "b"]);
    assert!(!refused.ok);
    assert!(refused.stderr.contains("pods is forbidden: User \"ann\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\""), "{}", refused.stderr);
    let stranger = Kubectl::at_as(url, Some("not-a-token"));
    let run = stranger.run(&["get", "pods"]);
    assert!(
        !run.ok && run.stderr.contains("provide credentials"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn health_and_readiness_answer_without_signing_in() {
    let site = site();
    for path in ["/healthz", "/readyz"] {
        let (code, _, _) = site
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        assert_eq!(code, StatusCode::OK, "{path}");
    }
    // kube-apiserver answers its version with a trailing slash too (kr8s asks so).
    let (code, version) = site.as_user(ADMIN, "GET", "/version/", None).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(version["major"], "1");
}

fn binding(name: &str, role_kind: &str, role: &str, user: &str) -> Value {
    json!({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
        "metadata": {"name": name},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user}]
    })
}

#[tokio::test]
async fn a_namespace_admin_grants_only_what_they_hold() {
    let site = site();
    tenants(&site).await;
    let bindings = "/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings";
    let (code, _) = site
        .as_user(
            ADMIN,
            "POST",
            bindings,
            Some(binding("bob-admin", "ClusterRole", "admin", "bob")),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED);
    // bob may bind what he holds (view is within admin) ...
    let (code, body) = site
        .as_user(
            BOB,
            "POST",
            bindings,
            Some(binding("ann-views", "ClusterRole", "view", "ann")),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED, "{body}");
    // ... but not cluster-admin, nor write a role with more than he holds.
    let (code, refused) = site
        .as_user(
            BOB,
            "POST",
            bindings,
            Some(binding("bob-root", "ClusterRole", "cluster-admin", "bob")),
        )
        .await;
    assert_eq!(code, StatusCode::FORBIDDEN, "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("attempting to grant RBAC permissions not currently held")),
        "{refused}"
    );
    let role = |verbs: Value, resources: Value| {
        json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r"},
            "rules": [{"apiGroups": [""], "resources": resources, "verbs": verbs}]
        })
    };
    let roles = "/apis/rbac.authorization.k8s.io/v1/namespaces/a/roles";
    let (code, _) = site
        .as_user(BOB, "POST", roles, Some(role(json!(["*"]), json!(["*"]))))
        .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    let (code, body) = site
        .as_user(
            BOB,
            "POST",
            roles,
            Some(role(json!(["get", "list"]), json!(["pods"]))),
        )
        .await;
    assert_eq!(code, StatusCode::CREATED, "{body}");
    // Nothing bob was refused was stored.
    let (code, _) = site
        .as_user(ADMIN, "GET", &format!("{bindings}/bob-root"), None)
        .await;
    assert_eq!(code, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn without_sign_in_a_page_of_another_site_still_cannot_write() {
    let cluster = Cluster::with_demo(false).expect("an engine");
    let router = Auth::open().protect(Clusters::embedded(cluster).router(None));
    let request = |origin: &str, upgrade: bool| {
        let mut request = Request::post("/api/v1/namespaces")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/json");
        if upgrade {
            request = request
                .method("GET")
                .uri("/berth/watch")
                .header(header::UPGRADE, "websocket");
        }
        request
            .body(Body::from(
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "planted"}})
                    .to_string(),
            ))
            .expect("request")
    };
    let Ok(refused) = router
        .clone()
        .oneshot(request("http://evil.test", false))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let Ok(socket) = router
        .clone()
        .oneshot(request("http://evil.test", true))
        .await;
    assert_eq!(
        socket.status(),
        StatusCode::FORBIDDEN,
        "a socket from another site"
    );
    let Ok(own) = router
        .clone()
        .oneshot(request("http://127.0.0.1:3000", false))
        .await;
    assert_eq!(own.status(), StatusCode::CREATED, "Berth's own page");
}
