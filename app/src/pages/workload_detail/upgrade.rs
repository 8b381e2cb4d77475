//! The upgrade dialog: a new image per container and, for a Deployment, the upgrade
//! strategy (rolling with its limits, or replace). It edits the workload as read when
//! the dialog opened, so if someone changes it meanwhile the API refuses (409) and the
//! dialog says so instead of overwriting their change.

use leptos::prelude::*;

use super::edit_form::EditForm;
use super::Workload;
use crate::api::model::WorkloadKind;
use crate::components::{ChoiceSelect, FormModal, ModalField};
use crate::edits::{self, StrategyText};
use crate::i18n::*;
use crate::wizard::violation_text;

/// The fields' indexes for their messages: the images come first, by container.
const SURGE: usize = usize::MAX - 1;
const UNAVAILABLE: usize = usize::MAX;

/// What the dialog edits: each container's name and image, and a Deployment's strategy.
#[derive(Clone)]
struct Upgrade {
    images: Vec<(String, RwSignal<String>)>,
    strategy: Option<StrategyFields>,
}

/// A Deployment's strategy as three fields.
#[derive(Clone, Copy)]
struct StrategyFields {
    replace: RwSignal<bool>,
    max_surge: RwSignal<String>,
    max_unavailable: RwSignal<String>,
}

impl StrategyFields {
    fn new(read: StrategyText) -> Self {
        StrategyFields {
            replace: RwSignal::new(read.replace),
            max_surge: RwSignal::new(read.max_surge),
            max_unavailable: RwSignal::new(read.max_unavailable),
        }
    }

    fn chosen(self) -> StrategyText {
        StrategyText {
            replace: self.replace.get_untracked(),
            max_surge: self.max_surge.get_untracked(),
            max_unavailable: self.max_unavailable.get_untracked(),
        }
    }
}

/// The strategy choice's name: replace or rolling.
fn strategy_name(i18n: crate::I18n, replace: bool) -> String {
    crate::words::strategy(
        i18n,
        Some(if replace { "Recreate" } else { "RollingUpdate" }),
    )
}

/// The field a rule's finding at `path` belongs to, if the dialog has it.
fn field_of(path: &str) -> Option<usize> {
    match path {
        "spec.strategy.rollingUpdate.maxSurge" => Some(SURGE),
        "spec.strategy.rollingUpdate.maxUnavailable" => Some(UNAVAILABLE),
        _ => path
            .strip_prefix("spec.template.spec.containers[")?
            .split_once("].image")?
            .0
            .parse()
            .ok(),
    }
}

/// Asks for each container's image (and a Deployment's strategy) and starts the rollout.
#[component]
pub fn UpgradeDialog(
    workload: Workload,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = workload.path();
    let deployment = workload.kind == WorkloadKind::Deployment;
    let form = EditForm::open(i18n, path.clone(), move |manifest| {
        Ok(Upgrade {
            images: edits::container_images(manifest)
                .into_iter()
                .map(|(name, image)| (name, RwSignal::new(image)))
                .collect(),
            strategy: deployment.then(|| StrategyFields::new(edits::deployment_strategy(manifest))),
        })
    });
    let submit = Callback::new(move |()| {
        let Some((manifest, upgrade)) = form.read.get_untracked() else {
            return;
        };
        let chosen: Vec<String> = upgrade
            .images
            .iter()
            .map(|(_, i)| i.get_untracked())
            .collect();
        let mut upgraded = edits::with_images(&manifest, &chosen);
        if let Some(strategy) = upgrade.strategy {
            upgraded = edits::with_strategy(&upgraded, &strategy.chosen());
        }
        let found: Vec<(usize, String)> = edits::check(&upgraded, workload.gpu_namespace)
            .errors
            .iter()
            .filter_map(|e| Some((field_of(&e.path)?, violation_text(i18n, &e.violation))))
            .collect();
        if !found.is_empty() {
            form.errors.set(found);
            return;
        }
        let done = |i: crate::I18n| t_string!(i, upgrade_done).to_string();
        form.save(i18n, path.clone(), &upgraded, done, on_done);
    });
    let on_edit = Callback::new(move |()| form.errors.set(Vec::new()));
    let images = move || {
        form.read.get().map(|(_, upgrade)| {
            upgrade
                .images
                .into_iter()
                .enumerate()
                .map(|(index, (name, image))| {
                    let label = Signal::derive(move || {
                        t_string!(i18n, image_of, container = name.clone()).to_string()
                    });
                    view! {
                        <ModalField id=format!("upgrade-image-{index}") label value=image
                            error=form.error(index) on_edit/>
                    }
                })
                .collect_view()
        })
    };
    let strategy = move || {
        let fields = form
            .read
            .with(|r| r.as_ref().and_then(|(_, u)| u.strategy))?;
        let text = |word: fn(crate::I18n) -> String| Signal::derive(move || word(i18n));
        let surge_label = text(|i| t_string!(i, max_surge).to_string());
        let unavailable_label = text(|i| t_string!(i, max_unavailable).to_string());
        Some(view! {
            <div class="dialog-field">
                <ChoiceSelect id="upgrade-strategy" label=text(|i| t_string!(i, strategy).to_string())
                    choices=vec![false, true] name=strategy_name selected=fields.replace
                    on_choose=Callback::new(move |replace| fields.replace.set(replace))/>
            </div>
            <Show when=move || !fields.replace.get()>
                <ModalField id="upgrade-max-surge".to_owned() value=fields.max_surge
                    label=surge_label error=form.error(SURGE) on_edit/>
                <ModalField id="upgrade-max-unavailable".to_owned() value=fields.max_unavailable
                    label=unavailable_label error=form.error(UNAVAILABLE) on_edit/>
            </Show>
        })
    };
    view! {
        <FormModal id="upgrade-title" ready=form.ready() failure=form.failure on_submit=submit on_cancel
            title=Signal::derive(move || t_string!(i18n, upgrade_title).to_string())
            hint=Signal::derive(move || t_string!(i18n, upgrade_hint).to_string())
            submit_label=Signal::derive(move || t_string!(i18n, upgrade).to_string())>
            {images}
            {strategy}
        </FormModal>
    }
}
