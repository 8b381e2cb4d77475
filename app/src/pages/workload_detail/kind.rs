//! What differs by kind: how an object reads as a summary, and the parts only its kind
//! shows (a Deployment's rollout bars and pause, a set's update counters, the member
//! clusters of a workload placed across them).

use leptos::prelude::*;

use super::placement::PlacementView;
use super::rollout::RolloutView;
use super::set_rollout::SetRollout;
use super::Workload;
use crate::api::model::{Deployment, Listed, WorkloadKind, WorkloadSet, WorkloadSummary};

/// A workload object a detail page shows.
pub(super) trait Detailed: Listed {
    /// Its kind-independent summary, read as `kind`.
    fn summary_of(&self, kind: WorkloadKind) -> WorkloadSummary;
    /// What only its kind shows, above the summary.
    fn parts(current: Memo<Self>, workload: Workload) -> AnyView;
}

impl Detailed for Deployment {
    fn summary_of(&self, _: WorkloadKind) -> WorkloadSummary {
        self.summary()
    }

    fn parts(current: Memo<Self>, workload: Workload) -> AnyView {
        view! {
            <RolloutView deployment=current/>
            <PlacementView workload/>
        }
        .into_any()
    }
}

impl Detailed for WorkloadSet {
    fn summary_of(&self, kind: WorkloadKind) -> WorkloadSummary {
        self.summary(kind)
    }

    fn parts(current: Memo<Self>, workload: Workload) -> AnyView {
        // The engine places a StatefulSet's pods over member clusters too; a DaemonSet
        // runs on every eligible node wherever it is.
        let placed = (workload.kind == WorkloadKind::StatefulSet)
            .then(|| view! { <PlacementView workload/> });
        view! {
            <SetRollout set=current kind=workload.kind/>
            {placed}
        }
        .into_any()
    }
}
