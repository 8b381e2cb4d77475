//! A table of events: type, reason, object, message with its hint, count, last seen;
//! newest first. A workload's page and a pod's page show theirs with it.

use std::sync::Arc;

use leptos::prelude::*;
use stylers::style;

use crate::api::model::Event;
use crate::components::EventMessageCells;
use crate::i18n::*;
use crate::live::LiveList;

/// The events of `events` that `concerns` picks, newest first.
#[component]
pub fn EventTable(
    /// The namespace's events, followed.
    events: LiveList<Event>,
    /// Whether an event is about what the page shows (read in a memo: signals it reads
    /// are tracked).
    concerns: Arc<dyn Fn(&Event) -> bool + Send + Sync>,
    /// At most this many rows, the newest (all without it).
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        let mut mine: Vec<Event> = events
            .items
            .with(|all| all.iter().filter(|e| concerns(e)).cloned().collect());
        mine.sort_by(|a, b| b.last_seen().cmp(&a.last_seen()));
        if let Some(limit) = limit {
            mine.truncate(limit);
        }
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
                                <td class:warning=warning>{move || crate::words::event_type(i18n, warning)}</td>
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
