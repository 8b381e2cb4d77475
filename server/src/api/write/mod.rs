//! `POST` (create) and `PUT` (replace), with `?dryRun=All`: the body is decoded into the
//! served type, checked by the engine's admission (the rules the form shares), and
//! answered with the stored object, or a `Status` naming every broken field.
//!
//! `?fieldValidation=` is upstream's: fields the type has no place for are an error
//! (`Strict`, what kubectl sends), a `Warning` header (`Warn`, the default) or dropped
//! silently (`Ignore`). `?fieldManager=` (else the client's User-Agent) names who owns
//! the fields a write changes, in `metadata.managedFields`.

mod base64_lines;
mod fields;
mod request;
mod subresource;
mod zero;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use engine::FieldError;
use serde::Deserialize;
use serde_json::Value;

use super::apply;
use super::objects::{current, json_response, Served, Target};
use super::proto;
use super::status::ApiError;
use crate::cluster::Cluster;
pub use request::WriteRequest;
pub use subresource::{keep_status, patch_status, replace_status};

/// `?dryRun=All&fieldValidation=…&fieldManager=…` of a write.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteQuery {
    dry_run: Option<String>,
    field_validation: Option<String>,
    field_manager: Option<String>,
    force: Option<bool>,
}

/// What to do with fields the type has no place for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Drop them.
    Ignore,
    /// Drop them, and say so in a `Warning` header.
    Warn,
    /// Refuse the write.
    Strict,
}

impl WriteQuery {
    /// `?dryRun=All`.
    pub fn is_dry_run(&self) -> bool {
        self.dry_run.as_deref() == Some("All")
    }

    /// `?fieldManager=`, if given.
    pub fn manager(&self) -> Option<&str> {
        self.field_manager.as_deref().filter(|m| !m.is_empty())
    }

    /// `?force=true`: an apply takes over the fields it conflicts on.
    pub fn force(&self) -> bool {
        self.force == Some(true)
    }

    /// Who a write is by: `?fieldManager=`, else the User-Agent's product (`kubectl`),
    /// as upstream names managers.
    pub fn manager_of(&self, headers: &HeaderMap) -> String {
        self.manager().map(str::to_owned).unwrap_or_else(|| {
            headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split('/').next())
                .filter(|v| !v.is_empty())
                .unwrap_or("unknown")
                .to_owned()
        })
    }

    /// `?fieldValidation=`, `Warn` when absent (upstream's default).
    pub fn validation(&self) -> Result<Validation, ApiError> {
        match self.field_validation.as_deref() {
            None | Some("" | "Warn") => Ok(Validation::Warn),
            Some("Ignore") => Ok(Validation::Ignore),
            Some("Strict") => Ok(Validation::Strict),
            Some(other) => Err(ApiError::BadRequest(format!(
                "fieldValidation parameter unsupported: {other:?}, expected one of Ignore, Warn, Strict"
            ))),
        }
    }
}

/// `POST` to a collection: creates the object in the body.
pub async fn create_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let mut value = json_body(&headers, &body)?;
    let manager = query.manager_of(&headers);
    let validation = query.validation()?;
    let (created, warnings) = cluster.write(|e| {
        apply::record_update::<K>(e, None, &mut value, &manager);
        let (obj, warnings) = decode::<K>(value, &target, validation)?;
        create(e, obj, &query, warnings)
    })?;
    answer(StatusCode::CREATED, &*created, &warnings)
}

/// Creates `obj` (or checks it, for a dry run), as `POST` and an apply of a new object
/// do; `warnings` gains the rules' warnings.
pub fn create<K: Served>(
    engine: &mut engine::Engine,
    obj: K,
    query: &WriteQuery,
    mut warnings: Vec<String>,
) -> Result<(Arc<K>, Vec<String>), ApiError> {
    if query.is_dry_run() {
        let (previewed, rules) = engine.check_create(obj)?;
        warnings.extend(texts(&rules));
        return Ok((Arc::new(previewed), warnings));
    }
    let (created, rules) = engine.create_warned(obj)?;
    warnings.extend(texts(&rules));
    Ok((created, warnings))
}

/// `PUT` to an object: replaces it with the body (a stale resourceVersion is a 409).
pub async fn replace_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let mut value = json_body(&headers, &body)?;
    let manager = query.manager_of(&headers);
    let validation = query.validation()?;
    let (stored, warnings) = cluster.write(|e| {
        // The object as it was, for the fields this write changes (a missing one is
        // the update's 404, below).
        let before = current::<K>(e, &target)
            .ok()
            .and_then(|o| serde_json::to_value(&*o).ok());
        if let Some(before) = &before {
            keep_status(before, &mut value);
        }
        apply::record_update::<K>(e, before.as_ref(), &mut value, &manager);
        let (obj, warnings) = decode::<K>(value, &target, validation)?;
        update(e, obj, &target, &query, warnings)
    })?;
    answer(StatusCode::OK, &*stored, &warnings)
}

