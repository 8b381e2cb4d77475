//! The Swagger 2.0 document, derived from the OpenAPI v3 documents
//! ([`super::super::schemas`]) rather than generated a second time, so the two can't
//! disagree: `definitions` are v3's `components/schemas` of every group version, with
//! their references and the few OpenAPI 3.0 forms rewritten the way upstream's v2
//! document has them; `paths` declare each kind's list, read and patch operations.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::super::schemas::{self, REF_PREFIX};
use super::super::{object_path, PATCH_QUERY};
use crate::api::discovery::{group_version_path, MAJOR, MINOR};
use crate::api::kinds::{self, Kind};

/// Where `$ref`s point in a v2 document.
pub const DEFINITIONS: &str = "#/definitions/";

/// Why the document couldn't be built.
#[derive(Debug, thiserror::Error)]
#[error("the OpenAPI v3 document of {path} doesn't parse: {source}")]
pub struct Error {
    /// The group version's path (`apis/apps/v1`).
    path: String,
    /// The parser's error.
    source: serde_json::Error,
}

/// The whole document, as JSON.
pub fn swagger() -> Result<Value, Error> {
    let mut definitions = Map::new();
    for (path, document) in schemas::documents() {
        let mut v3: Value = serde_json::from_slice(&document.body).map_err(|source| Error {
            path: path.clone(),
            source,
        })?;
        let Some(Value::Object(schemas)) = v3
            .get_mut("components")
            .and_then(|c| c.get_mut("schemas"))
            .map(Value::take)
        else {
            continue;
        };
        for (name, schema) in schemas {
            // Every group version's schemas come from the same types (and the same
            // patch tags), so one two documents share is the same in both.
            definitions.entry(name).or_insert_with(|| to_v2(schema));
        }
    }
    let named = kind_definitions(&definitions);
    let mut paths = Map::new();
    for kind in kinds::served() {
        let definition = named
            .get(&(kind.group, kind.version, kind.kind))
            .map(String::as_str);
        add_paths(&mut paths, &kind, definition);
    }
    Ok(json!({
        "swagger": "2.0",
        "info": { "title": "Kubernetes", "version": format!("v{MAJOR}.{MINOR}.0") },
        "paths": paths,
        "definitions": definitions,
    }))
}

