//! The YAML tab: the live manifest, read again whenever the workload changes, and an
//! editor for any field of it. A save carries the `resourceVersion` the text was read
//! at, so a stale edit is refused (409) and said so, never written over a newer one.

use leptos::prelude::*;
use stylers::style;

use super::actions::failure_text;
use super::Workload;
use crate::api::{get_json, put_json};
use crate::edits;
use crate::i18n::*;
use crate::wizard::violation_text;

/// The manifest as served, without its status (which no edit can change).
async fn read_manifest(path: String) -> Result<String, String> {
    let mut value = get_json::<serde_json::Value>(path)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(object) = value.as_object_mut() {
        object.remove("status");
    }
    serde_norway::to_string(&value).map_err(|e| e.to_string())
}

/// The tab.
#[component]
pub fn YamlTab(workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let path = move || {
        workload.namespace.track();
        workload.name.track();
        workload.path()
    };
    // Read again on each new version of the workload.
    let version = Memo::new(move |_| {
        workload
            .current
            .with(|d| d.metadata.resource_version.clone())
    });
    let served = Resource::new(
        move || (path(), version.get()),
        |(path, _)| read_manifest(path),
    );
    // Whether the editor is open, apart from its text: a keystroke changes the text
    // only, and must not rebuild the editor (which would lose the caret).
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let save = move |_| {
        let manifest =
            match draft.with_untracked(|text| serde_norway::from_str::<serde_json::Value>(text)) {
                Ok(m) => m,
                Err(e) => return problem.set(Some(e.to_string())),
            };
        if let Some(e) = edits::check(&manifest, workload.gpu_namespace)
            .errors
            .first()
        {
            return problem.set(Some(format!(
                "{}: {}",
                e.path,
                violation_text(i18n, &e.violation)
            )));
        }
        let request = put_json(path(), &manifest);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => {
                    editing.set(false);
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(failure_text(i18n, &e))),
            }
        });
    };
    let class = style! {
        .manifest {
            width: 100%;
            min-height: 28rem;
            font-family: var(--mono);
            font-size: 0.85rem;
            background: var(--surface);
            color: var(--text);
            border: 1px solid var(--border);
            padding: 0.5rem;
        }
        .bar {
            display: flex;
            gap: 0.5rem;
            margin: 0.5rem 0;
        }
    };
    let shown = move || {
        Suspend::new(async move {
            let text = served.await.unwrap_or_else(|e| e);
            let shown = text.clone();
            view! { class = class,
                <div class="bar">
                    <button type="button" class="button"
                        on:click=move |_| { saved.set(false); draft.set(text.clone()); editing.set(true); }>
                        {t!(i18n, edit_yaml)}
                    </button>
                </div>
                <textarea class="manifest" readonly aria-label=move || t_string!(i18n, manifest)
                    prop:value=shown></textarea>
            }
        })
    };
    view! { class = class,
        {move || saved.get().then(|| view! { <p role="status">{t!(i18n, yaml_saved)}</p> })}
        {move || match editing.get() {
            true => view! { class = class,
                <div class="bar">
                    <button type="button" class="button primary" on:click=save>{t!(i18n, save)}</button>
                    <button type="button" class="button" on:click=move |_| { editing.set(false); problem.set(None); }>
                        {t!(i18n, cancel)}
                    </button>
                </div>
                <p role="alert" class="error">{move || problem.get()}</p>
                <textarea class="manifest" aria-label=move || t_string!(i18n, yaml_label)
                    prop:value=draft.get_untracked() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
            }.into_any(),
            false => view! { <Transition fallback=crate::components::Loading>{shown}</Transition> }.into_any(),
        }}
    }
}
