//! A pod list as a [`ResourceTable`]: live, searched, filtered by status, sorted by any
//! column, a hundred to a page, with a confirmed Delete per pod.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use stylers::style;

use super::{being_deleted, Deletion, Keep, ResourceTable, StatusBadge};
use crate::api::cluster::in_cluster;
use crate::api::model::list_query::ListQuery;
use crate::api::model::pod_query::{PodColumn, StatusFilter};
use crate::api::model::Pod;
use crate::api::paths;
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use crate::I18n;

/// A column's header.
fn header(i18n: I18n, column: PodColumn) -> String {
    match column {
        PodColumn::Name => t_string!(i18n, col_name),
        PodColumn::Namespace => t_string!(i18n, namespace),
        PodColumn::Status => t_string!(i18n, col_status),
        PodColumn::Ready => t_string!(i18n, col_ready),
        PodColumn::Restarts => t_string!(i18n, col_restarts),
        PodColumn::Image => t_string!(i18n, col_image),
        PodColumn::Age => t_string!(i18n, col_age),
        PodColumn::Node => t_string!(i18n, col_node),
        PodColumn::Ip => t_string!(i18n, col_pod_ip),
    }
    .to_string()
}

/// The table's name, read by screen readers.
fn caption(i18n: I18n) -> String {
    t_string!(i18n, nav_pods).to_string()
}

/// A row's identity is its pod's uid: a pod that changes keeps its row, and only the
/// cells that read what changed are updated (re-creating the row on every status write
/// cost the browser a style pass per row at 20,000 pods).
fn uid(pod: &Pod) -> String {
    pod.metadata.uid.clone()
}

/// Pods with name, status, ready, restarts, images, age, node and IP, and a Delete
/// button each; `query` searches and sorts them, `status` filters them.
#[component]
pub fn PodTable(
    /// The live list.
    pods: LiveList<Pod>,
    /// The page's namespace (`_all` for every namespace).
    namespace: String,
    /// The search and sort.
    query: RwSignal<ListQuery<PodColumn>>,
    /// The statuses shown.
    #[prop(into)]
    status: Signal<StatusFilter>,
    /// The page shows the list's connection already.
    #[prop(optional)]
    connection_shown: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    // Across all namespaces each row says where the pod lives.
    let all = paths::is_all_namespaces(&namespace);
    let columns: Vec<_> = [
        PodColumn::Name,
        PodColumn::Namespace,
        PodColumn::Status,
        PodColumn::Ready,
        PodColumn::Restarts,
        PodColumn::Image,
        PodColumn::Age,
        PodColumn::Node,
        PodColumn::Ip,
    ]
    .into_iter()
    .filter(|c| all || *c != PodColumn::Namespace)
    .collect();
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
    };
    let cells = move |pod: Memo<Pod>| {
        let (home, name, created) = pod.with_untracked(|p| {
            let meta = &p.metadata;
            (
                meta.namespace.clone(),
                meta.name.clone(),
                meta.creation_timestamp.clone(),
            )
        });
        let cell = move |read: fn(&Pod) -> String| move || pod.with(read);
        let href = in_cluster(&format!("/namespaces/{home}/pods/{name}"));
        let terminal = format!("{href}?tab=terminal");
        let terminal_label = t_string!(i18n, open_terminal_in, name = name.clone()).to_string();
        view! { class = class,
            <td class="mono">
                <A href=href>{name}</A>" "
                <A href=terminal attr:aria-label=terminal_label.clone() attr:title=terminal_label>">_"</A>
            </td>
            {all.then(|| view! { <td>{home}</td> })}
            <td>
                <StatusBadge
                    text=Signal::derive(move || crate::words::pod_status(i18n, &pod.with(Pod::display_status)))
                    tone=Signal::derive(move || pod.with(Pod::tone))
                />
            </td>
            <td>{cell(Pod::ready_text)}</td>
            <td>{move || pod.with(Pod::restarts)}</td>
            <td class="mono">{cell(Pod::images)}</td>
            <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
            <td>{cell(|p| p.spec.node_name.clone().unwrap_or_else(|| "-".to_owned()))}</td>
            <td class="mono">{cell(|p| p.status.pod_ip.clone().unwrap_or_else(|| "-".to_owned()))}</td>
        }
    };
    let keep: Keep<Pod> = Arc::new(move |pod| status.with(|s| s.admits(pod)));
    let delete = Deletion {
        question: |i, name| t_string!(i, confirm_delete_pod, name = name).to_string(),
        hint: |i| t_string!(i, delete_pod_hint).to_string(),
        path: paths::pod,
        going: being_deleted,
        resource: ("", "pods"),
        namespaced: true,
    };
    view! {
        <ResourceTable header list=pods query namespace columns cells delete keep caption
            key=uid connection_shown
            shown=|i, shown, total| t_string!(i, pods_shown, shown = shown, total = total).to_string()
            empty=|i| t_string!(i, no_pods).to_string()/>
    }
}
