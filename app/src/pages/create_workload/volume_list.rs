//! The volumes of a container, each a group "Volume N": a scratch directory, a disk or
//! file storage claim with its disk type and capacity, or a ConfigMap or Secret mount.

use leptos::prelude::*;

use super::container_form::container_setter;
use super::lists::{index_of, row_text};
use crate::components::{SelectField, TextField};
use crate::i18n::*;
use crate::wizard::draft::{VolumeDraft, VolumeKind};
use crate::wizard::volumes::storage_classes;
use crate::wizard::Wizard;

const KINDS: [VolumeKind; 6] = VolumeKind::ALL;

fn kind_name(i18n: crate::I18n, kind: VolumeKind) -> String {
    match kind {
        VolumeKind::Local => t_string!(i18n, volume_local),
        VolumeKind::Disk => t_string!(i18n, volume_disk),
        VolumeKind::File => t_string!(i18n, volume_file),
        VolumeKind::Turbo => t_string!(i18n, volume_turbo),
        VolumeKind::ConfigMap => t_string!(i18n, volume_config_map),
        VolumeKind::Secret => t_string!(i18n, volume_secret),
    }
    .to_string()
}

/// Where the volume's source sits in the pod's volume, per kind (for messages).
fn source_field(kind: VolumeKind) -> &'static str {
    match kind {
        VolumeKind::Local => "emptyDir.sizeLimit",
        VolumeKind::ConfigMap => "configMap.name",
        VolumeKind::Secret => "secret.secretName",
        _ => "ephemeral.volumeClaimTemplate.spec.resources.requests.storage",
    }
}

/// The volumes mounted into the container, with Add volume.
#[component]
pub fn VolumeList(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard.draft.with(|d| {
            d.container(id)
                .map(|c| c.volumes.iter().map(|v| v.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        wizard.draft.update(|d| {
            let row = d.new_id();
            if let Some(c) = d.container_mut(id) {
                c.volumes.push(VolumeDraft {
                    id: row,
                    name: format!("data-{row}"),
                    capacity: "10Gi".into(),
                    mount_path: "/data".into(),
                    ..VolumeDraft::default()
                });
            }
        })
    };
    let row_view = move |row: u32| {
        // The pod lists the volumes of every container (see `pod_volumes`); mounts
        // are per container.
        let pod_index = Memo::new(move |_| {
            wizard.draft.with(|d| {
                crate::wizard::manifest::pod_volumes(d)
                    .iter()
                    .position(|v| v.id == row)
                    .unwrap_or(0)
            })
        });
        let mount_index = index_of(wizard, id, row, |c| &c.volumes);
        let base = Memo::new(move |_| {
            wizard
                .draft
                .with(|d| crate::wizard::manifest::container_path(d, id))
        });
        let kind = move || {
            wizard.draft.with(|d| {
                d.container(id)
                    .and_then(|c| c.volumes.iter().find(|v| v.id == row))
                    .map(|v| v.kind)
                    .unwrap_or_default()
            })
        };
        let volume_path = move |field: String| {
            Signal::derive(move || {
                format!("spec.template.spec.volumes[{}].{field}", pod_index.get())
            })
        };
        let text =
            move |read: fn(&VolumeDraft) -> String| row_text(wizard, id, row, |c| &c.volumes, read);
        let set = move |write: fn(&mut VolumeDraft, String)| {
            container_setter(wizard, id, move |c, v| {
                if let Some(vol) = c.volumes.iter_mut().find(|x| x.id == row) {
                    write(vol, v)
                }
            })
        };
        // A new kind drops a source kept from YAML and starts from its default class.
        let set_kind = set(|v, x| {
            v.kind = KINDS
                .into_iter()
                .find(|k| format!("{k:?}") == x)
                .unwrap_or_default();
            v.source = None;
            v.disk_type = storage_classes(v.kind)
                .first()
                .map(|c| (*c).to_owned())
                .unwrap_or_default();
        });
        let remove = container_setter(wizard, id, move |c, _| c.volumes.retain(|v| v.id != row));
        let claim = move || {
            matches!(
                kind(),
                VolumeKind::Disk | VolumeKind::File | VolumeKind::Turbo
            )
        };
        let keyed = move || matches!(kind(), VolumeKind::ConfigMap | VolumeKind::Secret);
        view! {
            <fieldset>
                <legend>{move || t_string!(i18n, volume_n, n = mount_index.get() + 1).to_string()}</legend>
                <SelectField label=Signal::derive(move || t_string!(i18n, volume_type).to_string())
                    path=volume_path("#type".into())
                    value=Signal::derive(move || format!("{:?}", kind()))
                    options=Signal::derive(move || KINDS.into_iter().map(|k| (format!("{k:?}"), kind_name(i18n, k))).collect())
                    on_change=set_kind/>
                <TextField label=Signal::derive(move || t_string!(i18n, volume_name).to_string())
                    path=volume_path("name".into())
                    value=text(|v| v.name.clone()) on_input=set(|v, x| v.name = x)/>
                <Show when=claim>
                    <SelectField label=Signal::derive(move || t_string!(i18n, disk_type).to_string())
                        path=volume_path("ephemeral.volumeClaimTemplate.spec.storageClassName".into())
                        value=text(|v| v.disk_type.clone())
                        options=Signal::derive(move || storage_classes(kind()).iter().map(|c| ((*c).to_owned(), (*c).to_owned())).collect())
                        on_change=set(|v, x| v.disk_type = x)/>
                </Show>
                <Show when=move || !keyed()
                    fallback=move || view! {
                        <TextField label=Signal::derive(move || if kind() == VolumeKind::Secret { t_string!(i18n, secret_name).to_string() } else { t_string!(i18n, config_map_name).to_string() })
                            path=Signal::derive(move || format!("spec.template.spec.volumes[{}].{}", pod_index.get(), source_field(kind())))
                            suggestions=Signal::derive(move || if kind() == VolumeKind::Secret { "secret-names".to_owned() } else { "config-map-names".to_owned() })
                            value=text(|v| v.ref_name.clone()) on_input=set(|v, x| v.ref_name = x)/>
                    }>
                    <TextField label=Signal::derive(move || t_string!(i18n, capacity).to_string())
                        path=Signal::derive(move || format!("spec.template.spec.volumes[{}].{}", pod_index.get(), source_field(kind())))
                        value=text(|v| v.capacity.clone()) on_input=set(|v, x| v.capacity = x)/>
                </Show>
                <TextField label=Signal::derive(move || t_string!(i18n, mount_path).to_string())
                    path=Signal::derive(move || format!("{}.volumeMounts[{}].mountPath", base.get(), mount_index.get()))
                    value=text(|v| v.mount_path.clone()) on_input=set(|v, x| v.mount_path = x)/>
                <button type="button" on:click=move |_| remove(String::new())>{t!(i18n, remove_volume)}</button>
            </fieldset>
        }
    };
    view! {
        <h3>{t!(i18n, volumes)}</h3>
        <For each=rows key=|row| *row children=row_view/>
        <button type="button" on:click=add>{t!(i18n, add_volume)}</button>
    }
}
