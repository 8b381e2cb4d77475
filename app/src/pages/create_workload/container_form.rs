//! One container: type, image and tag, name, resources, pull policy, ports, command,
//! health checks, environment and volumes.

use leptos::prelude::*;

use super::image_picker::ImagePicker;
use super::lists::{EnvList, PortList};
use super::probe_form::ProbeForm;
use super::runtime_form::{Hook, HookForm, LogForm, SecurityForm, SecurityOf, TimeZoneField};
use super::volume_list::VolumeList;
use crate::components::{Columns, SelectField, TextField};
use crate::i18n::*;
use crate::wizard::draft::ContainerDraft;
use crate::wizard::manifest::container_path;
use crate::wizard::Wizard;
use rules::workload::ProbeKind;

/// Reads a text of the container `id`.
pub fn container_text(
    wizard: Wizard,
    id: u32,
    read: impl Fn(&ContainerDraft) -> String + Send + Sync + 'static,
) -> Signal<String> {
    wizard.text(move |d| d.container(id).map(&read).unwrap_or_default())
}

/// Writes a text of the container `id`.
pub fn container_setter(
    wizard: Wizard,
    id: u32,
    write: impl Fn(&mut ContainerDraft, String) + Send + Sync + 'static,
) -> impl Fn(String) + Send + Sync + 'static {
    wizard.setter(move |d, v| {
        if let Some(c) = d.container_mut(id) {
            write(c, v);
        }
    })
}

