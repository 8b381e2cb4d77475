//! The pods of a namespace, live: search, a status filter, sortable columns and counts.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::model::pod_query::{PodQuery, StatusFilter};
use crate::api::model::Pod;
use crate::api::paths;
use crate::components::{
    use_url_query, ChoiceSelect, ConnectionBadge, LoadFailed, Loading, PodTable, SearchBox,
};
use crate::i18n::*;
use crate::live::{first_chunk, live_list};

fn filter_name(i18n: crate::I18n, filter: StatusFilter) -> String {
    match filter {
        StatusFilter::All => t_string!(i18n, filter_all),
        StatusFilter::Ready => t_string!(i18n, filter_ready),
        StatusFilter::Starting => t_string!(i18n, filter_starting),
        StatusFilter::Failing => t_string!(i18n, filter_failing),
        StatusFilter::Terminating => t_string!(i18n, filter_terminating),
    }
    .to_string()
}

/// `/namespaces/:ns/pods`: every pod of the namespace.
#[component]
pub fn PodsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let query = use_url_query::<PodQuery>();
    let list = Resource::new(
        move || namespace.get(),
        |ns| first_chunk::<Pod>(paths::core_collection(&ns, "pods")),
    );
    let table = move || {
        Suspend::new(async move {
            match list.await {
                Ok(initial) => {
                    let live = live_list(
                        paths::core_collection(&namespace.get_untracked(), "pods"),
                        initial,
                    );
                    view! {
                        <ConnectionBadge connection=live.connection/>
                        <PodTable pods=live namespace=namespace query/>
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadFailed error/> }.into_any(),
            }
        })
    };
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_pods)}</h1>
            <div class="filters">
                <SearchBox query id="pod-search" label=Signal::derive(move || t_string!(i18n, search_pods).to_string())/>
                <ChoiceSelect id="pod-status" label=Signal::derive(move || t_string!(i18n, col_status).to_string())
                    choices=StatusFilter::ALL.to_vec() name=filter_name
                    selected=Signal::derive(move || query.with(|q| q.status))
                    on_choose=Callback::new(move |choice| query.update(|q| q.status = choice))/>
            </div>
            <Transition fallback=Loading>{table}</Transition>
        </section>
    }
}
