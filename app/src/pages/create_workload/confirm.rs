//! Step 5, Confirm: the manifest, what the server would say (a dry run),
//! and Submit, which creates the workload and its Service and opens the list.

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use super::step_nav::step_name;
use super::yaml_editor::KeptFields;
use crate::api::{paths, post_json, ApiError};
use crate::components::Card;
use crate::i18n::*;
use crate::wizard::{violation_text, Step, Wizard};
use leptos_router::components::A;

/// The API path creating the object `manifest` in `namespace`.
fn create_path(manifest: &Value, namespace: &str) -> String {
    match manifest["kind"].as_str() {
        Some("Service") => format!("/api/v1/namespaces/{namespace}/services"),
        kind => paths::workloads(namespace, kind.unwrap_or("Deployment")),
    }
}

/// Posts every manifest in order, stopping at the first refusal: the error, and
/// whether it was the Service's.
async fn create_all(manifests: Vec<(String, Value)>) -> Result<(), (ApiError, bool)> {
    for (path, body) in manifests {
        let is_service = body["kind"] == "Service";
        post_json(path, &body).await.map_err(|e| (e, is_service))?;
    }
    Ok(())
}

/// The server's refusal, kept at the fields it names (Service fields under `service.`).
fn remember_refusal(wizard: Wizard, error: &ApiError, service: bool) -> Option<String> {
    let ApiError::Status {
        reason,
        causes,
        message,
        ..
    } = error
    else {
        return Some(error.to_string());
    };
    let mut causes = causes.clone();
    for c in &mut causes {
        c.field = crate::wizard::batch::form_path(&c.field);
    }
    if service {
        for c in &mut causes {
            c.field = format!("service.{}", c.field);
        }
    }
    if reason == "AlreadyExists" {
        causes.push(crate::api::StatusCause {
            field: "metadata.name".into(),
            message: message.clone(),
        });
    }
    wizard.server.set(causes);
    Some(message.clone())
}

/// The Confirm step.
#[component]
pub fn ConfirmStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let navigate = use_navigate();
    let (workload, service) = (wizard.workload, wizard.service);
    let namespace = move || wizard.draft.with(|d| d.namespace.clone());
    let verdict = RwSignal::new(None::<Result<(), String>>);
    // A dry run on arrival: the server's own checks (name clash, namespace) before Submit.
    Effect::new(move |_| {
        let ns = namespace();
        let body = workload.get();
        let request = post_json(format!("{}?dryRun=All", create_path(&body, &ns)), &body);
        leptos::task::spawn_local(async move {
            verdict.set(Some(match request.await {
                Ok(_) => Ok(()),
                Err(e) => Err(remember_refusal(wizard, &e, false).unwrap_or_default()),
            }));
        });
    });
    let submitting = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let submit = move |_| {
        if !wizard.errors_on(Step::Confirm).is_empty() {
            failure.set(Some(t_string!(i18n, fix_errors_first).to_string()));
            return;
        }
        let ns = namespace();
        let body = workload.get_untracked();
        let list = paths::plural(body["kind"].as_str().unwrap_or("Deployment"));
        let mut manifests = vec![(create_path(&body, &ns), body)];
        if let Some(svc) = service.get_untracked() {
            manifests.push((create_path(&svc, &ns), svc));
        }
        submitting.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_all(manifests).await {
                Ok(()) => {
                    wizard.reset();
                    navigate(&format!("/namespaces/{ns}/{list}"), Default::default());
                }
                Err((e, is_service)) => {
                    let message = remember_refusal(wizard, &e, is_service);
                    if wizard
                        .server
                        .with_untracked(|s| s.iter().any(|c| c.field == "metadata.name"))
                    {
                        navigate(&Step::Basic.href(), Default::default());
                    }
                    failure.set(message);
                    submitting.set(false);
                }
            }
        });
    };
    // Every broken rule, with the step that shows its field.
    let problems = move || {
        wizard.findings.with(|f| {
            f.errors
                .iter()
                .map(|e| (Step::of_path(&e.path), violation_text(i18n, &e.violation)))
                .collect::<Vec<_>>()
        })
    };
    let manifest_text = move || {
        let mut docs = vec![workload.get()];
        docs.extend(service.get());
        crate::wizard::yaml::documents(&docs)
    };
    view! {
        <h2>{t!(i18n, step_confirm)}</h2>
        <p role="status">
            {move || match verdict.get() {
                None => t_string!(i18n, checking).to_string(),
                Some(Ok(())) => t_string!(i18n, server_accepts).to_string(),
                Some(Err(message)) => t_string!(i18n, server_refuses, message = message).to_string(),
            }}
        </p>
        <Show when=move || !problems().is_empty()>
            <h3 id="problems">{t!(i18n, problems)}</h3>
            <ul aria-labelledby="problems">
                {move || problems()
                    .into_iter()
                    .map(|(step, message)| view! {
                        <li><A href=in_cluster(&step.href())>{step_name(i18n, step)}</A>": "{message}</li>
                    })
                    .collect_view()}
            </ul>
        </Show>
        <KeptFields/>
        <Card title=Signal::derive(move || t_string!(i18n, manifest).to_string())>
            <pre aria-label=move || t_string!(i18n, manifest).to_string() tabindex="0">{manifest_text}</pre>
        </Card>
        <p role="alert" class="error">{move || failure.get()}</p>
        <button type="button" class="primary" disabled=move || submitting.get() on:click=submit>{t!(i18n, submit)}</button>
    }
}
