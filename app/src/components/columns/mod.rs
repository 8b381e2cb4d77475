//! Fields side by side: as many columns as the width allows, one on a narrow screen.

use leptos::prelude::*;
use stylers::style;

/// Its children in columns of at least 15rem, top-aligned.
#[component]
pub fn Columns(
    /// The fields.
    children: Children,
) -> impl IntoView {
    let class = style! {
        .columns {
            display: grid;
            grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
            gap: 0 var(--space-5);
            align-items: start;
        }
    };
    view! { class = class, <div class="columns">{children()}</div> }
}
