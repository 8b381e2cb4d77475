//! One key of a Secret, whose value is fetched only when asked for: the server sends
//! it if the user may `get` the Secret, and the page holds it only while shown.

use leptos::prelude::*;
use serde::Deserialize;

use crate::api::{get_json, paths};
use crate::i18n::*;

#[derive(Deserialize)]
struct Revealed {
    value: String,
}

/// The key as a button; pressed, its value (or why it can't be shown) beside it.
#[component]
pub fn RevealKey(namespace: String, name: String, key: String) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(None::<Result<String, String>>);
    let label = {
        let (key, name) = (key.clone(), name.clone());
        move || t_string!(i18n, reveal_key, key = key.clone(), name = name.clone()).to_string()
    };
    let path = paths::reveal(&namespace, &name, &key);
    let reveal = move |_| {
        if shown.with_untracked(Option::is_some) {
            shown.set(None);
            return;
        }
        let answer = get_json::<Revealed>(path.clone());
        leptos::task::spawn_local(async move {
            shown.set(Some(
                answer.await.map(|r| r.value).map_err(|e| e.to_string()),
            ));
        });
    };
    view! {
        <button type="button" class="button link" aria-label=label aria-expanded=move || shown.with(Option::is_some).to_string() on:click=reveal>
            {key.clone()}
        </button>
        {move || shown.get().map(|value| match value {
            Ok(value) => view! { " " <code>{value}</code> }.into_any(),
            Err(error) => view! { " " <span role="alert" class="error">{error}</span> }.into_any(),
        })}
    }
}
