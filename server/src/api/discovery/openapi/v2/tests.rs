//! The v2 document in both encodings: decoded back from protobuf, definitions and
//! their vendor extensions are there as kube-openapi reads them, and every schema has
//! a shape kube-openapi's v2 reader accepts (it rejects the whole document otherwise).

use prost::Message;
use serde_json::{json, Value};

use super::document::DEFINITIONS;
use super::gnostic::{self, NamedAny, NamedSchema};
use super::{served, wants_protobuf};

fn decoded() -> gnostic::Document {
    let served = served().expect("the v2 document builds");
    gnostic::Document::decode(served.protobuf.as_ref()).expect("the protobuf decodes")
}

fn definition<'a>(doc: &'a gnostic::Document, name: &str) -> &'a gnostic::Schema {
    doc.definitions
        .as_ref()
        .and_then(|d| d.additional_properties.iter().find(|n| n.name == name))
        .and_then(|n| n.value.as_ref())
        .unwrap_or_else(|| panic!("no definition {name}"))
}

fn property<'a>(schema: &'a gnostic::Schema, name: &str) -> &'a gnostic::Schema {
    schema
        .properties
        .as_ref()
        .and_then(|p| p.additional_properties.iter().find(|n| n.name == name))
        .and_then(|n: &NamedSchema| n.value.as_ref())
        .unwrap_or_else(|| panic!("no property {name}"))
}

/// An extension's value, read from its YAML as kube-openapi does.
fn extension(extensions: &[NamedAny], name: &str) -> Value {
    let yaml = extensions
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.value.as_ref())
        .map(|v| v.yaml.as_str())
        .unwrap_or_else(|| panic!("no extension {name}"));
    serde_norway::from_str(yaml).expect("YAML")
}

#[test]
fn protobuf_decodes_to_the_definitions_and_their_extensions() {
    let served = served().expect("the v2 document builds");
    // Field 1 (`swagger`), length 3: the numbering is gnostic's, not only our own.
    assert!(served.protobuf.starts_with(b"\x0a\x032.0"));

    let doc = decoded();
    assert_eq!(doc.swagger, "2.0");
    assert_eq!(
        doc.info.as_ref().map(|i| i.title.as_str()),
        Some("Kubernetes")
    );

    let deployment = definition(&doc, "io.k8s.api.apps.v1.Deployment");
    assert_eq!(
        extension(
            &deployment.vendor_extension,
            "x-kubernetes-group-version-kind"
        ),
        json!([{ "group": "apps", "kind": "Deployment", "version": "v1" }])
    );
    let spec = definition(&doc, "io.k8s.api.apps.v1.DeploymentSpec");
    let strategy = property(spec, "strategy");
    assert_eq!(
        strategy.xref,
        format!("{DEFINITIONS}io.k8s.api.apps.v1.DeploymentStrategy")
    );
    assert!(
        strategy.r#type.is_none(),
        "a reference has no type of its own"
    );
    assert!(strategy.description.contains("deployment strategy"));
    assert_eq!(
        extension(&strategy.vendor_extension, "x-kubernetes-patch-strategy"),
        json!("retainKeys")
    );
    assert!(spec.required.contains(&"selector".to_owned()));

    let containers = property(definition(&doc, "io.k8s.api.core.v1.PodSpec"), "containers");
    assert_eq!(
        containers.r#type.as_ref().map(|t| t.value.clone()),
        Some(vec!["array".to_owned()])
    );
    let items = containers.items.as_ref().expect("items");
    assert_eq!(
        items.schema[0].xref,
        format!("{DEFINITIONS}io.k8s.api.core.v1.Container")
    );
    assert_eq!(
        extension(&containers.vendor_extension, "x-kubernetes-patch-merge-key"),
        json!("name")
    );
}

