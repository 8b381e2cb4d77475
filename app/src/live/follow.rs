//! The browser side of a live list: one watch stream, resumed or relisted as needed.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::{apply, Connection, LiveList};
use crate::api::model::{List, Listed};
use crate::api::watch::{watch, WatchEnd};
use crate::api::{get_json, paths};

const FIRST_RETRY_MS: u32 = 250;
const LAST_RETRY_MS: u32 = 5_000;

pub(super) fn start<T: Listed>(path: String, resource_version: String, list: LiveList<T>) {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let stopped = Rc::new(Cell::new(false));
    let cleanup = SendWrapper::new((controller, Rc::clone(&stopped)));
    on_cleanup(move || {
        let (controller, stopped) = &*cleanup;
        stopped.set(true);
        if let Some(c) = controller {
            c.abort();
        }
    });
    leptos::task::spawn_local(async move {
        let mut rv = resource_version;
        let mut retry = FIRST_RETRY_MS;
        while !stopped.get() {
            let url = paths::with_query(&path, "watch", "true");
            let url = paths::with_query(&url, "resourceVersion", &rv);
            let end = watch(
                &url,
                signal.as_ref(),
                |kind, object: T, version| {
                    let _ = list.items.try_update(|items| apply(items, kind, object));
                    rv = version;
                },
                || {
                    let _ = list.connection.try_set(Connection::Live);
                    retry = FIRST_RETRY_MS;
                },
            )
            .await;
            if stopped.get() {
                break;
            }
            match end {
                // The server closed the stream (its timeout): resume where it stopped.
                Ok(WatchEnd::Closed) => {}
                // Too old to resume: read the whole list again, then watch from it.
                Ok(WatchEnd::Expired) => match get_json::<List<T>>(path.clone()).await {
                    Ok(fresh) => {
                        let mut items = fresh.items;
                        items.sort_by(|a, b| a.meta().name.cmp(&b.meta().name));
                        let _ = list.items.try_set(items);
                        rv = fresh.metadata.resource_version;
                    }
                    Err(_) => {
                        let _ = list.connection.try_set(Connection::Reconnecting);
                        TimeoutFuture::new(retry).await;
                    }
                },
                Err(_) => {
                    let _ = list.connection.try_set(Connection::Reconnecting);
                    TimeoutFuture::new(retry).await;
                    retry = (retry * 2).min(LAST_RETRY_MS);
                }
            }
        }
    });
}
