//! The Create namespace dialog: a name checked by the shared rules as it is typed
//! (the message at the field), the type, and the server's answer (an existing name
//! too) at the field. The Namespaces page and the wizard's inline create both open it.

use leptos::html;
use leptos::prelude::*;
use rules::workload::NAMESPACE_TYPE_LABEL;
use rules::Violation;
use serde_json::json;
use stylers::style;

use crate::api::{paths, post_json, ApiError};
use crate::components::Modal;
use crate::i18n::*;
use crate::wizard::violation_text;

/// What the rules say of a namespace name (a DNS-1123 label), in the reader's language.
fn name_problem(i18n: crate::I18n, name: &str) -> Option<String> {
    rules::dns_label(name)
        .err()
        .map(|e| violation_text(i18n, &Violation::Name(e)))
}

/// The dialog; `on_close` runs when it is dismissed or the namespace was created,
/// `on_created` (if given) first, with the new namespace's name.
#[component]
pub fn CreateNamespace(
    on_close: Callback<()>,
    #[prop(optional)] on_created: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let gpu = RwSignal::new(false);
    // The message shows once the field was typed in or the form sent, not before.
    let touched = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let message = move || {
        refused.get().or_else(|| {
            touched
                .get()
                .then(|| name.with(|n| name_problem(i18n, n)))
                .flatten()
        })
    };
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let chosen = name.get_untracked();
        if name_problem(i18n, &chosen).is_some() || busy.get_untracked() {
            return;
        }
        let kind = if gpu.get_untracked() {
            "gpu"
        } else {
            "general"
        };
        let body = json!({
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": { "name": chosen, "labels": { NAMESPACE_TYPE_LABEL: kind } },
        });
        busy.set(true);
        let answer = post_json(paths::namespaces(), &body);
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    if let Some(created) = on_created {
                        created.run(chosen);
                    }
                    on_close.run(());
                }
                Err(ApiError::Status { message, .. }) => refused.set(Some(message)),
                Err(e) => refused.set(Some(e.to_string())),
            }
        });
    };
    let class = style! {
        .field {
            display: grid;
            gap: 0.25rem;
            margin-bottom: 0.75rem;
        }
        .field label {
            font-weight: 600;
        }
        input[aria-invalid="true"] {
            border-color: var(--danger);
        }
        .message {
            min-height: 1.3rem;
            margin: 0;
            color: var(--danger);
            font-size: 0.9rem;
        }
        .actions {
            display: flex;
            gap: 0.5rem;
            justify-content: flex-end;
            margin-top: 1rem;
        }
    };
    view! { class = class,
        <Modal title=Signal::derive(move || t_string!(i18n, create_namespace).to_string()) id="create-namespace-title" on_cancel=on_close>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="new-namespace">{t!(i18n, new_namespace_name)}</label>
                    <input id="new-namespace" type="text" node_ref=input autocomplete="off"
                        aria-describedby="new-namespace-message"
                        aria-invalid=move || if message().is_some() { "true" } else { "false" }
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            refused.set(None);
                            touched.set(true);
                            name.set(event_target_value(&ev));
                        }/>
                    <p id="new-namespace-message" class="message">{message}</p>
                </div>
                <label>
                    <input type="checkbox" prop:checked=move || gpu.get()
                        on:change=move |ev| gpu.set(event_target_checked(&ev))/>
                    " "{t!(i18n, gpu_namespace)}
                </label>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || busy.get()>{t!(i18n, create)}</button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{t!(i18n, cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}
