//! How a container runs, beyond its image: security contexts, lifecycle hooks, log
//! collection and the host's time zone — each written into the manifest and read back.

use serde_json::{json, Map, Value};

use super::draft::ContainerDraft;
use super::settings::{HookAction, HookDraft, LogPathDraft, SecurityDraft};
use super::text::{lines, number, text};

/// The volume (and mount) that shows a container the node's time zone.
pub const TIME_ZONE_VOLUME: &str = "host-time-zone";
/// Where the time zone lives, on the node and in the container.
pub const LOCALTIME: &str = "/etc/localtime";

/// A security context; `pod` for the pod's own.
pub fn security_context(s: &SecurityDraft, pod: bool) -> Option<Value> {
    let mut out = Map::new();
    for (key, typed) in [
        ("runAsUser", &s.run_as_user),
        ("runAsGroup", &s.run_as_group),
    ] {
        if let Some(v) = number(typed) {
            out.insert(key.into(), v);
        }
    }
    if pod {
        if let Some(v) = number(&s.fs_group) {
            out.insert("fsGroup".into(), v);
        }
    }
    if s.run_as_non_root {
        out.insert("runAsNonRoot".into(), json!(true));
    }
    if !pod && s.privileged {
        out.insert("privileged".into(), json!(true));
    }
    if !pod && s.read_only_root {
        out.insert("readOnlyRootFilesystem".into(), json!(true));
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Reads a security context back.
pub fn read_security(v: &Value) -> SecurityDraft {
    SecurityDraft {
        run_as_user: text(&v["runAsUser"]),
        run_as_group: text(&v["runAsGroup"]),
        fs_group: text(&v["fsGroup"]),
        run_as_non_root: v["runAsNonRoot"] == json!(true),
        privileged: v["privileged"] == json!(true),
        read_only_root: v["readOnlyRootFilesystem"] == json!(true),
    }
}

/// The container's `lifecycle`, if it has a hook.
pub fn lifecycle(c: &ContainerDraft) -> Option<Value> {
    let mut out = Map::new();
    for (key, hook) in [("postStart", &c.post_start), ("preStop", &c.pre_stop)] {
        let handler = match hook.action {
            HookAction::None => continue,
            HookAction::Exec => json!({ "exec": { "command": lines(&hook.command) } }),
            HookAction::Http => json!({ "httpGet": {
                "path": hook.path,
                "port": number(&hook.port).unwrap_or(json!("")),
            } }),
        };
        out.insert(key.into(), handler);
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Reads a hook back; one the form can't show (TCP, sleep) stays off and is kept.
pub fn read_hook(v: &Value) -> HookDraft {
    if let Some(exec) = v.get("exec") {
        HookDraft {
            action: HookAction::Exec,
            command: super::text::joined(&exec["command"]),
            ..HookDraft::default()
        }
    } else if let Some(http) = v.get("httpGet") {
        HookDraft {
            action: HookAction::Http,
            path: text(&http["path"]),
            port: text(&http["port"]),
            ..HookDraft::default()
        }
    } else {
        HookDraft::default()
    }
}

/// The log collection annotation of a container: its key and JSON text.
pub fn log_annotation(c: &ContainerDraft) -> Option<(String, Value)> {
    if !c.log_stdout && c.log_paths.is_empty() {
        return None;
    }
    let paths: Vec<Value> = c
        .log_paths
        .iter()
        .map(|p| json!({ "path": p.path.trim(), "size": p.size.trim() }))
        .collect();
    let settings = json!({ "stdout": c.log_stdout, "paths": paths });
    Some((
        format!("{}{}", rules::workload::LOGS_PREFIX, c.name),
        json!(settings.to_string()),
    ))
}

/// Reads a container's log collection from the template's annotations.
pub fn read_logs(annotations: &Value, c: &mut ContainerDraft, next_id: &mut u32) {
    let key = format!("{}{}", rules::workload::LOGS_PREFIX, c.name);
    let Some(Ok(settings)) = annotations[&key]
        .as_str()
        .map(serde_json::from_str::<Value>)
    else {
        return;
    };
    c.log_stdout = settings["stdout"] == json!(true);
    for p in settings["paths"].as_array().into_iter().flatten() {
        *next_id += 1;
        c.log_paths.push(LogPathDraft {
            id: *next_id,
            path: text(&p["path"]),
            size: text(&p["size"]),
        });
    }
}

/// The mount of the node's time zone.
pub fn time_zone_mount() -> Value {
    json!({ "name": TIME_ZONE_VOLUME, "mountPath": LOCALTIME, "readOnly": true })
}

/// The pod volume behind [`time_zone_mount`].
pub fn time_zone_volume() -> Value {
    json!({ "name": TIME_ZONE_VOLUME, "hostPath": { "path": LOCALTIME } })
}

/// Whether a mount is the time zone's.
pub fn is_time_zone_mount(mount: &Value) -> bool {
    mount["name"] == TIME_ZONE_VOLUME && mount["mountPath"] == LOCALTIME
}
