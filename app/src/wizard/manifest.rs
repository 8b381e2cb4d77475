//! The manifests the wizard's draft stands for: the workload, and its Service when it
//! has access. The same JSON is validated in the browser and posted to the API.

use serde_json::{json, Map, Value};

use super::draft::{Access, Check, ContainerDraft, Draft, EnvSource, ProbeDraft};
use super::text::{lines, number};
use super::{placement, runtime, volumes};
use rules::workload::{ProbeKind, DESCRIPTION, POD_TYPE, PROBE_DEFAULTS, REPLICA_SCHEDULING};

/// An int-or-string as typed: `25%` stays text, `3` becomes a number.
fn int_or_string(text: &str) -> Option<Value> {
    number(text)
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

/// The image reference of a container: `repository:tag`.
pub fn image_reference(c: &ContainerDraft) -> String {
    let image = c.image.trim();
    let tag = c.tag.trim();
    if image.is_empty() || tag.is_empty() || image.contains(['@']) {
        image.to_owned()
    } else {
        format!("{image}:{tag}")
    }
}

/// The workload manifest.
pub fn workload(draft: &Draft) -> Value {
    let labels = json!({ "app": draft.name });
    let mut metadata =
        json!({ "name": draft.name, "namespace": draft.namespace, "labels": labels });
    if !draft.description.is_empty() {
        metadata["annotations"][DESCRIPTION] = json!(draft.description);
    }
    // A DaemonSet runs where its nodes are, a Job until done: no replicas to spread.
    let batch = super::batch::is_batch(&draft.kind);
    let clusters =
        placement::replica_scheduling(draft).filter(|_| draft.kind != "DaemonSet" && !batch);
    if let Some(clusters) = clusters {
        metadata["annotations"][REPLICA_SCHEDULING] = clusters;
    }
    let (init, main): (Vec<&ContainerDraft>, Vec<&ContainerDraft>) =
        draft.containers.iter().partition(|c| c.init);
    let mut pod = Map::new();
    if !init.is_empty() {
        pod.insert(
            "initContainers".into(),
            init.iter().map(|c| container(c)).collect(),
        );
    }
    pod.insert(
        "containers".into(),
        main.iter().map(|c| container(c)).collect(),
    );
    let mut volumes: Vec<Value> = pod_volumes(draft)
        .into_iter()
        .map(volumes::volume)
        .collect();
    if draft.containers.iter().any(|c| c.sync_time_zone) {
        volumes.push(runtime::time_zone_volume());
    }
    if !volumes.is_empty() {
        pod.insert("volumes".into(), Value::Array(volumes));
    }
    insert(
        &mut pod,
        "securityContext",
        runtime::security_context(&draft.security, true),
    );
    insert(&mut pod, "affinity", placement::affinity(draft));
    dns(draft, &mut pod);
    let mut annotations = json!({ POD_TYPE: draft.pod_type });
    for (key, logs) in draft.containers.iter().filter_map(runtime::log_annotation) {
        annotations[key] = logs;
    }
    let template = json!({
        "metadata": { "labels": labels, "annotations": annotations },
        "spec": pod,
    });
    if batch {
        let form = super::batch::manifest(&draft.kind, &draft.batch, metadata, template);
        return super::extras::merge(&draft.extra, form);
    }
    let mut spec = Map::new();
    if draft.kind != "DaemonSet" {
        insert(&mut spec, "replicas", placement::replicas(draft));
    }
    if draft.kind == "StatefulSet" {
        spec.insert("serviceName".into(), json!(draft.name));
        spec.insert("podManagementPolicy".into(), json!(draft.pod_management));
    }
    spec.insert("selector".into(), json!({ "matchLabels": labels }));
    insert(
        &mut spec,
        "minReadySeconds",
        number(&draft.min_ready_seconds),
    );
    spec.insert("template".into(), template);
    let rolling = draft.strategy == "RollingUpdate";
    let mut rolling_update = Map::new();
    match draft.kind.as_str() {
        "Deployment" => {
            insert(
                &mut rolling_update,
                "maxSurge",
                int_or_string(&draft.max_surge),
            );
            insert(
                &mut rolling_update,
                "maxUnavailable",
                int_or_string(&draft.max_unavailable),
            );
            let mut strategy = json!({ "type": draft.strategy });
            if rolling {
                strategy["rollingUpdate"] = Value::Object(rolling_update);
            }
            spec.insert("strategy".into(), strategy);
        }
        kind => {
            if kind == "StatefulSet" {
                insert(&mut rolling_update, "partition", number(&draft.partition));
            } else {
                insert(
                    &mut rolling_update,
                    "maxSurge",
                    int_or_string(&draft.max_surge),
                );
            }
            insert(
                &mut rolling_update,
                "maxUnavailable",
                int_or_string(&draft.max_unavailable),
            );
            let mut strategy =
                json!({ "type": if rolling { "RollingUpdate" } else { "OnDelete" } });
            if rolling {
                strategy["rollingUpdate"] = Value::Object(rolling_update);
            }
            spec.insert("updateStrategy".into(), strategy);
        }
    }
    let form = json!({
        "apiVersion": "apps/v1",
        "kind": draft.kind,
        "metadata": metadata,
        "spec": spec,
    });
    super::extras::merge(&draft.extra, form)
}

/// The manifest of one container, its kept fields laid under the form's.
pub fn container(c: &ContainerDraft) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(c.name));
    out.insert("image".into(), json!(image_reference(c)));
    out.insert("imagePullPolicy".into(), json!(c.pull_policy));
    let command = lines(&c.command);
    if !command.is_empty() {
        out.insert("command".into(), json!(command));
    }
    let args = lines(&c.args);
    if !args.is_empty() {
        out.insert("args".into(), json!(args));
    }
    if !c.ports.is_empty() {
        let ports: Vec<Value> = c
            .ports
            .iter()
            .map(|p| {
                let mut port = Map::new();
                if !p.name.trim().is_empty() {
                    port.insert("name".into(), json!(p.name.trim()));
                }
                port.insert(
                    "containerPort".into(),
                    number(&p.port).unwrap_or(Value::Null),
                );
                port.insert("protocol".into(), json!(p.protocol));
                Value::Object(port)
            })
            .collect();
        out.insert("ports".into(), Value::Array(ports));
    }
    let resources = resources(c);
    if !resources.is_empty() {
        out.insert("resources".into(), Value::Object(resources));
    }
    if !c.init {
        for (kind, probe) in ProbeKind::ALL.iter().zip(&c.probes) {
            if probe.enabled {
                out.insert(kind.field().into(), probe_manifest(probe));
            }
        }
    }
    if !c.env.is_empty() {
        out.insert("env".into(), c.env.iter().map(env_var).collect());
    }
    let mut mounts: Vec<Value> = c
        .volumes
        .iter()
        .map(|v| json!({ "name": v.name, "mountPath": v.mount_path }))
        .collect();
    if c.sync_time_zone {
        mounts.push(runtime::time_zone_mount());
    }
    if !mounts.is_empty() {
        out.insert("volumeMounts".into(), Value::Array(mounts));
    }
    insert(&mut out, "lifecycle", runtime::lifecycle(c));
    insert(
        &mut out,
        "securityContext",
        runtime::security_context(&c.security, false),
    );
    super::extras::merge(&c.extra, Value::Object(out))
}

