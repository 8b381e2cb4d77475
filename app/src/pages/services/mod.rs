//! `/namespaces/:ns/services`: the Services of a namespace (or of all), live, with
//! search, sortable columns and a confirmed Delete.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::service_row::ServiceColumn;
use crate::api::model::Service;
use crate::api::paths;
use crate::components::{
    being_deleted, uid_and_version, use_url_query, Deletion, ResourcePage, ResourceTable,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page's heading, and its table's caption.
fn title(i18n: crate::I18n) -> String {
    t_string!(i18n, nav_services).to_string()
}

/// The page: heading, search, and the live table.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let query = use_url_query::<ListQuery<ServiceColumn>>();
    view! {
        <ResourcePage title plural="services" query search_id="service-search"
            search_label=|i| t_string!(i, search_services).to_string()
            table=move |services, namespace| view! { <ServiceTable services query namespace/> }/>
    }
}

/// A column's header.
fn header(i18n: crate::I18n, column: ServiceColumn) -> String {
    match column {
        ServiceColumn::Name => t_string!(i18n, col_name),
        ServiceColumn::Namespace => t_string!(i18n, namespace),
        ServiceColumn::Type => t_string!(i18n, col_type),
        ServiceColumn::ClusterIp => t_string!(i18n, col_cluster_ip),
        ServiceColumn::External => t_string!(i18n, col_external_address),
        ServiceColumn::Ports => t_string!(i18n, ports),
        ServiceColumn::Selector => t_string!(i18n, col_selector),
        ServiceColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

#[component]
fn ServiceTable(
    services: LiveList<Service>,
    query: RwSignal<ListQuery<ServiceColumn>>,
    namespace: String,
) -> impl IntoView {
    let now = use_now();
    let i18n = use_i18n();
    let all = paths::is_all_namespaces(&namespace);
    // The Namespace column only when the page lists every namespace.
    let columns: Vec<_> = [
        ServiceColumn::Name,
        ServiceColumn::Namespace,
        ServiceColumn::Type,
        ServiceColumn::ClusterIp,
        ServiceColumn::External,
        ServiceColumn::Ports,
        ServiceColumn::Selector,
        ServiceColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != ServiceColumn::Namespace)
    .collect();
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
    };
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<Service>| {
        let service = row.get_untracked();
        let created = service.metadata.creation_timestamp.clone();
        let dash = |text: String| {
            if text.is_empty() {
                "-".to_owned()
            } else {
                text
            }
        };
        view! { class = class,
            <td class="mono">{service.metadata.name.clone()}</td>
            {all.then(|| view! { <td>{service.metadata.namespace.clone()}</td> })}
            <td>{service.type_name().to_owned()}</td>
            <td class="mono">{service.cluster_address().unwrap_or("-").to_owned()}</td>
            <td class="mono">{dash(service.external_address())}</td>
            <td class="mono">{dash(service.ports_text())}</td>
            <td class="mono">{dash(service.selector_text())}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_service, name = name).to_string(),
        hint: |i| t_string!(i, delete_service_hint).to_string(),
        path: paths::service,
        going: being_deleted,
        resource: ("", "services"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=services query namespace columns cells delete
            caption=title key=uid_and_version
            shown=|i, shown, total| t_string!(i, services_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_services).to_string()/>
    }
}
