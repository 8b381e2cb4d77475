//! Watch streams: newline-delimited `{"type": …, "object": …}` events, as the API
//! server sends them, resumable from any resourceVersion still kept.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use engine::store::{EventType, WatchEvent};
use k8s_openapi::jiff::Timestamp;
use serde::Serialize;
use tokio::sync::watch::Receiver;
use tokio::time::Instant;

use super::objects::{Filter, Served};
use super::status::ApiError;
use super::table::{self, Render};
use crate::cluster::Cluster;

#[derive(Serialize)]
struct Line<'a, T> {
    #[serde(rename = "type")]
    kind: &'a str,
    object: &'a T,
}

fn line<T: Serialize>(kind: &str, object: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(&Line { kind, object }).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One event's line: the object itself, or a one-row Table of it when the watch was
/// asked for Tables (`kubectl get -w`).
fn event<K: Served>(kind: &str, object: &K, render: Render, now: Timestamp) -> Bytes {
    Bytes::from(match render {
        Render::Objects => line(kind, object),
        Render::Table(include) => line(kind, &table::table_of(object, now, include)),
    })
}

struct Watch {
    cluster: Arc<Cluster>,
    changes: Receiver<u64>,
    filter: Filter,
    render: Render,
    /// Every change up to here has been sent.
    sent_up_to: u64,
    ready: VecDeque<Bytes>,
    deadline: Instant,
    finished: bool,
}

impl Watch {
    /// Reads the changes after `sent_up_to` into `ready`; an expired start ends the
    /// stream with an ERROR event carrying a 410 `Status`.
    fn collect<K: Served>(&mut self) {
        self.changes.borrow_and_update();
        let (filter, from, render) = (&self.filter, self.sent_up_to, self.render);
        let result = self.cluster.read(|e| {
            let (store, now) = (e.store(), e.now());
            store.changes_since::<K>(from).map(|changes| {
                let lines: Vec<Bytes> = changes
                    .filter_map(|c| seen_as(filter, c))
                    .map(|(kind, object)| event(kind.as_str(), object, render, now))
                    .collect();
                (lines, store.resource_version())
            })
        });
        match result {
            Ok((lines, rv)) => {
                self.ready.extend(lines);
                self.sent_up_to = rv;
            }
            Err(e) => {
                let status = ApiError::from(e).status();
                self.ready.push_back(Bytes::from(line(
                    "ERROR",
                    &super::status::Wire::of(&status),
                )));
                self.finished = true;
            }
        }
    }
}

/// How a watcher with `filter` sees a change, as upstream's watch cache shows it: an
/// object entering the selection is ADDED, one leaving it is DELETED (as it was
/// last selected), and changes outside it aren't sent at all.
fn seen_as<'a, K: Served>(
    filter: &Filter,
    change: &'a WatchEvent<K>,
) -> Option<(EventType, &'a K)> {
    let was_in = change
        .previous
        .as_ref()
        .is_some_and(|p| filter.admits(&**p));
    let is_in = change.kind != EventType::Deleted && filter.admits(&*change.object);
    match (was_in, is_in) {
        (false, true) => Some((EventType::Added, &*change.object)),
        (true, true) => Some((change.kind, &*change.object)),
        (true, false) => match (change.kind, change.previous.as_deref()) {
            (EventType::Modified, Some(previous)) => Some((EventType::Deleted, previous)),
            _ => Some((EventType::Deleted, &*change.object)),
        },
        (false, false) => None,
    }
}

/// Starts a watch of kind `K`. Without a resourceVersion it opens with an ADDED event
/// for every current object, as upstream does for `resourceVersion=0`.
pub fn serve<K: Served>(
    cluster: Arc<Cluster>,
    filter: Filter,
    from: Option<u64>,
    timeout: Duration,
    render: Render,
) -> Response {
    let changes = cluster.subscribe();
    let mut ready = VecDeque::new();
    let sent_up_to = match from {
        Some(rv) => rv,
        None => cluster.read(|e| {
            let (store, now) = (e.store(), e.now());
            for obj in store.list_unpacked::<K>(filter.namespace.as_deref()) {
                if filter.admits(&*obj) {
                    ready.push_back(event(EventType::Added.as_str(), &*obj, render, now));
                }
            }
            store.resource_version()
        }),
    };
    let watch = Watch {
        cluster,
        changes,
        filter,
        render,
        sent_up_to,
        ready,
        deadline: Instant::now() + timeout,
        finished: false,
    };
    let stream = futures::stream::unfold(watch, |mut w| async move {
        loop {
            if let Some(bytes) = w.ready.pop_front() {
                return Some((Ok::<_, Infallible>(bytes), w));
            }
            if w.finished {
                return None;
            }
            w.collect::<K>();
            if !w.ready.is_empty() || w.finished {
                continue;
            }
            tokio::select! {
                changed = w.changes.changed() => if changed.is_err() { return None },
                _ = tokio::time::sleep_until(w.deadline) => return None,
            }
        }
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(stream),
    )
        .into_response()
}
