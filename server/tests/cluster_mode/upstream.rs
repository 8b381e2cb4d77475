//! The clusters of the cluster-mode tests: Berth APIs over embedded engines on loopback
//! ports, one behind a bearer token, one over TLS with a CA the test makes, and a
//! kubeconfig naming them (and one context that points nowhere).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use server::cluster::Cluster;

use crate::common::kubectl::{serve_router, tokio_thread};

/// The token the guarded cluster accepts.
pub const TOKEN: &str = "s3cret-token";

/// A cluster playing a real one: its engine (real clock) and its address.
pub struct Upstream {
    pub cluster: Arc<Cluster>,
    pub url: String,
}

fn engine() -> Arc<Cluster> {
    let cluster = Cluster::with_demo(true).expect("demo data");
    tokio_thread(cluster.clone().drive());
    cluster
}

/// A cluster that answers 401 to any request without `Authorization: Bearer TOKEN`.
pub fn with_token() -> Upstream {
    let cluster = engine();
    let router = server::api::router(cluster.clone()).layer(middleware::from_fn(require_token));
    Upstream {
        url: serve_router(router),
        cluster,
    }
}

async fn require_token(request: Request, next: Next) -> Response {
    let expected = format!("Bearer {TOKEN}");
    let given = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    if given == Some(expected.as_str()) {
        next.run(request).await
    } else {
        (
            StatusCode::UNAUTHORIZED,
            Body::from("{\"kind\":\"Status\",\"code\":401}"),
        )
            .into_response()
    }
}

/// A cluster served over HTTPS with a certificate for 127.0.0.1 signed by a new CA;
/// answers it and the CA's PEM.
pub fn over_tls() -> (Upstream, String) {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let key = rcgen::KeyPair::generate().expect("server key");
    let params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("server params");
    let cert = params
        .signed_by(&key, &ca_cert, &ca_key)
        .expect("server certificate");
    let (cert_pem, key_pem) = (cert.pem(), key.serialize_pem());
    let cluster = engine();
    let router = server::api::router(cluster.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("its address");
    tokio_thread(async move {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = axum_server::tls_rustls::RustlsConfig::from_pem(
            cert_pem.into_bytes(),
            key_pem.into_bytes(),
        )
        .await
        .expect("TLS config");
        let _ = axum_server::from_tcp_rustls(listener, config)
            .serve(router.into_make_service())
            .await;
    });
    (
        Upstream {
            cluster,
            url: format!("https://{addr}"),
        },
        ca_cert.pem(),
    )
}

/// A kubeconfig with the contexts `token` (current), `tls`, `wrong-token` (the token
/// cluster with another token) and `nowhere` (a closed port).
pub fn kubeconfig(token: &Upstream, tls: &Upstream, ca_pem: &str) -> String {
    let ca = base64::engine::general_purpose::STANDARD.encode(ca_pem);
    format!(
        "apiVersion: v1
kind: Config
current-context: token
clusters:
- name: token
  cluster: {{server: {token_url}}}
- name: tls
  cluster: {{server: {tls_url}, certificate-authority-data: {ca}}}
- name: nowhere
  cluster: {{server: 'http://127.0.0.1:9'}}
users:
- name: ann
  user: {{token: {TOKEN}}}
- name: mallory
  user: {{token: not-the-token}}
contexts:
- name: token
  context: {{cluster: token, user: ann, namespace: default}}
- name: tls
  context: {{cluster: tls, user: ann}}
- name: wrong-token
  context: {{cluster: token, user: mallory}}
- name: nowhere
  context: {{cluster: nowhere, user: ann}}
",
        token_url = token.url,
        tls_url = tls.url,
    )
}

/// Whether `upstream` holds the ConfigMap `default/name`.
pub fn has_config_map(upstream: &Upstream, name: &str) -> bool {
    use engine::k8s_openapi::api::core::v1::ConfigMap;
    upstream
        .cluster
        .read(|e| e.store().get::<ConfigMap>("default", name).is_some())
}

/// The token and TLS clusters, and a kubeconfig file naming them (see [`kubeconfig`]).
pub struct Upstreams {
    pub token: Upstream,
    pub tls: Upstream,
    /// The kubeconfig's path.
    pub kubeconfig: String,
    _dir: tempfile::TempDir,
}

/// Starts both clusters and writes their kubeconfig.
pub fn start() -> Upstreams {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let token = with_token();
    let (tls, ca) = over_tls();
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("kubeconfig");
    std::fs::write(&path, kubeconfig(&token, &tls, &ca)).expect("kubeconfig");
    Upstreams {
        token,
        tls,
        kubeconfig: path.to_string_lossy().into_owned(),
        _dir: dir,
    }
}
