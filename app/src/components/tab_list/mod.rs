//! Tabs whose choice lives in the URL (`?tab=events`), so every tab is linkable.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use stylers::style;

/// The chosen tab's id from the URL, or `default`.
pub fn use_tab(default: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("tab")
            .unwrap_or_else(|| default.to_owned())
    })
}

/// A row of tabs; each is a link to `?tab=<id>`, the chosen one `aria-selected`. The
/// panel is the page's: an element with `id="tab-panel"` and role `tabpanel`.
#[component]
pub fn TabList(
    /// Each tab's id and label.
    tabs: Vec<(&'static str, Signal<String>)>,
    /// The chosen tab's id.
    current: Memo<String>,
    /// What the tab row is for.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let class = style! {
        .tabs {
            display: flex;
            flex-wrap: wrap;
            gap: 0.25rem;
            border-bottom: 1px solid var(--border);
            margin: 1rem 0;
        }
        .tabs a {
            padding: 0.5rem 0.9rem;
            text-decoration: none;
            color: var(--muted);
            border-bottom: 2px solid transparent;
        }
        .tabs a[aria-selected="true"] {
            color: var(--text);
            border-bottom-color: var(--accent);
            font-weight: 600;
        }
    };
    view! { class = class,
        <div class="tabs" role="tablist" aria-label=label>
            {tabs
                .into_iter()
                .map(|(id, text)| {
                    let selected = move || current.with(|c| c == id);
                    // The scoped class must reach the links: each `view!` is its own scope.
                    view! { class = class,
                        <a
                            role="tab"
                            id=format!("tab-{id}")
                            href=format!("?tab={id}")
                            aria-controls="tab-panel"
                            aria-selected=move || selected().to_string()
                        >
                            {text}
                        </a>
                    }
                })
                .collect_view()}
        </div>
    }
}
