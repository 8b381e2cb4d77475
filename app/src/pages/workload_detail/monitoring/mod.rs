//! The Monitoring tab: each pod's CPU and memory usage over the last 15 minutes (the
//! server's history where it has one, then the metrics API read every window), as two
//! charts and a table of the current values.

mod chart;

use leptos::prelude::*;
use stylers::style;

use super::Workload;
use crate::api::model::metrics::{
    add_reading, cpu_text, memory_text, PodMetricsHistory, PodMetricsList, PodUsage, Reading,
};
use crate::api::{get_json, paths, ApiError};
use crate::i18n::*;
use chart::{colour, UsageChart};

/// How often usage is read: metrics-server's window.
const PERIOD: std::time::Duration = std::time::Duration::from_secs(15);
/// How many readings the charts keep (fifteen minutes).
const KEPT: usize = 60;

/// Each pod's values of one measure over the readings kept, oldest first; a pod
/// missing from a reading (not yet measured, or gone) has no point there.
fn series(history: &[Reading], measure: fn(&PodUsage) -> f64) -> Vec<(String, Vec<f64>)> {
    let mut pods: Vec<String> = history
        .iter()
        .flat_map(|(_, sample)| sample.iter().map(|u| u.pod.clone()))
        .collect();
    pods.sort();
    pods.dedup();
    // Only pods in the latest reading: the chart is about what runs now.
    let latest = history.last().map(|(_, r)| r.clone()).unwrap_or_default();
    pods.retain(|p| latest.iter().any(|u| &u.pod == p));
    pods.into_iter()
        .map(|pod| {
            let values = history
                .iter()
                .filter_map(|(_, sample)| sample.iter().find(|u| u.pod == pod).map(measure))
                .collect();
            (pod, values)
        })
        .collect()
}

/// The tab.
#[component]
pub fn MonitoringTab(workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let history = RwSignal::new(Vec::<Reading>::new());
    let failure = RwSignal::new(None::<String>);
    // The last 15 minutes at once, where the server keeps them (the embedded engine).
    let read_history = move || {
        let selector = workload.current.with_untracked(|w| w.pod_selector());
        let path = paths::pod_metrics_history(&workload.namespace.get_untracked(), &selector);
        let request = get_json::<PodMetricsHistory>(path);
        leptos::task::spawn_local(async move {
            if let Ok(past) = request.await {
                history.update(|h| {
                    let mut readings = past.readings();
                    for reading in h.drain(..) {
                        add_reading(&mut readings, reading, KEPT);
                    }
                    *h = readings;
                });
            }
        });
    };
    let read = move || {
        let selector = workload.current.with_untracked(|w| w.pod_selector());
        let path = paths::pod_metrics_matching(&workload.namespace.get_untracked(), &selector);
        let request = get_json::<PodMetricsList>(path);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(list) => {
                    failure.set(None);
                    history.update(|h| add_reading(h, (list.window(), list.usage()), KEPT));
                }
                // A cluster without metrics-server serves no metrics API at all.
                Err(ApiError::Status { code: 404, .. }) => failure.set(Some(String::new())),
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    // Effects run in the browser only: the server renders the empty tab.
    Effect::new(move |_| {
        read_history();
        read();
        let handle = set_interval_with_handle(read, PERIOD);
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    let cpu = Memo::new(move |_| history.with(|h| series(h, |u| u.cpu)));
    let memory = Memo::new(move |_| history.with(|h| series(h, |u| u.memory)));
    let latest =
        Memo::new(move |_| history.with(|h| h.last().map(|(_, r)| r.clone()).unwrap_or_default()));
    let summary = move |title: String, format: fn(f64) -> String, measure: fn(&PodUsage) -> f64| {
        let values = latest.with(|l| {
            l.iter()
                .map(|u| format!("{} {}", u.pod, format(measure(u))))
                .collect::<Vec<_>>()
                .join(", ")
        });
        if values.is_empty() {
            t_string!(i18n, chart_empty, title).to_string()
        } else {
            let count = history.with(Vec::len);
            t_string!(i18n, chart_latest, title, values, count).to_string()
        }
    };
    let class = style! {
        .charts {
            display: grid;
            grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
            gap: 1rem;
            margin: 0.5rem 0 1rem;
        }
        .charts h3 {
            margin: 0 0 0.25rem;
            font-size: 0.95rem;
        }
        .swatch {
            display: inline-block;
            width: 0.8rem;
            height: 0.8rem;
            border-radius: 2px;
            margin-right: 0.4rem;
            vertical-align: middle;
        }
        .muted {
            color: var(--muted);
        }
    };
    let rows = move || {
        latest
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<(usize, PodUsage)>>()
    };
    let cpu_title = move || t_string!(i18n, cpu_usage).to_string();
    let memory_title = move || t_string!(i18n, memory_usage).to_string();
    view! { class = class,
        <p class="muted">{t!(i18n, monitoring_hint)}</p>
        {move || failure.get().map(|error| if error.is_empty() {
            view! { <p role="alert" class="error">{t!(i18n, metrics_not_served)}</p> }.into_any()
        } else {
            view! { <p role="alert" class="error">{t!(i18n, metrics_unavailable, error)}</p> }.into_any()
        })}
        <div class="charts">
            <figure>
                <h3>{cpu_title}</h3>
                <UsageChart series=cpu slots=KEPT format=cpu_text period=PERIOD.as_secs()
                    label=Signal::derive(move || summary(cpu_title(), cpu_text, |u| u.cpu))/>
            </figure>
            <figure>
                <h3>{memory_title}</h3>
                <UsageChart series=memory slots=KEPT format=memory_text period=PERIOD.as_secs()
                    label=Signal::derive(move || summary(memory_title(), memory_text, |u| u.memory))/>
            </figure>
        </div>
        <table class="data-table">
            <caption>{t!(i18n, usage_now)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_cpu)}</th>
                    <th scope="col">{t!(i18n, col_memory)}</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || latest.with(Vec::is_empty)>
                    <tr><td colspan="3" class="muted">{t!(i18n, metrics_waiting)}</td></tr>
                </Show>
                <For each=rows key=|(i, u)| (*i, u.pod.clone(), u.cpu.to_bits(), u.memory.to_bits()) let:row>
                    <tr>
                        <td>
                            <span class="swatch" aria-hidden="true" style=format!("background: {}", colour(row.0))></span>
                            {row.1.pod.clone()}
                        </td>
                        <td>{cpu_text(row.1.cpu)}</td>
                        <td>{memory_text(row.1.memory)}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(pod: &str, cpu: f64) -> PodUsage {
        PodUsage {
            pod: pod.to_owned(),
            cpu,
            memory: 0.0,
        }
    }

    #[test]
    fn series_follow_the_pods_of_the_latest_reading() {
        let history = vec![
            ("1".to_owned(), vec![usage("a", 1.0), usage("gone", 9.0)]),
            ("2".to_owned(), vec![usage("a", 2.0), usage("b", 3.0)]),
        ];
        let cpu = series(&history, |u| u.cpu);
        assert_eq!(
            cpu,
            vec![
                ("a".to_owned(), vec![1.0, 2.0]),
                ("b".to_owned(), vec![3.0])
            ]
        );
        assert!(series(&[], |u| u.cpu).is_empty());
    }
}
