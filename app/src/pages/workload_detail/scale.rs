//! The scale dialog: the new pod count, checked by the shared rules before it is sent.

use leptos::prelude::*;

use super::actions::failure_text;
use super::Workload;
use crate::api::{get_json, merge_patch};
use crate::components::Modal;
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;

/// Asks for the new pod count.
#[component]
pub fn ScaleDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = RwSignal::new(workload.current.with_untracked(|w| w.desired.to_string()));
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
