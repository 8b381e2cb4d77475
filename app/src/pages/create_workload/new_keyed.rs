//! Creates a Secret or a ConfigMap without leaving the wizard, so an env var can refer
//! to a key that does not exist yet.

use leptos::prelude::*;
use serde_json::json;

use super::containers::KeySources;
use crate::api::{paths, post_json};
use crate::i18n::*;
use crate::wizard::Wizard;

/// "New Secret or ConfigMap": kind, name, one key and its value.
#[component]
pub fn NewKeyed() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let sources = expect_context::<KeySources>();
    let open = RwSignal::new(false);
    let secret = RwSignal::new(true);
    let (name, key, value) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let outcome = RwSignal::new(None::<String>);
    let create = move |_| {
        let ns = wizard.draft.with_untracked(|d| d.namespace.clone());
        let entry = json!({ key.get_untracked(): value.get_untracked() });
        let (path, body) = if secret.get_untracked() {
            (
                paths::secrets(&ns),
                json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name.get_untracked()}, "stringData": entry}),
            )
        } else {
            (
                paths::config_maps(&ns),
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name.get_untracked()}, "data": entry}),
            )
        };
        let request = post_json(path, &body);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => {
                    sources.version.update(|v| *v += 1);
                    outcome.set(Some(
                        t_string!(i18n, created_named, name = name.get_untracked()).to_string(),
                    ));
                }
                Err(e) => outcome.set(Some(e.to_string())),
            }
        });
    };
    let input = move |id: &'static str,
                      label: fn(crate::I18n) -> String,
                      signal: RwSignal<String>| {
        view! {
            <label for=id>{move || label(i18n)}</label>
            <input id=id type="text" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
        }
    };
    view! {
        <Show when=move || open.get()
            fallback=move || view! { <button type="button" on:click=move |_| open.set(true)>{t!(i18n, new_keyed)}</button> }>
            <fieldset>
                <legend>{t!(i18n, new_keyed)}</legend>
                <label for="new-keyed-kind">{t!(i18n, keyed_kind)}</label>
                <select id="new-keyed-kind" on:change=move |ev| secret.set(event_target_value(&ev) == "Secret")>
                    <option value="Secret">"Secret"</option>
                    <option value="ConfigMap">"ConfigMap"</option>
                </select>
                {input("new-keyed-name", |i| t_string!(i, keyed_name).to_string(), name)}
                {input("new-keyed-key", |i| t_string!(i, key).to_string(), key)}
                {input("new-keyed-value", |i| t_string!(i, variable_value).to_string(), value)}
                <button type="button" on:click=create>{t!(i18n, create)}</button>
                <button type="button" on:click=move |_| open.set(false)>{t!(i18n, cancel)}</button>
                <p role="status">{move || outcome.get()}</p>
            </fieldset>
        </Show>
    }
}
