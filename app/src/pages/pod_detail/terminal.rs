//! The Terminal tab: a shell in one of the pod's running containers, picked from a
//! list; several may be open at once, each closed on its own.

use leptos::prelude::*;
use stylers::style;

use crate::api::access::{may, Question};
use crate::api::model::PodDetail;
use crate::api::paths;
use crate::components::Terminal;
use crate::i18n::*;

/// The tab: opens a terminal into the first running container by itself.
#[component]
pub fn TerminalTab(pod: Memo<PodDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let running = Memo::new(move |_| pod.with(PodDetail::running_containers));
    let chosen = RwSignal::new(running.get_untracked().first().cloned().unwrap_or_default());
    let next = StoredValue::new(0_u32);
    let open = RwSignal::new(Vec::<(u32, String)>::new());
    let add = move |container: String| {
        let id = next.get_value();
        next.set_value(id + 1);
        open.update(|o| o.push((id, container)));
    };
    // The first terminal opens by itself once a container runs (at once, or when the
    // pod's first container starts while the tab is open).
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let first = running.with(|r| r.first().cloned());
        if let Some(first) = first.filter(|_| !started.get_value()) {
            started.set_value(true);
            if chosen.get_untracked().is_empty() {
                chosen.set(first.clone());
            }
            add(first);
        }
    });
    let names = move || pod.with(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()));
    // A user who may not exec here is told so, instead of terminals that fail (403).
    let home = pod.with_untracked(|p| p.metadata.namespace.clone());
    let question = Question {
        verb: "create",
        group: "",
        resource: "pods".to_owned(),
        subresource: "exec",
        namespace: home,
    };
    let may_exec = may(question.clone());
    let refusal = move || crate::words::refusal(i18n, &question);
    let options = move || {
        running
            .get()
            .into_iter()
            .map(|name| {
                let selected = name == chosen.get_untracked();
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view()
    };
    let class = style! {
        .toolbar {
            display: flex;
            align-items: center;
            flex-wrap: wrap;
            gap: var(--space-2);
        }
    };
    view! { class = class,
        <div class="toolbar">
            <label for="terminal-container">{t!(i18n, terminal_container)}</label>
            <select id="terminal-container" on:change=move |e| chosen.set(event_target_value(&e))
                disabled=move || running.with(Vec::is_empty)>
                {options}
            </select>
            <button type="button" class="button primary"
                disabled=move || !may_exec.get() || running.with(|r| !r.contains(&chosen.get()))
                on:click=move |_| add(chosen.get())>
                {t!(i18n, terminal_open)}
            </button>
        </div>
        <Show when=move || running.with(Vec::is_empty)>
            <p role="note">{t!(i18n, terminal_none_running)}</p>
        </Show>
        <Show when=move || !may_exec.get()>
            <p role="note">{refusal.clone()}</p>
        </Show>
        <For each=move || if may_exec.get() { open.get() } else { Vec::new() }
            key=|(id, _)| *id let((id, container))>
            {
                let (ns, pod_name) = names();
                let path = paths::pod_shell(&ns, &pod_name, &container);
                let label = t_string!(i18n, terminal_region, container = container.clone()).to_string();
                let on_close = Callback::new(move |()| open.update(|o| o.retain(|(i, _)| *i != id)));
                view! { <Terminal path label on_close/> }
            }
        </For>
    }
}
