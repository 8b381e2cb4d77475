//! `/namespaces`: every namespace, live, with its type (general-purpose or GPU, as the
//! engine labels it) and status; search, sortable columns, Create (the name checked by
//! the shared rules at the field) and a confirmed Delete.

mod create;

use leptos::prelude::*;
use leptos_router::components::A;
use stylers::style;

use crate::api::model::age;
use crate::api::model::list_query::ListQuery;
use crate::api::model::namespace_item::{NamespaceColumn, NamespaceItem};
use crate::api::paths;
use crate::components::{
    ConnectionBadge, DeleteConfirm, DeleteRequest, Followed, SearchBox, ShownCount, SortHeader,
    StatusBadge,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use create::CreateNamespace;

/// The page: heading, Create, search, and the live table.
#[component]
pub fn NamespacesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(ListQuery::<NamespaceColumn>::default());
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

#[component]
fn NamespaceTable(
    namespaces: LiveList<NamespaceItem>,
    query: RwSignal<ListQuery<NamespaceColumn>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let rows =
        Memo::new(move |_| query.with(|q| namespaces.items.with(|items| q.apply(items, |_| true))));
    let count = Signal::derive(move || {
        let (shown, total) = (rows.with(Vec::len), namespaces.items.with(Vec::len));
        t_string!(i18n, namespaces_shown, shown = shown, total = total).to_string()
    });
    let deleting = DeleteRequest::new();
    let question = Callback::new(move |name: String| {
        t_string!(i18n, confirm_delete_namespace, name = name).to_string()
    });
    let header = move |column: NamespaceColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
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
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            <ConnectionBadge connection=namespaces.connection/>
        </div>
        <DeleteConfirm request=deleting question hint=Signal::derive(move || t_string!(i18n, delete_namespace_hint).to_string())/>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, nav_namespaces)}</caption>
            <thead>
                <tr>
                    {header(NamespaceColumn::Name, |i| t_string!(i, col_name).to_string())}
                    {header(NamespaceColumn::Type, |i| t_string!(i, col_type).to_string())}
                    {header(NamespaceColumn::Status, |i| t_string!(i, col_status).to_string())}
                    {header(NamespaceColumn::Age, |i| t_string!(i, col_age).to_string())}
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan="5" class="empty">{t!(i18n, no_namespaces)}</td></tr>
                </Show>
                <For
                    each=move || rows.get()
                    key=|n| (n.metadata.uid.clone(), n.metadata.resource_version.clone())
                    let:namespace
                >
                    {
                        let name = namespace.metadata.name.clone();
                        let created = namespace.metadata.creation_timestamp.clone();
                        let gpu = namespace.is_gpu();
                        let terminating = namespace.is_terminating();
                        let kind = move || if gpu { t_string!(i18n, namespace_gpu) } else { t_string!(i18n, namespace_general) }.to_string();
                        let phase = move || if terminating { t_string!(i18n, namespace_terminating) } else { t_string!(i18n, namespace_active) }.to_string();
                        let href = format!("/namespaces/{name}/deployments");
                        let label = name.clone();
                        let path = paths::namespace(&name);
                        view! {
                            <tr>
                                <td><A href=href>{label}</A></td>
                                <td>{kind}</td>
                                <td><StatusBadge text=Signal::derive(phase) tone=namespace.tone()/></td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td>
                                    <button type="button" class="button link danger"
                                        disabled=terminating
                                        on:click=move |_| deleting.ask(name.clone(), path.clone())>
                                        {t!(i18n, delete)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
