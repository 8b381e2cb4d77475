//! Step 2, Containers: one form per container, and Add container (SPEC §1.2).

use leptos::prelude::*;

use super::container_form::ContainerForm;
use super::new_keyed::NewKeyed;
use crate::api::model::{Keyed, List};
use crate::api::{get_json, paths};
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
    // The namespace's ConfigMaps and Secrets with their keys, for the env pickers.
    // Read again when the namespace changes or one is created here, not per keystroke.
    let namespace = Memo::new(move |_| wizard.draft.with(|d| d.namespace.clone()));
    let version = RwSignal::new(0u32);
    let read = move |secrets: bool| {
        LocalResource::new(move || {
            version.track();
            let ns = namespace.get();
            let path = if secrets {
                paths::keys_only(&paths::secrets(&ns))
            } else {
                paths::config_maps(&ns)
            };
            async move {
                get_json::<List<Keyed>>(path)
                    .await
                    .map(|l| {
                        l.items
                            .iter()
                            .map(|k| (k.metadata.name.clone(), k.keys()))
                            .collect()
                    })
                    .unwrap_or_default()
            }
        })
    };
    let (secrets, config_maps) = (read(true), read(false));
    let sources = KeySources {
        secrets: Signal::derive(move || secrets.get().unwrap_or_default()),
        config_maps: Signal::derive(move || config_maps.get().unwrap_or_default()),
        version,
    };
    provide_context(sources);
    let names = move |list: Signal<Vec<(String, Vec<String>)>>| {
        move || {
            list.get()
                .into_iter()
                .map(|(name, _)| view! { <option value=name></option> })
                .collect_view()
        }
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
        <datalist id="secret-names">{names(sources.secrets)}</datalist>
        <datalist id="config-map-names">{names(sources.config_maps)}</datalist>
        <For each=ids key=|id| *id let:id>
            <ContainerForm id/>
        </For>
        <button type="button" on:click=add>{t!(i18n, add_container)}</button>
        <NewKeyed/>
    }
}

/// The namespace's Secrets and ConfigMaps, each with its keys.
#[derive(Clone, Copy)]
pub struct KeySources {
    /// Secrets: name and keys.
    pub secrets: Signal<Vec<(String, Vec<String>)>>,
    /// ConfigMaps: name and keys.
    pub config_maps: Signal<Vec<(String, Vec<String>)>>,
    /// Bumped to read them again (after one is created here).
    pub version: RwSignal<u32>,
}
