//! Step 4, Advanced settings: the upgrade strategy of the workload's kind (rolling with
//! its limits, or replace / update on deletion), min ready seconds, DNS, the pod's
//! security context and scheduling rules (SPEC §1.4, seed 004).

use leptos::prelude::*;

use super::placement_form::SchedulingForm;
use super::runtime_form::{SecurityForm, SecurityOf};
use super::yaml_editor::{KeptFields, YamlEditor};
use crate::components::{Card, SelectField, TextField};
use crate::i18n::*;
use crate::wizard::Wizard;
use crate::words;

/// The Advanced settings step.
#[component]
pub fn AdvancedStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rolling = move || wizard.draft.with(|d| d.strategy == "RollingUpdate");
    let kind = move || wizard.draft.with(|d| d.kind.clone());
    // A Deployment has `strategy`; a StatefulSet or DaemonSet `updateStrategy`.
    let strategy = move |field: &'static str| {
        Signal::derive(move || {
            let root = if kind() == "Deployment" {
                "strategy"
            } else {
                "updateStrategy"
            };
            format!("spec.{root}.{field}")
        })
    };
    let hint = Signal::derive(move || t_string!(i18n, int_or_percent_hint).to_string());
    // A Job's pods are not upgraded: it has no strategy.
    let batch = move || {
        wizard
            .draft
            .with(|d| crate::wizard::batch::is_batch(&d.kind))
    };
    view! {
        <h2>{t!(i18n, step_advanced)}</h2>
        <Show when=move || !batch()>
        <Card title=Signal::derive(move || t_string!(i18n, card_upgrade).to_string()) columns=true>
        <SelectField label=Signal::derive(move || t_string!(i18n, strategy).to_string())
            path=strategy("type")
            value=wizard.text(|d| d.strategy.clone())
            options=Signal::derive(move || vec![
                ("RollingUpdate".to_owned(), words::strategy(i18n, Some("RollingUpdate"))),
                if kind() == "Deployment" {
                    ("Recreate".to_owned(), words::strategy(i18n, Some("Recreate")))
                } else {
                    ("OnDelete".to_owned(), words::strategy(i18n, Some("OnDelete")))
                },
            ])
            on_change=wizard.setter(|d, v| d.strategy = v)/>
        <Show when=move || rolling() && kind() != "StatefulSet">
            <TextField label=Signal::derive(move || t_string!(i18n, max_surge).to_string())
                path=strategy("rollingUpdate.maxSurge") hint
                value=wizard.text(|d| d.max_surge.clone())
                on_input=wizard.setter(|d, v| d.max_surge = v)/>
            <TextField label=Signal::derive(move || t_string!(i18n, max_unavailable).to_string())
                path=strategy("rollingUpdate.maxUnavailable") hint
                value=wizard.text(|d| d.max_unavailable.clone())
                on_input=wizard.setter(|d, v| d.max_unavailable = v)/>
        </Show>
        <Show when=move || kind() == "StatefulSet">
            <Show when=rolling>
                <TextField label=Signal::derive(move || t_string!(i18n, partition).to_string())
                    path="spec.updateStrategy.rollingUpdate.partition" numeric=true
                    hint=Signal::derive(move || t_string!(i18n, partition_hint).to_string())
                    value=wizard.text(|d| d.partition.clone())
                    on_input=wizard.setter(|d, v| d.partition = v)/>
            </Show>
            <SelectField label=Signal::derive(move || t_string!(i18n, pod_management).to_string())
                path="spec.podManagementPolicy"
                value=wizard.text(|d| d.pod_management.clone())
                options=Signal::derive(move || vec![
                    ("OrderedReady".to_owned(), t_string!(i18n, pod_management_ordered).to_string()),
                    ("Parallel".to_owned(), t_string!(i18n, pod_management_parallel).to_string()),
                ])
                on_change=wizard.setter(|d, v| d.pod_management = v)/>
        </Show>
        <TextField label=Signal::derive(move || t_string!(i18n, min_ready_seconds).to_string())
            path="spec.minReadySeconds" numeric=true
            value=wizard.text(|d| d.min_ready_seconds.clone())
            on_input=wizard.setter(|d, v| d.min_ready_seconds = v)/>
        </Card>
        </Show>
        <Card title=Signal::derive(move || t_string!(i18n, card_dns).to_string()) columns=true>
        <SelectField label=Signal::derive(move || t_string!(i18n, dns_config).to_string())
            path="spec.template.spec.dnsPolicy"
            value=wizard.text(|d| d.dns_mode.clone())
            options=Signal::derive(move || vec![
                ("default".to_owned(), t_string!(i18n, dns_default).to_string()),
                ("append".to_owned(), t_string!(i18n, dns_append).to_string()),
                ("replace".to_owned(), t_string!(i18n, dns_replace).to_string()),
            ])
            on_change=wizard.setter(|d, v| d.dns_mode = v)/>
        <Show when=move || wizard.draft.with(|d| d.dns_mode != "default")>
            <TextField label=Signal::derive(move || t_string!(i18n, nameservers).to_string())
                path="spec.template.spec.dnsConfig.nameservers" multiline=true
                hint=Signal::derive(move || t_string!(i18n, one_per_line).to_string())
                value=wizard.text(|d| d.nameservers.clone())
                on_input=wizard.setter(|d, v| d.nameservers = v)/>
            <TextField label=Signal::derive(move || t_string!(i18n, search_domains).to_string())
                path="spec.template.spec.dnsConfig.searches" multiline=true
                value=wizard.text(|d| d.searches.clone())
                on_input=wizard.setter(|d, v| d.searches = v)/>
            <TextField label=Signal::derive(move || t_string!(i18n, dns_options).to_string())
                path="spec.template.spec.dnsConfig.options" multiline=true
                hint=Signal::derive(move || t_string!(i18n, dns_options_hint).to_string())
                value=wizard.text(|d| d.dns_options.clone())
                on_input=wizard.setter(|d, v| d.dns_options = v)/>
        </Show>
        </Card>
        <SecurityForm of=SecurityOf::Pod base="spec.template.spec"/>
        <SchedulingForm/>
        <YamlEditor/>
        <KeptFields/>
    }
}
