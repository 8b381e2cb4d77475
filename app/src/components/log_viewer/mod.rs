//! A container's log, chosen by pod and container (init containers too), followed
//! while shown: a workload's Logs tab and a pod's page show it.

use leptos::prelude::*;
use stylers::style;

use crate::api::{get_text, paths};
use crate::i18n::*;

/// How many of the last lines are shown.
const TAIL: usize = 200;

/// The viewer: a pod of `pods` and a container (main or init) chosen, the first of each
/// until the reader picks.
#[component]
pub fn LogViewer(
    /// The pods' namespace.
    #[prop(into)]
    namespace: Signal<String>,
    /// The pods to choose from.
    pod_names: Memo<Vec<String>>,
    /// Their main containers' names.
    containers: Memo<Vec<String>>,
    /// Their init containers' names, read as any other (`?container=<name>`) and
    /// listed apart.
    init_containers: Memo<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pod = RwSignal::new(None::<String>);
    let container = RwSignal::new(None::<String>);
    let follow = RwSignal::new(true);
    let chosen_pod = move || pod.get().or_else(|| pod_names.with(|p| p.first().cloned()));
    let chosen_container = move || {
        container
            .get()
            .or_else(|| containers.with(|c| c.first().cloned()))
    };
    // Bumped every two seconds while following, so the log is read again.
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || {
                if follow.get_untracked() {
                    tick.update(|t| *t = t.wrapping_add(1));
                }
            },
            std::time::Duration::from_secs(2),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    let log = LocalResource::new(move || {
        tick.track();
        let target = chosen_pod().zip(chosen_container());
        let ns = namespace.get();
        async move {
            match target {
                Some((pod, container)) => get_text(paths::pod_log(&ns, &pod, &container, TAIL))
                    .await
                    .map_err(|e| e.to_string()),
                None => Ok(String::new()),
            }
        }
    });
    let class = style! {
        .pickers {
            display: flex;
            flex-wrap: wrap;
            gap: 0.5rem 1rem;
            align-items: center;
            margin: 0.5rem 0;
        }
        .log {
            font-family: var(--mono);
            font-size: 0.8rem;
            background: #0f141b;
            color: #dfe6ee;
            padding: 0.75rem;
            border-radius: 4px;
            max-height: 28rem;
            overflow: auto;
            white-space: pre-wrap;
        }
    };
    let options = move |names: Memo<Vec<String>>, selected: Signal<Option<String>>| {
        move || {
            names
                .get()
                .into_iter()
                .map(|n| {
                    let is = selected.get().as_deref() == Some(n.as_str());
                    view! { <option value=n.clone() selected=is>{n.clone()}</option> }
                })
                .collect_view()
        }
    };
    view! { class = class,
        <div class="pickers">
            <label for="log-pod">{t!(i18n, log_pod)}</label>
            <select id="log-pod" on:change=move |ev| pod.set(Some(event_target_value(&ev)))>
                {options(pod_names, Signal::derive(chosen_pod))}
            </select>
            <label for="log-container">{t!(i18n, container_name)}</label>
            <select id="log-container" on:change=move |ev| container.set(Some(event_target_value(&ev)))>
                {options(containers, Signal::derive(chosen_container))}
                <Show when=move || init_containers.with(|c| !c.is_empty())>
                    <optgroup label=move || t_string!(i18n, log_init_containers)>
                        {options(init_containers, Signal::derive(chosen_container))}
                    </optgroup>
                </Show>
            </select>
            <label>
                <input type="checkbox" prop:checked=move || follow.get() on:change=move |ev| follow.set(event_target_checked(&ev))/>
                " " {t!(i18n, follow_log)}
            </label>
        </div>
        <pre class="log" role="log" tabindex="0" aria-label=move || t_string!(i18n, tab_logs)>
            {move || log.get().map(|r| r.unwrap_or_else(|e| e))}
        </pre>
    }
}
