//! One pod, live (`/namespaces/:ns/pods/:name`): its status, where it runs and what owns
//! it, Delete, and tabs for its containers and conditions, events, logs and manifest.

mod containers;
mod manifest;
mod terminal;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use stylers::style;

use crate::api::access::{may, Question};
use crate::api::cluster::in_cluster;
use crate::api::model::{Event, List, PodDetail};
use crate::api::{delete, get_json, paths};
use crate::components::{
    use_tab, ConfirmDialog, ConnectionBadge, EventTable, Followed, LoadFailed, Loading, LogViewer,
    StatusBadge, TabList,
};
use crate::i18n::*;
use crate::live::{live_list, use_now};

/// The pod as a list of at most one, so it is watched.
fn pod_named(ns: &str, name: &str) -> String {
    format!("/api/v1/namespaces/{ns}/pods?fieldSelector=metadata.name%3D{name}")
}

/// The page.
#[component]
pub fn PodDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns").unwrap_or_default());
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let data = Resource::new(
        move || (namespace.get(), name.get()),
        |(ns, name)| get_json::<List<PodDetail>>(pod_named(&ns, &name)),
    );
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(list) if !list.items.is_empty() => {
                    let pod = live_list(pod_named(&namespace.get_untracked(), &name.get_untracked()), list);
                    let last = Memo::new(move |last: Option<&PodDetail>| {
                        pod.items
                            .with(|i| i.first().cloned())
                            .or_else(|| last.cloned())
                            .unwrap_or_default()
                    });
                    let gone = Memo::new(move |_| pod.items.with(Vec::is_empty));
                    view! { <Detail pod=last gone connection=pod.connection/> }.into_any()
                }
                Ok(_) => view! {
                    <h1>{name.get_untracked()}</h1>
                    <p role="alert" class="error">{t!(i18n, pod_not_found, name = name.get_untracked())}</p>
                }
                .into_any(),
                Err(error) => view! { <h1>{name.get_untracked()}</h1> <LoadFailed error/> }.into_any(),
            }
        })
    };
    view! {
        <section class="page">
            <Transition fallback=Loading>{body}</Transition>
        </section>
    }
}

