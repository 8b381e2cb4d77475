//! The Logs tab: the output of every container of the workload's pods, merged.

use leptos::prelude::*;

use super::Workload;
use crate::components::LogViewer;

/// The tab.
#[component]
pub fn LogsTab(workload: Workload) -> impl IntoView {
    let pod_names = Memo::new(move |_| {
        workload.pods.items.with(|pods| {
            pods.iter()
                .map(|p| p.metadata.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let containers = Memo::new(move |_| workload.current.with(|w| w.containers.clone()));
    let init_containers = Memo::new(move |_| workload.current.with(|w| w.init_containers.clone()));
    view! { <LogViewer namespace=workload.namespace pod_names containers init_containers/> }
}
