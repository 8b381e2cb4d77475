//! The step indicator: where the person is among the five steps; earlier steps are
//! links back.

use leptos::prelude::*;

use crate::api::cluster::in_cluster;
use leptos_router::components::A;

use crate::i18n::*;
use crate::wizard::Step;

/// The name of a step, in the current language.
pub fn step_name(i18n: crate::I18n, step: Step) -> String {
    match step {
        Step::Basic => t_string!(i18n, step_basic),
        Step::Containers => t_string!(i18n, step_containers),
        Step::Access => t_string!(i18n, step_access),
        Step::Advanced => t_string!(i18n, step_advanced),
        Step::Confirm => t_string!(i18n, step_confirm),
    }
    .to_string()
}

/// The five steps, the current one marked `aria-current="step"`.
#[component]
pub fn StepIndicator(current: Memo<Step>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav aria-label=move || t_string!(i18n, steps)>
            <ol class="wizard-steps">
                {Step::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, step)| {
                        let label = move || format!("{}. {}", i + 1, step_name(i18n, step));
                        view! {
                            <li aria-current=move || (current.get() == step).then_some("step")>
                                {move || if step < current.get() {
                                    view! { <A href=in_cluster(&step.href())>{label}</A> }.into_any()
                                } else {
                                    view! { <span>{label}</span> }.into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
