//! A titled section on a surface: how a form groups its fields and a page its parts.

use leptos::prelude::*;
use stylers::style;

use super::Columns;

/// A card: a heading, then its content; with `columns`, fields sit side by side where
/// the screen is wide enough.
#[component]
pub fn Card(
    /// The card's heading.
    #[prop(into)]
    title: Signal<String>,
    /// Lays the content out in columns of fields.
    #[prop(optional)]
    columns: bool,
    /// The content.
    children: Children,
) -> impl IntoView {
    let class = style! {
        .card {
            background: var(--surface);
            border: 1px solid var(--border);
            border-radius: var(--radius-lg);
            box-shadow: var(--shadow-card);
            padding: var(--space-4) var(--space-5);
            margin: var(--space-3) 0 var(--space-4);
        }
        h3 {
            margin: 0 0 var(--space-3);
            font-size: var(--text-md);
        }
    };
    view! { class = class,
        <section class="card">
            <h3>{move || title.get()}</h3>
            {if columns {
                view! { <Columns>{children()}</Columns> }.into_any()
            } else {
                children().into_any()
            }}
        </section>
    }
}
