//! `pods/…/log`: the simulated containers' output, as `kubectl logs` reads it
//! (`container`, `tailLines`, `sinceSeconds`, `previous`, `timestamps`).

use std::sync::Arc;

use axum::extract::{Query, RawPathParams, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use engine::k8s_openapi::jiff::SignedDuration;
use serde::Deserialize;

use super::objects::Target;
use super::status::ApiError;
use crate::cluster::Cluster;

/// The query of a log request.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogQuery {
    container: Option<String>,
    tail_lines: Option<usize>,
    since_seconds: Option<i64>,
    #[serde(default)]
    previous: bool,
    /// Each line starts with the time it was written (RFC 3339), as `--timestamps`.
    #[serde(default)]
    timestamps: bool,
}

/// `GET /api/v1/namespaces/{ns}/pods/{name}/log`.
pub async fn pod_log(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    Query(query): Query<LogQuery>,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let namespace = target.namespace.unwrap_or_default();
    let pod = target.name.unwrap_or_default();
    let lines = cluster.read(|e| {
        let since = query
            .since_seconds
            .map(|s| e.now() - SignedDuration::from_secs(s));
        e.timed_logs(
            &namespace,
            &pod,
            query.container.as_deref(),
            query.tail_lines,
            since,
            query.previous,
        )
    });
    let lines = lines.map_err(ApiError::about_container)?;
    let lines: Vec<String> = match query.timestamps {
        true => lines
            .into_iter()
            .map(|(at, line)| format!("{at} {line}"))
            .collect(),
        false => lines.into_iter().map(|(_, line)| line).collect(),
    };
    let mut body = lines.join("\n");
    if !body.is_empty() {
        body.push('\n');
    }
    Ok(([(header::CONTENT_TYPE, "text/plain")], body).into_response())
}
