//! The workload list: one row per Deployment, live.

use leptos::prelude::*;
use leptos_router::components::A;
use stylers::style;

use super::StatusBadge;
use crate::api::model::{age, Deployment, WorkloadStatus};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// The translated word for a workload status.
pub fn status_word(i18n: crate::I18n, status: WorkloadStatus) -> String {
    match status {
        WorkloadStatus::Running => t_string!(i18n, status_running),
        WorkloadStatus::Progressing => t_string!(i18n, status_progressing),
        WorkloadStatus::Failed => t_string!(i18n, status_failed),
        WorkloadStatus::Stopped => t_string!(i18n, status_stopped),
    }
    .to_string()
}

/// Deployments with name, status, ready/desired pods, image and age.
#[component]
pub fn DeploymentTable(
    deployments: LiveList<Deployment>,
    #[prop(into)] namespace: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let class = style! {
        .empty {
            color: var(--muted);
            text-align: center;
        }
    };
    view! { class = class,
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_pods)}</th>
                    <th scope="col">{t!(i18n, col_image)}</th>
                    <th scope="col">{t!(i18n, col_age)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || deployments.items.with(Vec::is_empty)>
                    <tr>
                        <td colspan="5" class="empty">{t!(i18n, no_workloads)}</td>
                    </tr>
                </Show>
                <For
                    each=move || deployments.items.get()
                    key=|d| (d.metadata.uid.clone(), d.metadata.resource_version.clone())
                    let:deployment
                >
                    {
                        let status = deployment.workload_status();
                        let created = deployment.metadata.creation_timestamp.clone();
                        let href = format!("/namespaces/{}/deployments/{}", namespace.get_untracked(), deployment.metadata.name);
                        let name = deployment.metadata.name.clone();
                        view! {
                            <tr>
                                <td>
                                    <A href=href>{name}</A>
                                </td>
                                <td>
                                    <StatusBadge text=Signal::derive(move || status_word(i18n, status)) tone=status.tone()/>
                                </td>
                                <td>{deployment.ready_text()}</td>
                                <td>{deployment.images()}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
