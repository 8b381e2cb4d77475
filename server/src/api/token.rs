//! `POST …/serviceaccounts/<name>/token`: a TokenRequest answered with a token for the
//! account, as `kubectl create token` asks for one. The token signs its bearer in as
//! `system:serviceaccount:<namespace>:<name>` (see `auth::guard`).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use k8s_openapi::api::authentication::v1::TokenRequest;
use serde_json::Value;

use super::status::ApiError;
use super::write::{self, WriteRequest};
use crate::cluster::Cluster;

/// Creates a token for the ServiceAccount the path names (201, the request with its
/// status), or the account's 404 or the request's 422.
pub async fn create_token(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let request = decode(write::json_body(&headers, &body)?)?;
    let namespace = target.namespace.unwrap_or_default();
    let name = target.name.unwrap_or_default();
    if query.is_dry_run() {
        return Err(ApiError::BadRequest(
            "dry run is not supported for token requests".to_owned(),
        ));
    }
    let answered = cluster.write(|e| e.issue_token(&namespace, &name, request))?;
    write::answer(StatusCode::CREATED, &answered, &[])
}

fn decode(mut value: Value) -> Result<TokenRequest, ApiError> {
    write::expect_kind(&value, "TokenRequest")?;
    if let Some(map) = value.as_object_mut() {
        // The status is the answer's: clients send it empty, or not at all.
        map.remove("status");
        // A request may leave the spec out: every field of it has a default.
        map.entry("spec")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(spec) = map.get_mut("spec").and_then(Value::as_object_mut) {
            spec.entry("audiences")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
    serde_json::from_value(value)
        .map_err(|e| ApiError::BadRequest(format!("the body is not a TokenRequest: {e}")))
}
