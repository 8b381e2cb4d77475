//! The schemas of the served kinds, generated from the k8s-openapi types Berth serves
//! (their `schemars` descriptions are upstream's), one OpenAPI v3 document per group
//! version, as the API server publishes them under `/openapi/v3/<group version>`.
//!
//! Generated once, on first use, and kept: every kubectl command reads them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::body::Bytes;
use k8s_openapi::schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use super::patch_meta;
use super::{object_path, patch_operation};
use crate::api::discovery::group_version_path;
use crate::api::kinds::{self, Kind};

/// Where `$ref`s point in a v3 document.
pub const REF_PREFIX: &str = "#/components/schemas/";

/// One group version's document, serialized, and a hash of it for its URL.
pub struct Document {
    /// `?hash=` in `/openapi/v3`'s index: changes whenever the document does, so
    /// clients' caches stay right.
    pub hash: String,
    /// The JSON.
    pub body: Bytes,
}

/// Every group version's document, by its path without the leading `/` (`api/v1`,
/// `apis/apps/v1`), built on first call.
pub fn documents() -> &'static BTreeMap<String, Document> {
    static DOCUMENTS: OnceLock<BTreeMap<String, Document>> = OnceLock::new();
    DOCUMENTS.get_or_init(build)
}

fn build() -> BTreeMap<String, Document> {
    let served = kinds::served();
    let mut by_group_version: BTreeMap<String, Vec<&Kind>> = BTreeMap::new();
    for kind in &served {
        let path = group_version_path(kind.group, kind.version);
        by_group_version
            .entry(path.trim_start_matches('/').to_owned())
            .or_default()
            .push(kind);
    }
    by_group_version
        .into_iter()
        .map(|(path, kinds)| {
            let body = serde_json::to_vec(&document(&kinds)).unwrap_or_default();
            let hash = format!("{:016X}", fnv(&body));
            (
                path,
                Document {
                    hash,
                    body: Bytes::from(body),
                },
            )
        })
        .collect()
}

/// The document of the kinds of one group version: their schemas and everything they
/// refer to, with upstream's extensions, and each kind's PATCH operation (whose
/// `fieldValidation` parameter tells kubectl the server checks fields itself).
pub fn document(kinds: &[&Kind]) -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let roots: Vec<(String, &Kind)> = kinds
        .iter()
        .filter_map(|kind| {
            let reference = (kind.schema)(&mut generator);
            let name = reference
                .get("$ref")
                .and_then(Value::as_str)?
                .strip_prefix(REF_PREFIX)?
                .to_owned();
            Some((name, *kind))
        })
        .collect();
    let mut schemas = generator.take_definitions(true);
    for (name, kind) in &roots {
        if let Some(Value::Object(schema)) = schemas.get_mut(name) {
            schema.insert(
                "x-kubernetes-group-version-kind".to_owned(),
                json!([{ "group": kind.group, "kind": kind.kind, "version": kind.version }]),
            );
        }
        patch_meta::annotate(&mut schemas, name);
    }
    let mut paths = Map::new();
    for kind in kinds {
        paths.insert(object_path(kind), patch_operation(kind));
    }
    json!({
        "openapi": "3.0.0",
        "info": {
            "title": "Kubernetes",
            "version": format!("v{}.{}.0", super::super::MAJOR, super::super::MINOR),
        },
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

/// FNV-1a over the document.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
