//! The Edit weights dialog: a workload placed across member clusters gets new weights
//! (or counts) per cluster. The shared rules check the rewritten annotation before it
//! is sent, and the write carries the `resourceVersion` read when the dialog opened,
//! so an edit made stale by someone else is refused (409) and said so.

use leptos::prelude::*;

use super::actions::failure_text;
use super::Workload;
use crate::api::model::placement::{Scheduling, SchedulingMode};
use crate::api::{get_json, put_json};
use crate::components::Modal;
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;
use rules::workload::REPLICA_SCHEDULING;

/// The workload as read, its mode, and each cluster's name and typed value.
type Read = (
    serde_json::Value,
    SchedulingMode,
    Vec<(String, RwSignal<String>)>,
);

/// Asks for each member cluster's weight (or count) and saves them.
#[component]
pub fn WeightsDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let read = RwSignal::new(None::<Read>);
    let errors = RwSignal::new(Vec::<(usize, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let path = workload.path();
    let request = get_json::<serde_json::Value>(path.clone());
    leptos::task::spawn_local(async move {
        match request.await {
            Ok(manifest) => {
                let scheduling = manifest["metadata"]["annotations"][REPLICA_SCHEDULING]
                    .as_str()
                    .and_then(Scheduling::read);
                match scheduling {
                    Some(s) => {
                        let rows = s
                            .clusters
                            .into_iter()
                            .map(|(name, value)| (name, RwSignal::new(value.to_string())))
                            .collect();
                        read.set(Some((manifest, s.mode, rows)));
                    }
                    None => failure.set(Some(t_string!(i18n, no_member_clusters).to_string())),
                }
            }
            Err(e) => failure.set(Some(failure_text(i18n, &e))),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((manifest, mode, rows)) = read.get_untracked() else {
            return;
        };
        let mode_name = match mode {
            SchedulingMode::Weights => "Weights",
            SchedulingMode::Replicas => "Replicas",
        };
        let typed: Vec<(String, String)> = rows
            .iter()
            .map(|(name, value)| (name.clone(), value.get_untracked()))
            .collect();
        let edited = edits::with_scheduling(&manifest, mode_name, &typed);
        let findings = edits::check(&edited, workload.gpu_namespace);
        let mut found = Vec::new();
        for e in &findings.errors {
            let text = violation_text(i18n, &e.violation);
            match edits::scheduling_row(&e.path) {
                Some((row, _)) => found.push((row, text)),
                // Anything else the rules find concerns the whole workload.
                None => failure.set(Some(format!("{}: {text}", e.path))),
            }
        }
        if !findings.errors.is_empty() {
            errors.set(found);
            return;
        }
        let request = put_json(path.clone(), &edited);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => on_done.run(t_string!(i18n, weights_done).to_string()),
                Err(e) => failure.set(Some(failure_text(i18n, &e))),
            }
        });
    };
    let fields = move || {
        read.get().map(|(_, mode, rows)| {
            rows.into_iter()
                .enumerate()
                .map(|(index, (cluster, value))| {
                    let id = format!("weight-{index}");
                    let error_id = format!("{id}-error");
                    let error = move || {
                        errors.with(|e| e.iter().find(|(i, _)| *i == index).map(|(_, t)| t.clone()))
                    };
                    let label = move || match mode {
                        SchedulingMode::Weights => t_string!(i18n, weight_of, cluster = cluster.clone()).to_string(),
                        SchedulingMode::Replicas => t_string!(i18n, replicas_of, cluster = cluster.clone()).to_string(),
                    };
                    let min = if mode == SchedulingMode::Weights { "1" } else { "0" };
                    view! {
                        <div class="dialog-field">
                            <label for=id.clone()>{label}</label>
                            <input id=id type="number" min=min
                                aria-invalid=move || error().is_some().to_string()
                                aria-describedby=error_id.clone()
                                prop:value=move || value.get()
                                on:input=move |ev| { value.set(event_target_value(&ev)); errors.set(Vec::new()); failure.set(None); }/>
                            <span id=error_id class="error">{error}</span>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Modal title=Signal::derive(move || t_string!(i18n, weights_title).to_string()) id="weights-title" on_cancel>
            <form on:submit=submit novalidate>
                <p>{t!(i18n, weights_hint)}</p>
                {fields}
                <p class="error" role="alert">{move || failure.get()}</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled=move || read.with(Option::is_none)>
                        {t!(i18n, save)}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}
