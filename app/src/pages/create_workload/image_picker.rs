//! The image picker: the engine's image catalog by source (my images, open-source
//! images, shared images), searchable; choosing one fills the container's image, name
//! and default ports.

use leptos::prelude::*;
use rules::catalog::{Source, IMAGES};

use crate::components::page_cluster_is_embedded;
use crate::i18n::*;
use crate::wizard::Wizard;

fn source_name(i18n: crate::I18n, source: Source) -> String {
    match source {
        Source::Mine => t_string!(i18n, images_mine),
        Source::OpenSource => t_string!(i18n, images_open_source),
        Source::Shared => t_string!(i18n, images_shared),
    }
    .to_string()
}

/// The picker of the container `id`, opened by its "Choose image" button.
#[component]
pub fn ImagePicker(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let open = RwSignal::new(false);
    let source = RwSignal::new(Source::OpenSource);
    let query = RwSignal::new(String::new());
    let found = move || {
        let wanted = query.get().to_lowercase();
        IMAGES
            .iter()
            .filter(|i| i.source == source.get() && i.name.contains(wanted.trim()))
            .collect::<Vec<_>>()
    };
    let choose = move |name: &'static str| {
        wizard.draft.update(|d| {
            let mut next_id = d.next_id;
            if let Some(c) = d.container_mut(id) {
                c.set_image(name.to_owned(), &mut next_id);
            }
            d.next_id = next_id;
        });
        open.set(false);
    };
    let picker = move || {
        view! {
            <Show when=move || open.get()
                fallback=move || view! {
                    <button type="button" on:click=move |_| open.set(true)>{t!(i18n, choose_image)}</button>
                }>
                <fieldset>
                    <legend>{t!(i18n, choose_image)}</legend>
                    <div role="radiogroup" aria-label=move || t_string!(i18n, image_source).to_string()>
                        {[Source::Mine, Source::OpenSource, Source::Shared]
                            .into_iter()
                            .map(|s| view! {
                                <label>
                                    <input type="radio" name=format!("image-source-{id}")
                                        prop:checked=move || source.get() == s
                                        on:change=move |_| source.set(s)/>
                                    {move || source_name(i18n, s)}
                                </label>
                                " "
                            })
                            .collect_view()}
                    </div>
                    <label for=format!("image-search-{id}")>{t!(i18n, search_images)}</label>
                    <input id=format!("image-search-{id}") type="search" prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))/>
                    <ul aria-label=move || t_string!(i18n, images_found).to_string()>
                        {move || found()
                            .into_iter()
                            .map(|image| view! {
                                <li>
                                    <button type="button" on:click=move |_| choose(image.name)>{image.name}</button>
                                    " "
                                    <small>{image.tags.join(", ")}</small>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" on:click=move |_| open.set(false)>{t!(i18n, cancel)}</button>
                </fieldset>
            </Show>
        }
    };
    // The catalog is the embedded engine's: a real cluster's images are typed.
    let offered = move || {
        Suspend::new(async move {
            if page_cluster_is_embedded().await {
                picker().into_any()
            } else {
                view! { <p class="muted">{t!(i18n, no_catalog)}</p> }.into_any()
            }
        })
    };
    view! { <Suspense>{offered}</Suspense> }
}
