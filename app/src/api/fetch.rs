//! `GET` and `DELETE` against the API: in process on the server, with `fetch` in the
//! browser. Futures are `Send` so resources can await them on both sides.

use std::future::Future;

use serde::de::DeserializeOwned;

use super::ApiError;

/// Reads `path` (e.g. `/api/v1/namespaces/default/pods`) as JSON.
pub fn get_json<T: DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = Result<T, ApiError>> + Send + 'static {
    let text = get_text(path);
    async move { serde_json::from_str(&text.await?).map_err(|e| ApiError::Decode(e.to_string())) }
}

/// Reads `path` as plain text (a container's log).
pub fn get_text(path: String) -> impl Future<Output = Result<String, ApiError>> + Send + 'static {
    let answer = send(Method::Get, path);
    async move {
        let (code, body) = answer.await?;
        if !(200..300).contains(&code) {
            return Err(ApiError::from_answer(code, &body));
        }
        Ok(body)
    }
}

/// Deletes the object at `path`.
pub fn delete(path: String) -> impl Future<Output = Result<(), ApiError>> + Send + 'static {
    let answer = send(Method::Delete, path);
    async move {
        let (code, body) = answer.await?;
        if (200..300).contains(&code) {
            Ok(())
        } else {
            Err(ApiError::from_answer(code, &body))
        }
    }
}

/// Sends `body` with `POST` to `path` and reads the answer as JSON (the created object).
pub fn post_json(
    path: String,
    body: &serde_json::Value,
) -> impl Future<Output = Result<serde_json::Value, ApiError>> + Send + 'static {
    write(Method::Post(body.to_string()), path)
}

/// Replaces the object at `path` with `body` (`PUT`); a `resourceVersion` in `body`
/// makes it refuse (409) when someone changed the object since it was read.
pub fn put_json(
    path: String,
    body: &serde_json::Value,
) -> impl Future<Output = Result<serde_json::Value, ApiError>> + Send + 'static {
    write(Method::Put(body.to_string()), path)
}

/// Applies a JSON merge patch to the object at `path`.
pub fn merge_patch(
    path: String,
    patch: &serde_json::Value,
) -> impl Future<Output = Result<serde_json::Value, ApiError>> + Send + 'static {
    write(Method::Patch(patch.to_string()), path)
}

/// Sends a write and reads the answer (the object as stored) as JSON.
fn write(
    method: Method,
    path: String,
) -> impl Future<Output = Result<serde_json::Value, ApiError>> + Send + 'static {
    let answer = send(method, path);
    async move {
        let (code, body) = answer.await?;
        if !(200..300).contains(&code) {
            return Err(ApiError::from_answer(code, &body));
        }
        serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
    }
}

#[derive(Clone)]
enum Method {
    Get,
    Delete,
    // The server renders pages and never writes: only the browser reads the bodies.
    Post(#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] String),
    Put(#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] String),
    Patch(#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] String),
}

/// Sends `method` to `path` of the page's cluster, noting whether the cluster answered.
fn send(
    method: Method,
    path: String,
) -> impl Future<Output = Result<(u16, String), ApiError>> + Send {
    // Resolved now, while the rendering context is current.
    let answer = send_raw(method, super::cluster::api_url(&path));
    async move {
        let answer = answer.await?;
        super::reachability::note_answer(answer.0, &answer.1);
        Ok(answer)
    }
}

#[cfg(feature = "ssr")]
fn send_raw(
    method: Method,
    path: String,
) -> impl Future<Output = Result<(u16, String), ApiError>> + Send {
    // Taken now, while the rendering context is current.
    let transport = leptos::prelude::use_context::<super::ApiTransport>();
    async move {
        match (method, transport) {
            (Method::Get, Some(t)) => Ok((t.0)(path).await),
            (Method::Delete | Method::Post(_) | Method::Put(_) | Method::Patch(_), _) => Err(
                ApiError::Network("the server renders pages; it does not write".into()),
            ),
            (_, None) => Err(ApiError::Network(
                "no API transport in the rendering context".into(),
            )),
        }
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn send_raw(
    method: Method,
    path: String,
) -> impl Future<Output = Result<(u16, String), ApiError>> + Send {
    send_wrapper::SendWrapper::new(async move {
        let network = |e: gloo_net::Error| ApiError::Network(e.to_string());
        let response = match method {
            Method::Get => gloo_net::http::Request::get(&path).send().await,
            Method::Delete => {
                with_csrf(gloo_net::http::Request::delete(&path))
                    .send()
                    .await
            }
            Method::Post(body) => {
                with_body(
                    gloo_net::http::Request::post(&path),
                    "application/json",
                    body,
                )?
                .send()
                .await
            }
            Method::Put(body) => {
                with_body(
                    gloo_net::http::Request::put(&path),
                    "application/json",
                    body,
                )?
                .send()
                .await
            }
            Method::Patch(body) => {
                let kind = "application/merge-patch+json";
                with_body(gloo_net::http::Request::patch(&path), kind, body)?
                    .send()
                    .await
            }
        }
        .map_err(network)?;
        let code = response.status();
        let body = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Ok((code, body))
    })
}

/// A request carrying `body` as `content_type`, and the session's CSRF token.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn with_body(
    builder: gloo_net::http::RequestBuilder,
    content_type: &str,
    body: String,
) -> Result<gloo_net::http::Request, ApiError> {
    with_csrf(builder.header("content-type", content_type))
        .body(body)
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// The readable cookie with the session's CSRF token, which every write sends back as
/// a header: a page of another site can neither read the cookie nor set the header.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
const CSRF_COOKIE: &str = "berth_csrf";

/// `builder` with the CSRF header, when the browser holds a session.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn with_csrf(builder: gloo_net::http::RequestBuilder) -> gloo_net::http::RequestBuilder {
    use wasm_bindgen::JsCast;
    let cookies = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .unwrap_or_default();
    let token = cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == CSRF_COOKIE).then(|| value.to_owned())
    });
    match token {
        Some(token) => builder.header("x-berth-csrf", &token),
        None => builder,
    }
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
async fn send_raw(_: Method, _: String) -> Result<(u16, String), ApiError> {
    Err(ApiError::Network(
        "built without a transport (enable `ssr` or `hydrate`)".into(),
    ))
}
