//! The repeatable rows of a container: ports, environment variables and volumes; each
//! row a group ("Port 1", "Variable 1", "Volume 1") so its labels stay unique.

use leptos::prelude::*;

use super::container_form::container_setter;
use super::containers::KeySources;
use crate::components::{SelectField, TextField};
use crate::i18n::*;
use crate::wizard::draft::{EnvDraft, EnvSource, PortDraft, VolumeDraft};
use crate::wizard::Wizard;

/// A row of one of a container's lists.
pub(super) trait Row {
    fn row_id(&self) -> u32;
}

impl Row for PortDraft {
    fn row_id(&self) -> u32 {
        self.id
    }
}

impl Row for EnvDraft {
    fn row_id(&self) -> u32 {
        self.id
    }
}

impl Row for VolumeDraft {
    fn row_id(&self) -> u32 {
        self.id
    }
}

/// A text of row `row` of a container's list, read through `list`.
pub(super) fn row_text<T: Row + 'static>(
    wizard: Wizard,
    id: u32,
    row: u32,
    list: fn(&crate::wizard::draft::ContainerDraft) -> &Vec<T>,
    read: fn(&T) -> String,
) -> Signal<String> {
    wizard.text(move |d| {
        d.container(id)
            .and_then(|c| list(c).iter().find(|item| item.row_id() == row).map(read))
            .unwrap_or_default()
    })
}

/// The index of row `row` in a container's list.
pub(super) fn index_of<T: Row + 'static>(
    wizard: Wizard,
    id: u32,
    row: u32,
    list: fn(&crate::wizard::draft::ContainerDraft) -> &Vec<T>,
) -> Memo<usize> {
    Memo::new(move |_| {
        wizard.draft.with(|d| {
            d.container(id)
                .and_then(|c| list(c).iter().position(|item| item.row_id() == row))
                .unwrap_or(0)
        })
    })
}

/// The container's ports, with Add port.
#[component]
pub fn PortList(id: u32, base: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| c.ports.iter().map(|p| p.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let row = d.new_id();
            if let Some(c) = d.container_mut(id) {
                c.ports.push(PortDraft {
                    id: row,
                    protocol: "TCP".into(),
                    name: String::new(),
                    port: String::new(),
                });
            }
        })
    };
    let row_view = move |row: u32| {
        let index = index_of(wizard, id, row, |c| &c.ports);
        let path = move |field: &'static str| {
            Signal::derive(move || format!("{}.ports[{}].{field}", base.get(), index.get()))
        };
        let text =
            move |read: fn(&PortDraft) -> String| row_text(wizard, id, row, |c| &c.ports, read);
        let set = move |write: fn(&mut PortDraft, String)| {
            container_setter(wizard, id, move |c, v| {
                if let Some(p) = c.ports.iter_mut().find(|p| p.id == row) {
                    write(p, v)
                }
            })
        };
        let remove = container_setter(wizard, id, move |c, _| c.ports.retain(|p| p.id != row));
        view! {
            <fieldset>
                <legend>{move || t_string!(i18n, port_n, n = index.get() + 1).to_string()}</legend>
                <SelectField label=Signal::derive(move || t_string!(i18n, protocol).to_string()) path=path("protocol")
                    value=text(|p| p.protocol.clone())
                    options=Signal::derive(|| ["TCP", "UDP", "SCTP"].map(|p| (p.to_owned(), p.to_owned())).to_vec())
                    on_change=set(|p, v| p.protocol = v)/>
                <TextField label=Signal::derive(move || t_string!(i18n, port_name).to_string()) path=path("name")
                    value=text(|p| p.name.clone()) on_input=set(|p, v| p.name = v)/>
                <TextField label=Signal::derive(move || t_string!(i18n, container_port).to_string()) path=path("containerPort")
                    numeric=true value=text(|p| p.port.clone()) on_input=set(|p, v| p.port = v)/>
                <button type="button" on:click=move |_| remove(String::new())>{t!(i18n, remove_port)}</button>
            </fieldset>
        }
    };
    view! {
        <h3>{t!(i18n, ports)}</h3>
        <For each=rows key=|row| *row children=row_view/>
        <button type="button" on:click=add>{t!(i18n, add_port)}</button>
    }
}

