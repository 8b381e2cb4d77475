//! Just enough OpenAPI for kubectl's writes.
//!
//! Before `apply`/`create`, kubectl 1.32 reads `/openapi/v3` to learn whether the
//! server checks fields itself (a `fieldValidation` query parameter on the kind's
//! PATCH); when it does, kubectl leaves validation to the server (`?fieldValidation=
//! Strict`, which [`crate::api::write`] honours). It also loads `/openapi/v2` up front:
//! an empty document there means "no schemas", so its own schema checks find nothing to
//! check instead of failing with "failed to download openapi". Without schemas kubectl
//! builds strategic merge patches from its compiled-in types, which are upstream's.

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
        let (group, version) = (kind.group, kind.version);
        let path = format!("/openapi/v3{}", group_version_path(group, version));
        if !paths.contains(&path) {
            router = router.route(&path, get(move || async move { v3_group(group, version) }));
            paths.push(path);
        }
    }
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
    for kind in kinds::served() {
        let path = group_version_path(kind.group, kind.version);
        let relative = path.trim_start_matches('/').to_owned();
        paths.entry(relative).or_insert_with(
            || json!({ "serverRelativeURL": format!("/openapi/v3{path}?hash={}", hash()) }),
        );
    }
    Json(json!({ "paths": paths }))
}

/// A tag for the documents' URLs: they change only with the build.
fn hash() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// One group version's document: each kind's PATCH, taking `fieldValidation`.
fn v3_group(group: &str, version: &str) -> Json<Value> {
    let served = kinds::served();
    let mut paths = Map::new();
    for kind in served
        .iter()
        .filter(|k| k.group == group && k.version == version)
    {
        paths.insert(object_path(kind), patch_operation(kind));
    }
    Json(json!({
        "openapi": "3.0.0",
        "info": { "title": "Berth", "version": format!("v{}.{}.0", super::MAJOR, super::MINOR) },
        "paths": paths,
        // No schemas: kubectl then builds patches from its own types, and `explain`
        // says it has nothing to explain instead of failing on a missing key.
        "components": { "schemas": {} },
    }))
}

fn object_path(kind: &Kind) -> String {
    let prefix = group_version_path(kind.group, kind.version);
    if kind.namespaced {
        format!("{prefix}/namespaces/{{namespace}}/{}/{{name}}", kind.plural)
    } else {
        format!("{prefix}/{}/{{name}}", kind.plural)
    }
}

fn patch_operation(kind: &Kind) -> Value {
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
