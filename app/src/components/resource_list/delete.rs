//! Delete with a confirmation first, and the server's refusal shown when there is one.

use leptos::prelude::*;

use crate::api::delete;
use crate::components::ConfirmDialog;
use crate::i18n::*;

/// The object a list was asked to delete, waiting for confirmation, and the last
/// failure. A handle: copy it into every row.
#[derive(Debug, Clone, Copy)]
pub struct DeleteRequest {
    /// The name and API path of the object to delete, while the dialog is open.
    target: RwSignal<Option<(String, String)>>,
    /// Why the last delete failed.
    failure: RwSignal<Option<String>>,
}

impl DeleteRequest {
    /// No delete pending.
    pub fn new() -> Self {
        DeleteRequest {
            target: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// Asks to confirm deleting `name`, at API path `path`.
    pub fn ask(&self, name: String, path: String) {
        self.target.set(Some((name, path)));
    }
}

impl Default for DeleteRequest {
    fn default() -> Self {
        Self::new()
    }
}

/// The dialog for a pending delete (titled by `question(name)`, explained by `hint`)
/// and, after a refused delete, an alert saying why.
#[component]
pub fn DeleteConfirm(
    /// The pending delete.
    request: DeleteRequest,
    /// The dialog's question for an object's name ("Delete service web?").
    question: Callback<String, String>,
    /// What deleting it does.
    #[prop(into)]
    hint: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirm = Callback::new(move |()| {
        let Some((_, path)) = request.target.get_untracked() else {
            return;
        };
        request.target.set(None);
        request.failure.set(None);
        let answer = delete(path);
        leptos::task::spawn_local(async move {
            if let Err(e) = answer.await {
                request.failure.set(Some(e.to_string()));
            }
        });
    });
    let cancel = Callback::new(move |()| request.target.set(None));
    view! {
        {move || request.failure.get().map(|message| view! {
            <p role="alert" class="error">{t!(i18n, delete_failed, message)}</p>
        })}
        {move || request.target.get().map(|(name, _)| {
            let title = Signal::derive(move || question.run(name.clone()));
            view! {
                <ConfirmDialog
                    title
                    detail=hint
                    confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                    on_confirm=confirm
                    on_cancel=cancel
                />
            }
        })}
    }
}
