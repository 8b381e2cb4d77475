//! The upgrade dialog: a new image per container. It edits the Deployment as read when
//! the dialog opened, so if someone changes it meanwhile the API refuses (409) and the
//! dialog says so instead of overwriting their change.

use leptos::prelude::*;

use super::edit_form::EditForm;
use super::Workload;
use crate::components::{FormModal, ModalField};
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;

/// Asks for each container's image and starts the rollout.
#[component]
pub fn UpgradeDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = workload.path();
    // Each container's name and chosen image.
    let form = EditForm::open(i18n, path.clone(), |manifest| {
        Ok(edits::container_images(manifest)
            .into_iter()
            .map(|(name, image)| (name, RwSignal::new(image)))
            .collect::<Vec<_>>())
    });
    let submit = Callback::new(move |()| {
        let Some((manifest, images)) = form.read.get_untracked() else {
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
            form.errors.set(found);
            return;
        }
        let done = |i: crate::I18n| t_string!(i, upgrade_done).to_string();
        form.save(i18n, path.clone(), &upgraded, done, on_done);
    });
    let on_edit = Callback::new(move |()| form.errors.set(Vec::new()));
    let fields = move || {
        form.read.get().map(|(_, images)| {
            images
                .into_iter()
                .enumerate()
                .map(|(index, (name, image))| {
                    let label = Signal::derive(move || {
                        t_string!(i18n, image_of, container = name.clone()).to_string()
                    });
                    view! {
                        <ModalField id=format!("upgrade-image-{index}") label value=image
                            error=form.error(index) on_edit/>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <FormModal id="upgrade-title" ready=form.ready() failure=form.failure on_submit=submit on_cancel
            title=Signal::derive(move || t_string!(i18n, upgrade_title).to_string())
            hint=Signal::derive(move || t_string!(i18n, upgrade_hint).to_string())
            submit_label=Signal::derive(move || t_string!(i18n, upgrade).to_string())>
            {fields}
        </FormModal>
    }
}
