//! The Events tab: what happened to the workload, the objects it owns and its pods, newest
//! first, with a plain-language hint for the two failures the seed's guide explains.

use leptos::prelude::*;
use stylers::style;

use super::Workload;
use crate::api::model::{age, Event, Trouble};
use crate::api::paths;
use crate::components::Followed;
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The hint for a troubleshooting case.
fn hint(i18n: crate::I18n, trouble: Trouble) -> String {
    match trouble {
        Trouble::ImagePull => t_string!(i18n, hint_image_pull),
        Trouble::Restart => t_string!(i18n, hint_restart),
    }
    .to_string()
}

/// The tab: the namespace's events, followed live, filtered to this workload.
#[component]
pub fn EventsTab(workload: Workload) -> impl IntoView {
    let path = Signal::derive(move || paths::events(&workload.namespace.get()));
    view! { <Followed path render=move |events| view! { <EventTable events workload/> }/> }
}

#[component]
fn EventTable(events: LiveList<Event>, workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let rows = Memo::new(move |_| {
        let name = workload.name.get();
        let mut mine: Vec<Event> = events.items.with(|all| {
            all.iter()
                .filter(|e| workload.kind.concerns(e, &name))
                .cloned()
                .collect()
        });
        mine.sort_by(|a, b| b.last_seen().cmp(&a.last_seen()));
        mine
    });
    let class = style! {
        .hint {
            margin: 0.25rem 0 0;
            color: var(--warning);
            font-size: 0.9rem;
        }
        .warning {
            color: var(--danger);
            font-weight: 600;
        }
    };
    view! { class = class,
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, tab_events)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_type)}</th>
                    <th scope="col">{t!(i18n, col_reason)}</th>
                    <th scope="col">{t!(i18n, col_object)}</th>
                    <th scope="col">{t!(i18n, col_message)}</th>
                    <th scope="col">{t!(i18n, col_count)}</th>
                    <th scope="col">{t!(i18n, col_last_seen)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan="6">{t!(i18n, no_events)}</td></tr>
                </Show>
                <For each=move || rows.get() key=|e| (e.metadata.name.clone(), e.metadata.resource_version.clone()) let:event>
                    {
                        let trouble = event.trouble();
                        let warning = event.is_warning();
                        let seen = event.last_seen().map(str::to_owned);
                        view! { class = class,
                            <tr>
                                <td class:warning=warning>{event.kind.clone()}</td>
                                <td>{event.reason.clone()}</td>
                                <td>{format!("{}/{}", event.involved_object.kind, event.involved_object.name)}</td>
                                <td>
                                    {event.message.clone()}
                                    {trouble.map(|t| view! { class = class, <p class="hint">{move || hint(i18n, t)}</p> })}
                                </td>
                                <td>{event.count.unwrap_or(1)}</td>
                                <td>{move || age(seen.as_deref(), now.get())}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
