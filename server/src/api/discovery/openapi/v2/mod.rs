//! `/openapi/v2`: the Swagger 2.0 document ([`document`]), as JSON or, for client-go
//! (which asks for nothing else), in gnostic's protobuf encoding ([`encode`] into
//! [`gnostic`]'s messages). kubectl reads it for `explain --output
//! plaintext-openapiv2`, and falls back to it where v3 doesn't answer: the
//! `fieldValidation` check, and client-side `apply`'s strategic merge patch, which
//! kubectl 1.32 computes from v3 only when the kind's PATCH there declares a
//! `strategic-merge-patch+json` request body (Berth's v3 declares none), so it takes
//! the merge keys and strategies from v2's definitions.
//!
//! Built once, on first use, in both encodings, and kept.

mod document;
mod encode;
mod gnostic;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use prost::Message;

use crate::api::status::ApiError;

/// The media type the protobuf document is answered with. client-go asks for it as
/// `…spec.v2@v1.0+protobuf`, but parses the answer's `Content-Type` with Go's `mime`,
/// which rejects the `@`: upstream answers this spelling, and so does Berth.
const PROTOBUF: &str = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/// What `Accept` names the protobuf document by, in either spelling.
const PROTOBUF_FAMILY: &str = "application/com.github.proto-openapi.spec.v2";

/// The document in both encodings.
pub struct Served {
    /// Swagger 2.0 JSON.
    pub json: Bytes,
    /// gnostic's `openapi.v2.Document`.
    pub protobuf: Bytes,
}

/// Why the document couldn't be built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the v3 documents it is made from.
    #[error(transparent)]
    Document(#[from] document::Error),
    /// Turning it into gnostic's messages.
    #[error("encoding the OpenAPI v2 document: {0}")]
    Encode(#[from] encode::Error),
    /// Serializing the JSON.
    #[error("serializing the OpenAPI v2 document: {0}")]
    Json(#[from] serde_json::Error),
}

/// The document, built on first call.
pub fn served() -> Result<&'static Served, &'static Error> {
    static SERVED: OnceLock<Result<Served, Error>> = OnceLock::new();
    SERVED.get_or_init(build).as_ref()
}

fn build() -> Result<Served, Error> {
    let swagger = document::swagger()?;
    let protobuf = encode::document(&swagger)?.encode_to_vec();
    Ok(Served {
        json: Bytes::from(serde_json::to_vec(&swagger)?),
        protobuf: Bytes::from(protobuf),
    })
}

/// `GET /openapi/v2`: protobuf when `Accept` asks for it, JSON otherwise.
pub async fn handler(headers: HeaderMap) -> Response {
    let served = match served() {
        Ok(served) => served,
        Err(error) => {
            tracing::error!(%error, "no OpenAPI v2 document");
            return ApiError::Internal(error.to_string()).into_response();
        }
    };
    let (content_type, body) = if wants_protobuf(&headers) {
        (PROTOBUF, served.protobuf.clone())
    } else {
        ("application/json", served.json.clone())
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            // One URL, two bodies: caches must key on `Accept`.
            (header::VARY, "Accept"),
        ],
        body,
    )
        .into_response()
}

/// Whether any media type in `Accept` is the protobuf document's.
fn wants_protobuf(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|media| media.trim().starts_with(PROTOBUF_FAMILY))
}
