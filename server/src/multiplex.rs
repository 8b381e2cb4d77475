//! One WebSocket per console page carrying all of its watches (`GET /berth/watch`).
//!
//! Chromium allows six HTTP/1.1 connections per server, shared by every tab: a
//! streamed watch per list would soon leave none for anything else. The page instead
//! asks this socket for each watch; every watch is answered by the API's own watch
//! endpoint, called in process, so the socket is only a carrier.
//!
//! The page sends `{"id":7,"watch":"/api/v1/namespaces/default/pods?watch=true&…"}` to
//! start a watch and `{"id":7}` to stop it. The server answers, per watch:
//! `{"id":7,"opened":true}`, then `{"id":7,"event":<the watch event>}` for each change,
//! and at the end `{"id":7,"closed":true}` (resume from the last resourceVersion) or
//! `{"id":7,"status":410,"body":"<Status>"}` when the API refused it.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::Extensions;
use axum::http::Request;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use futures::{SinkExt, StreamExt};
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::auth::Auth;

/// Frames waiting for a slow browser; past this, watches wait for it (and the API's
/// own watch buffer takes over).
const OUTGOING: usize = 1_024;

/// What the page asks: start the watch at `watch` under `id`, or stop `id`.
#[derive(Deserialize)]
struct Ask {
    id: u32,
    watch: Option<String>,
}

/// The `/berth/watch` route, answering watches through `api`.
pub fn routes(api: Router) -> Router {
    Router::new()
        .route("/berth/watch", get(upgrade))
        .with_state(api)
}

async fn upgrade(socket: WebSocketUpgrade, State(api): State<Router>, page: Parts) -> Response {
    let mut identity = Extensions::new();
    Auth::act_as(&page.extensions, &mut identity);
    socket.on_upgrade(move |socket| carry(socket, api, identity))
}

/// Serves one page's socket until the page goes away; every watch is the signed-in
/// user's, authorized as theirs.
async fn carry(socket: WebSocket, api: Router, identity: Extensions) {
    let (mut to_page, mut from_page) = socket.split();
    let (outgoing, mut frames) = mpsc::channel::<String>(OUTGOING);
    let writer = tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            if to_page.send(Message::Text(frame.into())).await.is_err() {
                break;
            }
        }
    });
    let mut watches: HashMap<u32, JoinHandle<()>> = HashMap::new();
    while let Some(Ok(message)) = from_page.next().await {
        let text = match message {
            Message::Text(text) => text,
            Message::Close(_) => break,
            _ => continue,
        };
        let Ok(ask) = serde_json::from_str::<Ask>(&text) else {
            continue;
        };
        watches.retain(|_, watch| !watch.is_finished());
        if let Some(previous) = watches.remove(&ask.id) {
            previous.abort();
        }
        if let Some(path) = ask.watch {
            let watch = follow(
                api.clone(),
                ask.id,
                path,
                identity.clone(),
                outgoing.clone(),
            );
            watches.insert(ask.id, tokio::spawn(watch));
        }
    }
    for watch in watches.into_values() {
        watch.abort();
    }
    writer.abort();
}

/// Runs one watch through the API and forwards its events, line by line.
async fn follow(
    api: Router,
    id: u32,
    path: String,
    identity: Extensions,
    out: mpsc::Sender<String>,
) {
    let refused = |status: u16, body: String| json!({ "id": id, "status": status, "body": body });
    // Secrets travel without their values.
    let (path, keys_only) = match crate::keys_only::unwrap(&path) {
        Some(inner) => (inner.to_owned(), true),
        None => (path, false),
    };
    // Only the API's watches (of any cluster): the socket is no way around anything else.
    let (_, unprefixed) = crate::clusters::split_prefix(&path);
    let is_watch = (unprefixed.starts_with("/api/") || unprefixed.starts_with("/apis/"))
        && path.contains("watch=true");
    let request = Request::get(&path).body(Body::empty()).map(|mut request| {
        Auth::act_as(&identity, request.extensions_mut());
        request
    });
    let (true, Ok(request)) = (is_watch, request) else {
        let _ = out
            .send(refused(400, format!("not a watch: {path}")).to_string())
            .await;
        return;
    };
    let Ok(response) = api.oneshot(request).await;
    let status = response.status().as_u16();
    if !response.status().is_success() {
        let body = match response.into_body().collect().await {
            Ok(body) => String::from_utf8_lossy(&body.to_bytes()).into_owned(),
            Err(e) => e.to_string(),
        };
        let _ = out.send(refused(status, body).to_string()).await;
        return;
    }
    if out
        .send(json!({ "id": id, "opened": true }).to_string())
        .await
        .is_err()
    {
        return;
    }
    let mut body = response.into_body().into_data_stream();
    let mut pending: Vec<u8> = Vec::new();
    while let Some(Ok(chunk)) = body.next().await {
        pending.extend_from_slice(&chunk);
        while let Some(end) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let mut event = String::from_utf8_lossy(&line[..end]);
            if keys_only {
                event = crate::keys_only::blank_line(&event).into();
            }
            if event.trim().is_empty() {
                continue;
            }
            // The event is JSON already: wrap it without parsing it again.
            if out
                .send(format!("{{\"id\":{id},\"event\":{event}}}"))
                .await
                .is_err()
            {
                return;
            }
        }
    }
    let _ = out
        .send(json!({ "id": id, "closed": true }).to_string())
        .await;
}
