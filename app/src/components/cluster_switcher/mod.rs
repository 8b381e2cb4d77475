//! Choose the cluster the console shows, among those the server serves (a kubeconfig's
//! contexts, the embedded engine). The cluster is the `/c/<name>` prefix of the URL.

use leptos::prelude::*;
use stylers::style;

use crate::api::cluster::{base_for, cluster_name, strip_base};
use crate::api::clusters::ClusterListing;
use crate::api::{get_json, ApiError};
use crate::i18n::*;

/// The served clusters, read once per page by the console's frame.
#[derive(Clone, Copy)]
pub struct Clusters(pub Resource<Result<ClusterListing, ApiError>>);

/// Reads the served clusters for every component of the page.
pub fn provide_clusters() {
    let listing = Resource::new(
        || (),
        |_| get_json::<ClusterListing>(ClusterListing::PATH.to_owned()),
    );
    provide_context(Clusters(listing));
}

/// Whether the page's cluster is Berth's embedded engine, which has the image catalog
/// (awaited: use inside `Suspense`). Without a listing, the answer is yes, as before
/// clusters existed.
pub async fn page_cluster_is_embedded() -> bool {
    let Some(Clusters(listing)) = use_context::<Clusters>() else {
        return true;
    };
    let prefixed = cluster_name();
    match listing.await {
        Ok(listing) => listing
            .shown(prefixed.as_deref())
            .is_none_or(|e| e.embedded),
        Err(_) => true,
    }
}

/// A labelled select of the served clusters. Choosing one loads the same list there as
/// a new page, so nothing of one cluster stays on screen in another.
#[component]
pub fn ClusterSwitcher(#[prop(into)] namespace: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let Clusters(listing) = expect_context::<Clusters>();
    let prefixed = cluster_name();
    let on_change = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let here = window.location().pathname().unwrap_or_default();
            let list = super::namespace_switcher::switched_path(
                strip_base(&here),
                &namespace.get_untracked(),
            );
            let _ = window
                .location()
                .set_href(&format!("{}{list}", base_for(&name)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, namespace, strip_base, base_for);
    };
    let options = move || {
        let prefixed = prefixed.clone();
        Suspend::new(async move {
            let listing = listing.await.unwrap_or_default();
            let current = listing.shown(prefixed.as_deref()).map(|e| e.name.clone());
            listing
                .clusters
                .into_iter()
                .map(|entry| {
                    let selected = current.as_deref() == Some(entry.name.as_str());
                    view! {
                        <option value=entry.name.clone() selected=selected title=entry.server>
                            {entry.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    // Context names can be long (EKS ARNs): the select stays narrow, and each option's
    // title has the server.
    let class = style! {
        select {
            max-width: 12rem;
        }
    };
    view! { class = class,
        <div class="field-inline">
            <label for="cluster-switcher">{t!(i18n, cluster)}</label>
            <select id="cluster-switcher" on:change=on_change>
                <Suspense>{options}</Suspense>
            </select>
        </div>
    }
}