/// The container's environment variables, with Add variable.
#[component]
pub fn EnvList(id: u32, base: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| c.env.iter().map(|e| e.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let row = d.new_id();
            if let Some(c) = d.container_mut(id) {
                c.env.push(EnvDraft {
                    id: row,
                    ..Default::default()
                });
            }
        })
    };
    let row_view = move |row: u32| {
        let index = index_of(wizard, id, row, |c| &c.env);
        let path = move |field: &'static str| {
            Signal::derive(move || format!("{}.env[{}].{field}", base.get(), index.get()))
        };
        let text = move |read: fn(&EnvDraft) -> String| row_text(wizard, id, row, |c| &c.env, read);
        let set = move |write: fn(&mut EnvDraft, String)| {
            container_setter(wizard, id, move |c, v| {
                if let Some(e) = c.env.iter_mut().find(|e| e.id == row) {
                    write(e, v)
                }
            })
        };
        let source = move || {
            wizard.draft.with(|d| {
                d.container(id)
                    .and_then(|c| c.env.iter().find(|e| e.id == row).map(|e| e.source))
                    .unwrap_or_default()
            })
        };
        let remove = container_setter(wizard, id, move |c, _| c.env.retain(|e| e.id != row));
        // The keys of the chosen Secret or ConfigMap, offered for the Key field.
        let sources = use_context::<KeySources>();
        let keys = move || {
            let chosen = text(|e| e.ref_name.clone()).get();
            let list = match (sources, source()) {
                (Some(s), EnvSource::Secret) => s.secrets.get(),
                (Some(s), _) => s.config_maps.get(),
                (None, _) => Vec::new(),
            };
            list.into_iter()
                .find(|(name, _)| *name == chosen)
                .map(|(_, keys)| keys)
                .unwrap_or_default()
                .into_iter()
                .map(|k| view! { <option value=k></option> })
                .collect_view()
        };
        let key_ref = move || match source() {
            EnvSource::Secret => Some("valueFrom.secretKeyRef"),
            EnvSource::ConfigMap => Some("valueFrom.configMapKeyRef"),
            _ => None,
        };
        view! {
            <fieldset>
                <legend>{move || t_string!(i18n, variable_n, n = index.get() + 1).to_string()}</legend>
                <TextField label=Signal::derive(move || t_string!(i18n, variable_name).to_string()) path=path("name")
                    value=text(|e| e.name.clone()) on_input=set(|e, v| e.name = v)/>
                <SelectField label=Signal::derive(move || t_string!(i18n, value_source).to_string()) path=path("valueFrom")
                    value=text(|e| format!("{:?}", e.source))
                    options=Signal::derive(move || vec![
                        ("Value".to_owned(), t_string!(i18n, source_value).to_string()),
                        ("PodIp".to_owned(), t_string!(i18n, source_pod_ip).to_string()),
                        ("PodName".to_owned(), t_string!(i18n, source_pod_name).to_string()),
                        ("Secret".to_owned(), t_string!(i18n, source_secret).to_string()),
                        ("ConfigMap".to_owned(), t_string!(i18n, source_config_map).to_string()),
                    ])
                    on_change=set(|e, v| e.source = match v.as_str() {
                        "PodIp" => EnvSource::PodIp,
                        "PodName" => EnvSource::PodName,
                        "Secret" => EnvSource::Secret,
                        "ConfigMap" => EnvSource::ConfigMap,
                        _ => EnvSource::Value,
                    })/>
                <Show when=move || source() == EnvSource::Value>
                    <TextField label=Signal::derive(move || t_string!(i18n, variable_value).to_string()) path=path("value")
                        value=text(|e| e.value.clone()) on_input=set(|e, v| e.value = v)/>
                </Show>
                {move || key_ref().map(|at| view! {
                    <TextField label=Signal::derive(move || if source() == EnvSource::Secret { t_string!(i18n, secret_name).to_string() } else { t_string!(i18n, config_map_name).to_string() })
                        path=Signal::derive(move || format!("{}.env[{}].{at}.name", base.get(), index.get()))
                        suggestions=Signal::derive(move || if source() == EnvSource::Secret { "secret-names".to_owned() } else { "config-map-names".to_owned() })
                        value=text(|e| e.ref_name.clone()) on_input=set(|e, v| e.ref_name = v)/>
                    <datalist id=format!("keys-{row}")>{keys}</datalist>
                    <TextField label=Signal::derive(move || t_string!(i18n, key).to_string())
                        path=Signal::derive(move || format!("{}.env[{}].{at}.key", base.get(), index.get()))
                        suggestions=format!("keys-{row}")
                        value=text(|e| e.ref_key.clone()) on_input=set(|e, v| e.ref_key = v)/>
                })}
                <button type="button" on:click=move |_| remove(String::new())>{t!(i18n, remove_variable)}</button>
            </fieldset>
        }
    };
    view! {
        <h3>{t!(i18n, environment)}</h3>
        <For each=rows key=|row| *row children=row_view/>
        <button type="button" on:click=add>{t!(i18n, add_variable)}</button>
    }
}
