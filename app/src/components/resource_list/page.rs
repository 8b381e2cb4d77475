//! The frame of a page listing one kind of namespaced object: heading, search, and
//! the live list of the page's namespace (or of every namespace).

use leptos::prelude::*;

use super::{use_namespace, SearchBox};
use crate::api::model::list_query::ListQuery;
use crate::api::model::Listed;
use crate::api::paths;
use crate::components::Followed;
use crate::i18n::*;
use crate::live::LiveList;
use crate::I18n;

/// A page of the objects `plural` (`services`) of the URL's namespace: the `title`
/// heading, an optional `note` and `lead` under it, a search box (with the page's other
/// filters, its children, beside it), then the live list shown by `table`, which is
/// also given the namespace.
#[component]
pub fn ResourcePage<C, T, V, R>(
    /// The heading.
    title: fn(I18n) -> String,
    /// A line under the heading.
    #[prop(optional)]
    note: Option<fn(I18n) -> String>,
    /// The kind's name in API paths (`services`).
    plural: &'static str,
    /// The path of a namespace's collection of `plural`: in the core group unless told.
    #[prop(default = paths::core_collection)]
    collection: fn(&str, &str) -> String,
    /// What follows the heading (a link to create one).
    #[prop(optional, into)]
    lead: Option<ViewFn>,
    /// The list's search and sort.
    query: RwSignal<ListQuery<C>>,
    /// The search box's id (unique on the page).
    search_id: &'static str,
    /// The search box's label.
    search_label: fn(I18n) -> String,
    /// Shows the live list, given the page's namespace.
    table: R,
    /// Filters beside the search box.
    #[prop(optional)]
    children: Option<Children>,
    #[prop(marker)] _list: std::marker::PhantomData<fn() -> (T, V)>,
) -> impl IntoView
where
    C: Copy + Eq + Send + Sync + 'static,
    T: Listed,
    V: IntoView + 'static,
    R: Fn(LiveList<T>, String) -> V + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let namespace = use_namespace();
    let path = Signal::derive(move || collection(&namespace.get(), plural));
    view! {
        <section class="page">
            <h1>{move || title(i18n)}</h1>
            {note.map(|note| view! { <p>{move || note(i18n)}</p> })}
            {lead.map(|lead| lead.run())}
            <div class="filters">
                <SearchBox query id=search_id label=Signal::derive(move || search_label(i18n))/>
                {children.map(|filters| filters())}
            </div>
            <Followed path render=move |list| table(list, namespace.get_untracked())/>
        </section>
    }
}
