//! Reading a watch stream in the browser: `fetch` with a streamed body, split into the
//! newline-delimited events the API sends.

use js_sys::{Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::ApiError;

/// Why a watch ended without an error.
pub enum WatchEnd {
    /// The server closed the stream; resume from the last resourceVersion.
    Closed,
    /// The server can't go on from this resourceVersion (410 too old, or newer than a
    /// restarted server knows): relist.
    Expired,
}

#[derive(Deserialize)]
struct Line {
    #[serde(rename = "type")]
    kind: String,
    object: serde_json::Value,
}

fn js_error(e: JsValue) -> ApiError {
    ApiError::Network(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Follows the watch at `url`, calling `on_open` once the server accepts it and
/// `on_event(type, object, resourceVersion)` for each change.
pub async fn watch<T: DeserializeOwned>(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
    mut on_event: impl FnMut(&str, T, String),
    on_open: impl FnOnce(),
) -> Result<WatchEnd, ApiError> {
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_signal(signal);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    match response.status() {
        410 => return Ok(WatchEnd::Expired),
        200..=299 => {}
        code => {
            return Err(ApiError::Status {
                code,
                message: response.status_text(),
                reason: String::new(),
                causes: Vec::new(),
            })
        }
    }
    on_open();
    let body = response
        .body()
        .ok_or_else(|| ApiError::Network("no body".into()))?;
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(js_error)?;
        let done = Reflect::get(&chunk, &"done".into()).map_err(js_error)?;
        if done.as_bool().unwrap_or(true) {
            return Ok(WatchEnd::Closed);
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(js_error)?;
        buffer.extend(Uint8Array::new(&value).to_vec());
        while let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let raw: Vec<u8> = buffer.drain(..=end).collect();
            let line: Line =
                serde_json::from_slice(&raw[..end]).map_err(|e| ApiError::Decode(e.to_string()))?;
            if line.kind == "ERROR" {
                let code = line
                    .object
                    .get("code")
                    .and_then(|c| c.as_u64())
                    .unwrap_or(500);
                if code == 410 {
                    return Ok(WatchEnd::Expired);
                }
                return Err(ApiError::from_answer(code as u16, &line.object.to_string()));
            }
            if line.kind == "BOOKMARK" {
                continue;
            }
            let version = line
                .object
                .pointer("/metadata/resourceVersion")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
            let object: T =
                serde_json::from_value(line.object).map_err(|e| ApiError::Decode(e.to_string()))?;
            on_event(&line.kind, object, version);
        }
    }
}
