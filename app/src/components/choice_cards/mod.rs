//! A choice among a few options drawn as cards side by side: radio buttons in a group,
//! each with a title and a line of detail, the chosen one marked.

use leptos::prelude::*;
use stylers::style;

/// One option of a [`ChoiceCards`] group.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value chosen.
    pub value: String,
    /// Its name: the radio button's accessible name.
    pub title: String,
    /// A line under the name.
    pub detail: Option<String>,
}

impl Choice {
    /// An option with no detail line.
    pub fn titled(value: impl Into<String>, title: impl Into<String>) -> Self {
        Choice {
            value: value.into(),
            title: title.into(),
            detail: None,
        }
    }
}

/// A group of option cards named by `legend`, one of them `selected`.
#[component]
pub fn ChoiceCards(
    /// The group's name.
    #[prop(into)]
    legend: Signal<String>,
    /// The radio buttons' shared name, unique on the page.
    #[prop(into)]
    name: String,
    /// The options.
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// The chosen value.
    #[prop(into)]
    selected: Signal<String>,
    /// Called with the value chosen.
    on_choose: Callback<String>,
    /// The group's id, which moves focus to it (it is focusable from script only).
    #[prop(optional, into)]
    id: Option<Signal<String>>,
    /// The id of what describes the group (a field's message).
    #[prop(optional, into)]
    described_by: Option<Signal<String>>,
) -> impl IntoView {
    let class = style! {
        .cards {
            border: none;
            background: none;
            box-shadow: none;
            padding: 0;
            margin: 0 0 var(--space-2);
        }
        legend {
            font-weight: 600;
            font-size: var(--text-sm);
            padding: 0;
            margin-bottom: var(--space-1);
        }
        .grid {
            display: grid;
            grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
            gap: var(--space-2);
        }
        .card {
            display: grid;
            grid-template-columns: auto 1fr;
            column-gap: var(--space-2);
            align-items: baseline;
            padding: var(--space-3);
            border: 1px solid var(--border);
            border-radius: var(--radius-md);
            background: var(--surface);
            cursor: pointer;
        }
        .card:hover {
            border-color: var(--accent);
        }
        .chosen {
            border-color: var(--accent);
            background: var(--accent-soft);
            box-shadow: 0 0 0 1px var(--accent);
        }
        .title {
            font-weight: 600;
        }
        .detail {
            grid-column: 2;
            color: var(--muted);
            font-size: var(--text-xs);
        }
    };
    let options =
        move || {
            let name = name.clone();
            choices
            .get()
            .into_iter()
            .map(|choice| {
                let Choice { value, title, detail } = choice;
                let chosen = {
                    let value = value.clone();
                    Signal::derive(move || selected.with(|s| *s == value))
                };
                let pick = value.clone();
                view! { class = class,
                    <label class="card" class:chosen=chosen>
                        <input type="radio" name=name.clone() value=value prop:checked=chosen
                            on:change=move |_| on_choose.run(pick.clone())/>
                        <span class="title">{title}</span>
                        {detail.map(|d| view! { class = class, <small class="detail">{d}</small> })}
                    </label>
                }
            })
            .collect_view()
        };
    view! { class = class,
        <fieldset class="cards" id=move || id.map(|i| i.get()) tabindex=id.map(|_| "-1")
            aria-describedby=move || described_by.map(|d| d.get())>
            <legend>{move || legend.get()}</legend>
            <div class="grid">{options}</div>
        </fieldset>
    }
}
