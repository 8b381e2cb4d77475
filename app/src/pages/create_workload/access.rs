//! Step 3, Access: none, intranet (a cluster-internal address) or internet (an
//! external address), and the ports of the Service (SPEC §1.3).

use leptos::prelude::*;

use crate::components::{Card, Choice, ChoiceCards, TextField};
use crate::i18n::*;
use crate::wizard::draft::Access;
use crate::wizard::Wizard;

/// The Access step.
#[component]
pub fn AccessStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let access = move || wizard.draft.with(|d| d.access);
    const CHOICES: [(Access, &str); 3] = [
        (Access::None, "none"),
        (Access::Intranet, "intranet"),
        (Access::Internet, "internet"),
    ];
    let choices = Signal::derive(move || {
        CHOICES
            .iter()
            .map(|&(value, word)| {
                let detail = match value {
                    Access::None => t_string!(i18n, access_none_hint),
                    Access::Intranet => t_string!(i18n, access_intranet_hint),
                    Access::Internet => t_string!(i18n, access_internet_hint),
                };
                Choice {
                    value: word.to_owned(),
                    title: access_name(i18n, value),
                    detail: Some(detail.to_string()),
                }
            })
            .collect::<Vec<_>>()
    });
    let selected = Signal::derive(move || {
        let chosen = access();
        CHOICES
            .iter()
            .find(|(a, _)| *a == chosen)
            .map_or("none", |(_, w)| *w)
            .to_owned()
    });
    let choose = Callback::new(move |word: String| {
        if let Some(&(value, _)) = CHOICES.iter().find(|(_, w)| *w == word) {
            wizard.draft.update(|d| d.access = value);
            // The Service's name was filled in, not typed: whether it works is said now.
            if value != Access::None {
                wizard.touch("service.metadata.name");
            }
        }
    });
    view! {
        <h2>{t!(i18n, step_access)}</h2>
        <ChoiceCards legend=Signal::derive(move || t_string!(i18n, access_type).to_string())
            name="access" choices selected on_choose=choose/>
        <Show when=move || access() != Access::None>
            <Card title=Signal::derive(move || t_string!(i18n, card_service).to_string()) columns=true>
            <TextField label=Signal::derive(move || t_string!(i18n, service_name).to_string())
                path="service.metadata.name"
                value=wizard.text(|d| d.service_name().to_owned())
                on_input=wizard.setter(|d, v| d.service_name = Some(v))/>
            </Card>
            <Card title=Signal::derive(move || t_string!(i18n, card_ports).to_string()) columns=true>
            <TextField label=Signal::derive(move || t_string!(i18n, service_port).to_string())
                path="service.spec.ports[0].port" numeric=true
                value=wizard.text(|d| d.service_ports().0)
                on_input=wizard.setter(|d, v| d.choose_service_ports(|port, _| *port = v))/>
            <TextField label=Signal::derive(move || t_string!(i18n, target_port).to_string())
                path="service.spec.ports[0].targetPort" numeric=true
                value=wizard.text(|d| d.service_ports().1)
                on_input=wizard.setter(|d, v| d.choose_service_ports(|_, target| *target = v))/>
            </Card>
        </Show>
    }
}

/// An access type's name in the reader's language.
pub(super) fn access_name(i18n: crate::I18n, access: Access) -> String {
    match access {
        Access::None => t_string!(i18n, access_none),
        Access::Intranet => t_string!(i18n, access_intranet),
        Access::Internet => t_string!(i18n, access_internet),
    }
    .to_string()
}
