//! `/namespaces/:ns/configmaps`: the ConfigMaps of a namespace (or of all), live, with
//! search, sortable columns, each row expandable to show its data, and a confirmed
//! Delete.

mod data_row;

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::{age, ConfigMap, ConfigMapColumn};
use crate::api::paths;
use crate::components::{
    home_of, use_namespace, ConnectionBadge, DeleteConfirm, DeleteRequest, Followed, SearchBox,
    ShownCount, SortHeader,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use data_row::DataRow;

/// The page: heading, search, and the live table.
#[component]
pub fn ConfigMapsPage() -> impl IntoView {
    let i18n = use_i18n();
    let namespace = use_namespace();
    let path = Signal::derive(move || paths::core_collection(&namespace.get(), "configmaps"));
    let query = RwSignal::new(ListQuery::<ConfigMapColumn>::default());
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_config_maps)}</h1>
            <div class="filters">
                <SearchBox query id="config-map-search" label=Signal::derive(move || t_string!(i18n, search_config_maps).to_string())/>
            </div>
            <Followed path render=move |config_maps| {
                let namespace = namespace.get_untracked();
                view! { <ConfigMapTable config_maps query namespace/> }
            }/>
        </section>
    }
}

#[component]
fn ConfigMapTable(
    config_maps: LiveList<ConfigMap>,
    query: RwSignal<ListQuery<ConfigMapColumn>>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let rows = Memo::new(move |_| {
        query.with(|q| config_maps.items.with(|items| q.apply(items, |_| true)))
    });
    let count = Signal::derive(move || {
        let (shown, total) = (rows.with(Vec::len), config_maps.items.with(Vec::len));
        t_string!(i18n, config_maps_shown, shown = shown, total = total).to_string()
    });
    // The uid of the row showing its data; one at a time keeps the table readable.
    let expanded = RwSignal::new(None::<String>);
    let deleting = DeleteRequest::new();
    let question = Callback::new(move |name: String| {
        t_string!(i18n, confirm_delete_config_map, name = name).to_string()
    });
    let header = move |column: ConfigMapColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
    let columns: usize = if all { 5 } else { 4 };
    let class = style! {
        .list-head {
            display: flex;
            align-items: center;
            gap: 1rem;
        }
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
        .empty {
            color: var(--muted);
            text-align: center;
        }
        .expand {
            background: none;
            border: none;
            padding: 0 0.4rem 0 0;
            font: inherit;
            color: var(--accent);
            cursor: pointer;
        }
        .actions {
            white-space: nowrap;
        }
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            <ConnectionBadge connection=config_maps.connection/>
        </div>
        <DeleteConfirm request=deleting question hint=Signal::derive(move || t_string!(i18n, delete_config_map_hint).to_string())/>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, nav_config_maps)}</caption>
            <thead>
                <tr>
                    {header(ConfigMapColumn::Name, |i| t_string!(i, col_name).to_string())}
                    {all.then(|| header(ConfigMapColumn::Namespace, |i| t_string!(i, namespace).to_string()))}
                    {header(ConfigMapColumn::Keys, |i| t_string!(i, col_keys).to_string())}
                    {header(ConfigMapColumn::Age, |i| t_string!(i, col_age).to_string())}
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan=columns class="empty">{t!(i18n, no_config_maps)}</td></tr>
                </Show>
                <For
                    each=move || rows.get()
                    key=|c| (c.metadata.uid.clone(), c.metadata.resource_version.clone())
                    let:config_map
                >
                    {
                        let name = config_map.metadata.name.clone();
                        let uid = config_map.metadata.uid.clone();
                        let path = paths::config_map(&home_of(&config_map.metadata.namespace, &namespace), &name);
                        let created = config_map.metadata.creation_timestamp.clone();
                        let keys = config_map.keys();
                        let keys_text = if keys.is_empty() { "-".to_owned() } else { keys.join(", ") };
                        let panel = format!("data-{uid}");
                        let open = {
                            let uid = uid.clone();
                            Memo::new(move |_| expanded.with(|e| e.as_deref() == Some(uid.as_str())))
                        };
                        let toggle = move |_| {
                            let uid = uid.clone();
                            expanded.update(|e| *e = if e.as_deref() == Some(uid.as_str()) { None } else { Some(uid) });
                        };
                        let show_label = {
                            let name = name.clone();
                            move || t_string!(i18n, show_data, name = name.clone()).to_string()
                        };
                        let data = config_map.clone();
                        view! { class = class,
                            <tr>
                                <td class="mono">
                                    <button type="button" class="expand"
                                        aria-expanded=move || if open.get() { "true" } else { "false" }
                                        aria-controls=panel.clone()
                                        aria-label=show_label
                                        on:click=toggle>
                                        {move || if open.get() { "▾" } else { "▸" }}
                                    </button>
                                    {name.clone()}
                                </td>
                                {all.then(|| view! { <td>{config_map.metadata.namespace.clone()}</td> })}
                                <td class="mono">{keys_text}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td class="actions">
                                    <button type="button" class="button link danger"
                                        disabled=config_map.metadata.deletion_timestamp.is_some()
                                        on:click=move |_| deleting.ask(name.clone(), path.clone())>
                                        {t!(i18n, delete)}
                                    </button>
                                </td>
                            </tr>
                            <Show when=move || open.get()>
                                <DataRow id=panel.clone() config_map=data.clone() columns/>
                            </Show>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
