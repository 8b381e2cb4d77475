//! The Deployment list of a namespace.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::model::{Deployment, List};
use crate::api::{get_json, paths};
use crate::components::{ConnectionBadge, DeploymentTable, LoadFailed, Loading};
use crate::i18n::*;
use crate::live::live_list;

/// `/namespaces/:ns/deployments`: every Deployment of the namespace, live.
#[component]
pub fn DeploymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let list = Resource::new(
        move || namespace.get(),
        |ns| get_json::<List<Deployment>>(paths::deployments(&ns)),
    );
    let table = move || {
        Suspend::new(async move {
            match list.await {
                Ok(initial) => {
                    let live = live_list(paths::deployments(&namespace.get_untracked()), initial);
                    view! {
                        <ConnectionBadge connection=live.connection/>
                        <DeploymentTable deployments=live namespace=namespace/>
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadFailed error/> }.into_any(),
            }
        })
    };
    view! {
        <section class="page">
            <h1>{t!(i18n, nav_deployments)}</h1>
            <p><A href="/workloads/create/basic">{t!(i18n, create_workload)}</A></p>
            <Transition fallback=Loading>{table}</Transition>
        </section>
    }
}
