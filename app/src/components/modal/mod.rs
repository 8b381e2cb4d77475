//! A modal dialog box: what every confirmation and small form of the console sits in.

use leptos::prelude::*;
use stylers::style;

/// A dialog over a dimmed page, named by its heading; Escape dismisses it.
#[component]
pub fn Modal(
    /// The heading, which names the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// The id of the heading (unique on the page).
    id: &'static str,
    /// Called on Escape.
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
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
            max-width: min(40rem, 95vw);
            max-height: 90vh;
            overflow: auto;
            box-shadow: 0 10px 30px rgba(0, 0, 0, 0.3);
        }
        .dialog h2 {
            margin: 0 0 0.75rem;
            font-size: 1.1rem;
        }
    };
    view! { class = class,
        <div class="backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=id
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2 id=id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}
