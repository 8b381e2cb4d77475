//! The query parameters of list, watch and delete requests.

use std::time::Duration;

use engine::selector::{FieldSelector, Selector};
use serde::Deserialize;

use super::paging::Continue;
use super::status::ApiError;

/// `?watch=…&resourceVersion=…&labelSelector=…&timeoutSeconds=…&gracePeriodSeconds=…
/// &includeObject=…&dryRun=…&propagationPolicy=…`
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    watch: Option<String>,
    resource_version: Option<String>,
    label_selector: Option<String>,
    field_selector: Option<String>,
    timeout_seconds: Option<u64>,
    /// For `DELETE`: the grace period to use instead of the pod's own.
    pub grace_period_seconds: Option<i64>,
    /// For `DELETE`: `Background`, `Foreground` or `Orphan` for the dependents.
    pub propagation_policy: Option<String>,
    /// For a Table: what each row carries of its object (`None`, `Metadata`, `Object`).
    pub include_object: Option<String>,
    /// For `DELETE`: `All` checks the delete without making it.
    dry_run: Option<String>,
    /// For a list: at most this many objects (0 or absent: all).
    pub limit: Option<usize>,
    /// For a list: the page to serve, from the previous page's `metadata.continue`.
    #[serde(rename = "continue")]
    pub continue_token: Option<String>,
}

/// How long a watch runs when the client names no `timeoutSeconds` (upstream picks
/// between 30 and 60 minutes).
const DEFAULT_WATCH_TIMEOUT: Duration = Duration::from_secs(30 * 60);

impl ListQuery {
    /// The request asks for a watch stream rather than a list.
    pub fn is_watch(&self) -> bool {
        // Upstream parses it with Go's `strconv.ParseBool`: Python's client sends `True`.
        matches!(
            self.watch.as_deref(),
            Some("1" | "t" | "T" | "true" | "TRUE" | "True")
        )
    }

    /// `?dryRun=All`.
    pub fn is_dry_run(&self) -> bool {
        self.dry_run.as_deref() == Some("All")
    }

    /// The resourceVersion to start from; `None` for "now" (absent, empty or `0`).
    pub fn resource_version(&self) -> Result<Option<u64>, ApiError> {
        match self.resource_version.as_deref() {
            None | Some("" | "0") => Ok(None),
            Some(rv) => rv
                .parse()
                .map(Some)
                .map_err(|_| ApiError::BadRequest(format!("invalid resourceVersion: {rv:?}"))),
        }
    }

    /// The parsed label selector, if any.
    pub fn selector(&self) -> Result<Option<Selector>, ApiError> {
        match self.label_selector.as_deref() {
            None | Some("") => Ok(None),
            Some(s) => Selector::parse(s)
                .map(Some)
                .ok_or_else(|| ApiError::BadRequest(format!("unable to parse requirement: {s:?}"))),
        }
    }

    /// The parsed field selector, if any.
    pub fn field_selector(&self) -> Result<Option<FieldSelector>, ApiError> {
        match self.field_selector.as_deref() {
            None | Some("") => Ok(None),
            Some(s) => FieldSelector::parse(s)
                .map(Some)
                .map_err(ApiError::BadRequest),
        }
    }

    /// Where the requested page starts (`None` for the first page).
    pub fn continue_from(&self) -> Result<Option<Continue>, ApiError> {
        match self.continue_token.as_deref() {
            None | Some("") => Ok(None),
            Some(token) => Continue::decode(token).map(Some),
        }
    }

    /// How long a watch stays open.
    pub fn timeout(&self) -> Duration {
        self.timeout_seconds
            .map_or(DEFAULT_WATCH_TIMEOUT, Duration::from_secs)
    }
}
