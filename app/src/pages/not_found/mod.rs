//! What an unknown address shows.

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::components::A;

use crate::i18n::*;

/// "Page not found", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="not-found">
            <h1>{t!(i18n, page_not_found)}</h1>
            <A href=in_cluster("/")>{t!(i18n, back_to_list)}</A>
        </main>
    }
}
