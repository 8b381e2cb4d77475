//! The pod list of a workload, live, with a confirmed Delete per pod.

use leptos::prelude::*;
use stylers::style;

use super::{ConfirmDialog, StatusBadge};
use crate::api::model::{age, Pod};
use crate::api::{delete, paths};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// Pods with name, status, ready, restarts, age, node and IP, and a Delete button each.
#[component]
pub fn PodTable(pods: LiveList<Pod>, #[prop(into)] namespace: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let to_delete = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        let Some(name) = to_delete.get_untracked() else {
            return;
        };
        to_delete.set(None);
        failure.set(None);
        let request = delete(paths::pod(&namespace.get_untracked(), &name));
        leptos::task::spawn_local(async move {
            if let Err(e) = request.await {
                failure.set(Some(e.to_string()));
            }
        });
    });
    let cancel = Callback::new(move |()| to_delete.set(None));
    let class = style! {
        .empty {
            color: var(--muted);
            text-align: center;
        }
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
    };
    view! { class = class,
        {move || failure.get().map(|message| view! { <p role="alert" class="error">{t!(i18n, delete_failed, message)}</p> })}
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_ready)}</th>
                    <th scope="col">{t!(i18n, col_restarts)}</th>
                    <th scope="col">{t!(i18n, col_age)}</th>
                    <th scope="col">{t!(i18n, col_node)}</th>
                    <th scope="col">{t!(i18n, col_pod_ip)}</th>
                    <th scope="col">{t!(i18n, col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || pods.items.with(Vec::is_empty)>
                    <tr>
                        <td colspan="8" class="empty">{t!(i18n, no_pods)}</td>
                    </tr>
                </Show>
                <For
                    each=move || pods.items.get()
                    key=|pod| (pod.metadata.uid.clone(), pod.metadata.resource_version.clone())
                    let:pod
                >
                    {
                        let name = pod.metadata.name.clone();
                        let created = pod.metadata.creation_timestamp.clone();
                        let terminating = pod.metadata.deletion_timestamp.is_some();
                        view! {
                            <tr>
                                <td class="mono">{pod.metadata.name.clone()}</td>
                                <td>
                                    <StatusBadge text=pod.display_status() tone=pod.tone()/>
                                </td>
                                <td>{pod.ready_text()}</td>
                                <td>{pod.restarts()}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                                <td>{pod.spec.node_name.clone().unwrap_or_else(|| "-".to_owned())}</td>
                                <td class="mono">{pod.status.pod_ip.clone().unwrap_or_else(|| "-".to_owned())}</td>
                                <td>
                                    <button
                                        type="button"
                                        class="button link danger"
                                        disabled=terminating
                                        on:click=move |_| to_delete.set(Some(name.clone()))
                                    >
                                        {t!(i18n, delete)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        {move || {
            to_delete
                .get()
                .map(|name| {
                    let title = Signal::derive(move || t_string!(i18n, confirm_delete_pod, name = name.clone()).to_string());
                    view! {
                        <ConfirmDialog
                            title=title
                            detail=Signal::derive(move || t_string!(i18n, delete_pod_hint).to_string())
                            confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                            on_confirm=confirm
                            on_cancel=cancel
                        />
                    }
                })
        }}
    }
}