/// The form of the container `id`, a group named "Container N".
#[component]
pub fn ContainerForm(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let base = Memo::new(move |_| wizard.draft.with(|d| container_path(d, id)));
    let path = move |field: &'static str| Signal::derive(move || format!("{}.{field}", base.get()));
    let number = move || {
        wizard
            .draft
            .with(|d| d.containers.iter().position(|c| c.id == id).unwrap_or(0) + 1)
    };
    let is_init = Signal::derive(move || {
        wizard
            .draft
            .with(|d| d.container(id).is_some_and(|c| c.init))
    });
    let tags = move || {
        let image = wizard
            .draft
            .with(|d| d.container(id).map(|c| c.image.clone()).unwrap_or_default());
        rules::catalog::find(&image)
            .map(|i| i.tags)
            .unwrap_or(&["latest"])
            .iter()
            .map(|t| view! { <option value=*t></option> })
            .collect_view()
    };
    let text = move |read: fn(&ContainerDraft) -> String| container_text(wizard, id, read);
    let label = move |key: fn(crate::I18n) -> String| Signal::derive(move || key(i18n));
    let remove = move |_| wizard.draft.update(|d| d.containers.retain(|c| c.id != id));
    let only_one = move || wizard.draft.with(|d| d.containers.len() <= 1);
    view! {
        <fieldset>
            <legend>{move || t_string!(i18n, container_n, n = number()).to_string()}</legend>
            <Columns>
            <SelectField label=label(|i| t_string!(i, container_type).to_string())
                path=Signal::derive(move || format!("{}#type", base.get()))
                value=Signal::derive(move || if is_init.get() { "init".to_owned() } else { "main".to_owned() })
                options=Signal::derive(move || vec![
                    ("main".to_owned(), t_string!(i18n, container_main).to_string()),
                    ("init".to_owned(), t_string!(i18n, container_init).to_string()),
                ])
                on_change=container_setter(wizard, id, |c, v| c.init = v == "init")/>
            <div>
            <TextField label=label(|i| t_string!(i, image).to_string()) path=path("image")
                suggestions="image-catalog"
                hint=label(|i| t_string!(i, image_hint).to_string())
                value=text(|c| c.image.clone())
                on_input=wizard.setter(move |d, v| {
                    let mut next_id = d.next_id;
                    if let Some(c) = d.container_mut(id) {
                        c.set_image(v, &mut next_id);
                    }
                    d.next_id = next_id;
                })/>
            <ImagePicker id/>
            </div>
            <datalist id=move || format!("tags-{id}")>{tags}</datalist>
            <TextField label=label(|i| t_string!(i, image_tag).to_string())
                path=Signal::derive(move || format!("{}#tag", base.get()))
                suggestions=Signal::derive(move || format!("tags-{id}"))
                value=text(|c| c.tag.clone())
                on_input=container_setter(wizard, id, |c, v| c.tag = v)/>
            <TextField label=label(|i| t_string!(i, container_name).to_string()) path=path("name")
                value=text(|c| c.name.clone())
                on_input=container_setter(wizard, id, |c, v| {
                    c.name = v;
                    c.name_edited = true;
                })/>
            </Columns>
            <Columns>
            <TextField label=label(|i| t_string!(i, cpu_request).to_string()) path=path("resources.requests.cpu")
                value=text(|c| c.cpu_request.clone())
                on_input=container_setter(wizard, id, |c, v| c.cpu_request = v)/>
            <TextField label=label(|i| t_string!(i, memory_request).to_string()) path=path("resources.requests.memory")
                value=text(|c| c.memory_request.clone())
                on_input=container_setter(wizard, id, |c, v| c.memory_request = v)/>
            <TextField label=label(|i| t_string!(i, cpu_limit).to_string()) path=path("resources.limits.cpu")
                value=text(|c| c.cpu_limit.clone())
                on_input=container_setter(wizard, id, |c, v| c.cpu_limit = v)/>
            <TextField label=label(|i| t_string!(i, memory_limit).to_string()) path=path("resources.limits.memory")
                value=text(|c| c.memory_limit.clone())
                on_input=container_setter(wizard, id, |c, v| c.memory_limit = v)/>
            <TextField label=label(|i| t_string!(i, gpu_limit).to_string()) path=path("resources.limits")
                value=text(|c| c.gpu_limit.clone())
                on_input=container_setter(wizard, id, |c, v| c.gpu_limit = v)/>
            <SelectField label=label(|i| t_string!(i, gpu_type).to_string())
                path=Signal::derive(move || format!("{}#gpuType", base.get()))
                value=text(|c| c.gpu_type.clone())
                options=Signal::derive(|| rules::workload::GPU_RESOURCES.map(|g| (g.to_owned(), g.to_owned())).to_vec())
                on_change=container_setter(wizard, id, |c, v| c.gpu_type = v)/>
            <SelectField label=label(|i| t_string!(i, pull_policy).to_string()) path=path("imagePullPolicy")
                value=text(|c| c.pull_policy.clone())
                options=Signal::derive(|| ["IfNotPresent", "Always", "Never"].map(|p| (p.to_owned(), p.to_owned())).to_vec())
                on_change=container_setter(wizard, id, |c, v| c.pull_policy = v)/>
            </Columns>
            <PortList id base/>
            <Columns>
            <TextField label=label(|i| t_string!(i, command).to_string()) path=path("command") multiline=true
                hint=label(|i| t_string!(i, one_per_line).to_string())
                value=text(|c| c.command.clone())
                on_input=container_setter(wizard, id, |c, v| c.command = v)/>
            <TextField label=label(|i| t_string!(i, args).to_string()) path=path("args") multiline=true
                value=text(|c| c.args.clone())
                on_input=container_setter(wizard, id, |c, v| c.args = v)/>
            </Columns>
            <Show when=move || !is_init.get()>
                {ProbeKind::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(index, kind)| view! { <ProbeForm id index kind base/> })
                    .collect_view()}
            </Show>
            <HookForm id hook=Hook::PostStart base/>
            <HookForm id hook=Hook::PreStop base/>
            <EnvList id base/>
            <VolumeList id/>
            <SecurityForm of=SecurityOf::Container(id) base/>
            <TimeZoneField id base/>
            <LogForm id/>
            <button type="button" on:click=remove disabled=only_one>{t!(i18n, remove_container)}</button>
        </fieldset>
    }
}
