//! One Deployment: its summary and its pods, live.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use stylers::style;

use crate::api::model::{age, Deployment, List, Pod};
use crate::api::{get_json, paths, ApiError};
use crate::components::{status_word, ConnectionBadge, LoadFailed, Loading, PodTable, StatusBadge};
use crate::i18n::*;
use crate::live::{live_list, use_now, LiveList};

/// The Deployment (as a list of at most one, to watch it) and its pods.
async fn load(
    ns: String,
    name: String,
) -> Result<(List<Deployment>, Option<(String, List<Pod>)>), ApiError> {
    let deployments = get_json::<List<Deployment>>(paths::deployment_named(&ns, &name)).await?;
    let selector = deployments
        .items
        .first()
        .map(Deployment::pod_selector)
        .filter(|s| !s.is_empty());
    let pods = match selector {
        Some(selector) => {
            let path = paths::pods_matching(&ns, &selector);
            Some((path.clone(), get_json::<List<Pod>>(path).await?))
        }
        None => None,
    };
    Ok((deployments, pods))
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
                Ok((deployments, pods)) if !deployments.items.is_empty() => {
                    let path =
                        paths::deployment_named(&namespace.get_untracked(), &name.get_untracked());
                    let deployment = live_list(path, deployments);
                    let pods = pods.map(|(path, list)| live_list(path, list));
                    view! { <Detail deployment pods namespace=namespace/> }.into_any()
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
fn Detail(
    deployment: LiveList<Deployment>,
    pods: Option<LiveList<Pod>>,
    #[prop(into)] namespace: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    // Read once per change, not cloned again by every field that shows it.
    let current = Memo::new(move |_| {
        deployment
            .items
            .with(|items| items.first().cloned())
            .unwrap_or_default()
    });
    let status = move || current.with(Deployment::workload_status);
    let class = style! {
        .heading {
            display: flex;
            align-items: center;
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
    view! { class = class,
        <div class="heading">
            <h1>{move || current.with(|d| d.metadata.name.clone())}</h1>
            <StatusBadge text=Signal::derive(move || status_word(i18n, status())) tone=Signal::derive(move || status().tone())/>
            <ConnectionBadge connection=deployment.connection/>
        </div>
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
        <h2>{t!(i18n, pods_heading)}</h2>
        {pods.map(|pods| view! { <PodTable pods namespace/> })}
    }
}
