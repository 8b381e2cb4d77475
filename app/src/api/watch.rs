//! Watches in the browser, all carried by one WebSocket per page (`/berth/watch`, see
//! the server's `multiplex`): Chromium allows six HTTP/1.1 connections per server,
//! shared by every tab, so a streamed request per list would soon leave none for the
//! page's other requests.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::select;
use futures::{SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::Message;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::ApiError;

/// Why a watch ended without an error.
pub enum WatchEnd {
    /// The server closed the stream; resume from the last resourceVersion.
    Closed,
    /// The server can't go on from this resourceVersion (410 too old, or newer than a
    /// restarted server knows): relist.
    Expired,
}

/// One watch event as the API sends it.
#[derive(Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    object: serde_json::Value,
}

/// What the socket says of one watch.
#[derive(Deserialize)]
struct Frame {
    id: u32,
    #[serde(default)]
    opened: bool,
    #[serde(default)]
    closed: bool,
    status: Option<u16>,
    #[serde(default)]
    body: String,
    event: Option<Event>,
}

/// Hands one watch its frames, decoded into its own type as each arrives: decoding
/// then happens in the socket's message tasks, one object at a time, not all at once
/// in the task that hands a burst of changes to the list.
type Route = Box<dyn Fn(Frame)>;

/// The page's socket: where to send asks, and whom to hand each watch's frames.
#[derive(Clone)]
struct Socket {
    asks: UnboundedSender<String>,
    routes: Rc<RefCell<HashMap<u32, Route>>>,
}

thread_local! {
    static SOCKET: RefCell<Option<Socket>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn lost(why: impl std::fmt::Display) -> ApiError {
    ApiError::Network(why.to_string())
}

/// The page's socket, opened on first use and again after it dropped.
fn socket() -> Result<Socket, ApiError> {
    SOCKET.with(|slot| {
        if let Some(socket) = slot.borrow().as_ref().filter(|s| !s.asks.is_closed()) {
            return Ok(socket.clone());
        }
        let socket = open()?;
        *slot.borrow_mut() = Some(socket.clone());
        Ok(socket)
    })
}

fn open() -> Result<Socket, ApiError> {
    let location = web_sys::window()
        .ok_or_else(|| lost("no window"))?
        .location();
    let scheme = match location
        .protocol()
        .map_err(|_| lost("no location"))?
        .as_str()
    {
        "https:" => "wss",
        _ => "ws",
    };
    let host = location.host().map_err(|_| lost("no location"))?;
    let socket = WebSocket::open(&format!("{scheme}://{host}/berth/watch")).map_err(lost)?;
    let (mut to_server, mut from_server) = socket.split();
    let (asks, mut pending) = unbounded::<String>();
    let routes: Rc<RefCell<HashMap<u32, Route>>> = Rc::default();
    let opened = Socket {
        asks: asks.clone(),
        routes: Rc::clone(&routes),
    };
    let ended = Rc::clone(&routes);
    leptos::task::spawn_local(async move {
        let write = Box::pin(async move {
            while let Some(ask) = pending.next().await {
                if to_server.send(Message::Text(ask)).await.is_err() {
                    break;
                }
            }
        });
        let read = Box::pin(async move {
            while let Some(Ok(Message::Text(text))) = from_server.next().await {
                let Ok(frame) = serde_json::from_str::<Frame>(&text) else {
                    continue;
                };
                if let Some(route) = routes.borrow().get(&frame.id) {
                    route(frame);
                }
            }
        });
        // Either side failing means the socket is gone: the next watch opens a new one,
        // and dropping every route ends every watch on this one with an error.
        let _ = select(write, read).await;
        asks.close_channel();
        ended.borrow_mut().clear();
    });
    Ok(opened)
}

/// One change from a watch: its type, the object, and its resourceVersion.
pub type Change<T> = (String, T, String);

/// During a burst of changes a list is updated at most this often; a lone change is
/// handed over after one turn of the event loop.
const BURST_MS: f64 = 50.0;

/// At most this many changes are handed over in one task, so a flood of them (20,000
/// pods starting) is spread over tasks instead of holding the main thread.
const MOST_AT_ONCE: usize = 1_000;

/// One live list's watch on the page's socket, across its reconnections.
#[derive(Default)]
pub struct Subscription {
    current: Cell<Option<u32>>,
}

impl Subscription {
    /// Follows the watch at `url`, calling `on_open` once the server accepts it and
    /// `on_changes` with the changes that arrived together, in order.
    pub async fn watch<T: DeserializeOwned + 'static>(
        &self,
        url: &str,
        mut on_changes: impl FnMut(Vec<Change<T>>),
        on_open: impl FnOnce(),
    ) -> Result<WatchEnd, ApiError> {
        let socket = socket()?;
        let url = super::cluster::api_url(url);
        // A fresh id per watch, so frames still in flight for an earlier one are dropped.
        let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
        let (route, mut frames): (UnboundedSender<Step<T>>, UnboundedReceiver<Step<T>>) =
            unbounded();
        let deliver: Route = Box::new(move |frame| {
            let _ = route.unbounded_send(step(frame));
        });
        socket.routes.borrow_mut().insert(id, deliver);
        self.current.set(Some(id));
        let ask = serde_json::json!({ "id": id, "watch": url }).to_string();
        socket.asks.unbounded_send(ask).map_err(lost)?;
        let ended = follow(&mut frames, &mut on_changes, on_open).await;
        socket.routes.borrow_mut().remove(&id);
        ended
    }

    /// Stops the watch, on the server too.
    pub fn stop(&self) {
        let Some(id) = self.current.take() else {
            return;
        };
        SOCKET.with(|slot| {
            if let Some(socket) = slot.borrow().as_ref() {
                socket.routes.borrow_mut().remove(&id);
                let _ = socket
                    .asks
                    .unbounded_send(serde_json::json!({ "id": id }).to_string());
            }
        });
    }
}

