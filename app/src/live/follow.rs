//! The browser side of a live list: one watch on the page's socket, resumed or
//! relisted as needed.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::{apply_all, Connection, LiveList};
use crate::api::model::{List, Listed};
use crate::api::watch::{Change, Subscription, WatchEnd};
use crate::api::{get_json, paths};

const FIRST_RETRY_MS: u32 = 250;
const LAST_RETRY_MS: u32 = 5_000;

pub(super) fn start<T: Listed>(path: String, resource_version: String, list: LiveList<T>) {
    let subscription = Rc::new(Subscription::default());
    let stopped = Rc::new(Cell::new(false));
    let cleanup = SendWrapper::new((Rc::clone(&subscription), Rc::clone(&stopped)));
    on_cleanup(move || {
        let (subscription, stopped) = &*cleanup;
        stopped.set(true);
        subscription.stop();
    });
    leptos::task::spawn_local(async move {
        let mut rv = resource_version;
        let mut retry = FIRST_RETRY_MS;
        while !stopped.get() {
            let url = paths::with_query(&path, "watch", "true");
            let url = paths::with_query(&url, "resourceVersion", &rv);
            let end = subscription
                .watch(
                    &url,
                    |changes: Vec<Change<T>>| {
                        if let Some((_, _, version)) = changes.last() {
                            rv = version.clone();
                        }
                        let _ = list.items.try_update(|items| apply_all(items, changes));
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
