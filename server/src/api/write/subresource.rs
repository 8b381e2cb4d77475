//! The `status` subresource and upstream's status strategy: a write to `…/status`
//! (`PUT`, `PATCH`) changes only the status, and a write to the object itself leaves
//! its status as it was. A `metadata.resourceVersion` in the body is the usual
//! precondition.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::WriteRequest;
use super::{answer, decode, json_body, update, WriteQuery};
use crate::api::objects::{current, Served, Target};
use crate::api::patch::{self, PatchKind};
use crate::api::status::ApiError;
use crate::cluster::Cluster;

/// Gives `after` the status of `before` (or none, if it had none): what a write to
/// the object itself does to the status.
pub fn keep_status(before: &Value, after: &mut Value) {
    let Some(map) = after.as_object_mut() else {
        return;
    };
    match before.get("status") {
        Some(status) => map.insert("status".to_owned(), status.clone()),
        None => map.remove("status"),
    };
}

/// `before` with the status of `written`, and its resourceVersion as the precondition.
fn only_status(before: &Value, written: &Value) -> Value {
    let mut after = before.clone();
    if let Some(map) = after.as_object_mut() {
        match written.get("status") {
            Some(status) if !status.is_null() => map.insert("status".to_owned(), status.clone()),
            _ => map.remove("status"),
        };
    }
    if let Some(rv) = written["metadata"].get("resourceVersion") {
        after["metadata"]["resourceVersion"] = rv.clone();
    }
    after
}

/// Stores `written`'s status over the object `target` names.
fn write_status<K: Served>(
    cluster: &Cluster,
    target: &Target,
    query: &WriteQuery,
    written: impl FnOnce(&Value) -> Result<Value, ApiError>,
) -> Result<Response, ApiError> {
    let validation = query.validation()?;
    let (stored, warnings) = cluster.write(|e| {
        // Catch up first, so the controllers don't move the object under the write.
        e.tick();
        let before = serde_json::to_value(&*current::<K>(e, target)?)
            .map_err(|err| ApiError::BadRequest(err.to_string()))?;
        let after = only_status(&before, &written(&before)?);
        let (obj, warnings) = decode::<K>(after, target, validation)?;
        update(e, obj, target, query, warnings)
    })?;
    answer(StatusCode::OK, &*stored, &warnings)
}

/// `PUT …/status`: the body's status replaces the object's.
pub async fn replace_status<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let value = json_body(&headers, &body)?;
    let name = value["metadata"]["name"].as_str().unwrap_or_default();
    if Some(name) != target.name.as_deref() {
        return Err(ApiError::BadRequest(format!(
            "the name of the object ({name}) does not match the name on the URL ({})",
            target.name.as_deref().unwrap_or_default()
        )));
    }
    write_status::<K>(&cluster, &target, &query, |_| Ok(value))
}

/// `PATCH …/status`: the patch applies to the whole object; only the status it leaves
/// is kept.
pub async fn patch_status<K: Served>(
    State(cluster): State<Arc<Cluster>>,
    WriteRequest {
        target,
        query,
        headers,
        body,
    }: WriteRequest,
) -> Result<Response, ApiError> {
    let kind = PatchKind::from_headers(&headers)?;
    write_status::<K>(&cluster, &target, &query, |before| {
        let mut doc = before.clone();
        patch::apply(&mut doc, kind, &body)?;
        Ok(doc)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{keep_status, only_status};

    #[test]
    fn the_object_keeps_its_status_and_the_subresource_only_changes_it() {
        let before = json!({"metadata": {"name": "a", "resourceVersion": "5"},
                            "spec": {"replicas": 1}, "status": {"replicas": 1}});
        let mut main = json!({"metadata": {"name": "a"}, "spec": {"replicas": 2},
                              "status": {"replicas": 9}});
        keep_status(&before, &mut main);
        assert_eq!(main["status"], json!({"replicas": 1}));
        assert_eq!(main["spec"], json!({"replicas": 2}));

        let written = json!({"metadata": {"name": "a", "labels": {"x": "y"}},
                             "spec": {"replicas": 7}, "status": {"replicas": 3}});
        let after = only_status(&before, &written);
        assert_eq!(after["spec"], json!({"replicas": 1}));
        assert_eq!(after["status"], json!({"replicas": 3}));
        assert_eq!(after["metadata"], before["metadata"]);
    }
}
