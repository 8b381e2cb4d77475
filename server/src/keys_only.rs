//! Secrets as the console reads them: names, types and keys, never values. The console
//! lists and watches Secrets through `/berth/keys-only/<API path>`, which reads the API
//! as the page's user and blanks every value before anything leaves the server (over
//! HTTP or the watch socket); the same works in front of a real cluster. One value is
//! sent only when a user who may `get` the Secret asks to reveal that key
//! (`/berth/reveal/<API path of the Secret>?key=K`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Extensions, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::api::ApiError;
use crate::auth::Auth;
use crate::clusters::split_prefix;

/// Where the console reads Secrets without their values.
pub const PREFIX: &str = "/berth/keys-only";
/// Where the console asks for one value.
const REVEAL: &str = "/berth/reveal";
/// The annotation where `kubectl apply` keeps what it applied, values included.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The API path behind a keys-only one, when it is a path of Secrets (with its query).
pub fn unwrap(path: &str) -> Option<&str> {
    let inner = path.strip_prefix(PREFIX)?;
    is_secrets(inner).then_some(inner)
}

/// Whether `path` (maybe under a cluster's prefix, maybe with a query) reads Secrets.
fn is_secrets(path: &str) -> bool {
    let (_, rest) = split_prefix(path);
    let (route, query) = rest
        .split_once('?')
        .map_or((rest, None), |(r, q)| (r, Some(q)));
    let attributes = crate::auth::rbac::attributes(&Method::GET, route, query);
    attributes.resource_request
        && attributes.api_group.is_empty()
        && attributes.resource == "secrets"
}

/// Blanks the values of a Secret, a SecretList or a watch event of a Secret.
pub fn blank(value: &mut Value) {
    match value["kind"].as_str() {
        Some("Secret") => {
            if let Some(data) = value.get_mut("data").and_then(Value::as_object_mut) {
                data.values_mut()
                    .for_each(|v| *v = Value::String(String::new()));
            }
            if let Some(object) = value.as_object_mut() {
                object.remove("stringData");
            }
            // `kubectl apply` keeps the whole object, values too, in an annotation; the
            // managed fields hold no values but are no business of the console either.
            if let Some(meta) = value.get_mut("metadata").and_then(Value::as_object_mut) {
                meta.remove("managedFields");
                if let Some(annotations) =
                    meta.get_mut("annotations").and_then(Value::as_object_mut)
                {
                    annotations.remove(LAST_APPLIED);
                }
            }
        }
        Some("SecretList") => {
            for item in value["items"].as_array_mut().into_iter().flatten() {
                item["kind"] = Value::String("Secret".to_owned());
                blank(item);
                if let Some(object) = item.as_object_mut() {
                    object.remove("kind");
                }
            }
        }
        _ => {
            if value.get("object").is_some() && value.get("type").is_some() {
                blank(&mut value["object"]);
            }
        }
    }
}

/// A watch stream's line (one event), with values blanked.
pub fn blank_line(line: &str) -> String {
    match serde_json::from_str::<Value>(line) {
        Ok(mut event) => {
            blank(&mut event);
            event.to_string()
        }
        // Not JSON: nothing of a Secret can be in it that isn't blanked by refusing it.
        Err(_) => String::new(),
    }
}

/// `/berth/keys-only/…` and `/berth/reveal/…`, reading through `api`.
pub fn routes(api: Router) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/{{*path}}"), get(keys_only))
        .route(&format!("{REVEAL}/{{*path}}"), get(reveal))
        .with_state(api)
}

/// Reads `path` through `api` as the user of the request whose extensions are `like`.
pub(crate) async fn read(api: Router, like: &Extensions, path: &str) -> Result<Value, Response> {
    let mut request = Request::get(path)
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .map_err(|e| ApiError::BadRequest(e.to_string()).into_response())?;
    Auth::act_as(like, request.extensions_mut());
    let Ok(response) = api.oneshot(request).await;
    if !response.status().is_success() {
        return Err(response);
    }
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()).into_response())?
        .to_bytes();
    serde_json::from_slice(&bytes).map_err(|e| ApiError::Internal(e.to_string()).into_response())
}

fn path_and_query(request: &Request) -> String {
    request
        .uri()
        .path_and_query()
        .map_or_else(String::new, |p| p.as_str().to_owned())
}

async fn keys_only(State(api): State<Router>, request: Request) -> Response {
    let full = path_and_query(&request);
    let Some(inner) = unwrap(&full) else {
        return ApiError::NoRoute.into_response();
    };
    let identity = request.extensions().clone();
    drop(request);
    match read(api, &identity, inner).await {
        Ok(mut value) => {
            blank(&mut value);
            Json(value).into_response()
        }
        Err(refused) => refused,
    }
}

/// `GET /berth/reveal/<API path of a Secret>?key=K`: that one value, as text.
async fn reveal(State(api): State<Router>, request: Request) -> Response {
    let path = request
        .uri()
        .path()
        .strip_prefix(REVEAL)
        .unwrap_or_default()
        .to_owned();
    let key = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("key="))
        .map(|k| {
            percent_encoding::percent_decode_str(k)
                .decode_utf8_lossy()
                .into_owned()
        });
    let (Some(key), true) = (key, is_secrets(&path)) else {
        return ApiError::NoRoute.into_response();
    };
    let identity = request.extensions().clone();
    drop(request);
    let secret = match read(api, &identity, &path).await {
        Ok(secret) => secret,
        Err(refused) => return refused,
    };
    let Some(encoded) = secret["data"][&key].as_str() else {
        return (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({ "message": format!("no key {key:?}") })),
        )
            .into_response();
    };
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    Json(serde_json::json!({ "key": key, "value": decoded })).into_response()
}

#[cfg(test)]
mod tests {
    use super::{blank, blank_line, unwrap};
    use serde_json::json;

    #[test]
    fn only_paths_of_secrets_are_read_keys_only() {
        assert_eq!(
            unwrap("/berth/keys-only/api/v1/namespaces/a/secrets?limit=5"),
            Some("/api/v1/namespaces/a/secrets?limit=5")
        );
        assert_eq!(
            unwrap("/berth/keys-only/c/east/api/v1/secrets"),
            Some("/c/east/api/v1/secrets")
        );
        assert_eq!(
            unwrap("/berth/keys-only/api/v1/namespaces/a/configmaps"),
            None
        );
        assert_eq!(unwrap("/api/v1/namespaces/a/secrets"), None);
    }

    #[test]
    fn values_are_blanked_in_objects_lists_and_events() {
        let secret = json!({"kind": "Secret", "metadata": {"name": "s", "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"aHVudGVyMg==\"}}",
            "note": "kept"
        }}, "data": {"password": "aHVudGVyMg=="}, "stringData": {"x": "y"}});
        let mut one = secret.clone();
        blank(&mut one);
        assert_eq!(one["data"], json!({"password": ""}));
        assert!(one.get("stringData").is_none());
        assert!(!one.to_string().contains("aHVudGVyMg=="));
        assert_eq!(one["metadata"]["annotations"]["note"], "kept");
        let mut list = json!({"kind": "SecretList", "items": [{"metadata": {"name": "s"}, "data": {"k": "dmFsdWU="}}]});
        blank(&mut list);
        assert_eq!(list["items"][0]["data"], json!({"k": ""}));
        let event = json!({"type": "ADDED", "object": secret}).to_string();
        assert!(!blank_line(&event).contains("aHVudGVyMg=="));
    }
}
