//! The Events tab: what happened to the workload, the objects it owns and its pods, newest
//! first, with a plain-language hint for the two failures the seed's guide explains.

use leptos::prelude::*;
use stylers::style;

use super::Workload;
use crate::api::model::Event;
use crate::api::paths;
use crate::components::{EventMessageCells, Followed};
use crate::i18n::*;
use crate::live::LiveList;

/// The tab: the namespace's events, followed live, filtered to this workload.
#[component]
pub fn EventsTab(workload: Workload) -> impl IntoView {
    let path = Signal::derive(move || paths::events(&workload.namespace.get()));
    view! { <Followed path render=move |events| view! { <EventTable events workload/> }/> }
}

#[component]
fn EventTable(events: LiveList<Event>, workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
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
        .warning {
            color: var(--danger);
            font-weight: 600;
        }
    };
    view! { class = class,
        // Too wide for the screen, the table scrolls sideways on its own, not the page.
        <div class="table-scroll" tabindex="0">
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
                        let warning = event.is_warning();
                        view! { class = class,
                            <tr>
                                <td class:warning=warning>{event.kind.clone()}</td>
                                <td>{event.reason.clone()}</td>
                                <td>{format!("{}/{}", event.involved_object.kind, event.involved_object.name)}</td>
                                <EventMessageCells event=event.clone()/>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        </div>
    }
}
