//! `PATCH`, in the three formats kubectl sends (by `Content-Type`):
//! `application/merge-patch+json` (RFC 7386: `label`, `annotate`, `scale`),
//! `application/json-patch+json` (RFC 6902: `rollout undo`, `patch --type=json`) and
//! `application/strategic-merge-patch+json` (`apply`, `edit`, `rollout restart`).
//!
//! The patch is applied to the stored object and the result takes the same way as a
//! `PUT`: decoded, field-validated, admitted by the engine (rules → 422), and stored
//! under optimistic concurrency — a `metadata.resourceVersion` in the patch must be the
//! current one (409 otherwise); without one the patch applies to whatever is current.
//! Reading, patching and storing happen under one lock, so no write slips in between.
//! `application/apply-patch+yaml` is server-side apply ([`super::apply`]).

pub(super) mod keys;
mod strategic;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;

use super::objects::{current, Served};
use super::status::ApiError;
use super::write;
use crate::api::write::WriteRequest;
use crate::cluster::Cluster;

/// The patch formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchKind {
    /// RFC 7386.
    Merge,
    /// RFC 6902.
    Json,
    /// Kubernetes' strategic merge patch.
    Strategic,
}

impl PatchKind {
    /// The format a request's `Content-Type` names; 415 for any other.
    pub fn from_headers(headers: &HeaderMap) -> Result<PatchKind, ApiError> {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        match media_type {
            "application/merge-patch+json" => Ok(PatchKind::Merge),
            "application/json-patch+json" => Ok(PatchKind::Json),
            "application/strategic-merge-patch+json" => Ok(PatchKind::Strategic),
            _ => Err(ApiError::UnsupportedMediaType(format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got {content_type:?})"
            ))),
        }
    }
}

/// Applies a patch of `kind` to `doc`.
pub fn apply(doc: &mut Value, kind: PatchKind, body: &[u8]) -> Result<(), ApiError> {
    match kind {
        PatchKind::Json => {
            let ops: json_patch::Patch = serde_json::from_slice(body)
                .map_err(|e| ApiError::BadRequest(format!("invalid JSON patch: {e}")))?;
            json_patch::patch(doc, &ops).map_err(|e| ApiError::Unprocessable(e.to_string()))
        }
        PatchKind::Merge => {
            json_patch::merge(doc, &write::parse(body)?);
            Ok(())
        }
        PatchKind::Strategic => strategic::apply(doc, write::parse(body)?),
    }
}

/// `PATCH` an object.
pub async fn patch_one<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    if super::apply::is_apply(&headers) {
        return super::apply::apply_one::<K>(&cluster, &target, &query, &body);
    }
    let kind = PatchKind::from_headers(&headers)?;
    let validation = query.validation()?;
    let manager = query.manager_of(&headers);
    let (stored, warnings) = cluster.write(|e| {
        // Catch up first, so the controllers don't move the object under the patch.
        e.tick();
        let before = serde_json::to_value(&*current::<K>(e, &target)?)
            .map_err(|err| ApiError::BadRequest(err.to_string()))?;
        let mut doc = before.clone();
        apply(&mut doc, kind, &body)?;
        write::keep_status(&before, &mut doc);
        super::apply::record_update::<K>(e, Some(&before), &mut doc, &manager);
        let (obj, warnings) = write::decode::<K>(doc, &target, validation)?;
        write::update(e, obj, &target, &query, warnings)
    })?;
    write::answer(StatusCode::OK, &*stored, &warnings)
}