/// One v3 schema (and those inside it) as Swagger 2.0 has it.
fn to_v2(schema: Value) -> Value {
    let mut map = match schema {
        Value::Object(map) => map,
        Value::Array(schemas) => return Value::Array(schemas.into_iter().map(to_v2).collect()),
        other => return other,
    };
    // `allOf: [{$ref}]` is how OpenAPI 3.0 gives a reference a description (and patch
    // tags) of its own; Swagger 2.0 puts them beside the `$ref`, and kube-openapi's
    // reader would take the wrapper for an untyped value with no fields.
    let lone_ref = match map.get("allOf") {
        Some(Value::Array(all)) if all.len() == 1 => all[0]
            .as_object()
            .filter(|only| only.len() == 1)
            .and_then(|only| only.get("$ref"))
            .cloned(),
        _ => None,
    };
    if let Some(reference) = lone_ref {
        map.remove("allOf");
        map.insert("$ref".to_owned(), reference);
    }
    if let Some(Value::String(reference)) = map.get_mut("$ref") {
        if let Some(name) = reference.strip_prefix(REF_PREFIX) {
            *reference = format!("{DEFINITIONS}{name}");
        }
    }
    // IntOrString and Quantity are untyped in v3, marked `x-kubernetes-int-or-string`;
    // upstream's v2 types them `string` with format `int-or-string`, which kubectl's v2
    // explain shows as `<string>` rather than `<Object>`.
    if map.get("x-kubernetes-int-or-string") == Some(&Value::Bool(true))
        && !map.contains_key("type")
    {
        map.insert("type".to_owned(), "string".into());
        map.entry("format")
            .or_insert_with(|| "int-or-string".into());
    }
    // OpenAPI 3.0 only; Swagger 2.0 has no null.
    map.remove("nullable");
    for key in ["items", "additionalProperties", "allOf"] {
        if let Some(sub) = map.get_mut(key) {
            *sub = to_v2(sub.take());
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for property in properties.values_mut() {
            *property = to_v2(property.take());
        }
    }
    Value::Object(map)
}

/// The definition of each kind, by its `x-kubernetes-group-version-kind`.
fn kind_definitions(definitions: &Map<String, Value>) -> HashMap<(&str, &str, &str), String> {
    let mut named = HashMap::new();
    for (name, schema) in definitions {
        let gvks = schema
            .get("x-kubernetes-group-version-kind")
            .and_then(Value::as_array);
        for gvk in gvks.into_iter().flatten() {
            let field = |key| gvk.get(key).and_then(Value::as_str);
            if let (Some(group), Some(version), Some(kind)) =
                (field("group"), field("version"), field("kind"))
            {
                named.insert((group, version, kind), name.clone());
            }
        }
    }
    named
}

/// A kind's collection (and, for namespaced kinds, all namespaces') and object paths.
fn add_paths(paths: &mut Map<String, Value>, kind: &Kind, definition: Option<&str>) {
    let prefix = group_version_path(kind.group, kind.version);
    let names = OperationNames::of(kind);
    let object_name = path_parameter("name", &format!("name of the {}", kind.kind));
    let collection = if kind.namespaced {
        let all = format!("{prefix}/{}", kind.plural);
        let list_all = operation(
            kind,
            "list",
            format!("list{}{}ForAllNamespaces", names.group, kind.kind),
            format!("list or watch objects of kind {}", kind.kind),
            list_parameters(),
            None,
        );
        paths.insert(all, json!({ "get": list_all }));
        format!("{prefix}/namespaces/{{namespace}}/{}", kind.plural)
    } else {
        format!("{prefix}/{}", kind.plural)
    };
    let list = operation(
        kind,
        "list",
        names.id("list"),
        format!("list or watch objects of kind {}", kind.kind),
        list_parameters(),
        None,
    );
    paths.insert(
        collection,
        json!({ "get": list, "parameters": scope_of(kind) }),
    );

    let read = operation(
        kind,
        "get",
        names.id("read"),
        format!("read the specified {}", kind.kind),
        Vec::new(),
        definition,
    );
    let mut patch_parameters = vec![json!({
        "name": "body",
        "in": "body",
        "required": true,
        "schema": { "type": "object" },
    })];
    // The same query parameters as v3's PATCH: `fieldValidation` among them tells
    // kubectl (reading v2 when v3 fails it) that the server checks fields itself.
    patch_parameters.extend(PATCH_QUERY.iter().map(|name| query(name, "string")));
    let mut patch = operation(
        kind,
        "patch",
        names.id("patch"),
        format!("partially update the specified {}", kind.kind),
        patch_parameters,
        definition,
    );
    patch["consumes"] = json!([
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ]);
    let mut scope = scope_of(kind);
    scope.insert(0, object_name);
    paths.insert(
        object_path(kind),
        json!({ "get": read, "patch": patch, "parameters": scope }),
    );
}

/// The path parameters of a kind's collection: its namespace, if it has one.
fn scope_of(kind: &Kind) -> Vec<Value> {
    if kind.namespaced {
        vec![path_parameter(
            "namespace",
            "object name and auth scope, such as for teams and projects",
        )]
    } else {
        Vec::new()
    }
}

/// Upstream's operation ids: `listAppsV1NamespacedDeployment`.
struct OperationNames {
    /// `CoreV1`, `AppsV1`.
    group: String,
    /// `Namespaced` or nothing.
    scope: &'static str,
    /// `Deployment`.
    kind: &'static str,
}

impl OperationNames {
    fn of(kind: &Kind) -> Self {
        let group = if kind.group.is_empty() {
            "core"
        } else {
            kind.group
        };
        OperationNames {
            group: format!("{}{}", camel(group), camel(kind.version)),
            scope: if kind.namespaced { "Namespaced" } else { "" },
            kind: kind.kind,
        }
    }

    fn id(&self, verb: &str) -> String {
        format!("{verb}{}{}{}", self.group, self.scope, self.kind)
    }
}

/// `metrics.k8s.io` to `MetricsK8sIo`.
fn camel(name: &str) -> String {
    name.split(['.', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// One operation, marked with its kind as upstream's are (kubectl finds a kind's PATCH
/// by `x-kubernetes-group-version-kind`).
fn operation(
    kind: &Kind,
    action: &str,
    id: String,
    description: String,
    parameters: Vec<Value>,
    definition: Option<&str>,
) -> Value {
    let mut ok = json!({ "description": "OK" });
    if let Some(name) = definition {
        ok["schema"] = json!({ "$ref": format!("{DEFINITIONS}{name}") });
    }
    let tag = if kind.group.is_empty() {
        format!("core_{}", kind.version)
    } else {
        format!("{}_{}", kind.group.replace('.', "_"), kind.version)
    };
    let mut operation = json!({
        "operationId": id,
        "description": description,
        "tags": [tag],
        "consumes": ["*/*"],
        "produces": ["application/json", "application/yaml"],
        "schemes": ["https"],
        "responses": { "200": ok, "401": { "description": "Unauthorized" } },
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": {
            "group": kind.group,
            "kind": kind.kind,
            "version": kind.version,
        },
    });
    if !parameters.is_empty() {
        operation["parameters"] = parameters.into();
    }
    operation
}

fn list_parameters() -> Vec<Value> {
    [
        ("labelSelector", "string"),
        ("fieldSelector", "string"),
        ("limit", "integer"),
        ("continue", "string"),
        ("resourceVersion", "string"),
        ("watch", "boolean"),
    ]
    .into_iter()
    .map(|(name, kind)| query(name, kind))
    .collect()
}

fn query(name: &str, kind: &str) -> Value {
    json!({ "name": name, "in": "query", "type": kind, "uniqueItems": true })
}

fn path_parameter(name: &str, description: &str) -> Value {
    json!({
        "name": name,
        "in": "path",
        "required": true,
        "type": "string",
        "uniqueItems": true,
        "description": description,
    })
}
