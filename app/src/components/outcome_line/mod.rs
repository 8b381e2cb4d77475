//! The line that says how the last action went: a status when it worked, an alert
//! when it did not.

use leptos::prelude::*;
use stylers::style;

/// The last action's outcome: `Ok` with what happened, `Err` with why it did not.
pub type Outcome = Option<Result<String, String>>;

/// Shows `outcome`, or nothing before the first action.
#[component]
pub fn OutcomeLine(outcome: RwSignal<Outcome>) -> impl IntoView {
    let class = style! {
        .done {
            color: var(--tone-good-fg);
        }
        .failed {
            color: var(--danger);
        }
    };
    move || {
        outcome.get().map(|o| match o {
            Ok(text) => {
                view! { class = class, <p role="status" class="done">{text}</p> }.into_any()
            }
            Err(text) => {
                view! { class = class, <p role="alert" class="failed">{text}</p> }.into_any()
            }
        })
    }
}
