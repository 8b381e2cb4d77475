//! The Access tab: the addresses the workload is reached at, and which pods receive
//! requests (only ready ones, as a Service's endpoints are).

use leptos::prelude::*;

use super::Workload;
use crate::api::model::{Pod, Service};
use crate::api::paths;
use crate::components::Followed;
use crate::i18n::*;
use crate::live::LiveList;

/// The tab: the namespace's Services, followed live, that select this workload's pods.
#[component]
pub fn AccessTab(workload: Workload) -> impl IntoView {
    let path = Signal::derive(move || paths::services(&workload.namespace.get()));
    view! { <Followed path render=move |services| view! { <Access services workload/> }/> }
}

#[component]
fn Access(services: LiveList<Service>, workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let mine = Memo::new(move |_| {
        let labels = workload.current.with(|w| w.selector.clone());
        services.items.with(|all| {
            all.iter()
                .filter(|s| s.selects(&labels))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let receiving = Memo::new(move |_| {
        workload.pods.items.with(|pods| {
            pods.iter()
                .filter(|p| p.is_ready())
                .cloned()
                .collect::<Vec<Pod>>()
        })
    });
    view! {
        <h2>{t!(i18n, access_addresses)}</h2>
        <Show when=move || !mine.with(Vec::is_empty) fallback=move || view! { <p>{t!(i18n, no_access)}</p> }>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_service)}</th>
                        <th scope="col">{t!(i18n, access_type)}</th>
                        <th scope="col">{t!(i18n, col_address)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || mine.get() key=|s| s.metadata.resource_version.clone() let:service>
                        {
                            let external = service.is_external();
                            view! {
                                <tr>
                                    <td>{service.metadata.name.clone()}</td>
                                    <td>{move || if external { t_string!(i18n, access_internet) } else { t_string!(i18n, access_intranet) }}</td>
                                    <td>{service.addresses().join(", ")}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Show>
        <h2>{t!(i18n, receiving_pods)}</h2>
        <p>{t!(i18n, receiving_hint)}</p>
        <ul aria-label=move || t_string!(i18n, receiving_pods)>
            <For each=move || receiving.get() key=|p| p.metadata.name.clone() let:pod>
                <li>{format!("{} ({})", pod.metadata.name, pod.status.pod_ip.clone().unwrap_or_default())}</li>
            </For>
        </ul>
    }
}
