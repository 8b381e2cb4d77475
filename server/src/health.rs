//! `/healthz` and `/readyz`, for process managers and orchestrators: alive once it
//! serves, ready once the cluster it serves by default (the engine, or a real cluster)
//! answers.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;

/// The two routes; `cluster` is the default cluster's API.
pub fn routes(cluster: Router) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .with_state(cluster)
}

async fn ready(State(cluster): State<Router>) -> impl IntoResponse {
    let Ok(request) = Request::get("/version").body(Body::empty()) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "no request");
    };
    // Asked as the administrator: readiness is about the cluster, not a user.
    let mut request = request;
    request
        .extensions_mut()
        .insert(crate::auth::administrator());
    let Ok(answer) = cluster.oneshot(request).await;
    if answer.status().is_success() {
        (StatusCode::OK, "ok")
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the cluster does not answer",
        )
    }
}
