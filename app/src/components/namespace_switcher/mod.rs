//! Choose the namespace the pages show.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::model::{List, Namespace};
use crate::api::{get_json, paths};
use crate::i18n::*;

/// A labelled select of every namespace; choosing one opens its workload list.
#[component]
pub fn NamespaceSwitcher(#[prop(into)] current: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let namespaces = Resource::new(|| (), |_| get_json::<List<Namespace>>(paths::namespaces()));
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let ns = event_target_value(&ev);
        navigate(&format!("/namespaces/{ns}/deployments"), Default::default());
    };
    let options = move || {
        Suspend::new(async move {
            let mut names: Vec<String> = namespaces
                .await
                .map(|list| list.items.into_iter().map(|n| n.metadata.name).collect())
                .unwrap_or_default();
            let here = current.get_untracked();
            if !names.contains(&here) {
                names.push(here);
            }
            names
                .into_iter()
                .map(|name| {
                    let selected = name.clone();
                    view! { <option value=name.clone() selected=move || current.get() == selected>{name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field-inline">
            <label for="namespace-switcher">{t!(i18n, namespace)}</label>
            <select id="namespace-switcher" on:change=on_change>
                <Transition fallback=move || view! { <option>{current.get_untracked()}</option> }>{options}</Transition>
            </select>
        </div>
    }
}
