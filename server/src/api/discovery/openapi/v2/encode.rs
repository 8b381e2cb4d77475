//! A Swagger 2.0 document, as JSON, turned into gnostic's messages ([`super::gnostic`]),
//! the way gnostic's own compiler reads a document: JSON maps become ordered `Named*`
//! lists, `x-…` keys become vendor extensions holding their value as YAML (which is
//! how kube-openapi reads `x-kubernetes-group-version-kind` and the patch tags back).
//!
//! Keywords Swagger 2.0 has no field for are skipped, as gnostic does.

use serde_json::{Map, Value};

use super::gnostic::{
    AdditionalPropertiesItem, AdditionalPropertiesOneof, Any, BodyParameter, Definitions, Document,
    Info, ItemsItem, JsonReference, NamedAny, NamedPathItem, NamedResponseValue, NamedSchema,
    NonBodyParameter, NonBodyParameterOneof, Operation, Parameter, ParameterOneof, ParametersItem,
    ParametersItemOneof, PathItem, PathParameterSubSchema, Paths, Properties,
    QueryParameterSubSchema, Response, ResponseValue, Responses, Schema, SchemaItem, TypeItem,
};

/// Why a document couldn't be converted; `at` is where, as a JSON pointer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value of the wrong JSON type for its keyword.
    #[error("{at}: expected {expected}")]
    Shape {
        /// Where.
        at: String,
        /// What the keyword takes.
        expected: &'static str,
    },
    /// A parameter in a place gnostic's messages here don't cover.
    #[error("{at}: parameters in {place} are not supported")]
    Place {
        /// Where.
        at: String,
        /// Its `in`.
        place: String,
    },
    /// A free-form value that didn't serialize as YAML.
    #[error("{at}: {source}")]
    Yaml {
        /// Where.
        at: String,
        /// The serializer's error.
        source: serde_norway::Error,
    },
}

type Result<T> = std::result::Result<T, Error>;

/// The whole document.
pub fn document(json: &Value) -> Result<Document> {
    let at = "#";
    let doc = object(json, at)?;
    Ok(Document {
        swagger: text(doc, "swagger", at)?,
        info: doc.get("info").map(|v| info(v, "#/info")).transpose()?,
        consumes: strings(doc, "consumes", at)?,
        produces: strings(doc, "produces", at)?,
        paths: doc.get("paths").map(|v| paths(v, "#/paths")).transpose()?,
        definitions: doc
            .get("definitions")
            .map(|v| definitions(v, "#/definitions"))
            .transpose()?,
        vendor_extension: extensions(doc, at)?,
    })
}

fn info(value: &Value, at: &str) -> Result<Info> {
    let map = object(value, at)?;
    Ok(Info {
        title: text(map, "title", at)?,
        version: text(map, "version", at)?,
        description: text(map, "description", at)?,
        vendor_extension: extensions(map, at)?,
    })
}

fn definitions(value: &Value, at: &str) -> Result<Definitions> {
    Ok(Definitions {
        additional_properties: named_schemas(value, at)?,
    })
}

fn named_schemas(value: &Value, at: &str) -> Result<Vec<NamedSchema>> {
    object(value, at)?
        .iter()
        .map(|(name, value)| {
            Ok(NamedSchema {
                name: name.clone(),
                value: Some(schema(value, &format!("{at}/{name}"))?),
            })
        })
        .collect()
}

/// One schema, and the schemas inside it.
pub fn schema(value: &Value, at: &str) -> Result<Schema> {
    let s = object(value, at)?;
    let any_at = |key: &str| -> Result<Option<Any>> {
        s.get(key)
            .map(|v| any(v, &format!("{at}/{key}")))
            .transpose()
    };
    Ok(Schema {
        xref: text(s, "$ref", at)?,
        format: text(s, "format", at)?,
        title: text(s, "title", at)?,
        description: text(s, "description", at)?,
        default: any_at("default")?,
        multiple_of: number(s, "multipleOf", at)?,
        maximum: number(s, "maximum", at)?,
        exclusive_maximum: flag(s, "exclusiveMaximum", at)?,
        minimum: number(s, "minimum", at)?,
        exclusive_minimum: flag(s, "exclusiveMinimum", at)?,
        max_length: integer(s, "maxLength", at)?,
        min_length: integer(s, "minLength", at)?,
        pattern: text(s, "pattern", at)?,
        max_items: integer(s, "maxItems", at)?,
        min_items: integer(s, "minItems", at)?,
        unique_items: flag(s, "uniqueItems", at)?,
        max_properties: integer(s, "maxProperties", at)?,
        min_properties: integer(s, "minProperties", at)?,
        required: strings(s, "required", at)?,
        r#enum: list(s, "enum", at)?
            .iter()
            .map(|v| any(v, &format!("{at}/enum")))
            .collect::<Result<_>>()?,
        additional_properties: s
            .get("additionalProperties")
            .map(|v| additional_properties(v, &format!("{at}/additionalProperties")))
            .transpose()?,
        r#type: s
            .get("type")
            .map(|v| type_item(v, &format!("{at}/type")))
            .transpose()?,
        items: s
            .get("items")
            .map(|v| items(v, &format!("{at}/items")))
            .transpose()?,
        all_of: list(s, "allOf", at)?
            .iter()
            .map(|v| schema(v, &format!("{at}/allOf")))
            .collect::<Result<_>>()?,
        // Present even when empty: kube-openapi tells objects from maps by whether
        // `properties` is there at all.
        properties: s
            .get("properties")
            .map(|v| {
                Ok(Properties {
                    additional_properties: named_schemas(v, &format!("{at}/properties"))?,
                })
            })
            .transpose()?,
        discriminator: text(s, "discriminator", at)?,
        read_only: flag(s, "readOnly", at)?,
        example: any_at("example")?,
        vendor_extension: extensions(s, at)?,
    })
}

