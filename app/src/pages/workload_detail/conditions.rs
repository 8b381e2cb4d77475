//! The workload's status conditions (Available, Progressing…), as the controller last
//! set them.

use leptos::prelude::*;
use stylers::style;

use super::Workload;
use crate::i18n::*;
use crate::words::{condition_status, condition_type};

/// The conditions, one line each; nothing when the controller sets none (StatefulSets
/// and DaemonSets usually). A list, not a table: the page's one table with a Status
/// column stays the pods'.
#[component]
pub fn Conditions(workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let conditions = Memo::new(move |_| workload.current.with(|w| w.conditions.clone()));
    let class = style! {
        .conditions {
            list-style: none;
            padding: 0;
            margin: 0 0 1rem;
        }
        .conditions li {
            margin: 0.2rem 0;
        }
        .muted {
            color: var(--muted);
        }
    };
    view! { class = class,
        <Show when=move || !conditions.with(Vec::is_empty)>
            <h2 id="conditions-heading">{t!(i18n, conditions)}</h2>
            <ul class="conditions" aria-labelledby="conditions-heading">
                <For each=move || conditions.get() key=|c| (c.kind.clone(), c.status.clone(), c.reason.clone(), c.message.clone()) let:condition>
                    <li>
                        <strong>{
                            let (kind, status) = (condition.kind.clone(), condition.status.clone());
                            move || format!("{}: {}", condition_type(i18n, &kind), condition_status(i18n, &status))
                        }</strong>
                        {condition.reason.clone().map(|r| format!(" · {r}"))}
                        <span class="muted">{condition.message.clone().map(|m| format!(" — {m}"))}</span>
                    </li>
                </For>
            </ul>
        </Show>
    }
}
