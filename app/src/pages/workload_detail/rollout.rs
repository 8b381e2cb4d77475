//! A rollout you can watch: while one runs, the new revision's pods and the old ones
//! as live bars, the surge and unavailability limits, and the Progressing condition; a
//! stalled rollout (ProgressDeadlineExceeded) says why.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::{Deployment, List, ReplicaSet, RolloutCounts, WorkloadStatus};
use crate::api::{get_json, paths};
use crate::components::{Card, CountBar};
use crate::i18n::*;

/// The Deployment's ReplicaSets, read again on each new version of the Deployment
/// (whose status changes as theirs does): the new revision's ready and available pods
/// are theirs, not the Deployment's, which counts every revision's.
fn replica_sets(deployment: Memo<Deployment>) -> LocalResource<Vec<ReplicaSet>> {
    let key = Memo::new(move |_| {
        deployment.with(|d| {
            let selector = d.summary().pod_selector();
            (
                d.metadata.namespace.clone(),
                selector,
                d.metadata.resource_version.clone(),
            )
        })
    });
    LocalResource::new(move || {
        let (ns, selector, _) = key.get();
        async move {
            get_json::<List<ReplicaSet>>(paths::replica_sets_matching(&ns, &selector))
                .await
                .map(|l| l.items)
                .unwrap_or_default()
        }
    })
}

/// A limit as the API holds it (`25%`, `1`), or upstream's default.
fn limit(value: Option<&serde_json::Value>) -> String {
    match value {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => "25%".to_owned(),
    }
}

/// Shown while the Deployment is not settled (or is paused).
#[component]
pub fn RolloutView(deployment: Memo<Deployment>) -> impl IntoView {
    let i18n = use_i18n();
    let current = deployment;
    let active = Memo::new(move |_| {
        current.with(|d| d.spec.paused || d.workload_status() != WorkloadStatus::Running)
            && current.with(|d| d.workload_status() != WorkloadStatus::Stopped)
    });
    let sets = replica_sets(current);
    let counts = Memo::new(move |_| {
        let sets = sets.get().unwrap_or_default();
        current.with(|d| RolloutCounts::of(d, &sets))
    });
    let desired = move || current.with(Deployment::desired);
    let progressing =
        move || current.with(|d| d.condition("Progressing").and_then(|c| c.message.clone()));
    let stalled = move || {
        current.with(|d| {
            d.condition("Progressing")
                .filter(|c| c.reason.as_deref() == Some("ProgressDeadlineExceeded"))
                .map(|c| c.message.clone().unwrap_or_default())
        })
    };
    let limits = move || {
        current.with(|d| match d.spec.strategy.kind.as_deref() {
            Some("Recreate") => t_string!(i18n, rollout_replace).to_string(),
            _ => {
                let rolling = d.spec.strategy.rolling_update.as_ref();
                t_string!(
                    i18n,
                    rollout_limits,
                    surge = limit(rolling.and_then(|r| r.max_surge.as_ref())),
                    unavailable = limit(rolling.and_then(|r| r.max_unavailable.as_ref()))
                )
                .to_string()
            }
        })
    };
    let class = style! {
        .muted {
            color: var(--muted);
        }
        .stalled {
            color: var(--danger);
        }
    };
    view! { class = class,
        <Show when=move || active.get()>
            <Card title=Signal::derive(move || t_string!(i18n, rollout).to_string()) id="rollout-heading" top_level=true>
                {move || stalled().map(|message| view! { class = class,
                    <p role="alert" class="stalled">{t!(i18n, rollout_stalled, message)}</p>
                })}
                {move || current.with(|d| d.spec.paused).then(|| view! { <p>{t!(i18n, rollout_paused)}</p> })}
                // Created, ready and available apart: a stuck rollout's new pod exists
                // but is not ready, and the bars must not read as done.
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_new, revision = counts.get().revision).to_string())
                    value=Signal::derive(move || counts.get().created)
                    total=Signal::derive(desired)
                />
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_new_ready).to_string())
                    value=Signal::derive(move || counts.get().ready)
                    total=Signal::derive(desired)
                />
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_new_available).to_string())
                    value=Signal::derive(move || counts.get().available)
                    total=Signal::derive(desired)
                />
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_old).to_string())
                    value=Signal::derive(move || counts.get().old)
                    total=Signal::derive(desired)
                    old=true
                />
                <p class="muted">{limits}</p>
                <p class="muted" role="status">{progressing}</p>
            </Card>
        </Show>
    }
}