fn resources(c: &ContainerDraft) -> Map<String, Value> {
    let mut requests = Map::new();
    let mut limits = Map::new();
    let put = |map: &mut Map<String, Value>, key: &str, text: &str| {
        if !text.trim().is_empty() {
            map.insert(key.to_owned(), json!(text.trim()));
        }
    };
    put(&mut requests, "cpu", &c.cpu_request);
    put(&mut requests, "memory", &c.memory_request);
    put(&mut limits, "cpu", &c.cpu_limit);
    put(&mut limits, "memory", &c.memory_limit);
    put(&mut limits, c.gpu_type.trim(), &c.gpu_limit);
    let mut out = Map::new();
    if !requests.is_empty() {
        out.insert("requests".into(), Value::Object(requests));
    }
    if !limits.is_empty() {
        out.insert("limits".into(), Value::Object(limits));
    }
    out
}

fn probe_manifest(p: &ProbeDraft) -> Value {
    let port = || number(&p.port).unwrap_or(json!(""));
    let mut out = Map::new();
    match p.check {
        Check::Http => {
            out.insert(
                "httpGet".into(),
                json!({ "path": p.path, "port": port(), "scheme": p.scheme }),
            );
        }
        Check::Tcp => {
            out.insert("tcpSocket".into(), json!({ "port": port() }));
        }
        Check::Exec => {
            out.insert("exec".into(), json!({ "command": lines(&p.command) }));
        }
    }
    for (parameter, text) in PROBE_DEFAULTS.iter().zip(&p.parameters) {
        insert(&mut out, parameter.field, number(text));
    }
    Value::Object(out)
}

