//! The engine's one error type; each variant maps to a Kubernetes `Status` reason.

use thiserror::Error;

/// One field that failed validation, named by its JSON path (`metadata.name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path, as Kubernetes reports it in `Status.details.causes[].field`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// What can go wrong when reading or writing the engine's objects.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    /// No object of that kind and name (HTTP 404).
    #[error("{kind} \"{name}\" not found")]
    NotFound {
        /// The resource (`pods`, `deployments.apps`), as upstream's message names it.
        kind: String,
        /// The object's name.
        name: String,
    },
    /// An object of that kind and name exists already (HTTP 409).
    #[error("{kind} \"{name}\" already exists")]
    AlreadyExists {
        /// The resource, as upstream's message names it.
        kind: String,
        /// The object's name.
        name: String,
    },
    /// The update was based on a stale resourceVersion (HTTP 409).
    #[error("Operation cannot be fulfilled on {kind} \"{name}\": the object has been modified; please apply your changes to the latest version and try again")]
    Conflict {
        /// The resource, as upstream's message names it.
        kind: String,
        /// The object's name.
        name: String,
    },
    /// A delete's preconditions (uid, resourceVersion) don't hold (HTTP 409).
    #[error("Operation cannot be fulfilled on {kind} \"{name}\": {detail}")]
    PreconditionFailed {
        /// The resource, as upstream's message names it.
        kind: String,
        /// The object's name.
        name: String,
        /// Which precondition failed (`Precondition failed: UID in precondition: …`).
        detail: String,
    },
    /// A policy refuses the request, as a namespace's ResourceQuota does (HTTP 403).
    #[error("{kind} \"{name}\" is forbidden: {message}")]
    Forbidden {
        /// The resource, as upstream's message names it.
        kind: String,
        /// The object's name.
        name: String,
        /// Why (`exceeded quota: …`).
        message: String,
    },
    /// The object breaks a field rule (HTTP 422).
    #[error("{kind} \"{name}\" is invalid: {}", causes.iter().map(|c| format!("{}: {}", c.field, c.message)).collect::<Vec<_>>().join(", "))]
    Invalid {
        /// The object's kind (`Deployment`).
        kind: String,
        /// The object's name.
        name: String,
        /// Every broken rule.
        causes: Vec<FieldError>,
    },
    /// A watch asked for history older than the engine keeps (HTTP 410).
    #[error("too old resource version: {requested} ({oldest})")]
    Expired {
        /// The resourceVersion asked for.
        requested: u64,
        /// The oldest resourceVersion a watch can start from now.
        oldest: u64,
    },
    /// A watch asked for a resourceVersion the store has not reached (a client that saw
    /// a server before it restarted); upstream answers 504 and clients relist.
    #[error("Too large resource version: {requested}, current: {current}")]
    TooLarge {
        /// The resourceVersion asked for.
        requested: u64,
        /// The store's latest resourceVersion.
        current: u64,
    },
}

impl Error {
    /// The HTTP status code Kubernetes answers with for this error.
    pub fn code(&self) -> u16 {
        match self {
            Error::NotFound { .. } => 404,
            Error::AlreadyExists { .. }
            | Error::Conflict { .. }
            | Error::PreconditionFailed { .. } => 409,
            Error::Forbidden { .. } => 403,
            Error::Invalid { .. } => 422,
            Error::Expired { .. } => 410,
            Error::TooLarge { .. } => 504,
        }
    }

    /// The `Status.reason` Kubernetes gives this error.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "NotFound",
            Error::AlreadyExists { .. } => "AlreadyExists",
            Error::Conflict { .. } | Error::PreconditionFailed { .. } => "Conflict",
            Error::Forbidden { .. } => "Forbidden",
            Error::Invalid { .. } => "Invalid",
            Error::Expired { .. } => "Expired",
            Error::TooLarge { .. } => "Timeout",
        }
    }
}
