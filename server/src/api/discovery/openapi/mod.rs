//! OpenAPI, as kubectl reads it.
//!
//! `/openapi/v3` indexes one document per group version ([`schemas`]), generated from
//! the served types: `kubectl explain` reads them, and kubectl 1.32 computes `apply`'s
//! strategic merge patches from them ([`patch_meta`] adds upstream's merge keys). Each
//! kind's PATCH takes a `fieldValidation` parameter, which tells kubectl the server
//! checks fields itself (`?fieldValidation=Strict`, which [`crate::api::write`]
//! honours) instead of validating on the client.
//!
//! `/openapi/v2` is fetched as protobuf: an empty document there means "no schemas",
//! so the few kubectl paths still on v2 find nothing to check instead of failing with
//! "failed to download openapi".

mod patch_meta;
mod schemas;

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::group_version_path;
use crate::api::kinds::{self, Kind};
use crate::cluster::Cluster;

/// The media type of the protobuf OpenAPI v2 document.
const V2_PROTOBUF: &str = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

/// `/openapi/v2` and `/openapi/v3[/<group version>]`.
pub fn routes(mut router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    router = router
        .route("/openapi/v2", get(v2))
        .route("/openapi/v3", get(v3_root));
    let mut paths: Vec<String> = Vec::new();
    for kind in kinds::served() {
        let path = group_version_path(kind.group, kind.version);
        if !paths.contains(&path) {
            let key = path.trim_start_matches('/').to_owned();
            router = router.route(
                &format!("/openapi/v3{path}"),
                get(move || async move { v3_group(&key) }),
            );
            paths.push(path);
        }
    }
    // Built off the request path, so kubectl's first command doesn't wait for it.
    std::thread::spawn(schemas::documents);
    router
}

/// An empty `openapi_v2.Document`: zero protobuf bytes decode to a document with no
/// definitions.
async fn v2() -> Response {
    ([(header::CONTENT_TYPE, V2_PROTOBUF)], Vec::<u8>::new()).into_response()
}

/// `GET /openapi/v3`: where each group version's document is.
async fn v3_root() -> Json<Value> {
    let mut paths = Map::new();
    for (path, document) in schemas::documents() {
        paths.insert(
            path.clone(),
            json!({ "serverRelativeURL": format!("/openapi/v3/{path}?hash={}", document.hash) }),
        );
    }
    Json(json!({ "paths": paths }))
}

/// One group version's document.
fn v3_group(path: &str) -> Response {
    let body = schemas::documents()
        .get(path)
        .map(|d| d.body.clone())
        .unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(super) fn object_path(kind: &Kind) -> String {
    let prefix = group_version_path(kind.group, kind.version);
    if kind.namespaced {
        format!("{prefix}/namespaces/{{namespace}}/{}/{{name}}", kind.plural)
    } else {
        format!("{prefix}/{}/{{name}}", kind.plural)
    }
}

pub(super) fn patch_operation(kind: &Kind) -> Value {
    let query = |name: &str| json!({ "name": name, "in": "query", "schema": { "type": "string" } });
    json!({
        "patch": {
            "x-kubernetes-group-version-kind": {
                "group": kind.group,
                "version": kind.version,
                "kind": kind.kind,
            },
            "parameters": [query("dryRun"), query("fieldManager"), query("fieldValidation")],
            "responses": { "200": { "description": "OK" } },
        }
    })
}
