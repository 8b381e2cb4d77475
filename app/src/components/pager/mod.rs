//! Pages of a long list: a table shows one page of rows, so a list of 20,000 pods
//! renders (and updates) as fast as one of a hundred.

use std::ops::Range;

use leptos::prelude::*;
use stylers::style;

use crate::i18n::*;

/// Rows per page.
pub const PAGE_SIZE: usize = 100;

/// The rows of page `page` (from 0) of a list of `total`; past the end, the last page.
pub fn window(total: usize, page: usize) -> Range<usize> {
    let last_page = total.saturating_sub(1) / PAGE_SIZE;
    let start = page.min(last_page) * PAGE_SIZE;
    start..(start + PAGE_SIZE).min(total)
}

/// Previous / next buttons and "101–200 of 20,000", shown only when the list is longer
/// than a page. `label` names the navigation for assistive technology.
#[component]
pub fn Pager(
    #[prop(into)] total: Signal<usize>,
    page: RwSignal<usize>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // `try_get`: Leptos' server rendering has walked a pager whose list was already
    // disposed (seen once in CI); a panic there would leave the page's stream unfinished.
    let total = move || total.try_get().unwrap_or_default();
    let shown = move || window(total(), page.try_get().unwrap_or_default());
    let has_previous = move || shown().start > 0;
    let has_next = move || shown().end < total();
    let class = style! {
        nav {
            display: flex;
            align-items: center;
            gap: 0.75rem;
            margin-top: 0.75rem;
        }
    };
    view! { class = class,
        <Show when=move || { total() > PAGE_SIZE }>
            <nav aria-label=move || label.get()>
                <button type="button" class="button"
                    disabled=move || !has_previous()
                    on:click=move |_| page.set(shown().start / PAGE_SIZE - 1)>
                    {t!(i18n, page_previous)}
                </button>
                <span role="status">
                    {move || {
                        let range = shown();
                        t_string!(i18n, page_range, first = range.start + 1, last = range.end, total = total()).to_string()
                    }}
                </span>
                <button type="button" class="button"
                    disabled=move || !has_next()
                    on:click=move |_| page.set(shown().start / PAGE_SIZE + 1)>
                    {t!(i18n, page_next)}
                </button>
            </nav>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::{window, PAGE_SIZE};

    #[test]
    fn pages_cover_the_list_and_stop_at_its_end() {
        assert_eq!(window(0, 0), 0..0);
        assert_eq!(window(5, 0), 0..5);
        assert_eq!(window(250, 1), PAGE_SIZE..2 * PAGE_SIZE);
        assert_eq!(window(250, 2), 200..250);
        // A list that shrank under a later page shows its last page.
        assert_eq!(window(250, 9), 200..250);
        assert_eq!(window(200, 2), 100..200);
    }
}
