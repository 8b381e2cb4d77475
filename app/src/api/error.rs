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
    },
    /// The request did not reach the server, or the answer did not arrive whole.
    #[error("network error: {0}")]
    Network(String),
    /// The answer is not the JSON the console expected.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

#[derive(Deserialize)]
struct Status {
    message: Option<String>,
}

impl ApiError {
    /// The error for a non-2xx answer, using the `Status.message` when there is one.
    pub fn from_answer(code: u16, body: &str) -> Self {
        let message = serde_json::from_str::<Status>(body)
            .ok()
            .and_then(|s| s.message)
            .unwrap_or_else(|| body.chars().take(200).collect());
        ApiError::Status { code, message }
    }
}
