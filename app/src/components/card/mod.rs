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
    /// The heading's id (unique on the page): given, the card is a region of the page
    /// named by its heading.
    #[prop(optional)]
    id: Option<&'static str>,
    /// A heading of level 2, for a card directly under the page's title (else 3, under
    /// a step's or a tab's heading).
    #[prop(optional)]
    top_level: bool,
    /// Spans every column of a grid of cards.
    #[prop(optional)]
    wide: bool,
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
        .wide {
            grid-column: 1 / -1;
        }
        h2, h3 {
            margin: 0 0 var(--space-3);
            font-size: var(--text-md);
        }
    };
    let text = move || title.get();
    let heading = if top_level {
        view! { class = class, <h2 id=id>{text}</h2> }.into_any()
    } else {
        view! { class = class, <h3 id=id>{text}</h3> }.into_any()
    };
    let content = if columns {
        view! { <Columns>{children()}</Columns> }.into_any()
    } else {
        children().into_any()
    };
    view! { class = class,
        <section class="card" class:wide=wide aria-labelledby=id>
            {heading}
            {content}
        </section>
    }
}
