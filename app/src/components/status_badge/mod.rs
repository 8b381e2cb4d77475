//! A status in colour and words (never colour alone).

use leptos::prelude::*;
use stylers::style;

use crate::api::model::Tone;

/// A status word on a tinted pill.
#[component]
pub fn StatusBadge(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] tone: Signal<Tone>,
) -> impl IntoView {
    let class = style! {
        .badge {
            display: inline-flex;
            align-items: center;
            gap: 0.4rem;
            padding: 0.1rem 0.6rem;
            border-radius: 999px;
            font-size: 0.85rem;
            white-space: nowrap;
            background: var(--tone-idle-bg);
            color: var(--tone-idle-fg);
        }
        .badge::before {
            content: "";
            width: 0.5rem;
            height: 0.5rem;
            border-radius: 50%;
            background: currentColor;
        }
        .badge[data-tone="good"] {
            background: var(--tone-good-bg);
            color: var(--tone-good-fg);
        }
        .badge[data-tone="busy"] {
            background: var(--tone-busy-bg);
            color: var(--tone-busy-fg);
        }
        .badge[data-tone="bad"] {
            background: var(--tone-bad-bg);
            color: var(--tone-bad-fg);
        }
    };
    view! { class = class,
        <span class="badge" data-tone=move || tone.get().as_str()>{text}</span>
    }
}
