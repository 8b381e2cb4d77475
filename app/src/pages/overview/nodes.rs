//! The nodes' room and use: allocatable CPU, memory and pods, and what the metrics API
//! says is in use (a dash where it doesn't answer); read again every 15 seconds.

use leptos::prelude::*;

use crate::api::get_json;
use crate::api::model::metrics::{cpu_text, memory_text, NodeMetricsList};
use crate::api::model::overview::node_rows;
use crate::api::model::{List, Node};
use crate::api::paths;
use crate::i18n::*;

/// How often usage is read again.
const REFRESH_SECONDS: u64 = 15;

/// `0.5 of 4 (13%)`.
fn used_of(used: Option<f64>, total: f64, text: fn(f64) -> String) -> String {
    match used {
        Some(used) if total > 0.0 => format!(
            "{} / {} ({:.0}%)",
            text(used),
            text(total),
            used * 100.0 / total
        ),
        Some(used) => text(used),
        None => format!("– / {}", text(total)),
    }
}

/// The table.
#[component]
pub fn Nodes() -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || tick.update(|t| *t = t.wrapping_add(1)),
            std::time::Duration::from_secs(REFRESH_SECONDS),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    let rows = LocalResource::new(move || {
        tick.track();
        async move {
            let nodes = get_json::<List<Node>>(paths::nodes())
                .await
                .map(|l| l.items)
                .unwrap_or_default();
            // Usage is optional: a cluster without metrics-server still lists its nodes.
            let metrics = get_json::<NodeMetricsList>(paths::node_metrics())
                .await
                .map(|l| l.items)
                .unwrap_or_default();
            node_rows(&nodes, &metrics)
        }
    });
    view! {
        <div class="table-scroll" tabindex="0">
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, overview_nodes)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, col_cpu)}</th>
                    <th scope="col">{t!(i18n, col_memory)}</th>
                    <th scope="col">{t!(i18n, col_max_pods)}</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.get().unwrap_or_default().into_iter().map(|n| view! {
                    <tr>
                        <th scope="row" class="mono">{n.name}</th>
                        <td>{used_of(n.cpu_used, n.cpu, cpu_text)}</td>
                        <td>{used_of(n.memory_used, n.memory, memory_text)}</td>
                        <td>{n.pods}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