fn env_var(e: &super::draft::EnvDraft) -> Value {
    let key_ref = || json!({ "name": e.ref_name, "key": e.ref_key });
    match e.source {
        EnvSource::Value => json!({ "name": e.name, "value": e.value }),
        EnvSource::PodIp => {
            json!({ "name": e.name, "valueFrom": { "fieldRef": { "fieldPath": "status.podIP" } } })
        }
        EnvSource::PodName => {
            json!({ "name": e.name, "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } })
        }
        EnvSource::Secret => json!({ "name": e.name, "valueFrom": { "secretKeyRef": key_ref() } }),
        EnvSource::ConfigMap => {
            json!({ "name": e.name, "valueFrom": { "configMapKeyRef": key_ref() } })
        }
    }
}

/// DNS settings: appended to the cluster's (ClusterFirst) or replacing them (None).
fn dns(draft: &Draft, pod: &mut Map<String, Value>) {
    let policy = match draft.dns_mode.as_str() {
        "append" => "ClusterFirst",
        "replace" => "None",
        _ => return,
    };
    let mut config = Map::new();
    let nameservers = lines(&draft.nameservers);
    if !nameservers.is_empty() {
        config.insert("nameservers".into(), json!(nameservers));
    }
    let searches = lines(&draft.searches);
    if !searches.is_empty() {
        config.insert("searches".into(), json!(searches));
    }
    let options: Vec<Value> = lines(&draft.dns_options)
        .iter()
        .map(|line| match line.split_once('=') {
            Some((name, value)) => json!({ "name": name, "value": value }),
            None => json!({ "name": line }),
        })
        .collect();
    if !options.is_empty() {
        config.insert("options".into(), Value::Array(options));
    }
    pod.insert("dnsPolicy".into(), json!(policy));
    pod.insert("dnsConfig".into(), Value::Object(config));
}

/// The Service for the chosen access, if any.
pub fn service(draft: &Draft) -> Option<Value> {
    let type_ = match draft.access {
        Access::None => return None,
        Access::Intranet => "ClusterIP",
        Access::Internet => "LoadBalancer",
    };
    let (port, target) = draft.service_ports();
    let port = number(&port).unwrap_or(Value::Null);
    let target = number(&target).unwrap_or(Value::Null);
    Some(json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": { "name": draft.service_name(), "namespace": draft.namespace, "labels": { "app": draft.name } },
        "spec": {
            "type": type_,
            "selector": { "app": draft.name },
            "ports": [{ "protocol": "TCP", "port": port, "targetPort": target }],
        },
    }))
}

/// The pod's volumes in manifest order: the init containers' first, as the pod lists
/// its containers.
pub fn pod_volumes(draft: &Draft) -> Vec<&super::draft::VolumeDraft> {
    let init = draft.containers.iter().filter(|c| c.init);
    let main = draft.containers.iter().filter(|c| !c.init);
    init.chain(main).flat_map(|c| &c.volumes).collect()
}

/// The path of the container with `id` in the workload manifest.
pub fn container_path(draft: &Draft, id: u32) -> String {
    let Some(me) = draft.container(id) else {
        return String::new();
    };
    let index = draft
        .containers
        .iter()
        .filter(|c| c.init == me.init)
        .position(|c| c.id == id)
        .unwrap_or(0);
    let list = if me.init {
        "initContainers"
    } else {
        "containers"
    };
    format!("spec.template.spec.{list}[{index}]")
}
