//! One count against its total, as a labelled progress bar: a rollout's new and old
//! pods, a set's updated and current ones.

use leptos::prelude::*;
use stylers::style;

/// `label`, a bar filled `value` of `total`, and `value/total`; `old` greys the fill
/// (the pods being replaced).
#[component]
pub fn CountBar(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<i32>,
    #[prop(into)] total: Signal<i32>,
    #[prop(optional)] old: bool,
) -> impl IntoView {
    let class = style! {
        .bar {
            display: grid;
            grid-template-columns: 16rem 1fr 6rem;
            align-items: center;
            gap: 0.75rem;
            margin: 0.35rem 0;
        }
        .track {
            height: 0.6rem;
            border-radius: 999px;
            background: var(--tone-idle-bg);
            overflow: hidden;
        }
        .fill {
            height: 100%;
            background: var(--accent);
            transition: width 0.2s;
        }
        .fill.old {
            background: var(--muted);
        }
    };
    let width = move || {
        let max = total.get().max(1);
        format!("width: {}%", (value.get().clamp(0, max) * 100) / max)
    };
    view! { class = class,
        <div class="bar">
            <span>{label}</span>
            <div class="track" role="progressbar" aria-label=label aria-valuemin="0"
                aria-valuemax=move || total.get().to_string() aria-valuenow=move || value.get().to_string()>
                <div class="fill" class:old=old style=width></div>
            </div>
            <span>{move || format!("{}/{}", value.get(), total.get())}</span>
        </div>
    }
}