/// The loaded page: heading and facts, Delete, the tabs.
#[component]
fn Detail(
    pod: Memo<PodDetail>,
    gone: Memo<bool>,
    connection: RwSignal<crate::live::Connection>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_now();
    let tab = use_tab("containers");
    let read = move |f: fn(&PodDetail) -> String| move || pod.with(f);
    let ns = move || pod.with(|p| p.metadata.namespace.clone());
    let name = move || pod.with(|p| p.metadata.name.clone());
    // A user who may not delete pods here sees Delete disabled, with why as its title.
    let home = pod.with_untracked(|p| p.metadata.namespace.clone());
    let question = Question {
        verb: "delete",
        group: "",
        resource: "pods".to_owned(),
        subresource: "",
        namespace: home,
    };
    let may_delete = may(question.clone());
    let refusal = move || (!may_delete.get()).then(|| crate::words::refusal(i18n, &question));
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        confirming.set(false);
        let request = delete(paths::pod(&ns(), &name()));
        leptos::task::spawn_local(async move {
            if let Err(e) = request.await {
                failure.set(Some(e.to_string()));
            }
        });
    });
    let owner = move || {
        pod.with(PodDetail::owner).map(|owner| match owner.href {
            Some(href) => view! { <A href=in_cluster(&href)>{owner.text}</A> }.into_any(),
            None => owner.text.into_any(),
        })
    };
    let tabs = vec![
        (
            "containers",
            Signal::derive(move || t_string!(i18n, tab_containers).to_string()),
        ),
        (
            "events",
            Signal::derive(move || t_string!(i18n, tab_events).to_string()),
        ),
        (
            "logs",
            Signal::derive(move || t_string!(i18n, tab_logs).to_string()),
        ),
        (
            "terminal",
            Signal::derive(move || t_string!(i18n, tab_terminal).to_string()),
        ),
        (
            "yaml",
            Signal::derive(move || t_string!(i18n, tab_yaml).to_string()),
        ),
    ];
    let names = Memo::new(move |_| pod.with(PodDetail::container_names));
    let panel = move || match tab.get().as_str() {
        "events" => {
            let concerns: Arc<dyn Fn(&Event) -> bool + Send + Sync> = Arc::new(move |e: &Event| {
                e.involved_object.kind == "Pod"
                    && pod.with(|p| e.involved_object.name == p.metadata.name)
            });
            let path = Signal::derive(move || paths::events(&ns()));
            view! { <Followed path render=move |events| view! { <EventTable events concerns=concerns.clone()/> }/> }.into_any()
        }
        "logs" => view! {
            <LogViewer namespace=Signal::derive(ns)
                pod_names=Memo::new(move |_| vec![name()])
                containers=Memo::new(move |_| names.with(|n| n.1.clone()))
                init_containers=Memo::new(move |_| names.with(|n| n.0.clone()))/>
        }
        .into_any(),
        "terminal" => view! { <terminal::TerminalTab pod/> }.into_any(),
        "yaml" => view! { <manifest::Manifest pod/> }.into_any(),
        _ => view! { <containers::Containers pod/> }.into_any(),
    };
    let class = style! {
        .head {
            display: flex;
            flex-wrap: wrap;
            align-items: center;
            gap: 0.75rem;
        }
        .head h1 {
            margin: 0;
            font-family: var(--mono);
            font-size: 1.3rem;
        }
        .push {
            margin-left: auto;
        }
        .facts {
            display: grid;
            grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
            gap: 0.75rem 1.5rem;
            margin: 1rem 0;
        }
        .facts div {
            display: grid;
            gap: 0.15rem;
        }
        .facts dt {
            color: var(--muted);
            font-size: 0.8rem;
        }
        .facts dd {
            margin: 0;
        }
    };
    view! { class = class,
        <p><A href=move || in_cluster(&format!("/namespaces/{}/pods", ns()))>{t!(i18n, nav_pods)}</A></p>
        <div class="head">
            <h1>{name}</h1>
            <StatusBadge
                text=Signal::derive(move || crate::words::pod_status(i18n, &pod.with(PodDetail::status_word)))
                tone=Signal::derive(move || pod.with(PodDetail::tone))/>
            <ConnectionBadge connection/>
            <button type="button" class="button danger push"
                disabled=move || gone.get() || !may_delete.get() || pod.with(|p| p.metadata.deletion_timestamp.is_some())
                title=refusal
                on:click=move |_| confirming.set(true)>
                {t!(i18n, delete)}
            </button>
        </div>
        <Show when=move || gone.get()>
            <p role="status">{move || t_string!(i18n, pod_deleted, name = name()).to_string()}</p>
        </Show>
        <p role="alert" class="error">{move || failure.get()}</p>
        <dl class="facts">
            <div><dt>{t!(i18n, namespace)}</dt><dd>{ns}</dd></div>
            <div><dt>{t!(i18n, col_ready)}</dt><dd>{move || pod.with(|p| p.summary().ready_text())}</dd></div>
            <div><dt>{t!(i18n, col_restarts)}</dt><dd>{move || pod.with(|p| p.summary().restarts)}</dd></div>
            <div><dt>{t!(i18n, col_node)}</dt><dd>{read(PodDetail::node)}</dd></div>
            <div><dt>{t!(i18n, col_pod_ip)}</dt><dd class="mono">{read(PodDetail::pod_ips)}</dd></div>
            <div><dt>{t!(i18n, host_ip)}</dt><dd class="mono">{read(PodDetail::host_ip)}</dd></div>
            <div><dt>{t!(i18n, qos_class)}</dt><dd>{read(PodDetail::qos_class)}</dd></div>
            <div><dt>{t!(i18n, controlled_by)}</dt><dd>{owner}</dd></div>
            <div><dt>{t!(i18n, col_age)}</dt><dd>{move || crate::words::age(i18n, pod.with(|p| p.metadata.creation_timestamp.clone()).as_deref(), now.get())}</dd></div>
        </dl>
        <TabList tabs current=tab label=Signal::derive(move || t_string!(i18n, pod_tabs).to_string())/>
        <div id="tab-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
            {panel}
        </div>
        <Show when=move || confirming.get()>
            <ConfirmDialog
                title=Signal::derive(move || t_string!(i18n, confirm_delete_pod, name = name()).to_string())
                detail=Signal::derive(move || t_string!(i18n, delete_pod_hint).to_string())
                confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                on_confirm=confirm
                on_cancel=Callback::new(move |()| confirming.set(false))/>
        </Show>
    }
}
