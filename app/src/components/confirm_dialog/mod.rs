//! A modal question before a destructive action.

use leptos::html;
use leptos::prelude::*;
use stylers::style;

use super::Modal;
use crate::i18n::*;

/// Asks to confirm; Escape or Cancel closes it, the focus starts on Cancel.
#[component]
pub fn ConfirmDialog(
    /// The question.
    #[prop(into)]
    title: Signal<String>,
    /// What will happen.
    #[prop(into)]
    detail: Signal<String>,
    /// The confirming button's text.
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Called when confirmed.
    on_confirm: Callback<()>,
    /// Called when dismissed.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancel_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    let class = style! {
        .actions {
            display: flex;
            gap: 0.5rem;
            justify-content: flex-end;
            margin-top: 1rem;
        }
    };
    view! { class = class,
        <Modal title id="confirm-title" on_cancel>
            <p>{detail}</p>
            <div class="actions">
                <button type="button" class="button danger" on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
                <button type="button" class="button" node_ref=cancel_button on:click=move |_| on_cancel.run(())>
                    {t!(i18n, cancel)}
                </button>
            </div>
        </Modal>
    }
}
