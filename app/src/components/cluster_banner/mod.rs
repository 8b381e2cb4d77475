//! "Cluster unreachable — retrying": shown while the page's cluster does not answer,
//! in place of each list's own error. While it shows, the cluster is asked again every
//! few seconds; once it answers, the page is loaded again, so every list is read anew
//! from the cluster as it is now.

use leptos::prelude::*;
use stylers::style;

use crate::api::reachability::unreachable;
use crate::i18n::*;

/// How often an unreachable cluster is asked again.
#[cfg(feature = "hydrate")]
const RETRY_MS: u32 = 2_000;

/// The banner, at the top of the console's frame.
#[component]
pub fn ClusterBanner() -> impl IntoView {
    let i18n = use_i18n();
    let message = unreachable();
    #[cfg(feature = "hydrate")]
    retry_while_unreachable(message);
    let class = style! {
        .banner {
            margin: 0 0 1rem;
            padding: 0.6rem 0.9rem;
            border-radius: var(--radius, 6px);
            background: var(--tone-bad-bg);
            color: var(--tone-bad-fg);
            border: 1px solid var(--tone-bad-fg);
        }
        .detail {
            display: block;
            font-size: 0.85rem;
            margin-top: 0.2rem;
        }
    };
    view! { class = class,
        <Show when=move || message.with(Option::is_some)>
            <div class="banner" role="alert">
                <strong>{t!(i18n, cluster_unreachable)}</strong>
                <span class="detail">{move || message.get().unwrap_or_default()}</span>
            </div>
        </Show>
    }
}

/// Asks the cluster for its version when the page opens, and every [`RETRY_MS`] while
/// it is unreachable; reloads the page when it answers again.
#[cfg(feature = "hydrate")]
fn retry_while_unreachable(message: Signal<Option<String>>) {
    use std::cell::Cell;
    use std::rc::Rc;

    let checking = Rc::new(Cell::new(false));
    let ask = || crate::api::get_text("/version".to_owned());
    leptos::task::spawn_local(async move {
        let _ = ask().await;
    });
    Effect::new(move |_| {
        if message.get().is_none() || checking.replace(true) {
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(RETRY_MS).await;
                if ask().await.is_ok() {
                    break;
                }
            }
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
    });
}
