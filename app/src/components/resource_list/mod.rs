//! The pieces every resource list page shares: the page's frame, a search box, the
//! live table with its sortable column headers, a filter of fixed choices, the "shown of total" count, and a
//! confirmed Delete.

mod choice;
mod delete;
mod header;
mod page;
mod table;
mod url_query;

use leptos::prelude::*;

pub use choice::ChoiceSelect;
pub use delete::{DeleteConfirm, DeleteRequest};
pub use header::{ShownCount, SortHeader};
pub use page::ResourcePage;
pub use table::{being_deleted, uid_and_version, Deletion, Keep, ResourceTable};
pub use url_query::use_url_query;

use crate::api::model::list_query::Searched;

/// A labelled search field bound to `query`'s search text.
#[component]
pub fn SearchBox<Q>(
    /// The query whose search text it edits.
    query: RwSignal<Q>,
    /// The input's id (unique on the page).
    id: &'static str,
    /// Its label.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView
where
    Q: Searched + Send + Sync + 'static,
{
    view! {
        <label for=id>{label}</label>
        <input id=id type="search"
            // The attribute puts a search from the URL in the server's HTML too.
            value=query.with_untracked(|q| q.search().to_owned())
            prop:value=move || query.with(|q| q.search().to_owned())
            on:input=move |ev| query.update(|q| *q.search_mut() = event_target_value(&ev))/>
    }
}

/// The namespace segment of the page's URL (`default`, or `_all` for every namespace).
pub fn use_namespace() -> Memo<String> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get("ns").unwrap_or_default())
}

/// The namespace an object's action goes to: its own, or the page's when it has none.
pub fn home_of(object_namespace: &str, page_namespace: &str) -> String {
    if object_namespace.is_empty() {
        page_namespace.to_owned()
    } else {
        object_namespace.to_owned()
    }
}
