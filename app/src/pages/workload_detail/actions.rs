//! The workload's actions: scale (not a DaemonSet), upgrade, pause or resume (a
//! Deployment), redeploy, edit member cluster weights (where the workload has them),
//! delete. Each goes through the API, so every open tab sees its effect through its
//! watch.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use stylers::style;

use super::scale::ScaleDialog;
use super::upgrade::UpgradeDialog;
use super::weights::WeightsDialog;
use super::Workload;
use crate::api::access::{may, Question};
use crate::api::{delete, merge_patch, ApiError};
use crate::components::{ConfirmDialog, Outcome, OutcomeLine};
use crate::edits;
use crate::i18n::*;
use crate::live::now_rfc3339;
use rules::workload::REPLICA_SCHEDULING;

/// Which dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Scale,
    Upgrade,
    Weights,
    Redeploy,
    Delete,
}

/// The message for a refused write: a stale edit says so in plain words.
pub(super) fn failure_text(i18n: crate::I18n, error: &ApiError) -> String {
    match error {
        ApiError::Status { code: 409, .. } => t_string!(i18n, stale_edit).to_string(),
        other => other.to_string(),
    }
}

/// The buttons, their dialogs and the outcome line.
#[component]
pub fn ActionBar(workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(Outcome::None);
    let close = Callback::new(move |()| open.set(None));
    // Sends a merge patch and reports `done` when it is stored.
    let patch = move |body: serde_json::Value, done: String| {
        let request = merge_patch(workload.path(), &body);
        leptos::task::spawn_local(async move {
            notice.set(Some(match request.await {
                Ok(_) => Ok(done),
                Err(e) => Err(failure_text(i18n, &e)),
            }));
        });
    };
    let paused = move || workload.current.with(|w| w.paused);
    let toggle_pause = move |_| {
        let pause = paused() != Some(true);
        let done = if pause {
            t_string!(i18n, paused_done)
        } else {
            t_string!(i18n, resumed_done)
        };
        patch(edits::pause_patch(pause), done.to_string());
    };
    let has_weights = move || {
        workload.kind.scalable()
            && workload
                .current
                .with(|w| w.annotation(REPLICA_SCHEDULING).is_some())
    };
    let redeploy = Callback::new(move |()| {
        open.set(None);
        patch(
            edits::restart_patch(&now_rfc3339()),
            t_string!(i18n, redeploy_done).to_string(),
        );
    });
    let navigate = use_navigate();
    let remove = Callback::new(move |()| {
        open.set(None);
        let request = delete(workload.path());
        let list = workload.list_href();
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(()) => navigate(&list, Default::default()),
                Err(e) => notice.set(Some(Err(failure_text(i18n, &e)))),
            }
        });
    });
    let on_done = Callback::new(move |text: String| {
        open.set(None);
        notice.set(Some(Ok(text)));
    });
    let class = style! {
        .actions {
            display: flex;
            flex-wrap: wrap;
            gap: 0.5rem;
            margin: 0.75rem 0;
        }
    };
    let name = move || workload.name.get();
    let scalable = workload.kind.scalable();
    // What the user may do here; an action they may not take is disabled, and why is
    // said under the toolbar.
    let ask = |verb: &'static str, subresource: &'static str| Question {
        verb,
        group: "apps",
        resource: workload.kind.plural().to_owned(),
        subresource,
        namespace: workload.namespace.get_untracked(),
    };
    let questions = [ask("patch", "scale"), ask("patch", ""), ask("delete", "")];
    let answers = questions.clone().map(may);
    let [may_scale, may_patch, may_delete] = answers;
    let refusals = move || {
        questions
            .iter()
            .zip(answers)
            .filter(|(_, allowed)| !allowed.get())
            .map(|(question, _)| crate::words::refusal(i18n, question))
            .collect::<Vec<_>>()
    };
    view! { class = class,
        <div class="actions" role="toolbar" aria-label=move || t_string!(i18n, workload_actions)
            hidden=move || !workload.exists.get()>
            {scalable.then(|| view! {
                <button type="button" class="button" disabled=move || !may_scale.get() on:click=move |_| open.set(Some(Open::Scale))>{t!(i18n, scale)}</button>
            })}
            <button type="button" class="button" disabled=move || !may_patch.get() on:click=move |_| open.set(Some(Open::Upgrade))>{t!(i18n, upgrade)}</button>
            <Show when=move || paused().is_some()>
                <button type="button" class="button" disabled=move || !may_patch.get() on:click=toggle_pause>
                    {move || if paused() == Some(true) { t_string!(i18n, resume) } else { t_string!(i18n, pause) }}
                </button>
            </Show>
            <button type="button" class="button" disabled=move || !may_patch.get() on:click=move |_| open.set(Some(Open::Redeploy))>{t!(i18n, redeploy)}</button>
            <Show when=has_weights>
                <button type="button" class="button" disabled=move || !may_patch.get() on:click=move |_| open.set(Some(Open::Weights))>{t!(i18n, edit_weights)}</button>
            </Show>
            <button type="button" class="button danger" disabled=move || !may_delete.get() on:click=move |_| open.set(Some(Open::Delete))>{t!(i18n, delete_workload)}</button>
        </div>
        {move || {
            let refused = refusals();
            (!refused.is_empty()).then(|| view! { <p class="muted" role="note">{refused.join(" ")}</p> })
        }}
        <OutcomeLine outcome=notice/>
        {move || match open.get() {
            Some(Open::Scale) => view! { <ScaleDialog workload on_done on_cancel=close/> }.into_any(),
            Some(Open::Upgrade) => view! { <UpgradeDialog workload on_done on_cancel=close/> }.into_any(),
            Some(Open::Weights) => view! { <WeightsDialog workload on_done on_cancel=close/> }.into_any(),
            Some(Open::Redeploy) => view! {
                <ConfirmDialog
                    title=Signal::derive(move || t_string!(i18n, confirm_redeploy, name = name()).to_string())
                    detail=Signal::derive(move || t_string!(i18n, redeploy_hint).to_string())
                    confirm_label=Signal::derive(move || t_string!(i18n, redeploy).to_string())
                    on_confirm=redeploy
                    on_cancel=close/>
            }.into_any(),
            Some(Open::Delete) => view! {
                <ConfirmDialog
                    title=Signal::derive(move || t_string!(i18n, confirm_delete_workload, name = name()).to_string())
                    detail=Signal::derive(move || t_string!(i18n, delete_workload_hint).to_string())
                    confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                    on_confirm=remove
                    on_cancel=close/>
            }.into_any(),
            None => ().into_any(),
        }}
    }
}
