//! Step 4, Advanced settings: the upgrade strategy (rolling with max surge and max
//! unavailable, or replace) and min ready seconds (SPEC §1.4).

use leptos::prelude::*;

use super::yaml_editor::{KeptFields, YamlEditor};
use crate::components::{SelectField, TextField};
use crate::i18n::*;
use crate::wizard::Wizard;

/// The Advanced settings step.
#[component]
pub fn AdvancedStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rolling = move || wizard.draft.with(|d| d.strategy == "RollingUpdate");
    view! {
        <h2>{t!(i18n, step_advanced)}</h2>
        <SelectField label=Signal::derive(move || t_string!(i18n, strategy).to_string())
            path="spec.strategy.type"
            value=wizard.text(|d| d.strategy.clone())
            options=Signal::derive(move || vec![
                ("RollingUpdate".to_owned(), t_string!(i18n, strategy_rolling).to_string()),
                ("Recreate".to_owned(), t_string!(i18n, strategy_replace).to_string()),
            ])
            on_change=wizard.setter(|d, v| d.strategy = v)/>
        <Show when=rolling>
            <TextField label=Signal::derive(move || t_string!(i18n, max_surge).to_string())
                path="spec.strategy.rollingUpdate.maxSurge"
                hint=Signal::derive(move || t_string!(i18n, int_or_percent_hint).to_string())
                value=wizard.text(|d| d.max_surge.clone())
                on_input=wizard.setter(|d, v| d.max_surge = v)/>
            <TextField label=Signal::derive(move || t_string!(i18n, max_unavailable).to_string())
                path="spec.strategy.rollingUpdate.maxUnavailable"
                hint=Signal::derive(move || t_string!(i18n, int_or_percent_hint).to_string())
                value=wizard.text(|d| d.max_unavailable.clone())
                on_input=wizard.setter(|d, v| d.max_unavailable = v)/>
        </Show>
        <TextField label=Signal::derive(move || t_string!(i18n, min_ready_seconds).to_string())
            path="spec.minReadySeconds" numeric=true
            value=wizard.text(|d| d.min_ready_seconds.clone())
            on_input=wizard.setter(|d, v| d.min_ready_seconds = v)/>
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
        <YamlEditor/>
        <KeptFields/>
    }
}
