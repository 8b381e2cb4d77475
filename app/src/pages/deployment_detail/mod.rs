//! One Deployment, live: its summary, actions, the rollout in progress, and tabs for
//! its pods, events, access, revisions, manifest and logs.

mod access;
mod actions;
mod events;
mod logs;
mod revisions;
mod rollout;
mod upgrade;
mod yaml;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use stylers::style;

use crate::api::model::{age, Deployment, List, Namespace, Pod};
use crate::api::{get_json, paths, ApiError};
use crate::components::{
    status_word, use_tab, ConnectionBadge, LoadFailed, Loading, PodTable, StatusBadge, TabList,
};
use crate::i18n::*;
use crate::live::{live_list, use_now, LiveList};

/// What the page reads before it renders: the Deployment (as a list of at most one,
/// to watch it) and its pods. Tabs read the rest (ReplicaSets, events, Services) when
/// opened, so the page holds two watches, not one per thing it could show: browsers
/// allow six connections per server, shared by every tab.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Loaded {
    deployment: List<Deployment>,
    owned: Option<(String, List<Pod>)>,
    /// Whether the namespace is a GPU namespace, which the shared rules need.
    gpu_namespace: bool,
}

async fn load(ns: String, name: String) -> Result<Loaded, ApiError> {
    let deployment = get_json::<List<Deployment>>(paths::deployment_named(&ns, &name)).await?;
    let namespace = get_json::<Namespace>(paths::namespace(&ns)).await?;
    let gpu_namespace = rules::workload::is_gpu_namespace(&namespace.metadata.labels);
    let selector = deployment
        .items
        .first()
        .map(Deployment::pod_selector)
        .filter(|s| !s.is_empty());
    let owned = match selector {
        Some(selector) => {
            let pods_path = paths::pods_matching(&ns, &selector);
            let pods = get_json::<List<Pod>>(pods_path.clone()).await?;
            Some((pods_path, pods))
        }
        None => None,
    };
    Ok(Loaded {
        deployment,
        owned,
        gpu_namespace,
    })
}

/// What every part of the page shares: where it is and the live lists.
#[derive(Clone, Copy)]
pub(super) struct Workload {
    /// The namespace.
    pub namespace: Memo<String>,
    /// The Deployment's name.
    pub name: Memo<String>,
    /// The Deployment as last seen (default once it is gone).
    pub current: Memo<Deployment>,
    /// Whether it still exists.
    pub exists: Memo<bool>,
    /// Its pods.
    pub pods: LiveList<Pod>,
    /// Whether its namespace is a GPU namespace (for the shared rules).
    pub gpu_namespace: bool,
}

impl Workload {
    /// The Deployment's API path, for the writes that change it.
    pub fn path(&self) -> String {
        paths::deployment(&self.namespace.get_untracked(), &self.name.get_untracked())
    }
}

/// `/namespaces/:ns/deployments/:name`.
#[component]
pub fn DeploymentDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let data = Resource::new(
        move || (namespace.get(), name.get()),
        |(ns, name)| load(ns, name),
    );
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Loaded {
                    deployment,
                    owned: Some((pods_path, pods)),
                    gpu_namespace,
                }) => {
                    let ns = namespace.get_untracked();
                    let path = paths::deployment_named(&ns, &name.get_untracked());
                    let deployment = live_list(path, deployment);
                    let workload = Workload {
                        namespace,
                        name,
                        current: Memo::new(move |_| {
                            deployment
                                .items
                                .with(|i| i.first().cloned())
                                .unwrap_or_default()
                        }),
                        exists: Memo::new(move |_| deployment.items.with(|i| !i.is_empty())),
                        pods: live_list(pods_path, pods),
                        gpu_namespace,
                    };
                    view! { <Detail workload connection=deployment.connection/> }.into_any()
                }
                Ok(_) => {
                    let name = name.get_untracked();
                    view! { <p role="alert" class="error">{t!(i18n, workload_not_found, name)}</p> }
                        .into_any()
                }
                Err(error) => view! { <LoadFailed error/> }.into_any(),
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
fn Detail(workload: Workload, connection: RwSignal<crate::live::Connection>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let current = workload.current;
    let status = move || current.with(Deployment::workload_status);
    let tab = use_tab("pods");
    let tabs = vec![
        (
            "pods",
            Signal::derive(move || t_string!(i18n, tab_pods).to_string()),
        ),
        (
            "events",
            Signal::derive(move || t_string!(i18n, tab_events).to_string()),
        ),
        (
            "access",
            Signal::derive(move || t_string!(i18n, tab_access).to_string()),
        ),
        (
            "revisions",
            Signal::derive(move || t_string!(i18n, tab_revisions).to_string()),
        ),
        (
            "yaml",
            Signal::derive(move || t_string!(i18n, tab_yaml).to_string()),
        ),
        (
            "logs",
            Signal::derive(move || t_string!(i18n, tab_logs).to_string()),
        ),
    ];
    let panel = move || match tab.get().as_str() {
        "events" => view! { <events::EventsTab workload/> }.into_any(),
        "access" => view! { <access::AccessTab workload/> }.into_any(),
        "revisions" => view! { <revisions::RevisionsTab workload/> }.into_any(),
        "yaml" => view! { <yaml::YamlTab workload/> }.into_any(),
        "logs" => view! { <logs::LogsTab workload/> }.into_any(),
        _ => view! { <PodTable pods=workload.pods namespace=workload.namespace/> }.into_any(),
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
            let list = format!("/namespaces/{}/deployments", workload.namespace.get());
            view! {
                <p role="alert" class="error">
                    {t!(i18n, workload_deleted)} " " <a href=list>{t!(i18n, back_to_list)}</a>
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
        // Outside the `Show`: a delete started here must outlive the Deployment to leave
        // the page once the API confirms it.
        <actions::ActionBar workload/>
        <Show when=move || workload.exists.get()>
            <rollout::RolloutView workload/>
            <h2 class="visually-hidden">{t!(i18n, summary)}</h2>
            <dl class="summary">
                <dt>{t!(i18n, col_pods)}</dt>
                <dd>{move || current.with(Deployment::ready_text)}</dd>
                <dt>{t!(i18n, desired_pods)}</dt>
                <dd>{move || current.with(Deployment::desired)}</dd>
                <dt>{t!(i18n, col_image)}</dt>
                <dd>{move || current.with(Deployment::images)}</dd>
                <dt>{t!(i18n, strategy)}</dt>
                <dd>
                    {move || match current.with(|d| d.spec.strategy.kind.clone()).as_deref() {
                        Some("Recreate") => t_string!(i18n, strategy_replace),
                        _ => t_string!(i18n, strategy_rolling),
                    }}
                </dd>
                <dt>{t!(i18n, created)}</dt>
                <dd>{move || current.with(|d| age(d.metadata.creation_timestamp.as_deref(), now.get()))}</dd>
            </dl>
        </Show>
        <TabList tabs current=tab label=Signal::derive(move || t_string!(i18n, workload_tabs).to_string())/>
        <div id="tab-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
            {panel}
        </div>
    }
}
