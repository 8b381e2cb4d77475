//! What can go wrong talking to the API, with the server's own message when it sent one.

use serde::{Deserialize, Serialize};

/// An API call that did not give the console what it asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a Kubernetes `Status` (or another non-2xx answer).
    #[error("{message}")]
    Status {
        /// The HTTP status code.
        code: u16,
        /// The `Status.message`, or the body when it is not a `Status`.
        message: String,
        /// The `Status.reason` (`AlreadyExists`, `Invalid`), when there is one.
        reason: String,
        /// Each field the server refused, for a 422.
        causes: Vec<StatusCause>,
    },
    /// The request did not reach the server, or the answer did not arrive whole.
    #[error("network error: {0}")]
    Network(String),
    /// The answer is not the JSON the console expected.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

/// One refused field of a 422 answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCause {
    /// The field's path (`spec.template.spec.containers[0].name`).
    #[serde(default)]
    pub field: String,
    /// What is wrong with it.
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize, Default)]
struct Status {
    message: Option<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: Details,
}

#[derive(Deserialize, Default)]
struct Details {
    #[serde(default)]
    causes: Vec<StatusCause>,
}

impl ApiError {
    /// The error for a non-2xx answer, using the `Status.message` when there is one.
    pub fn from_answer(code: u16, body: &str) -> Self {
        let status = serde_json::from_str::<Status>(body).unwrap_or_default();
        let message = status
            .message
            .unwrap_or_else(|| body.chars().take(200).collect());
        ApiError::Status {
            code,
            message,
            reason: status.reason,
            causes: status.details.causes,
        }
    }
}
