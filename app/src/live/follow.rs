//! The browser side of a live list: the rest of its first read, then one watch on the
//! page's socket, resumed or relisted (in chunks) as needed.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::{apply_all, chunks, sort, Connection, LiveList};
use crate::api::model::Listed;
use crate::api::watch::{Change, Subscription, WatchEnd};
use crate::api::{paths, ApiError};

const FIRST_RETRY_MS: u32 = 250;
const LAST_RETRY_MS: u32 = 5_000;

pub(super) fn start<T: Listed>(
    path: String,
    resource_version: String,
    next: Option<String>,
    list: LiveList<T>,
) {
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
        // The first read's remaining chunks join the list as they arrive; the watch
        // then starts from the snapshot they all belong to.
        let mut relist = chunks::read_rest(&path, next, |chunk| {
            let _ = list.items.try_update(|items| {
                items.extend(chunk);
                sort(items);
            });
        })
        .await
        .is_err();
        while !stopped.get() {
            if relist {
                match read_whole::<T>(&path).await {
                    Ok((items, version)) => {
                        let _ = list.items.try_set(items);
                        rv = version;
                        relist = false;
                    }
                    Err(_) => {
                        let _ = list.connection.try_set(Connection::Reconnecting);
                        TimeoutFuture::new(retry).await;
                        retry = (retry * 2).min(LAST_RETRY_MS);
                        continue;
                    }
                }
            }
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
                Ok(WatchEnd::Expired) => relist = true,
                Err(_) => {
                    let _ = list.connection.try_set(Connection::Reconnecting);
                    TimeoutFuture::new(retry).await;
                    retry = (retry * 2).min(LAST_RETRY_MS);
                }
            }
        }
    });
}

/// The whole list at `path`, read chunk by chunk, and the version it was read at.
async fn read_whole<T: Listed>(path: &str) -> Result<(Vec<T>, String), ApiError> {
    let first = chunks::first_chunk::<T>(path.to_owned()).await?;
    let next = chunks::next_token(&first);
    let mut items = first.items;
    chunks::read_rest(path, next, |chunk| items.extend(chunk)).await?;
    sort(&mut items);
    Ok((items, first.metadata.resource_version))
}
