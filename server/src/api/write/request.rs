//! What every write handler reads from its request, taken once: the object the route
//! names, the write's query, its headers and its body.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, RawPathParams, Request};
use axum::http::{HeaderMap, StatusCode};

use super::WriteQuery;
use crate::api::objects::Target;
use crate::api::status::ApiError;

/// A write (`POST`, `PUT`, `PATCH`) as its handlers see it.
pub struct WriteRequest {
    /// The namespace and name the route matched.
    pub target: Target,
    /// `?dryRun=…&fieldValidation=…&fieldManager=…&force=…`.
    pub query: WriteQuery,
    /// The request's headers (content type, user agent).
    pub headers: HeaderMap,
    /// The request's body, as sent.
    pub body: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for WriteRequest {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let bad = |e: String| ApiError::BadRequest(e);
        let params = RawPathParams::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| bad(e.body_text()))?;
        let Query(query) = Query::<WriteQuery>::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| bad(e.body_text()))?;
        let headers = parts.headers.clone();
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|e| match e.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(e.body_text()),
                _ => bad(e.body_text()),
            })?;
        Ok(WriteRequest {
            target: Target::from(&params),
            query,
            headers,
            body,
        })
    }
}
