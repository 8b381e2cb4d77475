//! Paths with a trailing slash (`/api/v1/namespaces/default/pods/`), which
//! kube-apiserver answers as the path without it: an API path no route matched is
//! tried again without its slash before it is a 404.

use axum::body::Body;
use axum::extract::Request;
use axum::http::Uri;
use axum::response::Response;
use axum::Router;
use tower::ServiceExt;

/// `request` without its path's trailing slash, if it has one.
fn trimmed(request: &Request) -> Option<Uri> {
    let path = request.uri().path();
    let bare = path.strip_suffix('/').filter(|p| !p.is_empty())?;
    let path_and_query = match request.uri().query() {
        Some(query) => format!("{bare}?{query}"),
        None => bare.to_owned(),
    };
    path_and_query.parse().ok()
}

/// Answers an API request no route matched: by `strict` (the same routes, where an
/// unknown path is the API's 404 `Status`), without the trailing slash if it had one.
pub async fn retry(strict: Router, mut request: Request<Body>) -> Response {
    if let Some(uri) = trimmed(&request) {
        *request.uri_mut() = uri;
    }
    match strict.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}
