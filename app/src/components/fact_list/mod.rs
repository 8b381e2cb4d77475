//! Facts about one object, a label beside each value: what a detail page's summary card
//! holds.

use leptos::prelude::*;
use stylers::style;

/// A definition list: each fact's label, then its value, in two aligned columns.
#[component]
pub fn FactList(
    /// The facts: a label and a value each (both views, so both follow the language
    /// and the object).
    facts: Vec<(AnyView, AnyView)>,
) -> impl IntoView {
    let class = style! {
        .facts {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.3rem 1.5rem;
            margin: 0;
        }
        .facts dt {
            color: var(--muted);
        }
        .facts dd {
            margin: 0;
        }
    };
    let rows = facts
        .into_iter()
        .map(|(label, value)| view! { class = class, <dt>{label}</dt><dd>{value}</dd> })
        .collect_view();
    view! { class = class, <dl class="facts">{rows}</dl> }
}
