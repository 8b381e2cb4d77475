//! What a page shows while its data loads, and when it could not.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::*;

/// "Loading…", while a page's first read is under way.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p>{t!(i18n, loading)}</p> }
}

/// Why a page's data could not be read, as an alert.
#[component]
pub fn LoadFailed(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = error.to_string();
    view! { <p role="alert" class="error">{t!(i18n, load_failed, message)}</p> }
}
