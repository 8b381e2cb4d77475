//! The workload lists of a namespace: Deployments, StatefulSets, DaemonSets.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::paths;
use crate::components::{ConnectionBadge, LoadFailed, Loading, WorkloadRow, WorkloadTable};
use crate::i18n::*;
use crate::live::{first_chunk, live_list};

/// The heading of the list of `kind`.
pub fn kind_heading(i18n: crate::I18n, kind: &str) -> String {
    match kind {
        "StatefulSet" => t_string!(i18n, nav_statefulsets),
        "DaemonSet" => t_string!(i18n, nav_daemonsets),
        _ => t_string!(i18n, nav_deployments),
    }
    .to_string()
}

/// `/namespaces/:ns/{deployments,statefulsets,daemonsets}`: every workload of `kind` in
/// the namespace, live; names link to `detail` pages where there are some.
#[component]
pub fn WorkloadsPage<T: WorkloadRow>(
    kind: &'static str,
    #[prop(optional)] detail: Option<&'static str>,
    #[prop(optional)] _row: std::marker::PhantomData<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let list = Resource::new(
        move || namespace.get(),
        move |ns| first_chunk::<T>(paths::apps_collection(&ns, &paths::plural(kind))),
    );
    let table = move || {
        Suspend::new(async move {
            match list.await {
                Ok(initial) => {
                    let live = live_list(
                        paths::apps_collection(&namespace.get_untracked(), &paths::plural(kind)),
                        initial,
                    );
                    view! {
                        <ConnectionBadge connection=live.connection/>
                        <WorkloadTable workloads=live namespace=namespace detail=detail.unwrap_or_default()/>
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadFailed error/> }.into_any(),
            }
        })
    };
    view! {
        <section class="page">
            <h1>{move || kind_heading(i18n, kind)}</h1>
            <p><A href="/workloads/create/basic">{t!(i18n, create_workload)}</A></p>
            <Transition fallback=Loading>{table}</Transition>
        </section>
    }
}
