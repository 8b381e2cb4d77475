//! One health check: a checkbox named after the probe turns it on; then how it checks
//! (HTTP GET, TCP, command) and Kubernetes' five timing parameters with their defaults.

use leptos::prelude::*;

use super::container_form::container_setter;
use crate::components::{SelectField, TextField};
use crate::i18n::*;
use crate::wizard::draft::{Check, ProbeDraft};
use crate::wizard::Wizard;
use rules::workload::{ProbeKind, PROBE_DEFAULTS};

fn kind_name(i18n: crate::I18n, kind: ProbeKind) -> String {
    match kind {
        ProbeKind::Liveness => t_string!(i18n, liveness),
        ProbeKind::Readiness => t_string!(i18n, readiness),
        ProbeKind::Startup => t_string!(i18n, startup),
    }
    .to_string()
}

fn parameter_name(i18n: crate::I18n, index: usize) -> String {
    match index {
        0 => t_string!(i18n, initial_delay_seconds),
        1 => t_string!(i18n, period_seconds),
        2 => t_string!(i18n, timeout_seconds),
        3 => t_string!(i18n, success_threshold),
        _ => t_string!(i18n, failure_threshold),
    }
    .to_string()
}

/// The probe `index` (liveness, readiness, startup) of the container `id`.
#[component]
pub fn ProbeForm(id: u32, index: usize, kind: ProbeKind, base: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let probe = move |read: fn(&ProbeDraft) -> String| {
        wizard.text(move |d| {
            d.container(id)
                .map(|c| read(&c.probes[index]))
                .unwrap_or_default()
        })
    };
    let set = move |write: fn(&mut ProbeDraft, String)| {
        container_setter(wizard, id, move |c, v| write(&mut c.probes[index], v))
    };
    let enabled = move || {
        wizard
            .draft
            .with(|d| d.container(id).is_some_and(|c| c.probes[index].enabled))
    };
    let check = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| c.probes[index].check)
                .unwrap_or_default()
        })
    };
    let path = move |field: String| {
        Signal::derive(move || format!("{}.{}.{field}", base.get(), kind.field()))
    };
    let checkbox_id = move || format!("probe-{id}-{index}");
    // A probe turned on checks the container's first port unless one was typed.
    let toggle = container_setter(wizard, id, move |c, v| {
        let first_port = c.ports.first().map(|p| p.port.clone()).unwrap_or_default();
        let probe = &mut c.probes[index];
        probe.enabled = v == "on";
        if probe.enabled && probe.port.is_empty() {
            probe.port = first_port;
        }
    });
    let handler = move || {
        match check() {
        Check::Http => view! {
            <TextField label=Signal::derive(move || t_string!(i18n, http_path).to_string())
                path=path("httpGet.path".into()) value=probe(|p| p.path.clone()) on_input=set(|p, v| p.path = v)/>
            <TextField label=Signal::derive(move || t_string!(i18n, check_port).to_string())
                path=path("httpGet.port".into()) value=probe(|p| p.port.clone()) on_input=set(|p, v| p.port = v)/>
            <SelectField label=Signal::derive(move || t_string!(i18n, scheme).to_string())
                path=path("httpGet.scheme".into()) value=probe(|p| p.scheme.clone())
                options=Signal::derive(|| vec![("HTTP".to_owned(), "HTTP".to_owned()), ("HTTPS".to_owned(), "HTTPS".to_owned())])
                on_change=set(|p, v| p.scheme = v)/>
        }
        .into_any(),
        Check::Tcp => view! {
            <TextField label=Signal::derive(move || t_string!(i18n, check_port).to_string())
                path=path("tcpSocket.port".into()) value=probe(|p| p.port.clone()) on_input=set(|p, v| p.port = v)/>
        }
        .into_any(),
        Check::Exec => view! {
            <TextField label=Signal::derive(move || t_string!(i18n, check_command).to_string())
                path=path("exec.command".into()) multiline=true
                hint=Signal::derive(move || t_string!(i18n, one_per_line).to_string())
                value=probe(|p| p.command.clone()) on_input=set(|p, v| p.command = v)/>
        }
        .into_any(),
    }
    };
    view! {
        <div class="probe">
            <label>
                <input type="checkbox" id=checkbox_id prop:checked=enabled
                    on:change=move |ev| toggle(if event_target_checked(&ev) { "on".into() } else { String::new() })/>
                {move || kind_name(i18n, kind)}
            </label>
            <Show when=enabled>
                <fieldset aria-label=move || t_string!(i18n, probe_group, kind = kind_name(i18n, kind)).to_string()>
                    <legend>{move || t_string!(i18n, probe_group, kind = kind_name(i18n, kind)).to_string()}</legend>
                    <SelectField label=Signal::derive(move || t_string!(i18n, check_type).to_string())
                        path=Signal::derive(move || format!("{}.{}", base.get(), kind.field()))
                        value=Signal::derive(move || match check() { Check::Http => "http", Check::Tcp => "tcp", Check::Exec => "exec" }.to_owned())
                        options=Signal::derive(move || vec![
                            ("http".to_owned(), t_string!(i18n, check_http).to_string()),
                            ("tcp".to_owned(), t_string!(i18n, check_tcp).to_string()),
                            ("exec".to_owned(), t_string!(i18n, check_exec).to_string()),
                        ])
                        on_change=container_setter(wizard, id, move |c, v| c.probes[index].check = match v.as_str() {
                            "tcp" => Check::Tcp,
                            "exec" => Check::Exec,
                            _ => Check::Http,
                        })/>
                    {handler}
                    {PROBE_DEFAULTS
                        .iter()
                        .enumerate()
                        .map(|(p, parameter)| view! {
                            <TextField label=Signal::derive(move || parameter_name(i18n, p))
                                path=path(parameter.field.to_owned()) numeric=true
                                value=wizard.text(move |d| d.container(id).map(|c| c.probes[index].parameters[p].clone()).unwrap_or_default())
                                on_input=container_setter(wizard, id, move |c, v| c.probes[index].parameters[p] = v)/>
                        })
                        .collect_view()}
                </fieldset>
            </Show>
        </div>
    }
}
