//! The console's home (`/namespaces/:ns/overview`): a namespace's (or every
//! namespace's) workloads by status, pods by phase, the pods that restarted in the last
//! hour, the latest warnings with their hints, and the nodes' room and use; all live.

mod nodes;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use stylers::style;

use crate::api::cluster::in_cluster;
use crate::api::model::overview::{phase_counts, restarted_within, workload_counts};
use crate::api::model::{Deployment, Event, Pod, WorkloadKind, WorkloadSet, WorkloadSummary};
use crate::api::paths;
use crate::components::{status_word, Card, EventTable, Followed, StatusBadge};
use crate::i18n::*;
use crate::live::{use_now, LiveList};

/// How far back "restarted lately" looks.
const RESTART_WINDOW: i64 = 3_600;

/// How many warnings show.
const WARNINGS: usize = 5;

/// The page.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let collection = move |group: fn(&str, &str) -> String, plural: &'static str| {
        Signal::derive(move || group(&namespace.get(), plural))
    };
    let deployments = move |list: LiveList<Deployment>| {
        let summaries = Memo::new(move |_| {
            list.items
                .with(|i| i.iter().map(Deployment::summary).collect())
        });
        view! { <WorkloadCounts kind=WorkloadKind::Deployment namespace summaries/> }
    };
    let sets = move |kind: WorkloadKind| {
        move |list: LiveList<WorkloadSet>| {
            let summaries = Memo::new(move |_| {
                list.items
                    .with(|i| i.iter().map(|w| w.summary(kind)).collect())
            });
            view! { <WorkloadCounts kind namespace summaries/> }
        }
    };
    let pods = |pods: LiveList<Pod>| view! { <PodCounts pods/> };
    let warnings = |events: LiveList<Event>| view! { <Warnings events/> };
    let class = style! {
        .cards {
            display: grid;
            grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
            column-gap: var(--space-4);
        }
    };
    let title = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    view! { class = class,
        <section class="page">
            <h1>{t!(i18n, nav_overview)}</h1>
            <div class="cards">
                <Card title=title(|i| t_string!(i, nav_workloads).to_string()) id="overview-workloads" top_level=true>
                    <Followed path=collection(paths::apps_collection, "deployments") render=deployments/>
                    <Followed path=collection(paths::apps_collection, "statefulsets") render=sets(WorkloadKind::StatefulSet)/>
                    <Followed path=collection(paths::apps_collection, "daemonsets") render=sets(WorkloadKind::DaemonSet)/>
                </Card>
                <Card title=title(|i| t_string!(i, overview_pods).to_string()) id="overview-pods" top_level=true>
                    <Followed path=collection(paths::core_collection, "pods") render=pods/>
                </Card>
                <Card title=title(|i| t_string!(i, overview_warnings).to_string()) id="overview-warnings" top_level=true wide=true>
                    <Followed path=collection(paths::core_collection, "events") render=warnings/>
                </Card>
                <Card title=title(|i| t_string!(i, overview_nodes).to_string()) id="overview-nodes" top_level=true wide=true>
                    <nodes::Nodes/>
                </Card>
            </div>
        </section>
    }
}

/// One kind's workloads by status: a badge and count for each, the kind's heading a
/// link to its list.
#[component]
fn WorkloadCounts(
    kind: WorkloadKind,
    namespace: Memo<String>,
    summaries: Memo<Vec<WorkloadSummary>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = Memo::new(move |_| summaries.with(|s| workload_counts(s)));
    let class = style! {
        .counts {
            display: flex;
            flex-wrap: wrap;
            align-items: center;
            gap: 0.5rem;
            margin: 0.35rem 0;
        }
        .kind {
            min-width: 8rem;
        }
    };
    view! { class = class,
        <p class="counts">
            <span class="kind">
                <A href=move || in_cluster(&format!("/namespaces/{}/{}", namespace.get(), kind.plural()))>
                    {move || crate::pages::kind_heading(i18n, kind.as_str())}
                </A>
                {move || format!(" {}", summaries.with(Vec::len))}
            </span>
            {move || counts.get().into_iter().filter(|(_, n)| *n > 0).map(|(status, n)| view! {
                <StatusBadge text=Signal::derive(move || format!("{} {n}", status_word(i18n, status))) tone=status.tone()/>
            }).collect_view()}
        </p>
    }
}

/// Pods by phase, and the ones that restarted in the last hour.
#[component]
fn PodCounts(pods: LiveList<Pod>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let phases = Memo::new(move |_| pods.items.with(|p| phase_counts(p)));
    let restarted = Memo::new(move |_| {
        pods.items
            .with(|p| restarted_within(p, now.get(), RESTART_WINDOW))
    });
    view! {
        <ul class="phases" aria-label=move || t_string!(i18n, overview_pods).to_string()>
            {move || phases.get().into_iter().map(|(phase, n)| view! {
                <li>{move || crate::words::pod_status(i18n, phase)}": "<strong>{n}</strong></li>
            }).collect_view()}
        </ul>
        <h3 id="overview-restarts">{t!(i18n, overview_restarts)}</h3>
        <Show when=move || !restarted.with(Vec::is_empty)
            fallback=move || view! { <p>{t!(i18n, overview_no_restarts)}</p> }>
            <ul aria-labelledby="overview-restarts">
                {move || restarted.get().into_iter().take(10).map(|r| view! {
                    <li>
                        <A href=in_cluster(&format!("/namespaces/{}/pods/{}", r.namespace, r.name))>{r.name.clone()}</A>
                        {format!(" · {} ", r.restarts)}{t!(i18n, col_restarts)}
                    </li>
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// The latest Warning events, with their hints.
#[component]
fn Warnings(events: LiveList<Event>) -> impl IntoView {
    let concerns: Arc<dyn Fn(&Event) -> bool + Send + Sync> = Arc::new(Event::is_warning);
    view! { <EventTable events concerns limit=WARNINGS/> }
}