/// Replaces the object `target` names with `obj` (or checks it, for a dry run), as `PUT`
/// and `PATCH` do; `warnings` gains the rules' warnings.
pub fn update<K: Served>(
    engine: &mut engine::Engine,
    obj: K,
    target: &Target,
    query: &WriteQuery,
    mut warnings: Vec<String>,
) -> Result<(Arc<K>, Vec<String>), ApiError> {
    let body_name = obj.metadata().name.clone().unwrap_or_default();
    let url_name = target.name.clone().unwrap_or_default();
    if body_name != url_name {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({url_name})"
        )));
    }
    if query.is_dry_run() {
        // Answer what would be stored (`kubectl diff` shows it against the live object).
        let (prepared, rules) = engine.check_update(obj)?;
        warnings.extend(texts(&rules));
        return Ok((Arc::new(prepared), warnings));
    }
    let (updated, rules) = engine.update_warned(obj)?;
    warnings.extend(texts(&rules));
    Ok((updated, warnings))
}

/// Refuses a subresource's body that names another kind than the one it takes
/// (`Scale`, `TokenRequest`); a body that names none is taken as that kind.
pub fn expect_kind(value: &Value, expected: &str) -> Result<(), ApiError> {
    match value.get("kind").and_then(Value::as_str) {
        Some(kind) if kind != expected => Err(ApiError::BadRequest(format!(
            "the body's kind ({kind}) is not {expected}"
        ))),
        _ => Ok(()),
    }
}

/// A create's or replace's body as JSON: sent as JSON, or as protobuf (what kubectl's
/// typed commands, `create deployment|configmap|…`, send). Any other format gets
/// upstream's 415.
pub fn json_body(headers: &HeaderMap, body: &[u8]) -> Result<Value, ApiError> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .unwrap_or("application/json");
    match media_type {
        "" | "application/json" => parse(body),
        proto::MEDIA_TYPE => proto::decode(body),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "the body of the request was in an unknown format - accepted media types include: application/json, {} (got {other})",
            proto::MEDIA_TYPE
        ))),
    }
}

/// A request body as JSON.
pub fn parse(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::BadRequest(format!(
            "the body of the request was in an unknown format: {e}"
        ))
    })
}

/// Reads a JSON object as `K`, its namespace defaulted from the URL, answering the
/// warnings about fields `K` has no place for (an error under `Strict`).
pub fn decode<K: Served>(
    mut value: Value,
    target: &Target,
    validation: Validation,
) -> Result<(K, Vec<String>), ApiError> {
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
    let cannot_handle = |e: &dyn std::fmt::Display| {
        ApiError::BadRequest(format!(
            "{} in version \"{}\" cannot be handled as a {}: {e}",
            K::KIND,
            K::VERSION,
            K::KIND
        ))
    };
    zero::drop_empty_resources(&mut value);
    base64_lines::unwrap(K::KIND, &mut value);
    let obj: K = serde_json::from_value(value.clone()).map_err(|e| cannot_handle(&e))?;
    let unknown = match validation {
        Validation::Ignore => Vec::new(),
        Validation::Warn | Validation::Strict => {
            let typed = serde_json::to_value(&obj).map_err(|e| cannot_handle(&e))?;
            fields::unknown(&value, &typed)
        }
    };
    let unknown: Vec<String> = unknown
        .iter()
        .map(|path| format!("unknown field \"{path}\""))
        .collect();
    if validation == Validation::Strict && !unknown.is_empty() {
        return Err(cannot_handle(&format!(
            "strict decoding error: {}",
            unknown.join(", ")
        )));
    }
    Ok((obj, unknown))
}

/// The rules' warnings as upstream words them: `field: message`.
fn texts(warnings: &[FieldError]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| format!("{}: {}", w.field, w.message))
        .collect()
}

/// The object as JSON with `code`, and each warning in a `Warning` header as upstream
/// sends them (`299 - "message"`, quotes and backslashes escaped as RFC 7230 says).
pub fn answer<K: serde::Serialize>(
    code: StatusCode,
    obj: &K,
    warnings: &[String],
) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(obj).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let mut response = (code, json_response(body)).into_response();
    for w in warnings {
        let escaped = w.replace('\\', "\\\\").replace('"', "\\\"");
        let text = format!("299 - \"{escaped}\"");
        if let Ok(value) = HeaderValue::from_str(&text) {
            response.headers_mut().append("warning", value);
        }
    }
    Ok(response)
}
