//! A real cluster's API, forwarded: the request as the client sent it (method, path,
//! query, content type, body) to the cluster with the kubeconfig's identity, and the
//! answer back as the cluster gave it, streamed, so watches and followed logs arrive as
//! they happen. When the cluster can't be reached, or refuses Berth's own credentials,
//! the answer is a `Status` 503 naming the cluster and the cause.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use kube::Client;

use super::Served;
use crate::api::ApiError;
use crate::auth::ForwardedToken;

/// The largest body forwarded, as kube-apiserver's own limit (3 MiB).
const MOST_BODY: usize = 3 * 1024 * 1024;

/// How long a cluster may take to start answering (a watch starts at once); as
/// kube-apiserver's default request timeout.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// Request headers that say what the client sends and wants; the cluster sees no other
/// (authorization is the kubeconfig's).
const FORWARDED: [HeaderName; 3] = [header::ACCEPT, header::CONTENT_TYPE, header::USER_AGENT];

/// Response headers of this connection only, never passed on.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

struct Remote {
    name: String,
    client: Client,
}

/// The API paths a cluster answers.
fn routes<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    handler: axum::routing::MethodRouter<S>,
) -> Router<S> {
    [
        "/api",
        "/api/",
        "/api/{*rest}",
        "/apis",
        "/apis/",
        "/apis/{*rest}",
        "/version",
        "/version/",
        "/openapi/{*rest}",
    ]
    .into_iter()
    .fold(router, |router, path| router.route(path, handler.clone()))
}

/// A cluster reached through `client`.
pub fn served(name: String, server: String, client: Client) -> Served {
    let remote = Arc::new(Remote {
        name: name.clone(),
        client,
    });
    Served {
        name,
        server,
        api: routes(Router::new(), any(forward)).with_state(remote),
        embedded: false,
    }
}

/// A context that can't be used: every request answers why.
pub fn broken(name: String, cause: String) -> Served {
    tracing::warn!("cluster {name:?} can't be used: {cause}");
    let cluster = name.clone();
    let answer = any(move || {
        let error = ApiError::Unavailable {
            cluster: cluster.clone(),
            cause: cause.clone(),
        };
        async move { error }
    });
    Served {
        name,
        server: String::new(),
        api: routes(Router::new(), answer),
        embedded: false,
    }
}

async fn forward(State(remote): State<Arc<Remote>>, request: Request) -> Response {
    match send(&remote, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn send(remote: &Remote, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    if super::tunnel::is_upgrade(&parts) {
        let path = path_of(&parts);
        let token = own_token(remote, &parts).map(|f| f.token.clone());
        return super::tunnel::tunnel(&remote.client, parts, path, token).await;
    }
    let body = axum::body::to_bytes(body, MOST_BODY).await.map_err(|_| {
        ApiError::TooLarge(format!("the request body is larger than {MOST_BODY} bytes"))
    })?;
    let path = path_of(&parts);
    let mut outgoing = axum::http::Request::builder()
        .method(parts.method.clone())
        .uri(path);
    for name in FORWARDED {
        for value in parts.headers.get_all(&name) {
            outgoing = outgoing.header(&name, value);
        }
    }
    // Passthrough: the user's own token, so the cluster's RBAC decides; only to the
    // cluster that accepted it at sign-in.
    let forwarded = own_token(remote, &parts);
    if let Some(f) = forwarded {
        outgoing = outgoing.header(header::AUTHORIZATION, format!("Bearer {}", f.token));
    }
    let outgoing = outgoing
        .body(kube::client::Body::from(body.to_vec()))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let unavailable = |cause: String| ApiError::Unavailable {
        cluster: remote.name.clone(),
        cause,
    };
    let answer = tokio::time::timeout(ANSWER_TIMEOUT, remote.client.send(outgoing))
        .await
        .map_err(|_| unavailable(format!("no answer within {} s", ANSWER_TIMEOUT.as_secs())))?
        .map_err(|e| unavailable(e.to_string()))?;
    // The kubeconfig's identity refused is the cluster being unusable; a user's own
    // token refused is that user's 401.
    if answer.status() == StatusCode::UNAUTHORIZED && forwarded.is_none() {
        return Err(unavailable(
            "the cluster refused the kubeconfig's credentials (401 Unauthorized)".to_owned(),
        ));
    }
    let (mut parts, body) = answer.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    Ok(Response::from_parts(parts, Body::new(body)))
}

/// The request's path and query, as the cluster is asked.
fn path_of(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned())
}

/// The signed-in user's own token, passed through only to the cluster that accepted it.
fn own_token<'a>(remote: &Remote, parts: &'a Parts) -> Option<&'a ForwardedToken> {
    parts
        .extensions
        .get::<ForwardedToken>()
        .filter(|f| f.cluster == remote.name)
}
