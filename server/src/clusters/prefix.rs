//! `/c/<cluster>/…`: a cluster's API and console pages under its own prefix, so a view
//! of one cluster is a link. The name is one path segment, percent-encoded when it has
//! characters a segment can't hold (EKS contexts have `/` and `:`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower::ServiceExt;

use super::Clusters;
use crate::api::ApiError;

/// Where a path is: the cluster prefix's raw segment, if any, and the rest of the path
/// (starting with `/`).
pub fn split_prefix(path: &str) -> (Option<&str>, &str) {
    let Some(after) = path.strip_prefix("/c/") else {
        return (None, path);
    };
    match after.find('/') {
        Some(end) => (Some(&after[..end]), &after[end..]),
        None => (Some(after), "/"),
    }
}

/// The cluster named by a path's prefix, decoded.
pub struct ClusterPrefix(pub String);

impl ClusterPrefix {
    /// The decoded name in `segment`.
    pub fn decode(segment: &str) -> Self {
        ClusterPrefix(
            percent_encoding::percent_decode_str(segment)
                .decode_utf8_lossy()
                .into_owned(),
        )
    }
}

pub use rules::api_path::is_api_path;

#[derive(Clone)]
struct Dispatch {
    clusters: Arc<Clusters>,
    pages: Option<Router>,
}

pub(super) fn routes(clusters: Arc<Clusters>, pages: Option<Router>) -> Router {
    let listing = Arc::clone(&clusters);
    Router::new()
        .route(
            "/berth/clusters",
            get(move || async move { Json(listing.listing()) }),
        )
        .route("/c/{*rest}", any(dispatch))
        .with_state(Dispatch { clusters, pages })
}

async fn dispatch(State(dispatch): State<Dispatch>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let (Some(segment), rest) = split_prefix(&path) else {
        return ApiError::NoRoute.into_response();
    };
    let name = ClusterPrefix::decode(segment).0;
    let api = is_api_path(rest);
    let Some(served) = dispatch.clusters.get(&name) else {
        return if api {
            ApiError::NoCluster(name).into_response()
        } else {
            unknown_cluster_page(&name, &dispatch.clusters.names())
        };
    };
    if !api {
        // The console renders the page from the full path; its router takes the
        // prefix as its base.
        return match dispatch.pages {
            Some(pages) => pages.oneshot(request).await.into_response(),
            None => ApiError::NoRoute.into_response(),
        };
    }
    let (mut parts, body) = request.into_parts();
    let query = parts
        .uri
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    parts.uri = match format!("{rest}{query}").parse::<Uri>() {
        Ok(uri) => uri,
        Err(e) => return ApiError::BadRequest(e.to_string()).into_response(),
    };
    let Ok(response) = served
        .api
        .clone()
        .oneshot(Request::from_parts(parts, body))
        .await;
    response
}

/// A page that says which clusters there are, for a link to one that is not.
fn unknown_cluster_page(name: &str, known: &[&str]) -> Response {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let links: String = known
        .iter()
        .map(|k| {
            let href = percent_encoding::utf8_percent_encode(k, SEGMENT);
            format!(
                "<li><a href=\"/c/{href}/namespaces/default/deployments\">{}</a></li>",
                escape(k)
            )
        })
        .collect();
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unknown cluster — Berth</title>\
         <link rel=\"stylesheet\" href=\"/pkg/berth.css\"></head><body><main>\
         <h1>Unknown cluster</h1><p>Berth serves no cluster called “{}”. The clusters it serves:</p>\
         <ul>{links}</ul></main></body></html>",
        escape(name)
    );
    (StatusCode::NOT_FOUND, Html(Body::from(body))).into_response()
}

/// What a cluster name's path segment must encode: everything but unreserved characters.
pub const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[cfg(test)]
mod tests {
    use super::{split_prefix, ClusterPrefix};

    #[test]
    fn a_prefix_is_one_segment_and_the_rest_keeps_its_slash() {
        assert_eq!(
            split_prefix("/c/east/api/v1/pods"),
            (Some("east"), "/api/v1/pods")
        );
        assert_eq!(split_prefix("/c/east"), (Some("east"), "/"));
        assert_eq!(split_prefix("/api/v1/pods"), (None, "/api/v1/pods"));
        let (segment, _) = split_prefix("/c/arn%3Aaws%3Aeks%2Fprod/namespaces");
        assert_eq!(
            ClusterPrefix::decode(segment.unwrap_or_default()).0,
            "arn:aws:eks/prod"
        );
    }
}
