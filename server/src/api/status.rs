//! Errors as the API server answers them: a `Status` object with the upstream reason.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{Status, StatusCause, StatusDetails};

/// An API error, answered as a Kubernetes `Status`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// An error from the engine (not found, conflict, invalid, expired…).
    #[error(transparent)]
    Engine(#[from] engine::Error),
    /// The request itself is malformed (HTTP 400).
    #[error("{0}")]
    BadRequest(String),
    /// A body over the server's size limit (HTTP 413).
    #[error("{0}")]
    TooLarge(String),
    /// No such resource or route (HTTP 404).
    #[error("the server could not find the requested resource")]
    NoRoute,
    /// A body in a format the route doesn't take, e.g. a patch type (HTTP 415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A list continued from a version older than the store's history (HTTP 410).
    #[error("{0}")]
    Expired(String),
    /// A well-formed request that can't be carried out, e.g. a JSON patch whose path
    /// isn't there (HTTP 422).
    #[error("{0}")]
    Unprocessable(String),
    /// The server failed at something that isn't the request's fault (HTTP 500).
    #[error("{0}")]
    Internal(String),
    /// A request without a known user (HTTP 401).
    #[error("Unauthorized")]
    Unauthorized,
    /// A request its user may not make, or a browser write from another site (HTTP
    /// 403), with upstream's message.
    #[error("{message}")]
    Forbidden {
        /// `pods is forbidden: User "ann" cannot list resource "pods" …`.
        message: String,
        /// The object and resource refused, when there is one (boxed: errors stay small).
        details: Option<Box<StatusDetails>>,
    },
    /// A path under `/c/<name>/` for a cluster Berth does not serve (HTTP 404).
    #[error("Berth serves no cluster called {0:?}")]
    NoCluster(String),
    /// The cluster behind Berth can't be reached, or refused Berth's credentials
    /// (HTTP 503): the console shows it as "cluster unreachable" and retries.
    #[error("the cluster {cluster:?} is unreachable: {cause}")]
    Unavailable {
        /// The cluster's name (its kubeconfig context).
        cluster: String,
        /// What went wrong.
        cause: String,
    },
    /// A server-side apply changing fields other managers own (HTTP 409), with a
    /// `(field, message)` cause for each.
    #[error("{message}")]
    ApplyConflict {
        /// Upstream's summary of the conflicts.
        message: String,
        /// Each conflicting field and its owner.
        causes: Vec<(String, String)>,
    },
}

impl ApiError {
    /// An engine error about what a request asks of a pod's container (one it does
    /// not have, or that is not running): upstream answers these 400 Bad Request.
    pub fn about_container(error: engine::Error) -> Self {
        match error {
            engine::Error::Invalid { causes, .. } => {
                let message: Vec<String> = causes.into_iter().map(|c| c.message).collect();
                ApiError::BadRequest(message.join(", "))
            }
            other => other.into(),
        }
    }

    /// The `Status` object for this error.
    pub fn status(&self) -> Status {
        let (code, reason, details) = match self {
            ApiError::Engine(e) => (e.code(), e.reason(), engine_details(e)),
            ApiError::BadRequest(_) => (400, "BadRequest", None),
            ApiError::TooLarge(_) => (413, "RequestEntityTooLarge", None),
            ApiError::NoRoute => (404, "NotFound", None),
            ApiError::UnsupportedMediaType(_) => (415, "UnsupportedMediaType", None),
            ApiError::Unprocessable(_) => (422, "Invalid", None),
            ApiError::Expired(_) => (410, "Expired", None),
            ApiError::Internal(_) => (500, "InternalError", None),
            ApiError::ApplyConflict { causes, .. } => (409, "Conflict", conflict_details(causes)),
            ApiError::Unauthorized => (401, "Unauthorized", None),
            ApiError::Forbidden { details, .. } => (403, "Forbidden", details.as_deref().cloned()),
            ApiError::NoCluster(name) => (404, "NotFound", cluster_details(name)),
            ApiError::Unavailable { cluster, .. } => {
                (503, "ServiceUnavailable", cluster_details(cluster))
            }
        };
        Status {
            code: Some(code.into()),
            reason: Some(reason.to_owned()),
            message: Some(self.to_string()),
            status: Some("Failure".to_owned()),
            details,
            metadata: Default::default(),
        }
    }
}

