//! A StatefulSet's or DaemonSet's rollout: pods of the update revision against the
//! current one (and a StatefulSet's partition), or a DaemonSet's nodes with an
//! updated and an available pod, as live bars.

use leptos::prelude::*;
use stylers::style;

use crate::api::model::{WorkloadKind, WorkloadSet};
use crate::components::{Card, CountBar};
use crate::i18n::*;

/// The set's update counters, always shown: a set has no paused state to hide behind.
#[component]
pub fn SetRollout(set: Memo<WorkloadSet>, kind: WorkloadKind) -> impl IntoView {
    let i18n = use_i18n();
    let class = style! {
        .muted {
            color: var(--muted);
        }
    };
    let on_delete = move || {
        set.with(|s| s.spec.update_strategy.kind.as_deref() == Some("OnDelete"))
            .then(|| view! { class = class, <p class="muted">{t!(i18n, set_on_delete)}</p> })
    };
    let bars = match kind {
        WorkloadKind::DaemonSet => {
            let desired = Signal::derive(move || {
                set.with(|s| s.status.desired_number_scheduled.unwrap_or(0))
            });
            view! { class = class,
                <CountBar label=Signal::derive(move || t_string!(i18n, ds_scheduled).to_string())
                    value=Signal::derive(move || set.with(|s| s.status.current_number_scheduled)) total=desired/>
                <CountBar label=Signal::derive(move || t_string!(i18n, ds_updated).to_string())
                    value=Signal::derive(move || set.with(|s| s.status.updated_number_scheduled)) total=desired/>
                <CountBar label=Signal::derive(move || t_string!(i18n, ds_available).to_string())
                    value=Signal::derive(move || set.with(WorkloadSet::available)) total=desired/>
                <p class="muted">
                    {move || t_string!(i18n, ds_misscheduled, count = set.with(|s| s.status.number_misscheduled)).to_string()}
                </p>
            }
            .into_any()
        }
        _ => {
            let desired = Signal::derive(move || set.with(|s| s.spec.replicas.unwrap_or(1)));
            view! { class = class,
                <CountBar label=Signal::derive(move || t_string!(i18n, sts_updated).to_string())
                    value=Signal::derive(move || set.with(|s| s.status.updated_replicas)) total=desired/>
                <CountBar label=Signal::derive(move || t_string!(i18n, sts_current).to_string())
                    value=Signal::derive(move || set.with(|s| s.status.current_replicas)) total=desired/>
                <p class="muted">
                    {move || t_string!(i18n, sts_partition, partition = set.with(WorkloadSet::partition)).to_string()}
                </p>
            }
            .into_any()
        }
    };
    view! { class = class,
        <Card title=Signal::derive(move || t_string!(i18n, rollout).to_string()) id="rollout-heading" top_level=true>
            {bars}
            {on_delete}
        </Card>
    }
}
