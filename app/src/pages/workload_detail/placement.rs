//! Where a workload placed across member clusters runs: per cluster, its weight (or
//! count), the pods planned there and the pods running there now.

use leptos::prelude::*;
use stylers::style;

use super::Workload;
use crate::api::model::placement::{pods_per_cluster, Scheduling, SchedulingMode};
use crate::api::model::{List, Node};
use crate::api::{get_json, paths};
use crate::i18n::*;
use rules::workload::REPLICA_SCHEDULING;

/// One row: the cluster, its weight or count, planned and running pods.
type Row = (String, i64, i64, i64);

/// The member clusters section; nothing for a workload in one cluster.
#[component]
pub fn PlacementView(workload: Workload) -> impl IntoView {
    let i18n = use_i18n();
    let scheduling = Memo::new(move |_| {
        workload
            .current
            .with(|w| w.annotation(REPLICA_SCHEDULING).and_then(Scheduling::read))
    });
    // Nodes change cluster rarely: read once, not watched (a watch costs a connection).
    let nodes = Resource::new(|| (), |()| get_json::<List<Node>>(paths::nodes()));
    let class = style! {
        .placement {
            margin: 0.75rem 0;
        }
        .placement h2 {
            font-size: 1rem;
            margin: 0 0 0.25rem;
        }
    };
    let table = move || {
        Suspend::new(async move {
            let nodes = nodes.await.map(|l| l.items).unwrap_or_default();
            let rows = Memo::new(move |_| -> Vec<Row> {
                let Some(s) = scheduling.get() else {
                    return Vec::new();
                };
                let running = workload
                    .pods
                    .items
                    .with(|pods| pods_per_cluster(pods, &nodes));
                let planned = s.planned(i64::from(workload.current.with(|w| w.desired)));
                s.clusters
                    .iter()
                    .zip(planned)
                    .map(|((name, value), (_, plan))| {
                        let now = running.get(name).copied().unwrap_or(0);
                        (name.clone(), *value, plan, now)
                    })
                    .collect()
            });
            let by_weight = move || {
                scheduling.with(|s| s.as_ref().map(|s| s.mode) == Some(SchedulingMode::Weights))
            };
            view! {
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, cluster)}</th>
                            <th scope="col">
                                {move || if by_weight() { t_string!(i18n, weight) } else { t_string!(i18n, cluster_replicas) }}
                            </th>
                            <th scope="col">{t!(i18n, col_planned_pods)}</th>
                            <th scope="col">{t!(i18n, col_running_pods)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| row.clone() let:row>
                            <tr>
                                <td>{row.0}</td>
                                <td>{row.1}</td>
                                <td>{row.2}</td>
                                <td>{row.3}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            }
        })
    };
    view! { class = class,
        <Show when=move || scheduling.with(Option::is_some)>
            <section class="placement" aria-labelledby="placement-heading">
                <h2 id="placement-heading">{t!(i18n, member_clusters)}</h2>
                <Transition fallback=crate::components::Loading>{table}</Transition>
            </section>
        </Show>
    }
}
