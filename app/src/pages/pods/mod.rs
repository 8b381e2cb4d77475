//! The pods of a namespace, live: search, a status filter, sortable columns and counts.

use leptos::prelude::*;

use crate::api::model::list_query::ListQuery;
use crate::api::model::pod_query::{PodColumn, StatusFilter};
use crate::components::{use_url_query, ChoiceSelect, PodTable, ResourcePage};
use crate::i18n::*;

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

/// The page's heading.
fn title(i18n: crate::I18n) -> String {
    t_string!(i18n, nav_pods).to_string()
}

/// `/namespaces/:ns/pods`: every pod of the namespace.
#[component]
pub fn PodsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_url_query::<ListQuery<PodColumn>>();
    let status = use_url_query::<StatusFilter>();
    view! {
        <ResourcePage title plural="pods" query search_id="pod-search"
            search_label=|i| t_string!(i, search_pods).to_string()
            table=move |pods, namespace| view! { <PodTable pods namespace query status/> }>
            <ChoiceSelect id="pod-status" label=Signal::derive(move || t_string!(i18n, col_status).to_string())
                choices=StatusFilter::ALL.to_vec() name=filter_name selected=status
                on_choose=Callback::new(move |choice| status.set(choice))/>
        </ResourcePage>
    }
}
