//! `/namespaces/:ns/configmaps`: the ConfigMaps of a namespace (or of all), live, with
//! search, sortable columns, each row expandable to show its data, and a confirmed
//! Delete.

mod data_row;

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::{ConfigMap, ConfigMapColumn};
use crate::api::paths;
use crate::components::{
    being_deleted, uid_and_version, use_url_query, Deletion, ResourcePage, ResourceTable,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use data_row::DataRow;

/// The page's heading, and its table's caption.
fn title(i18n: crate::I18n) -> String {
    t_string!(i18n, nav_config_maps).to_string()
}

/// The page: heading, search, and the live table.
#[component]
pub fn ConfigMapsPage() -> impl IntoView {
    let query = use_url_query::<ListQuery<ConfigMapColumn>>();
    view! {
        <ResourcePage title plural="configmaps" query search_id="config-map-search"
            search_label=|i| t_string!(i, search_config_maps).to_string()
            table=move |config_maps, namespace| view! { <ConfigMapTable config_maps query namespace/> }/>
    }
}

/// A column's header.
fn header(i18n: crate::I18n, column: ConfigMapColumn) -> String {
    match column {
        ConfigMapColumn::Name => t_string!(i18n, col_name),
        ConfigMapColumn::Namespace => t_string!(i18n, namespace),
        ConfigMapColumn::Keys => t_string!(i18n, col_keys),
        ConfigMapColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
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
    // The Namespace column only when the page lists every namespace.
    let columns: Vec<_> = [
        ConfigMapColumn::Name,
        ConfigMapColumn::Namespace,
        ConfigMapColumn::Keys,
        ConfigMapColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != ConfigMapColumn::Namespace)
    .collect();
    // The data row spans the cells and Delete.
    let width = columns.len() + 1;
    // The uid of the row showing its data; one at a time keeps the table readable.
    let expanded = RwSignal::new(None::<String>);
    let is_open = move |uid: String| {
        Memo::new(move |_| expanded.with(|e| e.as_deref() == Some(uid.as_str())))
    };
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
        .expand {
            background: none;
            border: none;
            min-height: 0;
            padding: 0 0.4rem 0 0;
            font: inherit;
            color: var(--accent);
            cursor: pointer;
        }
    };
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<ConfigMap>| {
        let config_map = row.get_untracked();
        let name = config_map.metadata.name.clone();
        let uid = config_map.metadata.uid.clone();
        let created = config_map.metadata.creation_timestamp.clone();
        let keys = config_map.keys();
        let keys_text = if keys.is_empty() {
            "-".to_owned()
        } else {
            keys.join(", ")
        };
        let panel = format!("data-{uid}");
        let open = is_open(uid.clone());
        let toggle = move |_| {
            let uid = uid.clone();
            expanded.update(|e| {
                *e = if e.as_deref() == Some(uid.as_str()) {
                    None
                } else {
                    Some(uid)
                }
            });
        };
        let show_label = {
            let name = name.clone();
            move || t_string!(i18n, show_data, name = name.clone()).to_string()
        };
        view! { class = class,
            <td class="mono">
                <button type="button" class="expand"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=panel
                    aria-label=show_label
                    on:click=toggle>
                    {move || if open.get() { "▾" } else { "▸" }}
                </button>
                {name}
            </td>
            {all.then(|| view! { <td>{config_map.metadata.namespace.clone()}</td> })}
            <td class="mono">{keys_text}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let details = Callback::new(move |config_map: ConfigMap| {
        let open = is_open(config_map.metadata.uid.clone());
        let panel = format!("data-{}", config_map.metadata.uid);
        view! {
            <Show when=move || open.get()>
                <DataRow id=panel.clone() config_map=config_map.clone() columns=width/>
            </Show>
        }
        .into_any()
    });
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_config_map, name = name).to_string(),
        hint: |i| t_string!(i, delete_config_map_hint).to_string(),
        path: paths::config_map,
        going: being_deleted,
        resource: ("", "configmaps"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=config_maps query namespace columns cells details delete
            caption=title key=uid_and_version
            shown=|i, shown, total| t_string!(i, config_maps_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_config_maps).to_string()/>
    }
}