/// Names the cluster, so the console can tell "cluster unreachable" from other 503s.
fn cluster_details(name: &str) -> Option<StatusDetails> {
    Some(StatusDetails {
        name: Some(name.to_owned()),
        group: Some("berth.dev".to_owned()),
        kind: Some("clusters".to_owned()),
        ..Default::default()
    })
}

fn conflict_details(causes: &[(String, String)]) -> Option<StatusDetails> {
    Some(StatusDetails {
        causes: Some(
            causes
                .iter()
                .map(|(field, message)| StatusCause {
                    field: Some(field.clone()),
                    message: Some(message.clone()),
                    reason: Some("FieldManagerConflict".to_owned()),
                })
                .collect(),
        ),
        ..Default::default()
    })
}

fn engine_details(e: &engine::Error) -> Option<StatusDetails> {
    match e {
        engine::Error::NotFound { kind, name }
        | engine::Error::AlreadyExists { kind, name }
        | engine::Error::Conflict { kind, name }
        | engine::Error::PreconditionFailed { kind, name, .. }
        | engine::Error::Forbidden { kind, name, .. } => Some(StatusDetails {
            kind: Some(kind.clone()),
            name: Some(name.clone()),
            ..Default::default()
        }),
        engine::Error::Invalid { kind, name, causes } => Some(StatusDetails {
            kind: Some(kind.clone()),
            name: Some(name.clone()),
            causes: Some(
                causes
                    .iter()
                    .map(|c| StatusCause {
                        field: Some(c.field.clone()),
                        message: Some(c.message.clone()),
                        reason: Some("FieldValueInvalid".to_owned()),
                    })
                    .collect(),
            ),
            ..Default::default()
        }),
        engine::Error::Expired { .. } | engine::Error::TooLarge { .. } => None,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let code = status
            .code
            .and_then(|c| u16::try_from(c).ok())
            .and_then(|c| StatusCode::from_u16(c).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (code, Json(Wire::of(&status))).into_response()
    }
}

/// A `Status` written as kube-apiserver writes it: fields in the Go struct's order
/// (`kind`, `apiVersion`, `metadata`, `status`, `message`, `reason`, `details`,
/// `code`), so that a client comparing the text sees the same bytes.
#[derive(serde::Serialize)]
pub struct Wire<'a> {
    kind: &'static str,
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    metadata: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<WireDetails<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<i32>,
}

#[derive(serde::Serialize)]
struct WireDetails<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uid: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    causes: Vec<WireCause<'a>>,
    #[serde(rename = "retryAfterSeconds", skip_serializing_if = "Option::is_none")]
    retry_after_seconds: Option<i32>,
}

#[derive(serde::Serialize)]
struct WireCause<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl<'a> Wire<'a> {
    /// `status` in upstream's field order.
    pub fn of(status: &'a Status) -> Self {
        Wire {
            kind: "Status",
            api_version: "v1",
            metadata: serde_json::Map::new(),
            status: status.status.as_deref(),
            message: status.message.as_deref(),
            reason: status.reason.as_deref(),
            details: status.details.as_ref().map(|d| WireDetails {
                name: d.name.as_deref(),
                group: d.group.as_deref(),
                kind: d.kind.as_deref(),
                uid: d.uid.as_deref(),
                causes: d
                    .causes
                    .iter()
                    .flatten()
                    .map(|c| WireCause {
                        reason: c.reason.as_deref(),
                        message: c.message.as_deref(),
                        field: c.field.as_deref(),
                    })
                    .collect(),
                retry_after_seconds: d.retry_after_seconds,
            }),
            code: status.code,
        }
    }
}
