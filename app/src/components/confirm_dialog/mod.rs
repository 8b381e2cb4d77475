//! A modal question before a destructive action.

use leptos::html;
use leptos::prelude::*;
use stylers::style;

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
        .backdrop {
            position: fixed;
            inset: 0;
            background: rgba(0, 0, 0, 0.4);
            display: grid;
            place-items: center;
            z-index: 10;
        }
        .dialog {
            background: var(--surface);
            color: var(--text);
            border-radius: 8px;
            padding: 1.25rem 1.5rem;
            min-width: 20rem;
            max-width: 32rem;
            box-shadow: 0 10px 30px rgba(0, 0, 0, 0.3);
        }
        .dialog h2 {
            margin: 0 0 0.5rem;
            font-size: 1.1rem;
        }
        .actions {
            display: flex;
            gap: 0.5rem;
            justify-content: flex-end;
            margin-top: 1rem;
        }
    };
    view! { class = class,
        <div class="backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                aria-describedby="confirm-detail"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2 id="confirm-title">{title}</h2>
                <p id="confirm-detail">{detail}</p>
                <div class="actions">
                    <button type="button" class="button danger" on:click=move |_| on_confirm.run(())>
                        {confirm_label}
                    </button>
                    <button type="button" class="button" node_ref=cancel_button on:click=move |_| on_cancel.run(())>
                        {t!(i18n, cancel)}
                    </button>
                </div>
            </div>
        </div>
    }
}
