//! The workload lists of a namespace: Deployments, StatefulSets, DaemonSets, live,
//! with search, a status filter, sortable columns and counts.

use leptos::prelude::*;

use crate::api::access::{may, Question};
use crate::api::cluster::in_cluster;
use leptos_router::components::A;

use crate::api::model::list_query::ListQuery;
use crate::api::model::{StatusChoice, WorkloadColumn, WorkloadKind, WorkloadRow};
use crate::api::paths;
use crate::components::{status_word, use_url_query, ChoiceSelect, ResourcePage, WorkloadTable};
use crate::i18n::*;
use crate::live::LiveList;
use crate::I18n;

/// The heading of the list of `kind`.
pub fn kind_heading(i18n: I18n, kind: &str) -> String {
    match kind {
        "StatefulSet" => t_string!(i18n, nav_statefulsets),
        "DaemonSet" => t_string!(i18n, nav_daemonsets),
        "Job" => t_string!(i18n, nav_jobs),
        "CronJob" => t_string!(i18n, nav_cron_jobs),
        _ => t_string!(i18n, nav_deployments),
    }
    .to_string()
}

/// The heading of the list of `kind`, as a function a page and its table can hold.
fn heading_of(kind: WorkloadKind) -> fn(I18n) -> String {
    match kind {
        WorkloadKind::StatefulSet => |i| kind_heading(i, "StatefulSet"),
        WorkloadKind::DaemonSet => |i| kind_heading(i, "DaemonSet"),
        WorkloadKind::Deployment => |i| kind_heading(i, "Deployment"),
    }
}

/// A status filter choice's name.
fn choice_name(i18n: I18n, choice: StatusChoice) -> String {
    match choice {
        StatusChoice::All => t_string!(i18n, filter_all).to_string(),
        StatusChoice::Only(status) => status_word(i18n, status),
    }
}

/// `/namespaces/:ns/{deployments,statefulsets,daemonsets}`: every workload of `kind` in
/// the namespace (or in all), live; names link to their detail pages.
#[component]
pub fn WorkloadsPage<T: WorkloadRow>(
    kind: WorkloadKind,
    #[prop(optional)] _row: std::marker::PhantomData<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let plural = kind.plural();
    let title = heading_of(kind);
    let query = use_url_query::<ListQuery<WorkloadColumn>>();
    let status = use_url_query::<StatusChoice>();
    // Offered only to a user who may create this kind in the page's namespace.
    let namespace = crate::components::use_namespace();
    let create = move || {
        let ns = namespace.get_untracked();
        let may_create = may(Question {
            verb: "create",
            group: "apps",
            resource: plural.to_owned(),
            subresource: "",
            namespace: ns.clone(),
        });
        view! {
            <p>
                <Show when=move || may_create.get()
                    fallback=move || view! {
                        <span class="muted" role="note">
                            {t!(i18n, create_workload)} ": "
                            {t!(i18n, may_not, verb = "create", resource = plural, namespace = ns.clone())}
                        </span>
                    }>
                    <A href=in_cluster("/workloads/create/basic") attr:class="button primary">{t!(i18n, create_workload)}</A>
                </Show>
            </p>
        }
    };
    let table = move |workloads: LiveList<T>, namespace| {
        view! { <WorkloadTable workloads query status namespace kind caption=title/> }
    };
    view! {
        <ResourcePage title plural collection=paths::apps_collection lead=create query table
            search_id="workload-search" search_label=|i| t_string!(i, search_workloads).to_string()>
            <ChoiceSelect id="workload-status" label=Signal::derive(move || t_string!(i18n, col_status).to_string())
                choices=StatusChoice::ALL.to_vec() name=choice_name selected=status
                on_choose=Callback::new(move |choice| status.set(choice))/>
        </ResourcePage>
    }
}
