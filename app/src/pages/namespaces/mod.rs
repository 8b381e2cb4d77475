//! `/namespaces`: every namespace, live, with its type (general-purpose or GPU, as the
//! engine labels it) and status; search, sortable columns, Create (the name checked by
//! the shared rules at the field) and a confirmed Delete.

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::components::A;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::namespace_item::{NamespaceColumn, NamespaceItem};
use crate::api::paths;
use crate::components::{
    uid_and_version, use_url_query, CreateNamespace, Deletion, Followed, ResourceTable, SearchBox,
    StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page: heading, Create, search, and the live table.
#[component]
pub fn NamespacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query::<ListQuery<NamespaceColumn>>();
    let creating = RwSignal::new(false);
    let class = style! {
        .head {
            display: flex;
            align-items: center;
            justify-content: space-between;
            gap: 1rem;
        }
    };
    view! { class = class,
        <section class="page">
            <div class="head">
                <h1>{t!(i18n, nav_namespaces)}</h1>
                <button type="button" class="button primary" on:click=move |_| creating.set(true)>
                    {t!(i18n, create_namespace)}
                </button>
            </div>
            <div class="filters">
                <SearchBox query id="namespace-search" label=Signal::derive(move || t_string!(i18n, search_namespaces).to_string())/>
            </div>
            <Followed path=paths::namespaces() render=move |namespaces| view! { <NamespaceTable namespaces query/> }/>
            <Show when=move || creating.get()>
                <CreateNamespace on_close=Callback::new(move |()| creating.set(false))/>
            </Show>
        </section>
    }
}

/// A column's header.
fn header(i18n: crate::I18n, column: NamespaceColumn) -> String {
    match column {
        NamespaceColumn::Name => t_string!(i18n, col_name),
        NamespaceColumn::Type => t_string!(i18n, col_type),
        NamespaceColumn::Status => t_string!(i18n, col_status),
        NamespaceColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

#[component]
fn NamespaceTable(
    namespaces: LiveList<NamespaceItem>,
    query: RwSignal<ListQuery<NamespaceColumn>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let columns = vec![
        NamespaceColumn::Name,
        NamespaceColumn::Type,
        NamespaceColumn::Status,
        NamespaceColumn::Age,
    ];
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<NamespaceItem>| {
        let namespace = row.get_untracked();
        let name = namespace.metadata.name.clone();
        let created = namespace.metadata.creation_timestamp.clone();
        let gpu = namespace.is_gpu();
        let terminating = namespace.is_terminating();
        let kind = move || {
            if gpu {
                t_string!(i18n, namespace_gpu)
            } else {
                t_string!(i18n, namespace_general)
            }
            .to_string()
        };
        let phase = move || {
            if terminating {
                t_string!(i18n, namespace_terminating)
            } else {
                t_string!(i18n, namespace_active)
            }
            .to_string()
        };
        let href = in_cluster(&format!("/namespaces/{name}/deployments"));
        view! {
            <td><A href=href>{name}</A></td>
            <td>{kind}</td>
            <td><StatusBadge text=Signal::derive(phase) tone=namespace.tone()/></td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_namespace, name = name).to_string(),
        hint: |i| t_string!(i, delete_namespace_hint).to_string(),
        path: |_, name| paths::namespace(name),
        going: NamespaceItem::is_terminating,
        resource: ("", "namespaces"),
        namespaced: false,
    };
    view! {
        <ResourceTable header list=namespaces query columns cells delete key=uid_and_version
            caption=|i| t_string!(i, nav_namespaces).to_string()
            shown=|i, shown, total| t_string!(i, namespaces_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_namespaces).to_string()/>
    }
}
