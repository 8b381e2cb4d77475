//! The console's frame: top bar with the switchers, navigation, and the page.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;
use stylers::style;

use super::{
    provide_clusters, ClusterBanner, ClusterSwitcher, LanguageSwitcher, NamespaceSwitcher,
    ThemeSwitcher, UserMenu,
};
use crate::api::cluster::in_cluster;
use crate::i18n::*;

/// Frames every page under `/namespaces/:ns`.
#[component]
pub fn ConsoleLayout() -> impl IntoView {
    let i18n = use_i18n();
    provide_clusters();
    let params = use_params_map();
    let namespace = Memo::new(move |_| {
        params
            .read()
            .get("ns")
            .unwrap_or_else(|| "default".to_owned())
    });
    let class = style! {
        .console {
            display: grid;
            grid-template-columns: 14rem minmax(0, 1fr);
            grid-template-rows: auto 1fr;
            min-height: 100vh;
        }
        .topbar {
            grid-column: 1 / 3;
            display: flex;
            align-items: center;
            flex-wrap: wrap;
            gap: var(--space-4);
            padding: var(--space-2) var(--space-5);
            background: var(--topbar-bg);
            color: var(--topbar-fg);
            font-size: var(--text-sm);
        }
        .brand {
            font-weight: 700;
            font-size: var(--text-lg);
            color: inherit;
            text-decoration: none;
        }
        .product {
            opacity: 0.8;
        }
        @media (max-width: 90rem) {
            .product {
                display: none;
            }
        }
        .controls {
            margin-left: auto;
            display: flex;
            flex-wrap: wrap;
            justify-content: flex-end;
            gap: var(--space-2) var(--space-4);
            min-width: 0;
        }
        .group:first-child {
            margin-top: 0;
        }
        .sidebar {
            background: var(--surface);
            border-right: 1px solid var(--border);
            padding: 1rem 0;
        }
        .group {
            margin: 1rem 1rem 0.25rem;
            font-size: 0.8rem;
            text-transform: uppercase;
            color: var(--muted);
        }
        .content {
            padding: 1.25rem 1.5rem;
            min-width: 0;
        }
    };
    view! { class = class,
        <div class="console">
            <header class="topbar">
                <a class="brand" href=in_cluster(crate::HOME)>{t!(i18n, brand)}</a>
                <span class="product">{t!(i18n, console)}</span>
                <div class="controls">
                    <ClusterSwitcher namespace=namespace/>
                    <NamespaceSwitcher current=namespace/>
                    <LanguageSwitcher/>
                    <ThemeSwitcher/>
                    <UserMenu/>
                </div>
            </header>
            <nav class="sidebar" aria-label=move || t_string!(i18n, main_navigation)>
                <ul class="nav-links">
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/overview", namespace.get()))>{t!(i18n, nav_overview)}</A>
                    </li>
                </ul>
                <p class="group">{t!(i18n, nav_workloads)}</p>
                // Router links are components, which the scoped class does not reach: their
                // look is in style/main.css under `.nav-links`.
                <ul class="nav-links">
                    {rules::workload::KINDS
                        .into_iter()
                        .chain(rules::workload::batch::KINDS)
                        .map(|kind| view! {
                            <li>
                                <A href=move || in_cluster(&format!("/namespaces/{}/{}", namespace.get(), crate::api::paths::plural(kind)))>
                                    {move || crate::pages::kind_heading(i18n, kind)}
                                </A>
                            </li>
                        })
                        .collect_view()}
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/pods", namespace.get()))>{t!(i18n, nav_pods)}</A>
                    </li>
                </ul>
                <p class="group">{t!(i18n, nav_network)}</p>
                <ul class="nav-links">
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/services", namespace.get()))>{t!(i18n, nav_services)}</A>
                    </li>
                </ul>
                <p class="group">{t!(i18n, nav_configuration)}</p>
                <ul class="nav-links">
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/configmaps", namespace.get()))>{t!(i18n, nav_config_maps)}</A>
                    </li>
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/secrets", namespace.get()))>{t!(i18n, nav_secrets)}</A>
                    </li>
                </ul>
                <p class="group">{t!(i18n, nav_cluster)}</p>
                <ul class="nav-links">
                    <li>
                        <A href=move || in_cluster(&format!("/namespaces/{}/events", namespace.get()))>{t!(i18n, nav_events)}</A>
                    </li>
                    // Exact: every namespaced page's path starts with `/namespaces`.
                    <li>
                        <A href=in_cluster("/namespaces") exact=true>{t!(i18n, nav_namespaces)}</A>
                    </li>
                    <li>
                        <A href=in_cluster("/images")>{t!(i18n, nav_images)}</A>
                    </li>
                </ul>
            </nav>
            <main class="content">
                <ClusterBanner/>
                <Outlet/>
            </main>
        </div>
    }
}
