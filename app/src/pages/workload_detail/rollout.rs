//! A rollout you can watch: while one runs, the new revision's pods and the old ones
//! as live bars, the surge and unavailability limits, and the Progressing condition; a
//! stalled rollout (ProgressDeadlineExceeded) says why.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::{Deployment, WorkloadStatus, REVISION};
use crate::components::CountBar;
use crate::i18n::*;

/// The current revision, its pods and the older revisions' pods, from the
/// Deployment's own status (as `kubectl rollout status` reads it).
fn split(d: &Deployment) -> (String, i32, i32) {
    let revision = d
        .metadata
        .annotations
        .get(REVISION)
        .cloned()
        .unwrap_or_default();
    let updated = d.status.updated_replicas;
    (revision, updated, (d.status.replicas - updated).max(0))
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
    let counts = Memo::new(move |_| current.with(split));
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
        .rollout {
            border: 1px solid var(--border);
            border-radius: 6px;
            padding: 0.75rem 1rem;
            margin: 0.75rem 0;
            background: var(--surface);
        }
        .rollout h2 {
            margin: 0 0 0.5rem;
            font-size: 1rem;
        }
        .muted {
            color: var(--muted);
        }
        .stalled {
            color: var(--danger);
        }
    };
    view! { class = class,
        <Show when=move || active.get()>
            <section class="rollout" aria-labelledby="rollout-heading">
                <h2 id="rollout-heading">{t!(i18n, rollout)}</h2>
                {move || stalled().map(|message| view! { class = class,
                    <p role="alert" class="stalled">{t!(i18n, rollout_stalled, message)}</p>
                })}
                {move || current.with(|d| d.spec.paused).then(|| view! { <p>{t!(i18n, rollout_paused)}</p> })}
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_new, revision = counts.get().0).to_string())
                    value=Signal::derive(move || counts.get().1)
                    total=Signal::derive(desired)
                />
                <CountBar
                    label=Signal::derive(move || t_string!(i18n, rollout_old).to_string())
                    value=Signal::derive(move || counts.get().2)
                    total=Signal::derive(desired)
                    old=true
                />
                <p class="muted">{limits}</p>
                <p class="muted" role="status">{progressing}</p>
            </section>
        </Show>
    }
}
