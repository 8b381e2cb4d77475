//! Column headers that sort, and the count above a list.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;

/// A column header whose button sorts the list by `column` (again: the other way);
/// `aria-sort` says how the rows are ordered.
#[component]
pub fn SortHeader<C>(
    /// The list's query.
    query: RwSignal<ListQuery<C>>,
    /// The column this header sorts by.
    column: C,
    /// The column's name.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView
where
    C: Copy + Eq + Send + Sync + 'static,
{
    let class = style! {
        .sort {
            background: none;
            border: none;
            padding: 0;
            min-height: 0;
            font: inherit;
            font-weight: 600;
            color: inherit;
            cursor: pointer;
            text-align: start;
        }
        .sort:focus-visible {
            outline: 2px solid var(--accent);
            outline-offset: 2px;
        }
    };
    view! { class = class,
        <th scope="col" aria-sort=move || query.with(|q| q.aria_sort(column))>
            <button type="button" class="sort" on:click=move |_| query.update(|q| q.toggle(column))>
                {label}
            </button>
        </th>
    }
}

/// "3 of 5 services": how many rows the search and filters leave, of how many.
#[component]
pub fn ShownCount(
    /// The sentence, already translated.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! { <p class="count" aria-live="polite">{text}</p> }
}