fn additional_properties(value: &Value, at: &str) -> Result<AdditionalPropertiesItem> {
    let oneof = match value {
        Value::Bool(allowed) => AdditionalPropertiesOneof::Boolean(*allowed),
        other => AdditionalPropertiesOneof::Schema(Box::new(schema(other, at)?)),
    };
    Ok(AdditionalPropertiesItem { oneof: Some(oneof) })
}

fn type_item(value: &Value, at: &str) -> Result<TypeItem> {
    let value = match value {
        Value::String(one) => vec![one.clone()],
        Value::Array(several) => several
            .iter()
            .map(|t| {
                t.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| shape(at, "a type name"))
            })
            .collect::<Result<_>>()?,
        _ => return Err(shape(at, "a type name or a list of them")),
    };
    Ok(TypeItem { value })
}

fn items(value: &Value, at: &str) -> Result<ItemsItem> {
    let schema = match value {
        Value::Array(several) => several
            .iter()
            .map(|v| schema(v, at))
            .collect::<Result<_>>()?,
        one => vec![schema(one, at)?],
    };
    Ok(ItemsItem { schema })
}

fn paths(value: &Value, at: &str) -> Result<Paths> {
    let map = object(value, at)?;
    let path = map
        .iter()
        .filter(|(name, _)| !name.starts_with("x-"))
        .map(|(name, item)| {
            Ok(NamedPathItem {
                name: name.clone(),
                value: Some(path_item(item, &format!("{at}/{name}"))?),
            })
        })
        .collect::<Result<_>>()?;
    Ok(Paths {
        vendor_extension: extensions(map, at)?,
        path,
    })
}

fn path_item(value: &Value, at: &str) -> Result<PathItem> {
    let map = object(value, at)?;
    let op = |method: &str| -> Result<Option<Operation>> {
        map.get(method)
            .map(|v| operation(v, &format!("{at}/{method}")))
            .transpose()
    };
    Ok(PathItem {
        xref: text(map, "$ref", at)?,
        get: op("get")?,
        put: op("put")?,
        post: op("post")?,
        delete: op("delete")?,
        options: op("options")?,
        head: op("head")?,
        patch: op("patch")?,
        parameters: parameters(map, at)?,
        vendor_extension: extensions(map, at)?,
    })
}

fn operation(value: &Value, at: &str) -> Result<Operation> {
    let map = object(value, at)?;
    Ok(Operation {
        tags: strings(map, "tags", at)?,
        summary: text(map, "summary", at)?,
        description: text(map, "description", at)?,
        operation_id: text(map, "operationId", at)?,
        produces: strings(map, "produces", at)?,
        consumes: strings(map, "consumes", at)?,
        parameters: parameters(map, at)?,
        responses: map
            .get("responses")
            .map(|v| responses(v, &format!("{at}/responses")))
            .transpose()?,
        schemes: strings(map, "schemes", at)?,
        deprecated: flag(map, "deprecated", at)?,
        vendor_extension: extensions(map, at)?,
    })
}

fn parameters(map: &Map<String, Value>, at: &str) -> Result<Vec<ParametersItem>> {
    let at = format!("{at}/parameters");
    list(map, "parameters", &at)?
        .iter()
        .map(|p| {
            let p = object(p, &at)?;
            let oneof = if p.contains_key("$ref") {
                ParametersItemOneof::JsonReference(JsonReference {
                    xref: text(p, "$ref", &at)?,
                    description: text(p, "description", &at)?,
                })
            } else {
                ParametersItemOneof::Parameter(parameter(p, &at)?)
            };
            Ok(ParametersItem { oneof: Some(oneof) })
        })
        .collect()
}

