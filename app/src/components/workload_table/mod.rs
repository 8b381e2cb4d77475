//! A workload list: one row per Deployment, StatefulSet or DaemonSet, live, searched,
//! filtered by status and sorted by any column.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::components::A;

use super::{being_deleted, uid_and_version, Deletion, ResourceTable, StatusBadge};
use crate::api::model::list_query::ListQuery;
use crate::api::model::{StatusChoice, WorkloadColumn, WorkloadKind, WorkloadRow, WorkloadStatus};
use crate::api::paths;
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use crate::I18n;

/// The translated word for a workload status.
pub fn status_word(i18n: I18n, status: WorkloadStatus) -> String {
    match status {
        WorkloadStatus::Running => t_string!(i18n, status_running),
        WorkloadStatus::Progressing => t_string!(i18n, status_progressing),
        WorkloadStatus::Failed => t_string!(i18n, status_failed),
        WorkloadStatus::Stopped => t_string!(i18n, status_stopped),
    }
    .to_string()
}

/// A column's header.
fn header(i18n: I18n, column: WorkloadColumn) -> String {
    match column {
        WorkloadColumn::Name => t_string!(i18n, col_name),
        WorkloadColumn::Namespace => t_string!(i18n, namespace),
        WorkloadColumn::Status => t_string!(i18n, col_status),
        WorkloadColumn::Pods => t_string!(i18n, col_pods),
        WorkloadColumn::Image => t_string!(i18n, col_image),
        WorkloadColumn::Age => t_string!(i18n, col_age),
    }
    .to_string()
}

/// Where a workload of `kind` lives in the API, as a function a [`Deletion`] holds.
fn api_path(kind: WorkloadKind) -> fn(&str, &str) -> String {
    match kind {
        WorkloadKind::StatefulSet => {
            |ns, name| paths::workload(ns, WorkloadKind::StatefulSet.plural(), name)
        }
        WorkloadKind::DaemonSet => {
            |ns, name| paths::workload(ns, WorkloadKind::DaemonSet.plural(), name)
        }
        WorkloadKind::Deployment => {
            |ns, name| paths::workload(ns, WorkloadKind::Deployment.plural(), name)
        }
    }
}

/// Workloads of `kind` with name, status, ready/desired
/// pods, image and age, and a confirmed Delete; names link to their detail pages.
/// `query` searches and sorts them, `status` filters them.
#[component]
pub fn WorkloadTable<T: WorkloadRow>(
    workloads: LiveList<T>,
    query: RwSignal<ListQuery<WorkloadColumn>>,
    #[prop(into)] status: Signal<StatusChoice>,
    /// The page's namespace (`_all` for every namespace).
    namespace: String,
    /// Their kind.
    kind: WorkloadKind,
    /// The list's heading, which names the table.
    caption: fn(I18n) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    // Across all namespaces each row says where it lives and links there.
    let all = paths::is_all_namespaces(&namespace);
    let plural = kind.plural();
    let columns: Vec<_> = [
        WorkloadColumn::Name,
        WorkloadColumn::Namespace,
        WorkloadColumn::Status,
        WorkloadColumn::Pods,
        WorkloadColumn::Image,
        WorkloadColumn::Age,
    ]
    .into_iter()
    .filter(|c| all || *c != WorkloadColumn::Namespace)
    .collect();
    // Keyed by version: a changed object is drawn again, so its cells read it once.
    let cells = move |row: Memo<T>| {
        let workload = row.get_untracked();
        let state = workload.status();
        let meta = workload.meta();
        let created = meta.creation_timestamp.clone();
        let name = meta.name.clone();
        let home = meta.namespace.clone();
        let href = in_cluster(&format!("/namespaces/{home}/{plural}/{name}"));
        view! {
            <td><A href=href>{name}</A></td>
            {all.then(|| view! { <td>{home.clone()}</td> })}
            <td>
                <StatusBadge text=Signal::derive(move || status_word(i18n, state)) tone=state.tone()/>
            </td>
            <td>{workload.ready()}</td>
            <td>{workload.image_list()}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
        }
    };
    let keep: Arc<dyn Fn(&T) -> bool + Send + Sync> =
        Arc::new(move |w: &T| status.with(|s| s.admits(w.status())));
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_workload, name = name).to_string(),
        hint: |i| t_string!(i, delete_workload_hint).to_string(),
        path: api_path(kind),
        going: being_deleted,
        resource: ("apps", kind.plural()),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=workloads query namespace columns cells delete keep
            caption key=uid_and_version
            shown=|i, shown, total| t_string!(i, workloads_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_workloads).to_string()/>
    }
}
