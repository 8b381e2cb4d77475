//! One workload (Deployment, StatefulSet or DaemonSet), live: its summary, conditions,
//! actions, the rollout in progress, and tabs for its pods, events, access, revisions,
//! manifest, usage and logs. The three kinds compose the same parts; what differs by
//! kind (the rollout view, pausing, member clusters) comes from [`kind::Detailed`].

mod access;
mod actions;
mod conditions;
mod edit_form;
mod events;
mod kind;
mod logs;
mod monitoring;
mod placement;
mod revisions;
mod rollout;
mod scale;
mod set_rollout;
mod upgrade;
mod weights;
mod yaml;

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use stylers::style;

use crate::api::model::list_query::ListQuery;
use crate::api::model::pod_query::{PodColumn, StatusFilter};
use crate::api::model::{
    Deployment, List, Namespace, Pod, WorkloadKind, WorkloadSet, WorkloadSummary,
};
use crate::api::{get_json, paths, ApiError};
use crate::components::{
    status_word, use_tab, ConnectionBadge, LoadFailed, Loading, PodTable, StatusBadge, TabList,
};
use crate::i18n::*;
use crate::live::{first_chunk, live_list, use_now, LiveList};
use kind::Detailed;

/// What the page reads before it renders: the workload (as a list of at most one, to
/// watch it) and its pods. Tabs read the rest (revisions, events, Services, usage) when
/// opened, so the page holds two watches, not one per thing it could show: browsers
/// allow six connections per server, shared by every tab.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound = "T: crate::api::model::Listed")]
struct Loaded<T> {
    workload: List<T>,
    owned: Option<(String, List<Pod>)>,
    /// Whether the namespace is a GPU namespace, which the shared rules need.
    gpu_namespace: bool,
}

async fn load<T: Detailed>(
    kind: WorkloadKind,
    ns: String,
    name: String,
) -> Result<Loaded<T>, ApiError> {
    let workload = get_json::<List<T>>(paths::workload_named(&ns, kind.plural(), &name)).await?;
    let namespace = get_json::<Namespace>(paths::namespace(&ns)).await?;
    let gpu_namespace = rules::workload::is_gpu_namespace(&namespace.metadata.labels);
    let selector = workload
        .items
        .first()
        .map(|w| w.summary_of(kind).pod_selector())
        .filter(|s| !s.is_empty());
    let owned = match selector {
        Some(selector) => {
            let pods_path = paths::pods_matching(&ns, &selector);
            let pods = first_chunk::<Pod>(pods_path.clone()).await?;
            Some((pods_path, pods))
        }
        None => None,
    };
    Ok(Loaded {
        workload,
        owned,
        gpu_namespace,
    })
}

/// What every part of the page shares: where it is and the live lists.
#[derive(Clone, Copy)]
pub(super) struct Workload {
    /// Which kind of workload it is.
    pub kind: WorkloadKind,
    /// The namespace.
    pub namespace: Memo<String>,
    /// The workload's name.
    pub name: Memo<String>,
    /// The workload as last seen, whatever its kind (default once it is gone).
    pub current: Memo<WorkloadSummary>,
    /// Whether it still exists.
    pub exists: Memo<bool>,
    /// Its pods.
    pub pods: LiveList<Pod>,
    /// Whether its namespace is a GPU namespace (for the shared rules).
    pub gpu_namespace: bool,
}

impl Workload {
    /// The workload's API path, for the writes that change it.
    pub fn path(&self) -> String {
        paths::workload(
            &self.namespace.get_untracked(),
            self.kind.plural(),
            &self.name.get_untracked(),
        )
    }

    /// The console page listing workloads of its kind.
    pub fn list_href(&self) -> String {
        format!(
            "/namespaces/{}/{}",
            self.namespace.get_untracked(),
            self.kind.plural()
        )
    }
}

/// `/namespaces/:ns/deployments/:name`.
#[component]
pub fn DeploymentDetailPage() -> impl IntoView {
    view! { <WorkloadDetailPage<Deployment> kind=WorkloadKind::Deployment/> }
}

/// `/namespaces/:ns/statefulsets/:name`.
#[component]
pub fn StatefulSetDetailPage() -> impl IntoView {
    view! { <WorkloadDetailPage<WorkloadSet> kind=WorkloadKind::StatefulSet/> }
}

/// `/namespaces/:ns/daemonsets/:name`.
#[component]
pub fn DaemonSetDetailPage() -> impl IntoView {
    view! { <WorkloadDetailPage<WorkloadSet> kind=WorkloadKind::DaemonSet/> }
}

