//! `/namespaces/:ns/events`: what happened in a namespace (or in all), live, newest
//! first; warnings stand out in colour and in words; search, a type filter and
//! sortable columns.

use std::sync::Arc;

use leptos::prelude::*;
use stylers::style;

use crate::api::model::event_row::{EventColumn, EventTypeFilter};
use crate::api::model::list_query::ListQuery;
use crate::api::model::{Event, Tone};
use crate::api::paths;
use crate::components::{
    use_url_query, ChoiceSelect, EventMessageCells, Keep, ResourcePage, ResourceTable, StatusBadge,
};
use crate::i18n::*;
use crate::live::LiveList;

fn filter_name(i18n: crate::I18n, filter: EventTypeFilter) -> String {
    match filter {
        EventTypeFilter::All => t_string!(i18n, filter_all),
        EventTypeFilter::Normal => t_string!(i18n, event_normal),
        EventTypeFilter::Warning => t_string!(i18n, event_warning),
    }
    .to_string()
}

/// The page's heading, and its table's caption.
fn title(i18n: crate::I18n) -> String {
    t_string!(i18n, nav_events).to_string()
}

/// The page: heading, search, type filter, and the live table.
#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    // Sorted by Last seen ascending: youngest first, so the newest event is on top.
    let query = use_url_query::<ListQuery<EventColumn>>();
    let filter = use_url_query::<EventTypeFilter>();
    view! {
        <ResourcePage title plural="events" query search_id="event-search"
            search_label=|i| t_string!(i, search_events).to_string()
            table=move |events, namespace| view! { <EventTable events query filter namespace/> }>
            <ChoiceSelect id="event-type" label=Signal::derive(move || t_string!(i18n, col_type).to_string())
                choices=EventTypeFilter::ALL.to_vec() name=filter_name selected=filter
                on_choose=Callback::new(move |choice| filter.set(choice))/>
        </ResourcePage>
    }
}

/// A column's header.
fn header(i18n: crate::I18n, column: EventColumn) -> String {
    match column {
        EventColumn::Type => t_string!(i18n, col_type),
        EventColumn::Namespace => t_string!(i18n, namespace),
        EventColumn::Reason => t_string!(i18n, col_reason),
        EventColumn::Object => t_string!(i18n, col_object),
        EventColumn::Message => t_string!(i18n, col_message),
        EventColumn::Count => t_string!(i18n, col_count),
        EventColumn::LastSeen => t_string!(i18n, col_last_seen),
    }
    .to_string()
}

#[component]
fn EventTable(
    events: LiveList<Event>,
    query: RwSignal<ListQuery<EventColumn>>,
    filter: RwSignal<EventTypeFilter>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = paths::is_all_namespaces(&namespace);
    // The Namespace column only when the page lists every namespace.
    let columns: Vec<_> = [
        EventColumn::Type,
        EventColumn::Namespace,
        EventColumn::Reason,
        EventColumn::Object,
        EventColumn::Message,
        EventColumn::Count,
        EventColumn::LastSeen,
    ]
    .into_iter()
    .filter(|c| all || *c != EventColumn::Namespace)
    .collect();
    let keep: Keep<Event> = Arc::new(move |event| filter.get().admits(event));
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
    };
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<Event>| {
        let event = row.get_untracked();
        let (word, tone) = if event.is_warning() {
            (EventTypeFilter::Warning, Tone::Bad)
        } else {
            (EventTypeFilter::Normal, Tone::Idle)
        };
        view! { class = class,
            <td><StatusBadge text=Signal::derive(move || filter_name(i18n, word)) tone/></td>
            {all.then(|| view! { <td>{event.metadata.namespace.clone()}</td> })}
            <td>{event.reason.clone()}</td>
            <td class="mono">{event.object_text()}</td>
            <EventMessageCells event=event.clone()/>
        }
    };
    view! {
        <ResourceTable header list=events query columns cells keep caption=title
            key=|e: &Event| (e.metadata.uid.clone(), e.metadata.name.clone(), e.metadata.resource_version.clone())
            warning=Event::is_warning
            shown=|i, shown, total| t_string!(i, events_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_events).to_string()/>
    }
}
