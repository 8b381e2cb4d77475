//! `/namespaces/:ns/events`: what happened in a namespace (or in all), live, newest
//! first; warnings stand out in colour and in words; search, a type filter and
//! sortable columns.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::event_row::{EventColumn, EventTypeFilter};
use crate::api::model::list_query::ListQuery;
use crate::api::model::{age, Event, Tone, Trouble};
use crate::api::paths;
use crate::components::{
    use_namespace, ConnectionBadge, Followed, SearchBox, ShownCount, SortHeader, StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

fn filter_name(i18n: crate::I18n, filter: EventTypeFilter) -> String {
    match filter {
        EventTypeFilter::All => t_string!(i18n, filter_all),
        EventTypeFilter::Normal => t_string!(i18n, event_normal),
        EventTypeFilter::Warning => t_string!(i18n, event_warning),
    }
    .to_string()
}

/// The plain-language hint for a troubleshooting case.
fn hint(i18n: crate::I18n, trouble: Trouble) -> String {
    match trouble {
        Trouble::ImagePull => t_string!(i18n, hint_image_pull),
        Trouble::Restart => t_string!(i18n, hint_restart),
    }
    .to_string()
}

/// The page: heading, search, type filter, and the live table.
#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let namespace = use_namespace();
    let path = Signal::derive(move || paths::core_collection(&namespace.get(), "events"));
    // Sorted by Last seen ascending: youngest first, so the newest event is on top.
    let query = RwSignal::new(ListQuery::<EventColumn>::default());
    let filter = RwSignal::new(EventTypeFilter::All);
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_events)}</h1>
            <div class="filters">
                <SearchBox query id="event-search" label=Signal::derive(move || t_string!(i18n, search_events).to_string())/>
                <label for="event-type">{t!(i18n, col_type)}</label>
                <select id="event-type"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        filter.set(EventTypeFilter::ALL.into_iter().find(|f| format!("{f:?}") == chosen).unwrap_or_default());
                    }>
                    {EventTypeFilter::ALL
                        .into_iter()
                        .map(|f| view! { <option value=format!("{f:?}") selected=move || filter.get() == f>{move || filter_name(i18n, f)}</option> })
                        .collect_view()}
                </select>
            </div>
            <Followed path render=move |events| {
                let namespace = namespace.get_untracked();
                view! { <EventTable events query filter namespace/> }
            }/>
        </section>
    }
}

#[component]
fn EventTable(
    events: LiveList<Event>,
    query: RwSignal<ListQuery<EventColumn>>,
    filter: RwSignal<EventTypeFilter>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let rows = Memo::new(move |_| {
        let filter = filter.get();
        query.with(|q| {
            events
                .items
                .with(|items| q.apply(items, |e| filter.admits(e)))
        })
    });
    let count = Signal::derive(move || {
        let (shown, total) = (rows.with(Vec::len), events.items.with(Vec::len));
        t_string!(i18n, events_shown, shown = shown, total = total).to_string()
    });
    let header = move |column: EventColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
    let columns: usize = if all { 7 } else { 6 };
    let class = style! {
        .list-head {
            display: flex;
            align-items: center;
            gap: 1rem;
        }
        .empty {
            color: var(--muted);
            text-align: center;
        }
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
        .warning td {
            background: var(--tone-bad-bg);
        }
        .hint {
            margin: 0.25rem 0 0;
            font-size: 0.9rem;
        }
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            <ConnectionBadge connection=events.connection/>
        </div>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, nav_events)}</caption>
            <thead>
                <tr>
                    {header(EventColumn::Type, |i| t_string!(i, col_type).to_string())}
                    {all.then(|| header(EventColumn::Namespace, |i| t_string!(i, namespace).to_string()))}
                    {header(EventColumn::Reason, |i| t_string!(i, col_reason).to_string())}
                    {header(EventColumn::Object, |i| t_string!(i, col_object).to_string())}
                    {header(EventColumn::Message, |i| t_string!(i, col_message).to_string())}
                    {header(EventColumn::Count, |i| t_string!(i, col_count).to_string())}
                    {header(EventColumn::LastSeen, |i| t_string!(i, col_last_seen).to_string())}
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan=columns class="empty">{t!(i18n, no_events)}</td></tr>
                </Show>
                <For
                    each=move || rows.get()
                    key=|e| (e.metadata.uid.clone(), e.metadata.name.clone(), e.metadata.resource_version.clone())
                    let:event
                >
                    {
                        let warning = event.is_warning();
                        let trouble = event.trouble();
                        let seen = event.last_seen().map(str::to_owned);
                        let (word, tone) = if warning {
                            (EventTypeFilter::Warning, Tone::Bad)
                        } else {
                            (EventTypeFilter::Normal, Tone::Idle)
                        };
                        view! { class = class,
                            <tr class:warning=warning>
                                <td><StatusBadge text=Signal::derive(move || filter_name(i18n, word)) tone/></td>
                                {all.then(|| view! { <td>{event.metadata.namespace.clone()}</td> })}
                                <td>{event.reason.clone()}</td>
                                <td class="mono">{event.object_text()}</td>
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
