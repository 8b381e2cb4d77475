//! The Edit weights dialog: a workload placed across member clusters gets new weights
//! (or counts) per cluster. The shared rules check the rewritten annotation before it
//! is sent, and the write carries the `resourceVersion` read when the dialog opened,
//! so an edit made stale by someone else is refused (409) and said so.

use leptos::prelude::*;

use super::edit_form::EditForm;
use super::Workload;
use crate::api::model::placement::{Scheduling, SchedulingMode};
use crate::components::{FormModal, ModalField};
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;
use rules::workload::REPLICA_SCHEDULING;

/// Asks for each member cluster's weight (or count) and saves them.
#[component]
pub fn WeightsDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = workload.path();
    // The mode, and each cluster's name and typed value.
    let form = EditForm::open(i18n, path.clone(), move |manifest| {
        let scheduling = manifest["metadata"]["annotations"][REPLICA_SCHEDULING]
            .as_str()
            .and_then(Scheduling::read)
            .ok_or_else(|| t_string!(i18n, no_member_clusters).to_string())?;
        let rows: Vec<_> = scheduling
            .clusters
            .into_iter()
            .map(|(name, value)| (name, RwSignal::new(value.to_string())))
            .collect();
        Ok((scheduling.mode, rows))
    });
    let submit = Callback::new(move |()| {
        let Some((manifest, (mode, rows))) = form.read.get_untracked() else {
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
                None => form.failure.set(Some(format!("{}: {text}", e.path))),
            }
        }
        if !findings.errors.is_empty() {
            form.errors.set(found);
            return;
        }
        let done = |i: crate::I18n| t_string!(i, weights_done).to_string();
        form.save(i18n, path.clone(), &edited, done, on_done);
    });
    let on_edit = Callback::new(move |()| {
        form.errors.set(Vec::new());
        form.failure.set(None);
    });
    let fields = move || {
        form.read.get().map(|(_, (mode, rows))| {
            rows.into_iter()
                .enumerate()
                .map(|(index, (cluster, value))| {
                    let label = Signal::derive(move || match mode {
                        SchedulingMode::Weights => {
                            t_string!(i18n, weight_of, cluster = cluster.clone()).to_string()
                        }
                        SchedulingMode::Replicas => {
                            t_string!(i18n, replicas_of, cluster = cluster.clone()).to_string()
                        }
                    });
                    let min = if mode == SchedulingMode::Weights {
                        "1"
                    } else {
                        "0"
                    };
                    view! {
                        <ModalField id=format!("weight-{index}") label value min
                            error=form.error(index) on_edit/>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <FormModal id="weights-title" ready=form.ready() failure=form.failure on_submit=submit on_cancel
            title=Signal::derive(move || t_string!(i18n, weights_title).to_string())
            hint=Signal::derive(move || t_string!(i18n, weights_hint).to_string())
            submit_label=Signal::derive(move || t_string!(i18n, save).to_string())>
            {fields}
        </FormModal>
    }
}
