//! `meta.k8s.io/v1` Tables: what `kubectl get` asks for (`Accept: application/json;
//! as=Table;v=v1;g=meta.k8s.io`) and prints as is, so the columns are upstream's
//! (`pkg/printers/internalversion/printers.go`). As upstream's server does, every row
//! carries every column, wide ones included (`priority: 1`); kubectl hides those
//! unless `-o wide`.

mod age;
mod batch;
mod core;
mod endpoints;
mod networking;
mod plain;
mod pods;
mod quota;
mod rbac;
pub mod selector;
mod workloads;

use axum::http::{header, HeaderMap};
use engine::store::Object;
use k8s_openapi::jiff::Timestamp;
use serde::Serialize;
use serde_json::{json, Value};

/// A column of a kind's table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    /// Upstream's title (`Name`, `Ready`); kubectl prints it upper-cased.
    pub name: &'static str,
    /// `string` or `integer`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `name` for the name column, else empty.
    pub format: &'static str,
    /// What the column shows.
    pub description: &'static str,
    /// 0 for the default columns, 1 for those only `-o wide` shows.
    pub priority: i32,
}

impl Column {
    /// A default column of strings.
    pub const fn text(name: &'static str, description: &'static str) -> Column {
        Column {
            name,
            kind: "string",
            format: "",
            description,
            priority: 0,
        }
    }

    /// A default column of numbers.
    pub const fn number(name: &'static str, description: &'static str) -> Column {
        Column {
            kind: "integer",
            ..Column::text(name, description)
        }
    }

    /// This column, shown only with `-o wide`.
    pub const fn wide(self) -> Column {
        Column {
            priority: 1,
            ..self
        }
    }
}

/// The `Name` column every kind starts with.
pub const NAME: Column = Column {
    format: "name",
    ..Column::text(
        "Name",
        "Name must be unique within a namespace. Cannot be updated.",
    )
};

/// The `Age` column.
pub const AGE: Column = Column::text(
    "Age",
    "CreationTimestamp is a timestamp representing the server time when this object was created.",
);

/// A kind's columns and its rows' cells.
pub trait Printed: Object {
    /// The columns, default ones first (`NAME AGE` unless a kind has its own).
    fn columns() -> &'static [Column] {
        &[NAME, AGE]
    }

    /// One cell per column, for the time `now`.
    fn cells(&self, now: Timestamp) -> Vec<Value> {
        vec![
            json!(name(self)),
            json!(age::since_time(
                self.metadata().creation_timestamp.as_ref(),
                now
            )),
        ]
    }

    /// Row conditions (a finished pod's `Completed`), none by default.
    fn conditions(&self) -> Option<Value> {
        None
    }
}

/// The object's name, or empty.
fn name<K: Object>(obj: &K) -> String {
    obj.metadata().name.clone().unwrap_or_default()
}

/// What each row carries of its object (`?includeObject=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Include {
    /// Nothing.
    None,
    /// The object's metadata, as a `PartialObjectMetadata` (upstream's default).
    Metadata,
    /// The whole object.
    Object,
}

/// How a GET or watch answers objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    /// As the objects themselves (a `<Kind>List` for a list).
    Objects,
    /// As a Table.
    Table(Include),
}

impl Render {
    /// Reads the `Accept` header (a Table when any media type asks for
    /// `as=Table;g=meta.k8s.io;v=v1`) and `?includeObject=`.
    pub fn from_request(headers: &HeaderMap, include_object: Option<&str>) -> Render {
        let accept = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(asks_for_table);
        if !accept {
            return Render::Objects;
        }
        Render::Table(match include_object {
            Some("None") => Include::None,
            Some("Object") => Include::Object,
            _ => Include::Metadata,
        })
    }
}

/// Whether one media type of an `Accept` header is `application/json;as=Table;
/// v=v1;g=meta.k8s.io` (parameters in any order).
fn asks_for_table(media_type: &str) -> bool {
    let mut parts = media_type.split(';').map(str::trim);
    if parts.next() != Some("application/json") {
        return false;
    }
    let params: Vec<(&str, &str)> = parts.filter_map(|p| p.split_once('=')).collect();
    let has = |key: &str, value: &str| params.iter().any(|(k, v)| *k == key && *v == value);
    has("as", "Table") && has("g", "meta.k8s.io") && has("v", "v1")
}

/// One object's row.
fn row<K: Printed>(obj: &K, now: Timestamp, include: Include) -> Value {
    let mut row = json!({ "cells": obj.cells(now) });
    if let Some(conditions) = obj.conditions() {
        row["conditions"] = conditions;
    }
    let object = match include {
        Include::None => None,
        Include::Metadata => Some(json!({
            "kind": "PartialObjectMetadata",
            "apiVersion": "meta.k8s.io/v1",
            "metadata": obj.metadata(),
        })),
        Include::Object => serde_json::to_value(obj).ok(),
    };
    if let Some(object) = object {
        row["object"] = object;
    }
    row
}

/// A Table of `items` at `resource_version`.
pub fn table<'a, K: Printed + 'a>(
    items: impl IntoIterator<Item = &'a K>,
    resource_version: &str,
    now: Timestamp,
    include: Include,
) -> Value {
    let rows: Vec<Value> = items.into_iter().map(|o| row(o, now, include)).collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": { "resourceVersion": resource_version },
        "columnDefinitions": K::columns(),
        "rows": rows,
    })
}

/// A Table of one object (a GET, or one watch event).
pub fn table_of<K: Printed>(obj: &K, now: Timestamp, include: Include) -> Value {
    let rv = obj.metadata().resource_version.clone().unwrap_or_default();
    table(std::iter::once(obj), &rv, now, include)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectls_accept_header_asks_for_a_table() {
        assert!(asks_for_table(
            "application/json;as=Table;v=v1;g=meta.k8s.io"
        ));
        assert!(asks_for_table(
            "application/json; g=meta.k8s.io; v=v1; as=Table"
        ));
        assert!(!asks_for_table(
            "application/json;as=Table;v=v1beta1;g=meta.k8s.io"
        ));
        assert!(!asks_for_table("application/json"));
        assert!(!asks_for_table(
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
        ));
    }
}
