//! Edit YAML: the full manifest the form produces, editable; applying it fills the
//! form, and whatever the form has no control for is kept (and listed as kept). The
//! same editor, empty, starts the wizard from a pasted manifest.

use leptos::prelude::*;

use crate::i18n::*;
use crate::wizard::yaml::YamlError;
use crate::wizard::{extras, yaml, Wizard};

/// The editor; `paste` for the empty "start from a manifest" form of it.
#[component]
pub fn YamlEditor(#[prop(optional)] paste: bool) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = if paste { "yaml-paste" } else { "yaml-editor" };
    let start = move |_| {
        text.set(if paste {
            String::new()
        } else {
            wizard.draft.with(yaml::to_yaml)
        });
        error.set(None);
        open.set(true);
    };
    let apply = move |_| match yaml::from_yaml(&text.get_untracked()) {
        Ok(draft) => {
            wizard.draft.set(draft);
            wizard.server.set(Vec::new());
            error.set(None);
            open.set(false);
        }
        Err(YamlError::NoWorkload) => {
            error.set(Some(t_string!(i18n, yaml_no_workload).to_string()))
        }
        Err(YamlError::Parse(e)) => error.set(Some(e)),
    };
    let opener = move || {
        if paste {
            t_string!(i18n, start_from_yaml).to_string()
        } else {
            t_string!(i18n, edit_yaml).to_string()
        }
    };
    view! {
        <Show when=move || open.get()
            fallback=move || view! { <button type="button" on:click=start>{opener}</button> }>
            <div class="field">
                <label for=id>{move || if paste { t_string!(i18n, paste_manifest).to_string() } else { t_string!(i18n, yaml_label).to_string() }}</label>
                <textarea id=id rows="24" cols="80" spellcheck="false" aria-describedby=format!("{id}-error")
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p id=format!("{id}-error") class="error">{move || error.get()}</p>
                <div>
                    <button type="button" class="primary" on:click=apply>
                        {move || if paste { t_string!(i18n, fill_form).to_string() } else { t_string!(i18n, apply_yaml).to_string() }}
                    </button>
                    " "
                    <button type="button" on:click=move |_| open.set(false)>{t!(i18n, cancel)}</button>
                </div>
            </div>
        </Show>
    }
}

/// The fields kept from a manifest that the form has no control for.
#[component]
pub fn KeptFields() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let kept = move || {
        wizard.draft.with(|d| {
            let mut paths = Vec::new();
            extras::paths("", &d.extra, &mut paths);
            for c in &d.containers {
                extras::paths(&c.name, &c.extra, &mut paths);
            }
            paths
        })
    };
    view! {
        <Show when=move || !kept().is_empty()>
            <h3 id="kept-fields">{t!(i18n, kept_fields)}</h3>
            <ul aria-labelledby="kept-fields">
                {move || kept().into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}
            </ul>
        </Show>
    }
}
