//! OpenAPI, as kubectl reads it.
//!
//! `/openapi/v3` indexes one document per group version ([`schemas`]), generated from
//! the served types: `kubectl explain` reads them, and `apply`'s strategic merge
//! patches follow their merge keys ([`patch_meta`] adds upstream's; kubectl reads them
//! through the v2 document, see [`v2`]). Each kind's PATCH takes a `fieldValidation`
//! parameter, which tells kubectl the server checks fields itself
//! (`?fieldValidation=Strict`, which [`crate::api::write`] honours) instead of
//! validating on the client.
//!
//! `/openapi/v2` ([`v2`]) is one Swagger 2.0 document made from the v3 ones, which
//! client-go fetches as protobuf: `kubectl explain --output plaintext-openapiv2` reads
//! it, and kubectl falls back to it where v3 doesn't answer (see [`v2`]).

mod patch_meta;
mod schemas;
mod v2;

use std::sync::Arc;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::group_version_path;
use crate::api::kinds::{self, Kind};
use crate::cluster::Cluster;

/// The query parameters of each kind's PATCH, in v3 and v2 alike: `fieldValidation`
/// among them is what tells kubectl the server validates fields.
const PATCH_QUERY: [&str; 3] = ["dryRun", "fieldManager", "fieldValidation"];

/// `/openapi/v2` and `/openapi/v3[/<group version>]`.
pub fn routes(mut router: Router<Arc<Cluster>>) -> Router<Arc<Cluster>> {
    router = router
        .route("/openapi/v2", get(v2::handler))
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
    // Built off the request path, so kubectl's first command doesn't wait for them
    // (v2 is made from the v3 documents, so after them).
    std::thread::spawn(|| {
        schemas::documents();
        let _ = v2::served();
    });
    router
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
            "parameters": PATCH_QUERY.map(query),
            "responses": { "200": { "description": "OK" } },
        }
    })
}
