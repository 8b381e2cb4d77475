//! The Run card of a Job or CronJob in the Basic info step: completions, parallelism,
//! retries and what a failed container does; a CronJob's schedule, time zone and
//! overlapping runs.

use leptos::prelude::*;

use crate::components::{Card, SelectField, TextField};
use crate::i18n::*;
use crate::wizard::Wizard;

/// The card; a CronJob's Job fields are shown at the Job's paths (`wizard::batch::form_path`).
#[component]
pub fn RunCard() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let cron = move || wizard.draft.with(|d| d.kind == "CronJob");
    let title = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    view! {
        <Card title=title(|i| t_string!(i, card_run).to_string()) columns=true>
            <Show when=cron>
                <TextField label=title(|i| t_string!(i, schedule).to_string())
                    path="spec.schedule"
                    hint=title(|i| t_string!(i, schedule_hint).to_string())
                    value=wizard.text(|d| d.batch.schedule.clone())
                    on_input=wizard.setter(|d, v| d.batch.schedule = v)/>
                <TextField label=title(|i| t_string!(i, time_zone).to_string())
                    path="spec.timeZone"
                    hint=title(|i| t_string!(i, time_zone_hint).to_string())
                    value=wizard.text(|d| d.batch.time_zone.clone())
                    on_input=wizard.setter(|d, v| d.batch.time_zone = v)/>
                <SelectField label=title(|i| t_string!(i, concurrency_policy).to_string())
                    path="spec.concurrencyPolicy"
                    value=wizard.text(|d| d.batch.concurrency_policy.clone())
                    options=Signal::derive(move || vec![
                        ("Allow".to_owned(), t_string!(i18n, concurrency_allow).to_string()),
                        ("Forbid".to_owned(), t_string!(i18n, concurrency_forbid).to_string()),
                        ("Replace".to_owned(), t_string!(i18n, concurrency_replace).to_string()),
                    ])
                    on_change=wizard.setter(|d, v| d.batch.concurrency_policy = v)/>
            </Show>
            <TextField label=title(|i| t_string!(i, completions).to_string())
                path="spec.completions" numeric=true
                value=wizard.text(|d| d.batch.completions.clone())
                on_input=wizard.setter(|d, v| d.batch.completions = v)/>
            <TextField label=title(|i| t_string!(i, parallelism).to_string())
                path="spec.parallelism" numeric=true
                value=wizard.text(|d| d.batch.parallelism.clone())
                on_input=wizard.setter(|d, v| d.batch.parallelism = v)/>
            <TextField label=title(|i| t_string!(i, backoff_limit).to_string())
                path="spec.backoffLimit" numeric=true
                value=wizard.text(|d| d.batch.backoff_limit.clone())
                on_input=wizard.setter(|d, v| d.batch.backoff_limit = v)/>
            <SelectField label=title(|i| t_string!(i, restart_policy).to_string())
                path="spec.template.spec.restartPolicy"
                value=wizard.text(|d| d.batch.restart_policy.clone())
                options=Signal::derive(move || vec![
                    ("Never".to_owned(), t_string!(i18n, restart_never).to_string()),
                    ("OnFailure".to_owned(), t_string!(i18n, restart_on_failure).to_string()),
                ])
                on_change=wizard.setter(|d, v| d.batch.restart_policy = v)/>
        </Card>
    }
}
