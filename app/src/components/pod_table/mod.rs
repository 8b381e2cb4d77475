//! A pod list, live, with a confirmed Delete per pod; given a query, its column
//! headers sort and the rows are the query's.

use leptos::prelude::*;
use stylers::style;

use super::{home_of, window, ConfirmDialog, Pager, StatusBadge};
use crate::api::access::{may, Question};
use crate::api::cluster::in_cluster;
use crate::api::model::pod_query::{PodColumn, PodQuery};
use crate::api::model::Pod;
use crate::api::{delete, paths};
use crate::i18n::*;
use crate::live::{use_now, LiveList};
use leptos_router::components::A;

/// Pods with name, status, ready, restarts, images, age, node and IP, and a Delete
/// button each; with `query`, the rows it shows, sortable headers and a count.
#[component]
pub fn PodTable(
    pods: LiveList<Pod>,
    #[prop(into)] namespace: Signal<String>,
    #[prop(optional)] query: Option<RwSignal<PodQuery>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Across all namespaces each row says where the pod lives.
    let all = paths::is_all_namespaces(&namespace.get_untracked());
    // Filtered and sorted once per change, as positions in the list, for the pages and
    // the count alike; only the page shown is copied out and rendered.
    let order = Memo::new(move |_| match query {
        Some(q) => q.with(|q| pods.items.with(|items| q.select(items))),
        None => (0..pods.items.with(Vec::len)).collect::<Vec<usize>>(),
    });
    let page = RwSignal::new(0_usize);
    // A new search or sort starts from the first page.
    if let Some(q) = query {
        Effect::watch(move || q.track(), move |_, _, _| page.set(0), false);
    }
    let rows = Memo::new(move |_| {
        order.with(|order| {
            pods.items.with(|items| {
                order[window(order.len(), page.get())]
                    .iter()
                    .filter_map(|&i| items.get(i).cloned())
                    .collect::<Vec<Pod>>()
            })
        })
    });
    let total = Signal::derive(move || order.with(Vec::len));
    let count = move || {
        query.map(|_| {
            let (shown, total) = (total.get(), pods.items.with(Vec::len));
            t_string!(i18n, pods_shown, shown = shown, total = total).to_string()
        })
    };
    // A header of a sortable column is a button; `aria-sort` says how rows are ordered.
    let header = move |column: Option<PodColumn>, label: Signal<String>| match (query, column) {
        (Some(q), Some(column)) => {
            let sort = move || {
                q.with(|q| match (q.sort == column, q.descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                })
            };
            let toggle = move |_| {
                q.update(|q| {
                    q.descending = q.sort == column && !q.descending;
                    q.sort = column;
                })
            };
            view! {
                <th scope="col" aria-sort=sort>
                    <button type="button" class="sort" on:click=toggle>{move || label.get()}</button>
                </th>
            }
            .into_any()
        }
        _ => view! { <th scope="col">{move || label.get()}</th> }.into_any(),
    };
    let title = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    let now = use_now();
    // The pod asked about: its namespace and name.
    let to_delete = RwSignal::new(None::<(String, String)>);
    let failure = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        let Some((pod_namespace, name)) = to_delete.get_untracked() else {
            return;
        };
        to_delete.set(None);
        failure.set(None);
        let home = home_of(&pod_namespace, &namespace.get_untracked());
        let request = delete(paths::pod(&home, &name));
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
        .sort {
            background: none;
            border: none;
            padding: 0;
            font: inherit;
            font-weight: 600;
            color: inherit;
            cursor: pointer;
        }
    };
    view! { class = class,
        {move || failure.get().map(|message| view! { <p role="alert" class="error">{t!(i18n, delete_failed, message)}</p> })}
        {move || count().map(|text| view! { <p class="count">{text}</p> })}
        // Too wide for the screen, the table scrolls sideways on its own, not the page.
        <div class="table-scroll" tabindex="0">
        <table class="data-table">
            <thead>
                <tr>
                    {header(Some(PodColumn::Name), title(|i| t_string!(i, col_name).to_string()))}
                    {all.then(|| header(Some(PodColumn::Namespace), title(|i| t_string!(i, namespace).to_string())))}
                    {header(Some(PodColumn::Status), title(|i| t_string!(i, col_status).to_string()))}
                    {header(None, title(|i| t_string!(i, col_ready).to_string()))}
                    {header(Some(PodColumn::Restarts), title(|i| t_string!(i, col_restarts).to_string()))}
                    {header(Some(PodColumn::Image), title(|i| t_string!(i, col_image).to_string()))}
                    {header(Some(PodColumn::Age), title(|i| t_string!(i, col_age).to_string()))}
                    {header(Some(PodColumn::Node), title(|i| t_string!(i, col_node).to_string()))}
                    {header(Some(PodColumn::Ip), title(|i| t_string!(i, col_pod_ip).to_string()))}
                    {header(None, title(|i| t_string!(i, col_actions).to_string()))}
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr>
                        <td colspan=if all { 10 } else { 9 } class="empty">{t!(i18n, no_pods)}</td>
                    </tr>
                </Show>
                // Keyed by uid: a pod that changes keeps its row, and only the cells
                // that read what changed are updated (re-creating the row on every
                // status write cost the browser a style pass per row).
                <For
                    each=move || rows.get()
                    key=|pod| pod.metadata.uid.clone()
                    let:pod
                >
                    {
                        let key = (pod.metadata.namespace.clone(), pod.metadata.name.clone());
                        let created = pod.metadata.creation_timestamp.clone();
                        let (name, pod_namespace) = (pod.metadata.name.clone(), pod.metadata.namespace.clone());
                        let current = current_row(rows, pod);
                        let cell = move |read: fn(&Pod) -> String| move || current.with(read);
                        // Asked once per namespace and page: a user who may not delete
                        // pods sees the button disabled, with why as its title.
                        let may_delete = may(Question {
                            verb: "delete",
                            group: "",
                            resource: "pods".to_owned(),
                            subresource: "",
                            namespace: key.0.clone(),
                        });
                        let refusal = {
                            let namespace = key.0.clone();
                            move || (!may_delete.get()).then(|| {
                                t_string!(i18n, may_not, verb = "delete", resource = "pods", namespace = namespace.clone()).to_string()
                            })
                        };
                        view! {
                            <tr>
                                <td class="mono">
                                    <A href=in_cluster(&format!("/namespaces/{}/pods/{name}", key.0))>{name.clone()}</A>
                                </td>
                                {all.then(|| view! { <td>{pod_namespace}</td> })}
                                <td>
                                    <StatusBadge
                                        text=Signal::derive(move || crate::words::pod_status(i18n, &current.with(Pod::display_status)))
                                        tone=Signal::derive(move || current.with(Pod::tone))
                                    />
                                </td>
                                <td>{cell(Pod::ready_text)}</td>
                                <td>{move || current.with(Pod::restarts)}</td>
                                <td class="mono">{cell(Pod::images)}</td>
                                <td>{move || crate::words::age(i18n, created.as_deref(), now.get())}</td>
                                <td>{cell(|p| p.spec.node_name.clone().unwrap_or_else(|| "-".to_owned()))}</td>
                                <td class="mono">{cell(|p| p.status.pod_ip.clone().unwrap_or_else(|| "-".to_owned()))}</td>
                                <td>
                                    <button
                                        type="button"
                                        class="button link danger"
                                        disabled=move || !may_delete.get() || current.with(|p| p.metadata.deletion_timestamp.is_some())
                                        title=refusal
                                        on:click=move |_| to_delete.set(Some(key.clone()))
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
        </div>
        <Pager total page label=Signal::derive(move || t_string!(i18n, pod_pages).to_string())/>
        {move || {
            to_delete
                .get()
                .map(|(_, name)| {
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

/// A row's pod as it is now: the version of the same uid among the rows shown, or the
/// last one seen while the row is on its way out.
fn current_row(rows: Memo<Vec<Pod>>, first: Pod) -> Memo<Pod> {
    let uid = first.metadata.uid.clone();
    Memo::new(move |last: Option<&Pod>| {
        rows.with(|rows| rows.iter().find(|p| p.metadata.uid == uid).cloned())
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.clone())
    })
}
