//! `/images`: the images the cluster can pull (`rules::catalog`), grouped by where they
//! come from (my images, open-source, shared), with tags, size and default ports;
//! one search and one sort over every group.

use leptos::prelude::*;
use rules::catalog::{Image, Source, IMAGES};
use stylers::style;

use crate::api::model::catalog_row::{ports_text, ImageColumn};
use crate::api::model::list_query::ListQuery;
use crate::components::{
    page_cluster_is_embedded, use_url_query, SearchBox, ShownCount, SortHeader,
};
use crate::i18n::*;

const SOURCES: [Source; 3] = [Source::Mine, Source::OpenSource, Source::Shared];

fn source_name(i18n: crate::I18n, source: Source) -> String {
    match source {
        Source::Mine => t_string!(i18n, images_mine),
        Source::OpenSource => t_string!(i18n, images_open_source),
        Source::Shared => t_string!(i18n, images_shared),
    }
    .to_string()
}

/// The page: heading, search, and a table per source.
#[component]
pub fn ImagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query::<ListQuery<ImageColumn>>();
    let count = Signal::derive(move || {
        let shown = query.with(|q| q.apply(IMAGES, |_| true).len());
        t_string!(i18n, images_shown, shown = shown, total = IMAGES.len()).to_string()
    });
    // The catalog is the embedded engine's; a real cluster pulls whatever is typed.
    let catalog = move || {
        Suspend::new(async move {
            if page_cluster_is_embedded().await {
                SOURCES
                    .into_iter()
                    .map(|source| view! { <SourceGroup source query/> })
                    .collect_view()
                    .into_any()
            } else {
                view! { <p role="status">{t!(i18n, no_catalog)}</p> }.into_any()
            }
        })
    };
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_images)}</h1>
            <p>{t!(i18n, catalog_hint)}</p>
            <div class="filters">
                <SearchBox query id="image-search" label=Signal::derive(move || t_string!(i18n, search_images).to_string())/>
            </div>
            <ShownCount text=count/>
            <Suspense>{catalog}</Suspense>
        </section>
    }
}

/// The images of one source, as a titled table.
#[component]
fn SourceGroup(source: Source, query: RwSignal<ListQuery<ImageColumn>>) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Memo<Vec<Image>> =
        Memo::new(move |_| query.with(|q| q.apply(IMAGES, |i| i.source == source)));
    let heading = format!("images-{source:?}").to_lowercase();
    let header = move |column: ImageColumn, label: fn(crate::I18n) -> String| {
        view! { <SortHeader query column label=Signal::derive(move || label(i18n))/> }
    };
    let class = style! {
        .mono {
            font-family: var(--mono);
            font-size: 0.9rem;
        }
        .tags {
            display: flex;
            flex-wrap: wrap;
            gap: 0.25rem;
            list-style: none;
            margin: 0;
            padding: 0;
        }
        .tags li {
            padding: 0 0.4rem;
            border: 1px solid var(--border);
            border-radius: 4px;
            font-family: var(--mono);
            font-size: 0.8rem;
        }
        .empty {
            color: var(--muted);
            text-align: center;
        }
    };
    view! { class = class,
        <h2 id=heading.clone()>{move || source_name(i18n, source)}</h2>
        <table class="data-table" aria-labelledby=heading>
            <thead>
                <tr>
                    {header(ImageColumn::Name, |i| t_string!(i, col_name).to_string())}
                    {header(ImageColumn::Tags, |i| t_string!(i, col_tags).to_string())}
                    {header(ImageColumn::Size, |i| t_string!(i, col_size).to_string())}
                    {header(ImageColumn::Ports, |i| t_string!(i, col_default_ports).to_string())}
                </tr>
            </thead>
            <tbody>
                <Show when=move || rows.with(Vec::is_empty)>
                    <tr><td colspan="4" class="empty">{t!(i18n, no_images)}</td></tr>
                </Show>
                <For each=move || rows.get() key=|image| image.name let:image>
                    {
                        let ports = ports_text(&image);
                        let size = image.size_mb;
                        view! { class = class,
                            <tr>
                                <td class="mono">{image.name}</td>
                                <td>
                                    <ul class="tags">
                                        {image.tags.iter().map(|tag| view! { class = class, <li>{*tag}</li> }).collect_view()}
                                    </ul>
                                </td>
                                <td>{move || t_string!(i18n, size_mb, size = size).to_string()}</td>
                                <td class="mono">
                                    {move || if ports.is_empty() { t_string!(i18n, no_ports).to_string() } else { ports.clone() }}
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
