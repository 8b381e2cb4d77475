//! Logs of a workload (or of one pod): every pod's containers (init containers too) read with their
//! times and merged in the order they were written, each line tagged with its pod and
//! container in a colour of its own; filtered by pod, container and text (highlighted);
//! the previous run, the last lines or minutes, times shown or not; followed while the
//! reader stays at the bottom; downloaded as a file. New pods join as they appear.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::log_line::{self, LogLine, SOURCE_COLOURS};
use crate::api::{get_text, paths};
use crate::i18n::*;

/// How many last lines each container offers, to choose from.
const TAILS: [usize; 4] = [100, 500, 1000, 5000];

/// How far back the logs may reach, in seconds (`None`: all of it).
const SINCE: [Option<u32>; 4] = [None, Some(300), Some(3600), Some(86400)];

/// A count bumped every two seconds while `follow` holds, so a followed log is read
/// again.
fn follow_ticks(follow: RwSignal<bool>) -> RwSignal<u32> {
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
    tick
}

/// The merged logs of `pod_names`' containers.
#[component]
pub fn LogViewer(
    /// The pods' namespace.
    #[prop(into)]
    namespace: Signal<String>,
    /// The workload's pods, as they come and go.
    pod_names: Memo<Vec<String>>,
    /// Their containers' names.
    containers: Memo<Vec<String>>,
    /// Their init containers' names.
    init_containers: Memo<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pod = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let timestamps = RwSignal::new(false);
    let previous = RwSignal::new(false);
    let follow = RwSignal::new(true);
    let tail = RwSignal::new(TAILS[1]);
    let since = RwSignal::new(None::<u32>);
    let tick = follow_ticks(follow);
    // Every (pod, container), numbered once for its colour; then the chosen ones.
    let sources = Memo::new(move |_| {
        let names: Vec<String> = init_containers
            .get()
            .into_iter()
            .chain(containers.get())
            .collect();
        pod_names
            .get()
            .into_iter()
            .flat_map(|p| names.iter().map(move |c| (p.clone(), c.clone())))
            .enumerate()
            .collect::<Vec<_>>()
    });
    let chosen = Memo::new(move |_| {
        let (p, c) = (pod.get(), container.get());
        sources.with(|all| {
            all.iter()
                .filter(|(_, (sp, sc))| (p.is_empty() || *sp == p) && (c.is_empty() || *sc == c))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let lines = LocalResource::new(move || {
        tick.track();
        let (ns, wanted) = (namespace.get(), chosen.get());
        let (tail, since, previous) = (tail.get(), since.get(), previous.get());
        async move {
            let mut parts = Vec::with_capacity(wanted.len());
            for (source, (p, c)) in wanted {
                // A container that has not run (or has no previous run) has no log.
                let path = paths::pod_log_timed(&ns, &p, &c, tail, since, previous);
                if let Ok(body) = get_text(path).await {
                    parts.push(log_line::parse(source, &p, &c, &body));
                }
            }
            log_line::merge(parts)
        }
    });
    let shown = Memo::new(move |_| {
        let needle = search.get();
        lines
            .get()
            .map(|all| {
                all.into_iter()
                    .filter(|l| log_line::matches(l, &needle))
                    .collect::<Vec<LogLine>>()
            })
            .unwrap_or_default()
    });
    let screen = NodeRef::<leptos::html::Pre>::new();
    // Scrolling up pauses the following scroll (following stays on); scrolling back
    // to the end resumes it.
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let at_end = RwSignal::new(true);
    #[cfg(feature = "hydrate")]
    keep_at_bottom(screen, shown, follow, at_end);
    let on_scroll = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(pre) = screen.get_untracked() {
            let end = pre.scroll_top() + pre.client_height() >= pre.scroll_height() - 8;
            at_end.set(end);
        }
    };
    let download = move |_| {
        #[cfg(feature = "hydrate")]
        save_file(
            "logs.txt",
            &shown.with(|l| log_line::as_file(l, timestamps.get_untracked())),
        );
    };
    let class = style! {
        .pickers {
            display: flex;
            flex-wrap: wrap;
            gap: var(--space-2) var(--space-4);
            align-items: center;
            margin: var(--space-2) 0;
        }
        .log {
            font-family: var(--mono);
            font-size: var(--text-xs);
            background: var(--log-bg);
            color: var(--log-fg);
            padding: var(--space-3);
            border-radius: var(--radius-sm);
            max-height: 32rem;
            overflow: auto;
            white-space: pre-wrap;
        }
        .tag {
            font-weight: 600;
        }
        .time {
            color: #9aa7b5;
        }
        mark {
            background: #ffd479;
            color: #111;
        }
    };
    let choice = |names: Vec<String>, chosen: String| {
        names
            .into_iter()
            .map(|n| {
                let selected = n == chosen;
                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
            })
            .collect_view()
    };
    let row = move |line: LogLine| {
        let colour = format!("color: var(--log-{})", line.source % SOURCE_COLOURS + 1);
        let pieces = log_line::highlighted(&line.text, &search.get_untracked())
            .into_iter()
            .map(|(text, hit)| match hit {
                true => view! { <mark>{text}</mark> }.into_any(),
                false => text.into_any(),
            })
            .collect_view();
        let time = timestamps
            .get()
            .then(|| view! { <span class="time">{format!("{} ", line.at)}</span> });
        view! {
            <div>{time}<span class="tag" style=colour>{format!("{}/{}", line.pod, line.container)}</span>" "{pieces}</div>
        }
    };
    view! { class = class,
        <div class="pickers">
            <label for="logs-pod">{t!(i18n, log_pod)}</label>
            <select id="logs-pod" on:change=move |e| pod.set(event_target_value(&e))>
                <option value="">{t!(i18n, logs_all_pods)}</option>
                {move || choice(pod_names.get(), pod.get_untracked())}
            </select>
            <label for="logs-container">{t!(i18n, container_name)}</label>
            <select id="logs-container" on:change=move |e| container.set(event_target_value(&e))>
                <option value="">{t!(i18n, logs_all_containers)}</option>
                {move || choice(containers.get(), container.get_untracked())}
                <Show when=move || init_containers.with(|c| !c.is_empty())>
                    <optgroup label=move || t_string!(i18n, log_init_containers)>
                        {move || choice(init_containers.get(), container.get_untracked())}
                    </optgroup>
                </Show>
            </select>
            <label for="logs-search">{t!(i18n, logs_search)}</label>
            <input id="logs-search" type="search" prop:value=move || search.get()
                on:input=move |e| search.set(event_target_value(&e))/>
            <label for="logs-tail">{t!(i18n, logs_tail)}</label>
            <select id="logs-tail" on:change=move |e| tail.set(event_target_value(&e).parse().unwrap_or(TAILS[1]))>
                {TAILS.into_iter().map(|n| view! { <option value=n.to_string() selected=n == TAILS[1]>{n}</option> }).collect_view()}
            </select>
            <label for="logs-since">{t!(i18n, logs_since)}</label>
            <select id="logs-since" on:change=move |e| since.set(event_target_value(&e).parse().ok())>
                {SINCE.into_iter().map(|s| {
                    let value = s.map(|v| v.to_string()).unwrap_or_default();
                    view! { <option value=value>{move || since_name(i18n, s)}</option> }
                }).collect_view()}
            </select>
            <label><input type="checkbox" on:change=move |e| timestamps.set(event_target_checked(&e))/>" "{t!(i18n, logs_timestamps)}</label>
            <label><input type="checkbox" on:change=move |e| previous.set(event_target_checked(&e))/>" "{t!(i18n, logs_previous)}</label>
            <label><input type="checkbox" prop:checked=move || follow.get() on:change=move |e| follow.set(event_target_checked(&e))/>" "{t!(i18n, follow_log)}</label>
            <button type="button" class="button" on:click=download>{t!(i18n, logs_download)}</button>
        </div>
        <pre class="log" role="log" tabindex="0" aria-label=move || t_string!(i18n, tab_logs) node_ref=screen on:scroll=on_scroll>
            {move || shown.get().into_iter().map(row).collect_view()}
        </pre>
    }
}

/// A "since" choice's name.
fn since_name(i18n: crate::I18n, seconds: Option<u32>) -> String {
    match seconds {
        None => t_string!(i18n, logs_since_all).to_string(),
        Some(300) => t_string!(i18n, logs_since_5m).to_string(),
        Some(3600) => t_string!(i18n, logs_since_1h).to_string(),
        Some(_) => t_string!(i18n, logs_since_1d).to_string(),
    }
}

/// Scrolls the log to its end as lines arrive while following and the reader is at
/// the end (`at_end`).
#[cfg(feature = "hydrate")]
fn keep_at_bottom(
    screen: NodeRef<leptos::html::Pre>,
    shown: Memo<Vec<LogLine>>,
    follow: RwSignal<bool>,
    at_end: RwSignal<bool>,
) {
    Effect::new(move |_| {
        shown.track();
        if let Some(pre) = screen.get() {
            if follow.get_untracked() && at_end.get_untracked() {
                pre.set_scroll_top(pre.scroll_height());
            }
        }
    });
}

/// Offers `text` to the browser as a download named `name`.
#[cfg(feature = "hydrate")]
fn save_file(name: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
