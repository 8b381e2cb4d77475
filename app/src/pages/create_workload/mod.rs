//! `/workloads/create/:step`: the five-step wizard. Each step is a page of its own URL;
//! the draft lives in the wizard context (and the tab's storage) across them.

mod access;
mod advanced;
mod basic;
mod confirm;
mod container_form;
pub(crate) mod containers;
mod image_picker;
mod lists;
mod new_keyed;
mod placement_form;
mod probe_form;
mod run_form;
mod runtime_form;
mod step_nav;
mod summary;
mod volume_list;
mod yaml_editor;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use stylers::style;

use crate::i18n::*;
use crate::wizard::{field_id, Step, Wizard};
use step_nav::StepIndicator;
use summary::WizardSummary;

/// The wizard page: step indicator, the current step's fields with Back / Next, and the
/// choices so far beside them.
#[component]
pub fn CreateWorkloadPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = Wizard::new();
    provide_context(wizard);
    let params = use_params_map();
    let step = Memo::new(move |_| {
        params
            .read()
            .get("step")
            .and_then(|s| Step::from_slug(&s))
            .unwrap_or(Step::Basic)
    });
    let blocked = RwSignal::new(false);
    // Busy until hydrated: typing into the server's HTML before then would be lost.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let navigate = use_navigate();
    let go = move |to: Step| {
        blocked.set(false);
        navigate(&to.href(), Default::default());
    };
    let go_back = go.clone();
    let back = move |_| {
        let here = step.get_untracked();
        if let Some(prev) = Step::ALL.iter().rev().find(|s| **s < here) {
            go_back(*prev);
        }
    };
    let next = move |_| {
        let here = step.get_untracked();
        let errors = wizard.errors_on(here);
        if !errors.is_empty() {
            for path in &errors {
                wizard.touch(path);
            }
            blocked.set(true);
            focus_first(errors.iter().map(|p| field_id(p)).collect());
            return;
        }
        if let Some(next) = Step::ALL.iter().find(|s| **s > here) {
            go(*next);
        }
    };
    let class = style! {
        .wizard {
            max-width: 82rem;
        }
        .layout {
            display: grid;
            grid-template-columns: minmax(0, 1fr) 19rem;
            gap: var(--space-5);
            align-items: start;
        }
        @media (max-width: 68rem) {
            .layout {
                grid-template-columns: minmax(0, 1fr);
            }
        }
        .actions {
            display: flex;
            gap: var(--space-3);
            margin-top: var(--space-5);
        }
        .blocked {
            color: var(--danger);
        }
    };
    view! { class = class,
        <section class="wizard">
            <h1>{t!(i18n, create_workload)}</h1>
            <StepIndicator current=step/>
            <div class="layout">
            <form on:submit=|ev| ev.prevent_default() novalidate=true
                aria-label=move || t_string!(i18n, create_workload).to_string()
                aria-busy=move || (!hydrated.get()).then_some("true")>
                {move || match step.get() {
                    Step::Basic => view! { <basic::BasicStep/> }.into_any(),
                    Step::Containers => view! { <containers::ContainersStep/> }.into_any(),
                    Step::Access => view! { <access::AccessStep/> }.into_any(),
                    Step::Advanced => view! { <advanced::AdvancedStep/> }.into_any(),
                    Step::Confirm => view! { <confirm::ConfirmStep/> }.into_any(),
                }}
                <p class="blocked" role="alert">
                    {move || blocked.get().then(|| t_string!(i18n, fix_errors_first).to_string())}
                </p>
                <div class="actions">
                    <Show when=move || step.get() != Step::Basic>
                        <button type="button" on:click=back.clone()>{t!(i18n, back)}</button>
                    </Show>
                    <Show when=move || step.get() != Step::Confirm>
                        <button type="button" class="primary" on:click=next.clone()>{t!(i18n, next)}</button>
                    </Show>
                </div>
            </form>
            <WizardSummary/>
            </div>
        </section>
    }
}

/// Moves keyboard focus to whichever of the controls `ids` comes first on the page
/// (the first field in error, in reading order).
fn focus_first(ids: Vec<String>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let mut elements: Vec<web_sys::HtmlElement> = ids
            .iter()
            .filter_map(|id| document.get_element_by_id(id))
            .filter_map(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        elements.sort_by(|a, b| {
            let after = a.compare_document_position(b) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING;
            if after != 0 {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        if let Some(first) = elements.first() {
            let _ = first.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ids;
}
