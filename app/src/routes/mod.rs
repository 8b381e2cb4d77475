//! The console's large pages as lazy routes: the site's build splits the WASM
//! (`tools/assemble-site`), so each one's code is WASM chunks of its own, fetched when the page is first opened.
//!
//! The lists stay in the main WASM: they share most of their code (the live table),
//! and split apart they cost a first open some ninety small requests (measured: 570 KB
//! in 101 requests, 1.5 s, against a main WASM that holds them all).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{
    CreateWorkloadPage, DaemonSetDetailPage, DeploymentDetailPage, OverviewPage, PodDetailPage,
    StatefulSetDetailPage,
};

/// Declares a route type whose view, the page, is split into its own chunk. Pages
/// start their own requests, so a route has no data of its own.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:expr) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_route: Self) -> AnyView {
                $page.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/namespaces/:ns/overview`.
    Overview => view! { <OverviewPage/> }
);
lazy_page!(
    /// `/namespaces/:ns/pods/:name`.
    PodDetail => view! { <PodDetailPage/> }
);
lazy_page!(
    /// `/namespaces/:ns/deployments/:name`.
    DeploymentDetail => view! { <DeploymentDetailPage/> }
);
lazy_page!(
    /// `/namespaces/:ns/statefulsets/:name`.
    StatefulSetDetail => view! { <StatefulSetDetailPage/> }
);
lazy_page!(
    /// `/namespaces/:ns/daemonsets/:name`.
    DaemonSetDetail => view! { <DaemonSetDetailPage/> }
);
lazy_page!(
    /// `/workloads/create/:step`: the wizard.
    CreateWorkload => view! { <CreateWorkloadPage/> }
);
