//! Step 2, Containers: one form per container, and Add container (SPEC §1.2).

use leptos::prelude::*;

use super::container_form::ContainerForm;
use crate::i18n::*;
use crate::wizard::draft::ContainerDraft;
use crate::wizard::Wizard;

/// The Containers step.
#[component]
pub fn ContainersStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let ids = move || {
        wizard
            .draft
            .with(|d| d.containers.iter().map(|c| c.id).collect::<Vec<_>>())
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let id = d.new_id();
            d.containers.push(ContainerDraft::new(id));
        })
    };
    view! {
        <h2>{t!(i18n, step_containers)}</h2>
        <datalist id="image-catalog">
            {rules::catalog::IMAGES
                .iter()
                .map(|image| view! { <option value=image.name></option> })
                .collect_view()}
        </datalist>
        <For each=ids key=|id| *id let:id>
            <ContainerForm id/>
        </For>
        <button type="button" on:click=add>{t!(i18n, add_container)}</button>
    }
}
