//! The Deployment's actions: scale, upgrade, pause or resume, redeploy, delete. Each
//! goes through the API, so every open tab sees its effect through its watch.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use stylers::style;

use super::upgrade::UpgradeDialog;
use super::Workload;
use crate::api::{delete, get_json, merge_patch, ApiError};
use crate::components::{ConfirmDialog, Modal, Outcome, OutcomeLine};
use crate::edits;
use crate::i18n::*;
use crate::live::now_rfc3339;
use crate::wizard::violation_text;

/// Which dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Scale,
    Upgrade,
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
    let paused = move || workload.current.with(|d| d.spec.paused);
    let toggle_pause = move |_| {
        let pause = !paused();
        let done = if pause {
            t_string!(i18n, paused_done)
        } else {
            t_string!(i18n, resumed_done)
        };
        patch(edits::pause_patch(pause), done.to_string());
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
        let list = format!(
            "/namespaces/{}/deployments",
            workload.namespace.get_untracked()
        );
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
    view! { class = class,
        <div class="actions" role="toolbar" aria-label=move || t_string!(i18n, workload_actions)
            hidden=move || !workload.exists.get()>
            <button type="button" class="button" on:click=move |_| open.set(Some(Open::Scale))>{t!(i18n, scale)}</button>
            <button type="button" class="button" on:click=move |_| open.set(Some(Open::Upgrade))>{t!(i18n, upgrade)}</button>
            <button type="button" class="button" on:click=toggle_pause>
                {move || if paused() { t_string!(i18n, resume) } else { t_string!(i18n, pause) }}
            </button>
            <button type="button" class="button" on:click=move |_| open.set(Some(Open::Redeploy))>{t!(i18n, redeploy)}</button>
            <button type="button" class="button danger" on:click=move |_| open.set(Some(Open::Delete))>{t!(i18n, delete_workload)}</button>
        </div>
        <OutcomeLine outcome=notice/>
        {move || match open.get() {
            Some(Open::Scale) => view! { <ScaleDialog workload on_done on_cancel=close/> }.into_any(),
            Some(Open::Upgrade) => view! { <UpgradeDialog workload on_done on_cancel=close/> }.into_any(),
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

/// Asks for the new pod count; the shared rules check it before it is sent.
#[component]
fn ScaleDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = RwSignal::new(workload.current.with_untracked(|d| d.desired().to_string()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(replicas) = count.get_untracked().trim().parse::<i64>() else {
            error.set(Some(violation_text(i18n, &rules::Violation::WholeNumber)));
            return;
        };
        let path = workload.path();
        let read = get_json::<serde_json::Value>(path.clone());
        leptos::task::spawn_local(async move {
            let outcome = async {
                let mut manifest = read.await?;
                manifest["spec"]["replicas"] = replicas.into();
                let findings = edits::check(&manifest, workload.gpu_namespace);
                if let Some(e) = findings.errors.iter().find(|e| e.path == "spec.replicas") {
                    return Ok(Err(violation_text(i18n, &e.violation)));
                }
                merge_patch(path, &edits::scale_patch(replicas))
                    .await
                    .map(|_| Ok(()))
            };
            match outcome.await {
                Ok(Ok(())) => {
                    on_done.run(t_string!(i18n, scaled_done, count = replicas).to_string())
                }
                Ok(Err(text)) => error.set(Some(text)),
                Err(e) => error.set(Some(failure_text(i18n, &e))),
            }
        });
    };
    view! {
        <Modal title=Signal::derive(move || t_string!(i18n, scale_title).to_string()) id="scale-title" on_cancel>
            <form on:submit=submit novalidate>
                <label for="scale-count">{t!(i18n, pods)}</label>
                <input id="scale-count" type="number" min="0" autofocus
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="scale-error"
                    prop:value=move || count.get()
                    on:input=move |ev| { count.set(event_target_value(&ev)); error.set(None); }/>
                <p id="scale-error" class="error" role="alert">{move || error.get()}</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary">{t!(i18n, scale)}</button>
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}
