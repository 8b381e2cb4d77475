//! A workload list: one row per Deployment, StatefulSet or DaemonSet, live.

use leptos::prelude::*;
use leptos_router::components::A;
use stylers::style;

use super::StatusBadge;
use crate::api::model::{age, Deployment, Listed, WorkloadSet, WorkloadStatus};
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

/// What a workload list shows of a row.
pub trait WorkloadRow: Listed {
    /// The state in one word.
    fn status(&self) -> WorkloadStatus;
    /// Ready pods / desired pods.
    fn ready(&self) -> String;
    /// The containers' images.
    fn image_list(&self) -> String;
}

macro_rules! workload_row {
    ($($ty:ty),*) => {
        $(impl WorkloadRow for $ty {
            fn status(&self) -> WorkloadStatus {
                self.workload_status()
            }
            fn ready(&self) -> String {
                self.ready_text()
            }
            fn image_list(&self) -> String {
                self.images()
            }
        })*
    };
}

workload_row!(Deployment, WorkloadSet);

/// Workloads with name, status, ready/desired pods, image and age; names link to the
/// detail page under `detail` (`deployments`) when there is one.
#[component]
pub fn WorkloadTable<T: WorkloadRow>(
    workloads: LiveList<T>,
    #[prop(into)] namespace: Signal<String>,
    #[prop(optional)] detail: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    // Across all namespaces each row says where it lives and links there.
    let all = crate::api::paths::is_all_namespaces(&namespace.get_untracked());
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
                    {all.then(|| view! { <th scope="col">{t!(i18n, namespace)}</th> })}
                    <th scope="col">{t!(i18n, col_status)}</th>
                    <th scope="col">{t!(i18n, col_pods)}</th>
                    <th scope="col">{t!(i18n, col_image)}</th>
                    <th scope="col">{t!(i18n, col_age)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || workloads.items.with(Vec::is_empty)>
                    <tr>
                        <td colspan=if all { 6 } else { 5 } class="empty">{t!(i18n, no_workloads)}</td>
                    </tr>
                </Show>
                <For
                    each=move || workloads.items.get()
                    key=|w| (w.meta().uid.clone(), w.meta().resource_version.clone())
                    let:workload
                >
                    {
                        let status = workload.status();
                        let created = workload.meta().creation_timestamp.clone();
                        let name = workload.meta().name.clone();
                        let home = workload.meta().namespace.clone();
                        let link = detail.map(|d| format!("/namespaces/{home}/{d}/{name}"));
                        view! {
                            <tr>
                                <td>
                                    {match link {
                                        Some(href) => view! { <A href=href>{name}</A> }.into_any(),
                                        None => name.into_any(),
                                    }}
                                </td>
                                {all.then(|| view! { <td>{home.clone()}</td> })}
                                <td>
                                    <StatusBadge text=Signal::derive(move || status_word(i18n, status)) tone=status.tone()/>
                                </td>
                                <td>{workload.ready()}</td>
                                <td>{workload.image_list()}</td>
                                <td>{move || age(created.as_deref(), now.get())}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
