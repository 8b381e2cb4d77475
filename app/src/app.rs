//! The document shell and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use leptos_router::Lazy;

use crate::api::model::{Deployment, WorkloadKind, WorkloadSet};
use crate::components::ConsoleLayout;
use crate::i18n::I18nContextProvider;
use crate::live::provide_now;
use crate::pages::{
    ConfigMapsPage, CronJobDetailPage, CronJobsPage, EventsPage, ImagesPage, JobDetailPage,
    JobsPage, NamespacesPage, NotFoundPage, PodsPage, SecretsPage, ServicesPage, SignInPage,
    WorkloadsPage,
};
use crate::routes;
use leptos_i18n::context::CookieOptions;

/// Where `/` leads: the default namespace's overview.
pub const HOME: &str = "/namespaces/default/overview";

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        // leptos_i18n sets `lang` (and `dir`) on <html> from the chosen language.
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                // The chosen theme, before the first paint.
                <script nonce=leptos::nonce::use_nonce() inner_html=crate::components::THEME_SCRIPT></script>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // In the shell, not the app: only the server knows the folder's
                // version.
                <link rel="stylesheet" href=stylesheet_href(&options)/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's path, in the app's folder as the server names it (versioned).
fn stylesheet_href(options: &LeptosOptions) -> String {
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}

/// The console: language context, the ticking clock for ages, and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_now();
    view! {
            <Title text="Berth"/>
            // One language cookie for the whole console, not one per page folder.
            <I18nContextProvider cookie_options=CookieOptions::default().path("/")>
                // A cluster's pages live under its `/c/<name>` prefix: the router's base.
                <Router base=crate::api::cluster::cluster_base()>
                    <Routes fallback=|| view! { <NotFoundPage/> }>
    <Route path=path!("/") view=|| view! { <Redirect path=HOME/> }/>
                        <Route path=path!("/sign-in") view=SignInPage/>
                        <ParentRoute path=path!("/namespaces/:ns") view=ConsoleLayout>
                            <Route path=path!("overview") view={Lazy::<routes::Overview>::new()}/>
                            <Route path=path!("deployments") view=|| view! { <WorkloadsPage<Deployment> kind=WorkloadKind::Deployment/> }/>
                            <Route path=path!("statefulsets") view=|| view! { <WorkloadsPage<WorkloadSet> kind=WorkloadKind::StatefulSet/> }/>
                            <Route path=path!("pods") view=PodsPage/>
                            <Route path=path!("pods/:name") view={Lazy::<routes::PodDetail>::new()}/>
                            <Route path=path!("daemonsets") view=|| view! { <WorkloadsPage<WorkloadSet> kind=WorkloadKind::DaemonSet/> }/>
                            <Route path=path!("deployments/:name") view={Lazy::<routes::DeploymentDetail>::new()}/>
                            <Route path=path!("statefulsets/:name") view={Lazy::<routes::StatefulSetDetail>::new()}/>
                            <Route path=path!("daemonsets/:name") view={Lazy::<routes::DaemonSetDetail>::new()}/>
                            <Route path=path!("jobs") view=JobsPage/>
                            <Route path=path!("jobs/:name") view=JobDetailPage/>
                            <Route path=path!("cronjobs") view=CronJobsPage/>
                            <Route path=path!("cronjobs/:name") view=CronJobDetailPage/>
                            <Route path=path!("services") view=ServicesPage/>
                            <Route path=path!("configmaps") view=ConfigMapsPage/>
                            <Route path=path!("secrets") view=SecretsPage/>
                            <Route path=path!("events") view=EventsPage/>
                        </ParentRoute>
                        <ParentRoute path=path!("/namespaces") view=ConsoleLayout>
                            <Route path=path!("") view=NamespacesPage/>
                        </ParentRoute>
                        <ParentRoute path=path!("/images") view=ConsoleLayout>
                            <Route path=path!("") view=ImagesPage/>
                        </ParentRoute>
                        <ParentRoute path=path!("/workloads") view=ConsoleLayout>
                            <Route path=path!("create") view=|| view! { <Redirect path="/workloads/create/basic"/> }/>
                            <Route path=path!("create/:step") view={Lazy::<routes::CreateWorkload>::new()}/>
                        </ParentRoute>
                    </Routes>
                </Router>
            </I18nContextProvider>
        }
}
