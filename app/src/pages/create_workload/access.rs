//! Step 3, Access: none, intranet (a cluster-internal address) or internet (an
//! external address), and the ports of the Service (SPEC §1.3).

use leptos::prelude::*;

use crate::components::TextField;
use crate::i18n::*;
use crate::wizard::draft::Access;
use crate::wizard::Wizard;

/// The Access step.
#[component]
pub fn AccessStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let access = move || wizard.draft.with(|d| d.access);
    let choice =
        move |value: Access, label: fn(crate::I18n) -> String, hint: fn(crate::I18n) -> String| {
            view! {
                <label class="choice">
                    <input type="radio" name="access" prop:checked=move || access() == value
                        on:change=move |_| wizard.draft.update(|d| d.access = value)/>
                    <span>{move || label(i18n)}</span>
                    <small>{move || hint(i18n)}</small>
                </label>
            }
        };
    view! {
        <h2>{t!(i18n, step_access)}</h2>
        <fieldset>
            <legend>{t!(i18n, access_type)}</legend>
            {choice(Access::None, |i| t_string!(i, access_none).to_string(), |i| t_string!(i, access_none_hint).to_string())}
            {choice(Access::Intranet, |i| t_string!(i, access_intranet).to_string(), |i| t_string!(i, access_intranet_hint).to_string())}
            {choice(Access::Internet, |i| t_string!(i, access_internet).to_string(), |i| t_string!(i, access_internet_hint).to_string())}
        </fieldset>
        <Show when=move || access() != Access::None>
            <TextField label=Signal::derive(move || t_string!(i18n, service_port).to_string())
                path="service.spec.ports[0].port" numeric=true
                value=wizard.text(|d| d.service_ports().0)
                on_input=wizard.setter(|d, v| d.choose_service_ports(|port, _| *port = v))/>
            <TextField label=Signal::derive(move || t_string!(i18n, target_port).to_string())
                path="service.spec.ports[0].targetPort" numeric=true
                value=wizard.text(|d| d.service_ports().1)
                on_input=wizard.setter(|d, v| d.choose_service_ports(|_, target| *target = v))/>
        </Show>
    }
}
