//! `POST` (create) and `PUT` (replace), with `?dryRun=All`: the body is decoded into the
//! served type, checked by the engine's admission (the rules the form shares), and
//! answered with the stored object, or a `Status` naming every broken field.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, RawPathParams, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use engine::FieldError;
use serde::Deserialize;
use serde_json::Value;

use super::objects::{json_response, Served, Target};
use super::status::ApiError;
use crate::cluster::Cluster;

/// `?dryRun=All&fieldManager=…` of a write.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteQuery {
    dry_run: Option<String>,
}

impl WriteQuery {
    fn is_dry_run(&self) -> bool {
        self.dry_run.as_deref() == Some("All")
    }
}

/// `POST` to a collection: creates the object in the body.
pub async fn create_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<WriteQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let obj: K = decode(&body, &target)?;
    if query.is_dry_run() {
        let warnings = cluster.read(|e| e.check_create(&obj))?;
        return answer(StatusCode::CREATED, &obj, &warnings);
    }
    let (created, warnings) = cluster.write(|e| e.create_warned(obj))?;
    answer(StatusCode::CREATED, &*created, &warnings)
}

/// `PUT` to an object: replaces it with the body (a stale resourceVersion is a 409).
pub async fn replace_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<WriteQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let obj: K = decode(&body, &target)?;
    let body_name = obj.metadata().name.clone().unwrap_or_default();
    let url_name = target.name.clone().unwrap_or_default();
    if body_name != url_name {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({url_name})"
        )));
    }
    if query.is_dry_run() {
        let warnings = cluster.read(|e| e.check(&obj))?;
        return answer(StatusCode::OK, &obj, &warnings);
    }
    let (updated, warnings) = cluster.write(|e| e.update_warned(obj))?;
    answer(StatusCode::OK, &*updated, &warnings)
}

/// Reads a request body as `K`, its namespace defaulted from the URL.
fn decode<K: Served>(body: &[u8], target: &Target) -> Result<K, ApiError> {
    let mut value: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::BadRequest(format!(
            "the body of the request was in an unknown format: {e}"
        ))
    })?;
    let kind = value.get("kind").and_then(Value::as_str);
    if kind.is_some_and(|k| k != K::KIND) {
        return Err(ApiError::BadRequest(format!(
            "the API version in the data ({}) does not match the expected API version ({})",
            value
                .get("apiVersion")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            K::API_VERSION
        )));
    }
    if let (Some(ns), Some(meta)) = (&target.namespace, value.get_mut("metadata")) {
        match meta.get("namespace").and_then(Value::as_str) {
            None | Some("") => meta["namespace"] = Value::String(ns.clone()),
            Some(given) if given != ns => {
                return Err(ApiError::BadRequest(
                    "the namespace of the provided object does not match the namespace sent on the request".to_owned(),
                ))
            }
            Some(_) => {}
        }
    }
    serde_json::from_value(value).map_err(|e| {
        ApiError::BadRequest(format!(
            "{} in version \"{}\" cannot be handled as a {}: {e}",
            K::KIND,
            K::VERSION,
            K::KIND
        ))
    })
}

/// The object as JSON with `code`, and each warning in a `Warning` header as upstream
/// sends them (`299 - "message"`).
fn answer<K: Served>(
    code: StatusCode,
    obj: &K,
    warnings: &[FieldError],
) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(obj).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let mut response = (code, json_response(body)).into_response();
    for w in warnings {
        let text = format!("299 - \"{}: {}\"", w.field, w.message.replace('"', "'"));
        if let Ok(value) = HeaderValue::from_str(&text) {
            response.headers_mut().append("warning", value);
        }
    }
    Ok(response)
}
