//! Choose the namespace the pages show, or all of them.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api::model::{List, Namespace};
use crate::api::{get_json, paths};
use crate::i18n::*;

/// The list pages that exist for one namespace and for all (`/namespaces/_all/pods`).
const LISTS: [&str; 10] = [
    "deployments",
    "statefulsets",
    "daemonsets",
    "jobs",
    "cronjobs",
    "pods",
    "services",
    "configmaps",
    "secrets",
    "events",
];

/// Where choosing `ns` leads from `pathname`: the same list in that namespace, or its
/// workloads when the page is not a list (a detail page, the namespace list).
pub fn switched_path(pathname: &str, ns: &str) -> String {
    let list = pathname
        .strip_prefix("/namespaces/")
        .and_then(|rest| rest.split('/').nth(1))
        .filter(|segment| LISTS.contains(segment))
        .unwrap_or("deployments");
    format!("/namespaces/{ns}/{list}")
}

/// A labelled select of every namespace and "All namespaces"; choosing one shows the
/// same list there.
#[component]
pub fn NamespaceSwitcher(#[prop(into)] current: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let namespaces = Resource::new(|| (), |_| get_json::<List<Namespace>>(paths::namespaces()));
    let navigate = use_navigate();
    let location = use_location();
    let on_change = move |ev: leptos::ev::Event| {
        let ns = event_target_value(&ev);
        let target = switched_path(
            crate::api::cluster::strip_base(&location.pathname.get_untracked()),
            &ns,
        );
        navigate(&target, Default::default());
    };
    let options = move || {
        Suspend::new(async move {
            let mut names: Vec<String> = namespaces
                .await
                .map(|list| list.items.into_iter().map(|n| n.metadata.name).collect())
                .unwrap_or_default();
            let here = current.get_untracked();
            if !names.contains(&here) && !paths::is_all_namespaces(&here) {
                names.push(here);
            }
            let all = view! {
                <option value=paths::ALL_NAMESPACES selected=move || paths::is_all_namespaces(&current.get())>
                    {t!(i18n, all_namespaces)}
                </option>
            };
            let each = names
                .into_iter()
                .map(|name| {
                    let selected = name.clone();
                    view! { <option value=name.clone() selected=move || current.get() == selected>{name.clone()}</option> }
                })
                .collect_view();
            view! { {all}{each} }
        })
    };
    view! {
        <div class="field-inline">
            <label for="namespace-switcher">{t!(i18n, namespace)}</label>
            <select id="namespace-switcher" on:change=on_change>
                <Transition fallback=move || view! { <option>{current.get_untracked()}</option> }>{options}</Transition>
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::switched_path;

    #[test]
    fn switching_keeps_the_list_and_leaves_detail_pages_for_the_workloads() {
        assert_eq!(
            switched_path("/namespaces/default/services", "_all"),
            "/namespaces/_all/services"
        );
        assert_eq!(
            switched_path("/namespaces/_all/events", "web"),
            "/namespaces/web/events"
        );
        assert_eq!(
            switched_path("/namespaces/default/deployments/nginx-demo", "web"),
            "/namespaces/web/deployments"
        );
        assert_eq!(
            switched_path("/images", "web"),
            "/namespaces/web/deployments"
        );
    }
}