/// What one frame means for the watch.
enum Step<T> {
    Opened,
    Change(Change<T>),
    Nothing,
    Ended(Result<WatchEnd, ApiError>),
}

fn step<T: DeserializeOwned>(frame: Frame) -> Step<T> {
    if frame.opened {
        super::reachability::note_answer(200, "");
        return Step::Opened;
    }
    if frame.closed {
        return Step::Ended(Ok(WatchEnd::Closed));
    }
    match frame.status {
        Some(410) => return Step::Ended(Ok(WatchEnd::Expired)),
        Some(code) => {
            super::reachability::note_answer(code, &frame.body);
            return Step::Ended(Err(ApiError::from_answer(code, &frame.body)));
        }
        None => {}
    }
    let Some(event) = frame.event else {
        return Step::Nothing;
    };
    match event.kind.as_str() {
        "BOOKMARK" => return Step::Nothing,
        "ERROR" => {
            let code = event.object.get("code").and_then(|c| c.as_u64());
            if code == Some(410) {
                return Step::Ended(Ok(WatchEnd::Expired));
            }
            let code = code.and_then(|c| u16::try_from(c).ok()).unwrap_or(500);
            let error = ApiError::from_answer(code, &event.object.to_string());
            return Step::Ended(Err(error));
        }
        _ => {}
    }
    let version = event
        .object
        .pointer("/metadata/resourceVersion")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    match serde_json::from_value(event.object) {
        Ok(object) => Step::Change((event.kind, object, version)),
        Err(e) => Step::Ended(Err(ApiError::Decode(e.to_string()))),
    }
}

async fn follow<T>(
    frames: &mut UnboundedReceiver<Step<T>>,
    on_changes: &mut impl FnMut(Vec<Change<T>>),
    on_open: impl FnOnce(),
) -> Result<WatchEnd, ApiError> {
    let mut on_open = Some(on_open);
    let mut handed_over = f64::MIN;
    while let Some(first) = frames.next().await {
        let mut changes = Vec::new();
        let mut take = |step: Step<T>, changes: &mut Vec<Change<T>>| match step {
            Step::Opened => {
                if let Some(open) = on_open.take() {
                    open();
                }
                None
            }
            Step::Change(change) => {
                changes.push(change);
                None
            }
            Step::Nothing => None,
            Step::Ended(end) => Some(end),
        };
        let mut ended = take(first, &mut changes);
        // Gather what else arrives before handing the list one update: in a burst, until
        // BURST_MS after the last hand-over; otherwise for one turn of the event loop,
        // so that the changes the server sent together (a deleted pod and its
        // replacement) are handed over together, not the second a burst window later.
        let wait = (BURST_MS - (js_sys::Date::now() - handed_over)).max(0.0);
        if ended.is_none() && !changes.is_empty() {
            gloo_timers::future::TimeoutFuture::new(wait as u32).await;
        }
        while ended.is_none() && changes.len() < MOST_AT_ONCE {
            match frames.try_recv() {
                Ok(frame) => ended = take(frame, &mut changes),
                Err(_) => break,
            }
        }
        if !changes.is_empty() {
            on_changes(changes);
            handed_over = js_sys::Date::now();
        }
        if let Some(end) = ended {
            return end;
        }
    }
    Err(lost("the connection to the server dropped"))
}