#[test]
fn each_kinds_patch_declares_field_validation() {
    let doc = decoded();
    let paths = doc.paths.expect("paths").path;
    let item = paths
        .iter()
        .find(|p| p.name == "/apis/apps/v1/namespaces/{namespace}/deployments/{name}")
        .and_then(|p| p.value.as_ref())
        .expect("the Deployment's path");
    let patch = item.patch.as_ref().expect("PATCH");
    // kubectl reads an operation's kind as one map, not a list.
    assert_eq!(
        extension(&patch.vendor_extension, "x-kubernetes-group-version-kind"),
        json!({ "group": "apps", "kind": "Deployment", "version": "v1" })
    );
    let names: Vec<&str> = patch
        .parameters
        .iter()
        .filter_map(|p| match &p.oneof {
            Some(gnostic::ParametersItemOneof::Parameter(gnostic::Parameter {
                oneof: Some(gnostic::ParameterOneof::NonBodyParameter(n)),
            })) => match &n.oneof {
                Some(gnostic::NonBodyParameterOneof::QueryParameterSubSchema(q)) => {
                    Some(q.name.as_str())
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert!(names.contains(&"fieldValidation"), "{names:?}");
    assert!(paths
        .iter()
        .any(|p| p.name == "/api/v1/namespaces/{namespace}/pods"
            && p.value.as_ref().and_then(|v| v.get.as_ref()).is_some()));
}

#[test]
fn accept_chooses_the_encoding() {
    let accept = |value: &'static str| {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::ACCEPT,
            axum::http::HeaderValue::from_static(value),
        );
        wants_protobuf(&headers)
    };
    // client-go's, and the older spelling.
    assert!(accept(
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
    ));
    assert!(accept(
        "application/json;q=0.5, application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
    ));
    assert!(!accept("application/json"));
    assert!(!wants_protobuf(&axum::http::HeaderMap::new()));
}

#[test]
fn json_refers_only_to_its_definitions() {
    let served = served().expect("the v2 document builds");
    let doc: Value = serde_json::from_slice(&served.json).expect("JSON");
    assert_eq!(doc["swagger"], "2.0");
    let definitions = doc["definitions"].as_object().expect("definitions");
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let name = reference
            .strip_prefix(DEFINITIONS)
            .unwrap_or_else(|| panic!("{reference} is not a definition"));
        assert!(definitions.contains_key(name), "{reference} is dangling");
    }
    let int_or_string = &definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"];
    assert_eq!(int_or_string["type"], "string");
    assert_eq!(int_or_string["format"], "int-or-string");
    for (name, schema) in definitions {
        check_shape(schema, name);
    }
}

fn collect_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                refs.push(reference.clone());
            }
            map.values().for_each(|v| collect_refs(v, refs));
        }
        Value::Array(values) => values.iter().for_each(|v| collect_refs(v, refs)),
        _ => {}
    }
}

/// What kube-openapi's `ParseSchema` rejects: a typed or structured `$ref`, an array
/// without one item schema, an unknown primitive type, an `allOf` it would ignore.
fn check_shape(schema: &Value, at: &str) {
    assert!(schema.get("allOf").is_none(), "{at}: allOf");
    if schema.get("$ref").is_some() {
        assert!(schema.get("type").is_none(), "{at}: a typed reference");
        assert!(
            schema.get("properties").is_none(),
            "{at}: a reference with fields"
        );
        return;
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => {
            assert!(
                schema["items"].is_object(),
                "{at}: an array of one item schema"
            );
            check_shape(&schema["items"], &format!("{at}[]"));
        }
        Some("object") | None => {
            if let Some(Value::Object(properties)) = schema.get("properties") {
                for (name, property) in properties {
                    check_shape(property, &format!("{at}.{name}"));
                }
            }
            if let Some(sub @ Value::Object(_)) = schema.get("additionalProperties") {
                check_shape(sub, &format!("{at}{{}}"));
            }
        }
        Some(primitive) => assert!(
            ["string", "integer", "number", "boolean"].contains(&primitive),
            "{at}: {primitive}"
        ),
    }
}
