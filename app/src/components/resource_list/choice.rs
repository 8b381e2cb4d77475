//! A list filter that offers a fixed set of choices (a status, an event type).

use leptos::prelude::*;

use crate::i18n::*;
use crate::I18n;

/// A labelled select of `choices`, each shown by `name`; `selected` is the current
/// choice and `on_choose` hears a new one.
#[component]
pub fn ChoiceSelect<F>(
    /// The select's id (unique on the page).
    id: &'static str,
    /// Its label.
    #[prop(into)]
    label: Signal<String>,
    /// What it offers, in order.
    choices: Vec<F>,
    /// A choice's name.
    name: fn(I18n, F) -> String,
    /// The current choice.
    #[prop(into)]
    selected: Signal<F>,
    /// Told each new choice.
    on_choose: Callback<F>,
) -> impl IntoView
where
    F: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let options = choices
        .iter()
        .enumerate()
        .map(|(index, &choice)| {
            view! {
                <option value=index.to_string() selected=move || selected.get() == choice>
                    {move || name(i18n, choice)}
                </option>
            }
        })
        .collect_view();
    view! {
        <label for=id>{label}</label>
        <select id=id
            on:change=move |ev| {
                let index = event_target_value(&ev).parse::<usize>().ok();
                if let Some(&choice) = index.and_then(|i| choices.get(i)) {
                    on_choose.run(choice);
                }
            }>
            {options}
        </select>
    }
}
