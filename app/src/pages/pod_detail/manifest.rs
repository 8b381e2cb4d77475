//! The YAML tab: the pod as served, read-only (a pod's spec is mostly immutable: its
//! workload's template is what to edit).

use leptos::prelude::*;

use crate::api::model::PodDetail;
use crate::i18n::*;

/// The tab.
#[component]
pub fn Manifest(pod: Memo<PodDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || pod.with(|p| serde_norway::to_string(&p.object).unwrap_or_default());
    view! {
        <pre class="manifest" tabindex="0" aria-label=move || t_string!(i18n, manifest).to_string()>{text}</pre>
    }
}
