//! The upgrade dialog: a new image per container. It edits the Deployment as read when
//! the dialog opened, so if someone changes it meanwhile the API refuses (409) and the
//! dialog says so instead of overwriting their change.

use leptos::prelude::*;

use super::actions::failure_text;
use super::Workload;
use crate::api::{get_json, put_json};
use crate::components::Modal;
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;

/// The Deployment as read, and each container's name and chosen image.
type Read = (serde_json::Value, Vec<(String, RwSignal<String>)>);

/// Asks for each container's image and starts the rollout.
#[component]
pub fn UpgradeDialog(
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
                let images = edits::container_images(&manifest)
                    .into_iter()
                    .map(|(name, image)| (name, RwSignal::new(image)))
                    .collect();
                read.set(Some((manifest, images)));
            }
            Err(e) => failure.set(Some(failure_text(i18n, &e))),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((manifest, images)) = read.get_untracked() else {
            return;
        };
        let chosen: Vec<String> = images.iter().map(|(_, i)| i.get_untracked()).collect();
        let upgraded = edits::with_images(&manifest, &chosen);
        let found: Vec<(usize, String)> = edits::check(&upgraded, workload.gpu_namespace)
            .errors
            .iter()
            .filter_map(|e| {
                let index = e
                    .path
                    .strip_prefix("spec.template.spec.containers[")?
                    .split_once("].image")?
                    .0
                    .parse()
                    .ok()?;
                Some((index, violation_text(i18n, &e.violation)))
            })
            .collect();
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        let request = put_json(path.clone(), &upgraded);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => on_done.run(t_string!(i18n, upgrade_done).to_string()),
                Err(e) => failure.set(Some(failure_text(i18n, &e))),
            }
        });
    };
    let fields = move || {
        read.get().map(|(_, images)| {
            images
                .into_iter()
                .enumerate()
                .map(|(index, (name, image))| {
                    let id = format!("upgrade-image-{index}");
                    let error_id = format!("{id}-error");
                    let error = move || {
                        errors.with(|e| e.iter().find(|(i, _)| *i == index).map(|(_, t)| t.clone()))
                    };
                    view! {
                        <div class="dialog-field">
                            <label for=id.clone()>{t!(i18n, image_of, container = name)}</label>
                            <input id=id type="text"
                                aria-invalid=move || error().is_some().to_string()
                                aria-describedby=error_id.clone()
                                prop:value=move || image.get()
                                on:input=move |ev| { image.set(event_target_value(&ev)); errors.set(Vec::new()); }/>
                            <span id=error_id class="error">{error}</span>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Modal title=Signal::derive(move || t_string!(i18n, upgrade_title).to_string()) id="upgrade-title" on_cancel>
            <form on:submit=submit novalidate>
                <p>{t!(i18n, upgrade_hint)}</p>
                {fields}
                <p class="error" role="alert">{move || failure.get()}</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" disabled=move || read.with(Option::is_none)>
                        {t!(i18n, upgrade)}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}
