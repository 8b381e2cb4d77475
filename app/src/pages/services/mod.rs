//! `/namespaces/:ns/services`: the Services of a namespace (or of all), live, with
//! search, sortable columns and a confirmed Delete.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::service_row::ServiceColumn;
use crate::api::model::{age, Service};
use crate::api::paths;
use crate::components::{
    home_of, use_namespace, ConnectionBadge, DeleteConfirm, DeleteRequest, Followed, SearchBox,
    ShownCount, SortHeader,
};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The page: heading, search, and the live table.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let namespace = use_namespace();
    let path = Signal::derive(move || paths::core_collection(&namespace.get(), "services"));
    let query = RwSignal::new(ListQuery::<ServiceColumn>::default());
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_services)}</h1>
            <div class="filters">
                <SearchBox query id="service-search" label=Signal::derive(move || t_string!(i18n, search_services).to_string())/>
            </div>
            <Followed path render=move |services| {
                let namespace = namespace.get_untracked();
                view! { <ServiceTable services query namespace/> }
            }/>
        </section>
    }
}

#[component]
fn ServiceTable(
    services: LiveList<Service>,
    query: RwSignal<ListQuery<ServiceColumn>>,
    namespace: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let all = paths::is_all_namespaces(&namespace);
    let rows =
        Memo::new(move |_| query.with(|q| services.items.with(|items| q.apply(items, |_| true))));
    let count = Signal::derive(move || {
        let (shown, total) = (rows.with(Vec::len), services.items.with(Vec::len));
        t_string!(i18n, services_shown, shown = shown, total = total).to_string()
    });
    let deleting = DeleteRequest::new();
    let question = Callback::new(move |name: String| {
        t_string!(i18n, confirm_delete_service, name = name).to_string()
    });
    let header = move |column: ServiceColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
    let columns = if all { 9 } else { 8 };
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
    };
    view! { class = class,
        <div class="list-head">
            <ShownCount text=count/>
            <ConnectionBadge connection=services.connection/>
        </div>
        <DeleteConfirm request=deleting question hint=Signal::derive(move || t_string!(i18n, delete_service_hint).to_string())/>
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, nav_services)}</caption>
            <thead>
                <tr>
                    {header(ServiceColumn::Name, |i| t_string!(i, col_name).to_string())}
                    {all.then(|| header(ServiceColumn::Namespace, |i| t_string!(i, namespace).to_string()))}
                    {header(ServiceColumn::Type, |i| t_string!(i, col_type).to_string())}
                    {header(ServiceColumn::ClusterIp, |i| t_string!(i, col_cluster_ip).to_string())}
                    {header(ServiceColumn::External, |i| t_string!(i, col_external_address).to_string())}
                    {header(ServiceColumn::Ports, |i| t_string!(i, ports).to_string())}
                    {header(ServiceColumn::Selector, |i| t_string!(i, col_selector).to_string())}
                    {header(ServiceColumn::Age, |i| t_string!(i, col_age).to_string())}
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan=columns class="empty">{t!(i18n, no_services)}</td></tr>
                </Show>
                <For
                    each=move || rows.get()
                    key=|s| (s.metadata.uid.clone(), s.metadata.resource_version.clone())
                    let:service
                >
                    {
                        let name = service.metadata.name.clone();
                        let path = paths::service(&home_of(&service.metadata.namespace, &namespace), &name);
                        let created = service.metadata.creation_timestamp.clone();
                        let external = service.external_address();
                        let selector = service.selector_text();
                        let dash = |text: String| if text.is_empty() { "-".to_owned() } else { text };
                        view! { class = class,
                            <tr>
                                <td class="mono">{name.clone()}</td>
                                {all.then(|| view! { <td>{service.metadata.namespace.clone()}</td> })}
                                <td>{service.type_name().to_owned()}</td>
                                <td class="mono">{service.cluster_address().unwrap_or("-").to_owned()}</td>
                                <td class="mono">{dash(external)}</td>
                                <td class="mono">{dash(service.ports_text())}</td>
                                <td class="mono">{dash(selector)}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td>
                                    <button type="button" class="button link danger"
                                        disabled=service.metadata.deletion_timestamp.is_some()
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
