//! The Containers tab: each container (init containers and sidecars first) with its
//! image, state, readiness, restarts, last termination, ports, resources and probes;
//! then the pod's conditions.

use leptos::prelude::*;

use crate::api::model::PodDetail;
use crate::i18n::*;
use crate::live::use_now;
use crate::words::{condition_status, condition_type};

/// The tab.
#[component]
pub fn Containers(pod: Memo<PodDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let containers = Memo::new(move |_| pod.with(PodDetail::containers));
    let conditions = Memo::new(move |_| pod.with(PodDetail::conditions));
    let role = move |role: &str| match role {
        "init" => t_string!(i18n, container_init).to_string(),
        "sidecar" => t_string!(i18n, container_sidecar).to_string(),
        _ => String::new(),
    };
    view! {
        <div class="table-scroll" tabindex="0">
        <table class="data-table">
            <caption>{t!(i18n, tab_containers)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_image)}</th>
                    <th scope="col">{t!(i18n, col_state)}</th>
                    <th scope="col">{t!(i18n, col_ready)}</th>
                    <th scope="col">{t!(i18n, col_restarts)}</th>
                    <th scope="col">{t!(i18n, col_last_termination)}</th>
                    <th scope="col">{t!(i18n, col_ports)}</th>
                    <th scope="col">{t!(i18n, col_resources)}</th>
                    <th scope="col">{t!(i18n, col_probes)}</th>
                </tr>
            </thead>
            <tbody>
                {move || containers.get().into_iter().map(|c| {
                    let kind = role(c.role);
                    view! {
                        <tr>
                            <th scope="row" class="mono">{c.name}{(!kind.is_empty()).then(|| view! { " " <small>"("{kind}")"</small> })}</th>
                            <td class="mono">{c.image}</td>
                            <td>{c.state}{(!c.message.is_empty()).then(|| view! { <br/><small>{c.message}</small> })}</td>
                            <td>{if c.ready { t_string!(i18n, yes).to_string() } else { t_string!(i18n, no).to_string() }}</td>
                            <td>{c.restarts}</td>
                            <td>{c.last_termination.unwrap_or_else(|| "-".to_owned())}</td>
                            <td class="mono">{c.ports}</td>
                            <td>{c.resources}</td>
                            <td>{c.probes.join("; ")}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <div class="table-scroll" tabindex="0">
        <table class="data-table">
            <caption>{t!(i18n, conditions)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_type)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_reason)}</th>
                    <th scope="col">{t!(i18n, col_message)}</th>
                    <th scope="col">{t!(i18n, col_since)}</th>
                </tr>
            </thead>
            <tbody>
                {move || conditions.get().into_iter().map(|c| {
                    let since = c.since.clone();
                    let (kind, status) = (c.kind.clone(), c.status.clone());
                    view! {
                        <tr>
                            <th scope="row">{move || condition_type(i18n, &kind)}</th>
                            <td>{move || condition_status(i18n, &status)}</td>
                            <td>{c.reason}</td>
                            <td>{c.message}</td>
                            <td>{move || crate::words::age(i18n, since.as_deref(), now.get())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