/// The page of one workload of `kind`, read as `T`.
#[component]
fn WorkloadDetailPage<T: Detailed>(
    kind: WorkloadKind,
    #[prop(optional)] _object: std::marker::PhantomData<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let data = Resource::new(
        move || (namespace.get(), name.get()),
        move |(ns, name)| load::<T>(kind, ns, name),
    );
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Loaded {
                    workload: object,
                    owned: Some((pods_path, pods)),
                    gpu_namespace,
                }) => {
                    let ns = namespace.get_untracked();
                    let path = paths::workload_named(&ns, kind.plural(), &name.get_untracked());
                    let object = live_list(path, object);
                    let last = Memo::new(move |_| {
                        object
                            .items
                            .with(|i| i.first().cloned())
                            .unwrap_or_default()
                    });
                    let workload = Workload {
                        kind,
                        namespace,
                        name,
                        current: Memo::new(move |_| last.with(|o| o.summary_of(kind))),
                        exists: Memo::new(move |_| object.items.with(|i| !i.is_empty())),
                        pods: live_list(pods_path, pods),
                        gpu_namespace,
                    };
                    let parts = ViewFn::from(move || T::parts(last, workload));
                    view! { <Detail workload connection=object.connection parts/> }.into_any()
                }
                Ok(_) => {
                    // The page keeps its heading, so it reads as the place the link named.
                    let name = name.get_untracked();
                    view! {
                        <h1>{name.clone()}</h1>
                        <p role="alert" class="error">{t!(i18n, workload_not_found, name)}</p>
                    }
                    .into_any()
                }
                Err(error) => {
                    view! { <h1>{name.get_untracked()}</h1> <LoadFailed error/> }.into_any()
                }
            }
        })
    };
    view! {
        <section class="page">
            <Transition fallback=Loading>{body}</Transition>
        </section>
    }
}

#[component]
fn Detail(
    workload: Workload,
    connection: RwSignal<crate::live::Connection>,
    /// What only this kind shows (its rollout, its member clusters).
    parts: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let current = workload.current;
    let status = move || current.with(|w| w.status);
    let tab = use_tab("pods");
    let label = |text: fn(crate::I18n) -> String| Signal::derive(move || text(i18n));
    let tabs = vec![
        ("pods", label(|i18n| t_string!(i18n, tab_pods).to_string())),
        (
            "events",
            label(|i18n| t_string!(i18n, tab_events).to_string()),
        ),
        (
            "access",
            label(|i18n| t_string!(i18n, tab_access).to_string()),
        ),
        (
            "revisions",
            label(|i18n| t_string!(i18n, tab_revisions).to_string()),
        ),
        ("yaml", label(|i18n| t_string!(i18n, tab_yaml).to_string())),
        (
            "monitoring",
            label(|i18n| t_string!(i18n, tab_monitoring).to_string()),
        ),
        ("logs", label(|i18n| t_string!(i18n, tab_logs).to_string())),
    ];
    // Kept while other tabs are open, so the pods come back sorted as they were left.
    let pod_query = RwSignal::new(ListQuery::<PodColumn>::default());
    let panel = move || match tab.get().as_str() {
        "events" => view! { <events::EventsTab workload/> }.into_any(),
        "access" => view! { <access::AccessTab workload/> }.into_any(),
        "revisions" => view! { <revisions::RevisionsTab workload/> }.into_any(),
        "yaml" => view! { <yaml::YamlTab workload/> }.into_any(),
        "monitoring" => view! { <monitoring::MonitoringTab workload/> }.into_any(),
        "logs" => view! { <logs::LogsTab workload/> }.into_any(),
        _ => view! {
            <PodTable pods=workload.pods namespace=workload.namespace.get_untracked()
                query=pod_query status=StatusFilter::All connection_shown=true/>
        }
        .into_any(),
    };
    let class = style! {
        .heading {
            display: flex;
            align-items: center;
            flex-wrap: wrap;
            gap: 0.75rem;
        }
        .summary {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.3rem 1.5rem;
            margin: 1rem 0 1.5rem;
        }
        .summary dt {
            color: var(--muted);
        }
        .summary dd {
            margin: 0;
        }
    };
    let gone = move || {
        (!workload.exists.get()).then(|| {
            let list = in_cluster(&workload.list_href());
            view! {
                <p role="alert" class="error">
                    {t!(i18n, workload_deleted)} " " <A href=list>{t!(i18n, back_to_list)}</A>
                </p>
            }
        })
    };
    view! { class = class,
        <div class="heading">
            <h1>{move || workload.name.get()}</h1>
            <StatusBadge text=Signal::derive(move || status_word(i18n, status())) tone=Signal::derive(move || status().tone())/>
            <ConnectionBadge connection/>
        </div>
        {gone}
        // Outside the `Show`: a delete started here must outlive the workload to leave
        // the page once the API confirms it.
        <actions::ActionBar workload/>
        <Show when=move || workload.exists.get()>
            {parts.run()}
            <h2 class="visually-hidden">{t!(i18n, summary)}</h2>
            <dl class="summary">
                <dt>{t!(i18n, col_pods)}</dt>
                <dd>{move || current.with(|w| w.ready_text.clone())}</dd>
                <dt>{t!(i18n, desired_pods)}</dt>
                <dd>{move || current.with(|w| w.desired)}</dd>
                <dt>{t!(i18n, col_image)}</dt>
                <dd>{move || current.with(|w| w.images.clone())}</dd>
                <dt>{t!(i18n, strategy)}</dt>
                <dd>{move || current.with(|w| crate::words::strategy(i18n, w.strategy.as_deref()))}</dd>
                <dt>{t!(i18n, created)}</dt>
                <dd>{move || current.with(|w| crate::words::age(i18n, w.metadata.creation_timestamp.as_deref(), now.get()))}</dd>
            </dl>
            <conditions::Conditions workload/>
        </Show>
        <TabList tabs current=tab label=Signal::derive(move || t_string!(i18n, workload_tabs).to_string())/>
        <div id="tab-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
            {panel}
        </div>
    }
}
