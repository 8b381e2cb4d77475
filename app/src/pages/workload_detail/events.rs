//! The Events tab: what happened to the workload, the objects it owns and its pods, newest
//! first, with a plain-language hint for the two failures the seed's guide explains.

use std::sync::Arc;

use leptos::prelude::*;

use super::Workload;
use crate::api::model::Event;
use crate::api::paths;
use crate::components::{EventTable, Followed};

/// The tab: the namespace's events, followed live, filtered to this workload.
#[component]
pub fn EventsTab(workload: Workload) -> impl IntoView {
    let path = Signal::derive(move || paths::events(&workload.namespace.get()));
    let concerns: Arc<dyn Fn(&Event) -> bool + Send + Sync> =
        Arc::new(move |e| workload.kind.concerns(e, &workload.name.get()));
    view! {
        <Followed path render=move |events| view! { <EventTable events concerns=concerns.clone()/> }/>
    }
}
