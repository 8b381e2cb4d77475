//! Server-side apply (`PATCH` with `Content-Type: application/apply-patch+yaml`,
//! `?fieldManager=…&force=…`), and the managed fields every write keeps.
//!
//! An apply creates the object when it is absent; otherwise the applied configuration
//! is laid over the live object ([`merge`]), the fields the same manager applied before
//! and no longer applies are removed (unless another manager owns them too), and the
//! manager's `Apply` entry in `metadata.managedFields` owns what it applied
//! ([`managers`]). A field another manager owns, applied with a different value, is a
//! 409 Conflict with upstream's message unless `force=true`, which takes it over.
//!
//! Ownership is tracked for writes through the API; the engine's controllers write
//! status (which no manager owns here) and are not recorded.

mod fieldset;
mod managers;
mod merge;

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use engine::k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use serde_json::Value;

use super::objects::{current, Served, Target};
use super::status::ApiError;
use super::write::{self, WriteQuery};
use crate::cluster::Cluster;
pub use managers::Entry;

/// The apply patch's media type.
pub const MEDIA_TYPE: &str = "application/apply-patch+yaml";

/// Whether the request is a server-side apply.
pub fn is_apply(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim() == MEDIA_TYPE)
}

/// The time an entry is stamped with, as JSON.
fn stamp(engine: &engine::Engine) -> Value {
    serde_json::to_value(Time(engine.now())).unwrap_or(Value::Null)
}

/// Records a write through the API by `manager` in `after`'s managed fields (see
/// [`managers::record_update`]); `before` is the object as it was, if it was.
pub fn record_update<K: Served>(
    engine: &engine::Engine,
    before: Option<&Value>,
    after: &mut Value,
    manager: &str,
) {
    let entry = Entry::new(manager, "Update", K::API_VERSION, stamp(engine));
    managers::record_update(before, after, entry);
}

/// `PATCH` with an apply configuration.
pub fn apply_one<K: Served>(
    cluster: &Arc<Cluster>,
    target: &Target,
    query: &WriteQuery,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let manager = query
        .manager()
        .ok_or_else(|| {
            ApiError::BadRequest("fieldManager is required for apply requests".to_owned())
        })?
        .to_owned();
    let mut applied: Value = serde_norway::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("error decoding YAML: {e}")))?;
    if !applied.is_object() {
        return Err(ApiError::BadRequest(
            "an apply configuration must be an object".to_owned(),
        ));
    }
    // Status is not the main resource's to write, and managed fields are the server's.
    if let Some(map) = applied.as_object_mut() {
        map.remove("status");
    }
    if let Some(meta) = applied["metadata"].as_object_mut() {
        meta.remove("managedFields");
    }
    let validation = query.validation()?;
    let (code, stored, warnings) = cluster.write(|e| -> Result<_, ApiError> {
        e.tick();
        let mine = Entry::new(&manager, "Apply", K::API_VERSION, stamp(e));
        let live = match current::<K>(e, target).ok() {
            Some(live) => {
                serde_json::to_value(&*live).map_err(|err| ApiError::BadRequest(err.to_string()))?
            }
            None => {
                let mut value = applied.clone();
                let mut entries = Vec::new();
                managers::take(&mut entries, mine, &fieldset::FieldSet::of(&applied));
                managers::write(&mut value, &entries);
                let (obj, warnings) = write::decode::<K>(value, target, validation)?;
                let (created, warnings) = write::create(e, obj, query, warnings)?;
                return Ok((StatusCode::CREATED, created, warnings));
            }
        };
        let merged = merged(&live, &applied, mine, query.force())?;
        let (obj, warnings) = write::decode::<K>(merged, target, validation)?;
        let (updated, warnings) = write::update(e, obj, target, query, warnings)?;
        Ok((StatusCode::OK, updated, warnings))
    })?;
    write::answer(code, &*stored, &warnings)
}

/// The live object with `applied` laid over it by `mine`, and the managed fields that
/// result; a conflict unless `force`.
fn merged(live: &Value, applied: &Value, mine: Entry, force: bool) -> Result<Value, ApiError> {
    let mut entries = managers::read(live);
    let conflicts = managers::conflicts(&entries, &mine, live, applied);
    if !conflicts.is_empty() {
        if !force {
            return Err(ApiError::ApplyConflict {
                message: managers::message(&conflicts),
                causes: conflicts
                    .iter()
                    .map(|c| (c.field.clone(), format!("conflict with {}", c.manager)))
                    .collect(),
            });
        }
        managers::yield_conflicts(&mut entries, &conflicts);
    }
    let applied_set = fieldset::FieldSet::of(applied);
    let previous = entries
        .iter()
        .find(|e| e.manager == mine.manager && e.operation == "Apply")
        .map(|e| e.fields.clone())
        .unwrap_or_default();
    let mut merged = live.clone();
    // What this manager applied before and no longer does goes, unless shared; so do
    // the maps and lists left empty by that.
    for path in previous.0.difference(&applied_set.0) {
        let shared = entries
            .iter()
            .filter(|e| !(e.manager == mine.manager && e.operation == "Apply"))
            .any(|e| e.fields.0.contains(path));
        if !shared {
            fieldset::remove(&mut merged, path);
            for end in (1..path.len()).rev() {
                let parent = &path[..end];
                let emptied = fieldset::get(&merged, parent).is_some_and(|v| {
                    v.as_object().is_some_and(|m| m.is_empty())
                        || v.as_array().is_some_and(Vec::is_empty)
                });
                if emptied && parent.last().is_some_and(|p| p.starts_with("f:")) {
                    fieldset::remove(&mut merged, parent);
                }
            }
        }
    }
    merge::overlay(&mut merged, applied);
    // The Apply entry owns exactly what was applied now.
    entries.retain(|e| !(e.manager == mine.manager && e.operation == "Apply"));
    let mut mine = mine;
    mine.fields = applied_set;
    entries.push(mine);
    managers::write(&mut merged, &entries);
    Ok(merged)
}

#[cfg(test)]
mod tests;
