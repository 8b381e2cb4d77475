//! A container's volumes as the pod declares them: a scratch directory, an ephemeral
//! claim on a disk or file storage class (one per pod, gone with it), or a ConfigMap
//! or Secret mount — written and read back.

use serde_json::{json, Map, Value};

use super::draft::{VolumeDraft, VolumeKind};
use super::text::text;

/// The storage classes offered for `kind`, the first being its default.
pub fn storage_classes(kind: VolumeKind) -> &'static [&'static str] {
    let all = &rules::workload::STORAGE_CLASSES;
    match kind {
        VolumeKind::Disk => &all[0..3],
        VolumeKind::File => &all[3..4],
        VolumeKind::Turbo => &all[4..6],
        _ => &[],
    }
}

/// The kind of claim a storage class stands for.
fn kind_of_class(class: &str) -> VolumeKind {
    match class.split('-').next() {
        Some("file") => VolumeKind::File,
        Some("turbo") => VolumeKind::Turbo,
        _ => VolumeKind::Disk,
    }
}

/// The pod's volume for `v`.
pub fn volume(v: &VolumeDraft) -> Value {
    let mut out = match &v.source {
        Some(Value::Object(source)) => source.clone(),
        _ => Map::new(),
    };
    out.insert("name".into(), json!(v.name));
    let capacity = v.capacity.trim();
    match v.kind {
        VolumeKind::Local => {
            let mut empty_dir = Map::new();
            if !capacity.is_empty() {
                empty_dir.insert("sizeLimit".into(), json!(capacity));
            }
            if v.source.is_none() {
                out.insert("emptyDir".into(), Value::Object(empty_dir));
            }
        }
        VolumeKind::Disk | VolumeKind::File | VolumeKind::Turbo => {
            let mode = if v.kind == VolumeKind::Disk {
                "ReadWriteOnce"
            } else {
                "ReadWriteMany"
            };
            out.insert(
                "ephemeral".into(),
                json!({ "volumeClaimTemplate": { "spec": {
                    "accessModes": [mode],
                    "storageClassName": v.disk_type,
                    "resources": { "requests": { "storage": capacity } },
                } } }),
            );
        }
        VolumeKind::ConfigMap => {
            out.insert("configMap".into(), json!({ "name": v.ref_name }));
        }
        VolumeKind::Secret => {
            out.insert("secret".into(), json!({ "secretName": v.ref_name }));
        }
    }
    Value::Object(out)
}

/// Reads the volume a mount names; sources the form has no control for are kept.
pub fn read_volume(id: u32, mount: &Value, volume: Option<&Value>) -> VolumeDraft {
    let mut out = VolumeDraft {
        id,
        name: text(&mount["name"]),
        mount_path: text(&mount["mountPath"]),
        ..VolumeDraft::default()
    };
    let Some(volume) = volume else {
        return out;
    };
    let claim = &volume["ephemeral"]["volumeClaimTemplate"]["spec"];
    if let Some(empty_dir) = volume.get("emptyDir") {
        out.capacity = text(&empty_dir["sizeLimit"]);
    } else if claim.is_object() {
        out.disk_type = text(&claim["storageClassName"]);
        out.kind = kind_of_class(&out.disk_type);
        out.capacity = text(&claim["resources"]["requests"]["storage"]);
    } else if let Some(config_map) = volume.get("configMap") {
        out.kind = VolumeKind::ConfigMap;
        out.ref_name = text(&config_map["name"]);
    } else if let Some(secret) = volume.get("secret") {
        out.kind = VolumeKind::Secret;
        out.ref_name = text(&secret["secretName"]);
    } else {
        out.source = volume.as_object().map(|o| {
            let mut o = o.clone();
            o.remove("name");
            Value::Object(o)
        });
    }
    out
}