fn parameter(p: &Map<String, Value>, at: &str) -> Result<Parameter> {
    let place = text(p, "in", at)?;
    let (required, description, name) = (
        flag(p, "required", at)?,
        text(p, "description", at)?,
        text(p, "name", at)?,
    );
    let (kind, format) = (text(p, "type", at)?, text(p, "format", at)?);
    let (unique_items, vendor_extension) = (flag(p, "uniqueItems", at)?, extensions(p, at)?);
    let oneof = match place.as_str() {
        "body" => ParameterOneof::BodyParameter(BodyParameter {
            description,
            name,
            r#in: place,
            required,
            schema: p
                .get("schema")
                .map(|s| schema(s, at).map(Box::new))
                .transpose()?,
            vendor_extension,
        }),
        "query" => non_body(NonBodyParameterOneof::QueryParameterSubSchema(
            QueryParameterSubSchema {
                required,
                r#in: place,
                description,
                name,
                r#type: kind,
                format,
                unique_items,
                vendor_extension,
            },
        )),
        "path" => non_body(NonBodyParameterOneof::PathParameterSubSchema(
            PathParameterSubSchema {
                required,
                r#in: place,
                description,
                name,
                r#type: kind,
                format,
                unique_items,
                vendor_extension,
            },
        )),
        _ => {
            return Err(Error::Place {
                at: at.to_owned(),
                place,
            })
        }
    };
    Ok(Parameter { oneof: Some(oneof) })
}

fn non_body(oneof: NonBodyParameterOneof) -> ParameterOneof {
    ParameterOneof::NonBodyParameter(NonBodyParameter { oneof: Some(oneof) })
}

fn responses(value: &Value, at: &str) -> Result<Responses> {
    let map = object(value, at)?;
    let response_code = map
        .iter()
        .filter(|(code, _)| !code.starts_with("x-"))
        .map(|(code, response)| {
            let at = format!("{at}/{code}");
            let r = object(response, &at)?;
            let schema = r
                .get("schema")
                .map(|s| {
                    Ok(SchemaItem {
                        schema: Some(schema(s, &at)?),
                    })
                })
                .transpose()?;
            Ok(NamedResponseValue {
                name: code.clone(),
                value: Some(ResponseValue {
                    response: Some(Response {
                        description: text(r, "description", &at)?,
                        schema,
                        vendor_extension: extensions(r, &at)?,
                    }),
                }),
            })
        })
        .collect::<Result<_>>()?;
    Ok(Responses {
        response_code,
        vendor_extension: extensions(map, at)?,
    })
}

/// The `x-…` keys of an object, in order.
fn extensions(map: &Map<String, Value>, at: &str) -> Result<Vec<NamedAny>> {
    map.iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| {
            Ok(NamedAny {
                name: key.clone(),
                value: Some(any(value, &format!("{at}/{key}"))?),
            })
        })
        .collect()
}

/// A free-form value as gnostic keeps it: its YAML text.
fn any(value: &Value, at: &str) -> Result<Any> {
    let yaml = serde_norway::to_string(value).map_err(|source| Error::Yaml {
        at: at.to_owned(),
        source,
    })?;
    Ok(Any { yaml })
}

fn shape(at: &str, expected: &'static str) -> Error {
    Error::Shape {
        at: at.to_owned(),
        expected,
    }
}

fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| shape(at, "an object"))
}

/// A string keyword; absent is empty, as proto3 has it.
fn text(map: &Map<String, Value>, key: &str, at: &str) -> Result<String> {
    match map.get(key) {
        None => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(shape(&format!("{at}/{key}"), "a string")),
    }
}

fn flag(map: &Map<String, Value>, key: &str, at: &str) -> Result<bool> {
    match map.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(shape(&format!("{at}/{key}"), "a boolean")),
    }
}

fn number(map: &Map<String, Value>, key: &str, at: &str) -> Result<f64> {
    match map.get(key) {
        None => Ok(0.0),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| shape(&format!("{at}/{key}"), "a number")),
    }
}

fn integer(map: &Map<String, Value>, key: &str, at: &str) -> Result<i64> {
    match map.get(key) {
        None => Ok(0),
        Some(v) => v
            .as_i64()
            .ok_or_else(|| shape(&format!("{at}/{key}"), "an integer")),
    }
}

fn list<'a>(map: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a [Value]> {
    match map.get(key) {
        None => Ok(&[]),
        Some(Value::Array(values)) => Ok(values),
        Some(_) => Err(shape(&format!("{at}/{key}"), "a list")),
    }
}

fn strings(map: &Map<String, Value>, key: &str, at: &str) -> Result<Vec<String>> {
    list(map, key, at)?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| shape(&format!("{at}/{key}"), "a list of strings"))
        })
        .collect()
}
